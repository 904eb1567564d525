import NIOSSL

/// Kafka's `ssl.*` settings, read and loaded: the trust roots, the optional own certificate and key, host name
/// verification and the protocol versions. Stores are loaded when the settings are read, as Kafka's SslFactory
/// does, so a wrong path or password fails before any connection is tried.
public struct TLSSettings: Sendable, Hashable {
    /// nil: the system's trust roots.
    public var trustRoots: [NIOSSLCertificate]?
    /// Our certificate chain (leaf first) and key, for mutual TLS (client) or the listener's identity (broker).
    public var certificateChain: [NIOSSLCertificate]
    public var privateKey: NIOSSLPrivateKey?
    /// `ssl.endpoint.identification.algorithm`: "https" (the default) or "" (no host name check).
    public var endpointIdentificationAlgorithm: String
    public var minimumVersion: TLSVersion
    public var maximumVersion: TLSVersion
    /// `ssl.cipher.suites` as given: Java's suite names do not map onto BoringSSL's, so it is not applied.
    public var ignoredCipherSuites: String?

    public init(properties: [String: String], prefix: String = "") throws {
        let value = { (key: String) -> String? in
            (properties[prefix + key] ?? properties[key]).map { $0.trimmingJavaBlanks() }
        }
        let nonEmpty = { (key: String) -> String? in value(key).flatMap { $0.isEmpty ? nil : $0 } }

        let algorithm = value("ssl.endpoint.identification.algorithm") ?? "https"
        guard algorithm.isEmpty || algorithm.lowercased() == "https" else {
            throw TLSSettingsError(
                "Invalid value \(algorithm) for configuration ssl.endpoint.identification.algorithm: "
                    + "only https (host name verification) or an empty value (none) is supported")
        }
        endpointIdentificationAlgorithm = algorithm
        (minimumVersion, maximumVersion) = try Self.versions(
            protocol: nonEmpty("ssl.protocol"), enabled: nonEmpty("ssl.enabled.protocols"))
        ignoredCipherSuites = nonEmpty("ssl.cipher.suites")

        // Truststore: a file, inline PEM, or neither (the system's roots).
        let truststoreType = try TLSStoreLoader.storeType(value("ssl.truststore.type"), key: "ssl.truststore.type")
        if let location = nonEmpty("ssl.truststore.location") {
            trustRoots = try TLSStoreLoader.trustedCertificates(
                path: location, type: truststoreType ?? .jks, password: nonEmpty("ssl.truststore.password"))
        } else if let inline = nonEmpty("ssl.truststore.certificates") {
            trustRoots = try TLSStoreLoader.inlineTrustedCertificates(inline, key: "ssl.truststore.certificates")
        } else {
            trustRoots = nil
        }

        // Keystore: a file, inline PEM key and chain, or neither.
        let keystoreType = try TLSStoreLoader.storeType(value("ssl.keystore.type"), key: "ssl.keystore.type")
        let identity: TLSStoreLoader.Identity?
        if let location = nonEmpty("ssl.keystore.location") {
            identity = try TLSStoreLoader.identity(
                path: location, type: keystoreType ?? .jks, password: nonEmpty("ssl.keystore.password"),
                keyPassword: nonEmpty("ssl.key.password"))
        } else if let key = nonEmpty("ssl.keystore.key") {
            guard let chain = nonEmpty("ssl.keystore.certificate.chain") else {
                throw TLSSettingsError("ssl.keystore.key is set but ssl.keystore.certificate.chain is not")
            }
            identity = try TLSStoreLoader.inlineIdentity(key: key, chain: chain, keyPassword: nonEmpty("ssl.key.password"))
        } else if nonEmpty("ssl.keystore.certificate.chain") != nil {
            throw TLSSettingsError("ssl.keystore.certificate.chain is set but ssl.keystore.key is not")
        } else {
            identity = nil
        }
        certificateChain = identity?.chain ?? []
        privateKey = identity?.key
    }

    public var verifiesHostName: Bool { !endpointIdentificationAlgorithm.isEmpty }

    /// Trust roots from the truststore (the system's when none is set), our certificate when a keystore is set,
    /// and the broker's host name checked unless `ssl.endpoint.identification.algorithm` is empty.
    public func makeClientConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        applyCommon(to: &configuration)
        configuration.certificateVerification = verifiesHostName ? .fullVerification : .noHostnameVerification
        return configuration
    }

    /// The listener's certificate and key (required), and client certificates checked against the truststore
    /// as `ssl.client.auth` asks.
    public func makeServerConfiguration(clientAuth: TLSClientAuth) throws -> TLSConfiguration {
        guard let privateKey, !certificateChain.isEmpty else {
            throw TLSSettingsError(
                "An SSL listener needs a keystore: set ssl.keystore.location (or ssl.keystore.key and "
                    + "ssl.keystore.certificate.chain)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificateChain.map { .certificate($0) },
            privateKey: .privateKey(privateKey))
        applyCommon(to: &configuration)
        switch clientAuth {
        case .none: configuration.certificateVerification = .none
        case .requested: configuration.certificateVerification = .optionalVerification
        case .required: configuration.certificateVerification = .noHostnameVerification
        }
        return configuration
    }

    private func applyCommon(to configuration: inout TLSConfiguration) {
        configuration.minimumTLSVersion = minimumVersion
        configuration.maximumTLSVersion = maximumVersion
        configuration.trustRoots = trustRoots.map { .certificates($0) } ?? .default
        if let privateKey, !certificateChain.isEmpty {
            configuration.certificateChain = certificateChain.map { .certificate($0) }
            configuration.privateKey = .privateKey(privateKey)
        }
    }

    /// `ssl.enabled.protocols` (default TLSv1.2,TLSv1.3) bounds the versions; `ssl.protocol` is checked only.
    static func versions(protocol: String?, enabled: String?) throws -> (TLSVersion, TLSVersion) {
        if let name = `protocol`, name.uppercased() != "TLS", version(named: name) == nil {
            throw TLSSettingsError(
                "Invalid value \(name) for configuration ssl.protocol: supported values are TLSv1.2, TLSv1.3 and TLS")
        }
        let names = (enabled ?? "TLSv1.2,TLSv1.3").split(separator: ",").map { $0.trimmingJavaBlanks() }
            .filter { !$0.isEmpty }
        var versions: [TLSVersion] = []
        for name in names {
            guard let version = version(named: name) else {
                throw TLSSettingsError(
                    "Invalid value \(name) in configuration ssl.enabled.protocols: supported values are TLSv1.2 and TLSv1.3")
            }
            versions.append(version)
        }
        let ordered: [TLSVersion] = [.tlsv1, .tlsv11, .tlsv12, .tlsv13]
        guard let low = ordered.first(where: versions.contains), let high = ordered.last(where: versions.contains) else {
            throw TLSSettingsError("ssl.enabled.protocols names no protocol")
        }
        return (low, high)
    }

    private static func version(named name: String) -> TLSVersion? {
        switch name {
        case "TLSv1.2": .tlsv12
        case "TLSv1.3": .tlsv13
        case "TLSv1.1": .tlsv11
        case "TLSv1": .tlsv1
        default: nil
        }
    }
}

extension StringProtocol {
    /// Java's `String.trim()`, as ConfigDef applies it to every value.
    func trimmingJavaBlanks() -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return "" }
        return String(scalars[first...last])
    }
}

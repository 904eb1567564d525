import Foundation

/// Certificates made with `openssl` (and `keytool` for JKS) in a fresh temporary directory at test time, so
/// nothing secret is committed: a CA, server certificates it signs, and a second CA nobody trusts.
public struct TestCertificates: Sendable {
    public let directory: URL

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A new directory holding `ca.pem`/`ca.key` and `rogue-ca.pem`/`rogue-ca.key`.
    public static func make() async throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kafka-tls-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificates = TestCertificates(directory: directory)
        try await certificates.makeAuthority("ca")
        try await certificates.makeAuthority("rogue-ca")
        return certificates
    }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    public func remove() { try? FileManager.default.removeItem(at: directory) }

    /// `<name>.pem` and `<name>.key` (unencrypted PKCS#8), signed by `authority`, valid for `names`
    /// (`DNS:localhost`, `IP:127.0.0.1`).
    public func makeLeaf(_ name: String, subject: String = "/CN=localhost", names: [String], authority: String = "ca")
        async throws
    {
        try await run(
            "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject)
        let extensions = "subjectAltName=\(names.joined(separator: ","))\nextendedKeyUsage=serverAuth,clientAuth\n"
        try Data(extensions.utf8).write(to: directory.appendingPathComponent("\(name).ext"))
        try await run(
            "openssl", "x509", "-req", "-in", "\(name).csr", "-CA", "\(authority).pem", "-CAkey", "\(authority).key",
            "-CAcreateserial", "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext")
    }

    /// `<name>-encrypted.key`: the key as encrypted PKCS#8.
    public func encryptKey(_ name: String, password: String) async throws {
        try await run(
            "openssl", "pkcs8", "-topk8", "-in", "\(name).key", "-out", "\(name)-encrypted.key", "-passout",
            "pass:\(password)")
    }

    /// `<name>.p12`: key, certificate and the CA, as `openssl pkcs12 -export` writes them.
    public func exportPKCS12(_ name: String, password: String, authority: String = "ca") async throws {
        try await run(
            "openssl", "pkcs12", "-export", "-in", "\(name).pem", "-inkey", "\(name).key", "-certfile",
            "\(authority).pem", "-name", name, "-out", "\(name).p12", "-passout", "pass:\(password)")
    }

    /// `<store>`: a JKS truststore holding `certificate` (a PEM file here), made by keytool.
    public func makeJKSTruststore(_ store: String, certificate: String, password: String) async throws {
        try await run(
            try Self.keytool(), "-importcert", "-noprompt", "-alias", "ca", "-file", certificate, "-keystore", store,
            "-storetype", "JKS", "-storepass", password)
    }

    /// `<store>`: a JKS keystore holding `<name>.p12`'s key entry, converted by keytool.
    public func makeJKSKeystore(_ store: String, fromPKCS12 name: String, password: String) async throws {
        try await run(
            try Self.keytool(), "-importkeystore", "-noprompt", "-srckeystore", "\(name).p12", "-srcstoretype",
            "PKCS12", "-srcstorepass", password, "-destkeystore", store, "-deststoretype", "JKS", "-deststorepass",
            password)
    }

    /// `<store>`: a PKCS12 truststore holding `certificate`, made by keytool. PKCS12 is keytool's default since
    /// JDK 9, so `-storetype` is passed only when `explicitType` is set; `javaOptions` (`-Dkeystore.pkcs12.…`)
    /// choose the encryption and MAC algorithms.
    public func makePKCS12Truststore(
        _ store: String, certificate: String, password: String, explicitType: Bool = false, javaOptions: [String] = []
    ) async throws {
        var arguments = javaOptions.map { "-J\($0)" }
        arguments += ["-importcert", "-noprompt", "-alias", "ca", "-file", certificate, "-keystore", store]
        if explicitType { arguments += ["-storetype", "PKCS12"] }
        try await run(try Self.keytool(), arguments: arguments + ["-storepass", password])
    }

    /// keytool is required, never skipped: `scripts/install-test-peers` installs a JRE.
    static func keytool() throws -> String {
        for candidate in ["/usr/bin/keytool", "/usr/local/bin/keytool"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        if let home = ProcessInfo.processInfo.environment["JAVA_HOME"] {
            let candidate = home + "/bin/keytool"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(
            description: "keytool not found (install a JRE: apt-get install default-jre-headless, or run scripts/install-test-peers)")
    }

    private func makeAuthority(_ name: String) async throws {
        try await run(
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).pem", "-days", "2", "-subj", "/CN=Test \(name)")
    }

    /// Runs a tool in the directory and returns its output; fails with that output when it exits non-zero.
    @discardableResult public func run(_ tool: String, _ arguments: String...) async throws -> String {
        try await run(tool, arguments: arguments)
    }

    /// Waits on a Dispatch thread, not on the cooperative pool: a JVM start (keytool) blocks for most of a second,
    /// which would stall every timing-sensitive test of the process on a 2-core machine.
    @discardableResult public func run(_ tool: String, arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.runBlocking(tool, arguments: arguments) })
            }
        }
    }

    private func runBlocking(_ tool: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : "/usr/bin/env")
        process.arguments = tool.hasPrefix("/") ? arguments : [tool] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }
}

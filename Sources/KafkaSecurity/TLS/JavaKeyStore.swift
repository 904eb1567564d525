import Crypto
import Foundation

/// A Java KeyStore (JKS) file as `keytool` writes it, read in-house because Kafka's default store type is JKS and
/// nothing else on this side parses it. Layout: magic 0xFEEDFEED, version 1 or 2, entry count, entries (tag 1 =
/// private key with its chain, tag 2 = trusted certificate), then SHA-1 over UTF-16BE(password) ‖
/// "Mighty Aphrodite" ‖ everything before the digest.
struct JavaKeyStore {
    struct TrustedCertificate {
        var alias: String
        var der: [UInt8]
    }

    struct PrivateKeyEntry {
        var alias: String
        /// DER certificates, leaf first.
        var chain: [[UInt8]]
    }

    static let magic: UInt32 = 0xFEED_FEED
    /// JCEKS: the same layout with other key protection; not read here.
    static let jceksMagic: UInt32 = 0xCECE_CECE

    var trustedCertificates: [TrustedCertificate] = []
    var privateKeys: [PrivateKeyEntry] = []

    /// Whether `bytes` start like a JKS or JCEKS store.
    static func looksLikeJavaKeyStore(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        let head = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
        return head == magic || head == jceksMagic
    }

    /// Parses the store; checks its integrity when a password is given (Java skips the check without one).
    /// Failures are `JavaKeyStoreError`s that never contain the password.
    init(bytes: [UInt8], password: String?) throws(JavaKeyStoreError) {
        var reader = Reader(data: bytes)
        let magic = try reader.uint32()
        if magic == Self.jceksMagic { throw .jceks }
        guard magic == Self.magic else { throw .notAKeyStore }
        let version = try reader.uint32()
        guard version == 1 || version == 2 else { throw .unsupportedVersion(Int(version)) }
        let count = try reader.uint32()
        for _ in 0..<count {
            let tag = try reader.uint32()
            let alias = try reader.utf()
            _ = try reader.bytes(8)  // creation date
            switch tag {
            case 1:
                let protectedKeyLength = try reader.uint32()
                _ = try reader.bytes(Int(protectedKeyLength))
                let chainLength = try reader.uint32()
                var chain: [[UInt8]] = []
                for _ in 0..<chainLength { chain.append(try reader.certificate(version: version)) }
                privateKeys.append(PrivateKeyEntry(alias: alias, chain: chain))
            case 2:
                trustedCertificates.append(TrustedCertificate(alias: alias, der: try reader.certificate(version: version)))
            default:
                throw .unknownEntry(Int(tag))
            }
        }
        let bodyEnd = reader.offset
        let digest = try reader.bytes(Insecure.SHA1.byteCount)
        guard let password else { return }
        var hasher = Insecure.SHA1()
        hasher.update(data: Self.passwordBytes(password))
        hasher.update(data: Array("Mighty Aphrodite".utf8))
        hasher.update(data: bytes[0..<bodyEnd])
        guard Array(hasher.finalize()) == Array(digest) else { throw .integrityCheckFailed }
    }

    /// Java's `char[]` password as UTF-16 big-endian bytes, the form the integrity digest starts with.
    static func passwordBytes(_ password: String) -> [UInt8] {
        password.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// Big-endian reads that fail instead of trapping on a short file.
    struct Reader {
        let data: [UInt8]
        var offset = 0

        mutating func bytes(_ count: Int) throws(JavaKeyStoreError) -> ArraySlice<UInt8> {
            guard count >= 0, count <= data.count - offset else { throw .truncated }
            defer { offset += count }
            return data[offset..<offset + count]
        }

        mutating func uint32() throws(JavaKeyStoreError) -> UInt32 {
            try bytes(4).reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func uint16() throws(JavaKeyStoreError) -> Int {
            Int(try bytes(2).reduce(UInt16(0)) { $0 << 8 | UInt16($1) })
        }

        /// `DataOutputStream.writeUTF`: a 2-byte length, then modified UTF-8 (plain UTF-8 for ordinary aliases).
        mutating func utf() throws(JavaKeyStoreError) -> String {
            let length = try uint16()
            return String(decoding: try bytes(length), as: UTF8.self)
        }

        /// Version 2 names the certificate type before each certificate; only X.509 exists in practice.
        mutating func certificate(version: UInt32) throws(JavaKeyStoreError) -> [UInt8] {
            if version == 2 {
                let type = try utf()
                guard type == "X.509" else { throw .unsupportedCertificateType(type) }
            }
            let length = try uint32()
            return Array(try bytes(Int(length)))
        }
    }
}

enum JavaKeyStoreError: Error, Hashable {
    case notAKeyStore
    case jceks
    case unsupportedVersion(Int)
    case unknownEntry(Int)
    case unsupportedCertificateType(String)
    case truncated
    case integrityCheckFailed

    /// The reason, worded as keytool would ("Keystore was tampered with, or password was incorrect").
    var reason: String {
        switch self {
        case .notAKeyStore: "not a JKS keystore (no 0xFEEDFEED magic number)"
        case .jceks: "JCEKS keystores are not supported; convert it to PKCS12 with keytool -importkeystore"
        case .unsupportedVersion(let version): "unsupported JKS version \(version)"
        case .unknownEntry(let tag): "unknown JKS entry type \(tag)"
        case .unsupportedCertificateType(let type): "unsupported certificate type \(type)"
        case .truncated: "the JKS file is truncated"
        case .integrityCheckFailed: "keystore was tampered with, or password was incorrect"
        }
    }
}

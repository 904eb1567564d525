import Crypto
import _CryptoExtras

/// The hash behind a SCRAM mechanism and the RFC 5802 functions built on it: Hi (PBKDF2), HMAC and H.
public enum ScramHash: Sendable, Hashable {
    case sha256
    case sha512

    public var mechanism: SaslMechanism {
        switch self {
        case .sha256: .scramSHA256
        case .sha512: .scramSHA512
        }
    }

    /// Kafka refuses fewer iterations than this (ScramMechanism.minIterations).
    public static let minimumIterations = 4096
    /// Kafka's cap on the iterations a server may ask for (ScramMechanism.maxIterations).
    public static let maximumIterations = 16384

    /// Hi(password, salt, i) of RFC 5802: PBKDF2 with this HMAC and one block of output.
    public func saltedPassword(_ password: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        let function: KDF.Insecure.PBKDF2.HashFunction = self == .sha256 ? .sha256 : .sha512
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: function, outputByteCount: outputByteCount,
            unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    public func hmac(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        let symmetric = SymmetricKey(data: key)
        switch self {
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: data, using: symmetric))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: data, using: symmetric))
        }
    }

    public func hash(_ data: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: Array(SHA256.hash(data: data))
        case .sha512: Array(SHA512.hash(data: data))
        }
    }

    public var outputByteCount: Int { self == .sha256 ? 32 : 64 }

    public func clientKey(saltedPassword: [UInt8]) -> [UInt8] { hmac(key: saltedPassword, Array("Client Key".utf8)) }
    public func serverKey(saltedPassword: [UInt8]) -> [UInt8] { hmac(key: saltedPassword, Array("Server Key".utf8)) }
}

/// What a server keeps for one user and mechanism (never the password): RFC 5802's StoredKey and ServerKey.
public struct ScramCredential: Sendable, Hashable {
    public var hash: ScramHash
    public var salt: [UInt8]
    public var storedKey: [UInt8]
    public var serverKey: [UInt8]
    public var iterations: Int

    public init(hash: ScramHash, salt: [UInt8], storedKey: [UInt8], serverKey: [UInt8], iterations: Int) {
        self.hash = hash
        self.salt = salt
        self.storedKey = storedKey
        self.serverKey = serverKey
        self.iterations = iterations
    }

    /// From the salted password, which is what AlterUserScramCredentials carries.
    public init(hash: ScramHash, salt: [UInt8], saltedPassword: [UInt8], iterations: Int) {
        self.init(
            hash: hash, salt: salt, storedKey: hash.hash(hash.clientKey(saltedPassword: saltedPassword)),
            serverKey: hash.serverKey(saltedPassword: saltedPassword), iterations: iterations)
    }

    public init(hash: ScramHash, password: String, salt: [UInt8], iterations: Int) throws {
        let salted = try hash.saltedPassword(password, salt: salt, iterations: iterations)
        self.init(hash: hash, salt: salt, saltedPassword: salted, iterations: iterations)
    }
}

/// Fresh random bytes for salts and nonces.
public func secureRandomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
}

/// XOR of two equally long byte strings (ClientProof = ClientKey XOR ClientSignature).
public func xorBytes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
    zip(a, b).map { $0 ^ $1 }
}

/// Compares without stopping at the first difference, so the time taken says nothing about where proofs differ.
public func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
}

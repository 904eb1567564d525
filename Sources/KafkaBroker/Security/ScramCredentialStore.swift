import KafkaSecurity
import KafkaStorage
import NIOConcurrencyHelpers
import NIOCore

/// The SCRAM credentials of every user and mechanism, as KRaft keeps them in its metadata log: salt, StoredKey,
/// ServerKey and iterations, never a password. Persisted in `<log.dir>/__scram_credentials` (see
/// `ScramCredentialFile`), replaced atomically with fsync on every change, so credentials survive a restart and
/// `kill -9`. Users are created with AlterUserScramCredentials, as in KRaft (no start-up seeding).
public final class ScramCredentialStore: Sendable {
    public struct Key: Sendable, Hashable {
        public var user: String
        public var hash: ScramHash
    }

    struct State: Sendable {
        var credentials: [Key: ScramCredential] = [:]
        var fakeSaltKey: [UInt8]
    }

    public static let fileName = "__scram_credentials"

    private let state: NIOLockedValueBox<State>
    private let persistence: (fileSystem: any StorageFileSystem, directory: String)?

    private init(state: State, persistence: (fileSystem: any StorageFileSystem, directory: String)?) {
        self.state = NIOLockedValueBox(state)
        self.persistence = persistence
    }

    /// A store that lives only in memory (handler tests, contexts built without a server).
    public static func inMemory() -> ScramCredentialStore {
        ScramCredentialStore(state: State(fakeSaltKey: secureRandomBytes(32)), persistence: nil)
    }

    /// Loads the store of a log dir (empty when the file does not exist yet).
    public static func open(fileSystem: any StorageFileSystem, directory: String) throws -> ScramCredentialStore {
        let path = joined(directory, fileName)
        var state = State(fakeSaltKey: secureRandomBytes(32))
        if fileSystem.fileExists(path) {
            let file = try fileSystem.openFile(path, create: false)
            let bytes = try file.read(at: 0, length: Int(try file.size()), allocator: ByteBufferAllocator())
            state = try ScramCredentialFile.parse(String(buffer: bytes), path: path)
        }
        return ScramCredentialStore(state: state, persistence: (fileSystem, directory))
    }

    /// The per-broker secret behind the fake salts given to unknown users.
    public var fakeSaltKey: [UInt8] { state.withLockedValue { $0.fakeSaltKey } }

    public func credential(user: String, hash: ScramHash) -> ScramCredential? {
        state.withLockedValue { $0.credentials[Key(user: user, hash: hash)] }
    }

    /// Every stored credential (iterations are what DescribeUserScramCredentials reports).
    public var all: [Key: ScramCredential] { state.withLockedValue { $0.credentials } }

    /// Applies deletions and upserts together and persists the result; on a write error nothing changes.
    public func apply(upserts: [Key: ScramCredential], deletions: Set<Key>) throws {
        try state.withLockedValue { current in
            var next = current
            for key in deletions { next.credentials[key] = nil }
            for (key, credential) in upserts { next.credentials[key] = credential }
            if let (fileSystem, directory) = persistence {
                try Self.writeAtomically(
                    ScramCredentialFile.format(next), to: Self.joined(directory, Self.fileName),
                    fileSystem: fileSystem, directory: directory)
            }
            current = next
        }
    }

    /// Write `<path>.tmp`, fsync, rename over `path`, fsync the directory: a crash leaves the old or the new file.
    private static func writeAtomically(
        _ contents: String, to path: String, fileSystem: any StorageFileSystem, directory: String
    ) throws {
        let temporary = path + ".tmp"
        let file = try fileSystem.openFile(temporary, create: true)
        try file.truncate(to: 0)
        try file.write(ByteBuffer(string: contents), at: 0)
        try file.sync()
        try fileSystem.rename(temporary, to: path)
        try fileSystem.syncDirectory(directory)
    }

    private static func joined(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// The text format of the store: a version line, the fake-salt secret, then one line per credential with
/// hex fields, so user names with spaces or any bytes need no escaping:
/// `SCRAM-SHA-256 <user> <iterations> <salt> <stored key> <server key>`.
enum ScramCredentialFile {
    static let header = "# SCRAM credentials of the bundled broker: salted keys only, never passwords."

    static func format(_ state: ScramCredentialStore.State) -> String {
        var lines = [header, "version=1", "fake.salt.key=\(hex(state.fakeSaltKey))"]
        let sorted = state.credentials.sorted { ($0.key.user, $0.key.hash.mechanism.rawValue) < ($1.key.user, $1.key.hash.mechanism.rawValue) }
        for (key, credential) in sorted {
            lines.append(
                [key.hash.mechanism.rawValue, hex(Array(key.user.utf8)), String(credential.iterations),
                 hex(credential.salt), hex(credential.storedKey), hex(credential.serverKey)].joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String, path: String) throws -> ScramCredentialStore.State {
        var state = ScramCredentialStore.State(fakeSaltKey: [])
        func corrupt(_ detail: String) -> StorageError { .corruptFile(path: path, detail: detail) }
        for (number, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") && !line.isEmpty {
            if line.hasPrefix("version=") {
                guard line == "version=1" else { throw corrupt("unsupported \(line)") }
            } else if line.hasPrefix("fake.salt.key=") {
                guard let key = bytes(line.dropFirst("fake.salt.key=".count)) else { throw corrupt("bad fake.salt.key") }
                state.fakeSaltKey = key
            } else {
                let fields = line.split(separator: " ")
                guard fields.count == 6, let mechanism = SaslMechanism(name: String(fields[0])),
                    let hash = mechanism.scramHash, let user = bytes(fields[1]), let iterations = Int(fields[2]),
                    let salt = bytes(fields[3]), let storedKey = bytes(fields[4]), let serverKey = bytes(fields[5])
                else { throw corrupt("line \(number + 1) is not a credential") }
                let key = ScramCredentialStore.Key(user: String(decoding: user, as: UTF8.self), hash: hash)
                state.credentials[key] = ScramCredential(
                    hash: hash, salt: salt, storedKey: storedKey, serverKey: serverKey, iterations: iterations)
            }
        }
        if state.fakeSaltKey.isEmpty { state.fakeSaltKey = secureRandomBytes(32) }
        return state
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }

    private static func bytes(_ text: Substring) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// The mechanism codes of DescribeUserScramCredentials and AlterUserScramCredentials (Kafka's ScramMechanism).
enum ScramMechanismCode {
    static func hash(for code: Int8) -> ScramHash? {
        switch code {
        case 1: .sha256
        case 2: .sha512
        default: nil
        }
    }

    static func code(of hash: ScramHash) -> Int8 { hash == .sha256 ? 1 : 2 }
}

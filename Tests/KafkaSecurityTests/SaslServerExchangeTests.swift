import KafkaSecurity
import Testing

/// The broker's server exchanges against the client exchanges the tools use: both sides of the same RFC.
@Suite struct SaslServerExchangeTests {
    static func credential(_ hash: ScramHash, _ password: String, iterations: Int = 4096) throws -> ScramCredential {
        try ScramCredential(hash: hash, password: password, salt: Array("salt-of-alice".utf8), iterations: iterations)
    }

    /// Runs client and server to the end; returns the server's state and whether the client accepted the server.
    static func run(_ hash: ScramHash, user: String, password: String, stored: ScramCredential?) throws
        -> (server: ScramServerExchange.State, clientComplete: Bool)
    {
        var client = ScramClientExchange(hash: hash, credentials: SaslCredentials(username: user, password: password))
        var server = ScramServerExchange(hash: hash, fakeSaltKey: Array("key".utf8)) { name in
            name == "alice" ? stored : nil
        }
        var token = try client.initialResponse()
        while true {
            let answer: [UInt8]
            do {
                answer = try server.receive(token)
            } catch {
                return (server.state, false)
            }
            guard let next = try client.respond(to: answer) else { break }
            token = next
        }
        return (server.state, client.isComplete)
    }

    @Test(arguments: [ScramHash.sha256, .sha512])
    func scramClientAndServerAgree(hash: ScramHash) throws {
        let stored = try Self.credential(hash, "alice-secret", iterations: 8192)
        let good = try Self.run(hash, user: "alice", password: "alice-secret", stored: stored)
        #expect(good.server == .complete && good.clientComplete)
        let wrong = try Self.run(hash, user: "alice", password: "nope", stored: stored)
        #expect(wrong.server == .failed && !wrong.clientComplete)
        let unknown = try Self.run(hash, user: "mallory", password: "alice-secret", stored: stored)
        #expect(unknown.server == .failed && !unknown.clientComplete)
    }

    @Test func aStoredCredentialBelowTheMinimumIterationsIsRefused() throws {
        let weak = try Self.credential(.sha256, "alice-secret", iterations: 1000)
        #expect(try Self.run(.sha256, user: "alice", password: "alice-secret", stored: weak).server == .failed)
    }

    @Test func delegationTokenExtensionsAreRefused() {
        var server = ScramServerExchange(hash: .sha256, fakeSaltKey: []) { _ in nil }
        #expect(throws: ScramServerExchange.Failure.self) {
            try server.receive(Array("n,,n=alice,r=abc,tokenauth=true".utf8))
        }
    }

    @Test func plainChecksAsKafkasPlainSaslServer() throws {
        let users = ["alice": "alice-secret"]
        func check(_ token: String) -> String {
            do {
                return try PlainServerExchange.authenticate(Array(token.utf8)) {
                    PlainServerExchange.verify(user: $0, password: $1, against: users)
                }
            } catch {
                return error.description
            }
        }
        #expect(check("\u{0}alice\u{0}alice-secret") == "alice")
        #expect(check("alice\u{0}alice\u{0}alice-secret") == "alice")
        #expect(check("\u{0}alice\u{0}wrong") == "Authentication failed: Invalid username or password")
        #expect(check("\u{0}bob\u{0}alice-secret") == "Authentication failed: Invalid username or password")
        #expect(check("\u{0}\u{0}x") == "Authentication failed: username not specified")
        #expect(check("\u{0}alice\u{0}") == "Authentication failed: password not specified")
        #expect(check("alice") == "Invalid SASL/PLAIN response: expected 3 tokens, got 1")
        #expect(check("bob\u{0}alice\u{0}alice-secret")
            == "Authentication failed: Client requested an authorization id that is different from username")
    }
}

import KafkaSecurity
import KafkaTestSupport
import Testing

/// Client exchanges played against the scripted server, which checks them with KafkaSecurity's SCRAM messages.
@Suite struct SaslClientTests {
    let alice = SaslCredentials(username: "alice", password: "alice-secret")

    /// Runs the exchange to its end; returns the server's refusal, or nil when both sides completed.
    private func run(_ client: inout any SaslClientExchange, _ server: inout ScriptedSaslServer) throws -> String? {
        var token = try client.initialResponse()
        while true {
            switch server.receive(token) {
            case .failure(let message):
                return message
            case .challenge(let challenge):
                guard let next = try client.respond(to: challenge) else {
                    Issue.record("the client stopped before the server finished")
                    return nil
                }
                token = next
            case .success(let final):
                #expect(try client.respond(to: final) == nil)
                #expect(client.isComplete)
                return nil
            }
        }
    }

    @Test func plainTokenAndOutcome() throws {
        var plain = PlainClientExchange(credentials: alice)
        #expect(try plain.initialResponse() == Array("\0alice\0alice-secret".utf8))

        var client: any SaslClientExchange = makeSaslClientExchange(mechanism: .plain, credentials: alice)
        var server = ScriptedSaslServer(mechanism: .plain, users: ["alice": "alice-secret"])
        #expect(try run(&client, &server) == nil)

        var wrong: any SaslClientExchange = makeSaslClientExchange(
            mechanism: .plain, credentials: SaslCredentials(username: "alice", password: "nope"))
        var server2 = ScriptedSaslServer(mechanism: .plain, users: ["alice": "alice-secret"])
        #expect(try run(&wrong, &server2) == "Authentication failed: Invalid username or password")
    }

    @Test(arguments: [SaslMechanism.scramSHA256, .scramSHA512])
    func scramRightAndWrongPassword(mechanism: SaslMechanism) throws {
        var client = makeSaslClientExchange(mechanism: mechanism, credentials: alice)
        var server = ScriptedSaslServer(mechanism: mechanism, users: ["alice": "alice-secret"])
        #expect(try run(&client, &server) == nil)

        var wrong = makeSaslClientExchange(
            mechanism: mechanism, credentials: SaslCredentials(username: "alice", password: "wrong"))
        var server2 = ScriptedSaslServer(mechanism: mechanism, users: ["alice": "alice-secret"])
        let refusal = try run(&wrong, &server2)
        #expect(refusal?.contains("invalid credentials with SASL mechanism \(mechanism.rawValue)") == true)
    }

    @Test func scramUserNamesAreEscaped() throws {
        var client = ScramClientExchange(
            hash: .sha256, credentials: SaslCredentials(username: "a=b,c", password: "p"), nonce: "fixednonce")
        #expect(String(decoding: try client.initialResponse(), as: UTF8.self) == "n,,n=a=3Db=2Cc,r=fixednonce")
    }

    @Test func scramRejectsAForgedServerSignature() throws {
        var client = ScramClientExchange(hash: .sha256, credentials: alice, nonce: "clientnonce")
        _ = try client.initialResponse()
        let serverFirst = ScramMessages.ServerFirst(nonce: "clientnonceSERVER", salt: [1, 2, 3], iterations: 4096)
        _ = try client.respond(to: Array(serverFirst.text.utf8))
        let forged = ScramMessages.ServerFinal.verifier([UInt8](repeating: 7, count: 32)).text
        #expect(throws: ScramError.invalidServerSignature) { try client.respond(to: Array(forged.utf8)) }
        #expect(!client.isComplete)
    }

    @Test func scramChecksTheServerFirstMessage() throws {
        var foreignNonce = ScramClientExchange(hash: .sha256, credentials: alice, nonce: "mine")
        _ = try foreignNonce.initialResponse()
        let stolen = ScramMessages.ServerFirst(nonce: "othersNONCE", salt: [1], iterations: 4096).text
        #expect(throws: ScramError.self) { try foreignNonce.respond(to: Array(stolen.utf8)) }

        var weak = ScramClientExchange(hash: .sha512, credentials: alice, nonce: "mine")
        _ = try weak.initialResponse()
        let few = ScramMessages.ServerFirst(nonce: "mineSERVER", salt: [1], iterations: 1000).text
        #expect(throws: ScramError.invalidMessage("requested iterations 1000 is less than the minimum 4096 for SCRAM-SHA-512")) {
            try weak.respond(to: Array(few.utf8))
        }

        var refused = ScramClientExchange(hash: .sha256, credentials: alice, nonce: "mine")
        _ = try refused.initialResponse()
        _ = try refused.respond(to: Array("r=mineSERVER,s=AQ==,i=4096".utf8))
        #expect(throws: ScramError.serverError("invalid-proof")) { try refused.respond(to: Array("e=invalid-proof".utf8)) }
    }

    @Test func credentialsFromJaasNeverPrintThePassword() throws {
        let jaas = try JaasConfig(
            parsing: #"org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="alice-secret";"#)
        let credentials = try SaslCredentials(jaas: jaas, mechanism: .scramSHA256)
        #expect(credentials == alice)
        #expect(!"\(credentials)".contains("alice-secret"))
        #expect(!String(reflecting: credentials).contains("alice-secret"))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("alice-secret"))

        let noPassword = try JaasConfig(
            parsing: #"org.apache.kafka.common.security.plain.PlainLoginModule required username="alice";"#)
        #expect(throws: JaasConfigError.self) { try SaslCredentials(jaas: noPassword, mechanism: .plain) }
        let kerberos = try JaasConfig(parsing: "com.sun.security.auth.module.Krb5LoginModule required;")
        #expect(throws: JaasConfigError.self) { try SaslCredentials(jaas: kerberos, mechanism: .plain) }
    }
}

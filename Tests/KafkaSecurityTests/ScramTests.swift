import KafkaSecurity
import Testing

@Suite struct ScramTests {
    // RFC 7677 §3: user "user", password "pencil".
    let clientFirstText = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
    let serverFirstText = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
    let clientFinalText =
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    let serverFinalText = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

    @Test func rfc7677ProofAndServerSignature() throws {
        let clientFirst = try ScramMessages.ClientFirst(parsing: clientFirstText)
        #expect(clientFirst.userName == "user")
        #expect(clientFirst.text == clientFirstText)
        let serverFirst = try ScramMessages.ServerFirst(parsing: serverFirstText)
        #expect(serverFirst.iterations == 4096)
        #expect(serverFirst.text == serverFirstText)

        let hash = ScramHash.sha256
        let salted = try hash.saltedPassword("pencil", salt: serverFirst.salt, iterations: serverFirst.iterations)
        let clientKey = hash.clientKey(saltedPassword: salted)
        var clientFinal = ScramMessages.ClientFinal(nonce: serverFirst.nonce, proof: [])
        let authMessage = ScramMessages.authMessage(
            clientFirst: clientFirst, serverFirst: serverFirst, clientFinal: clientFinal)
        let signature = hash.hmac(key: hash.hash(clientKey), authMessage)
        clientFinal.proof = xorBytes(clientKey, signature)
        #expect(clientFinal.text == clientFinalText)
        #expect(try ScramMessages.ClientFinal(parsing: clientFinalText) == clientFinal)

        let credential = ScramCredential(hash: hash, salt: serverFirst.salt, saltedPassword: salted, iterations: 4096)
        let serverSignature = hash.hmac(key: credential.serverKey, authMessage)
        #expect(ScramMessages.ServerFinal.verifier(serverSignature).text == serverFinalText)
        #expect(try ScramMessages.ServerFinal(parsing: serverFinalText) == .verifier(serverSignature))
    }

    @Test func userNamesAreEscaped() throws {
        let first = ScramMessages.ClientFirst(userName: "a=b,c", nonce: "xyz")
        #expect(first.text == "n,,n=a=3Db=2Cc,r=xyz")
        #expect(try ScramMessages.ClientFirst(parsing: first.text).userName == "a=b,c")
        #expect(throws: ScramError.self) { try ScramMessages.ClientFirst(parsing: "n,,n=a=4x,r=1") }
    }

    @Test func serverErrorsAndChannelBindingAreReported() throws {
        #expect(try ScramMessages.ServerFinal(parsing: "e=invalid-proof") == .error("invalid-proof"))
        #expect(throws: ScramError.serverError("unknown-user")) {
            try ScramMessages.ServerFirst(parsing: "e=unknown-user")
        }
        #expect(throws: ScramError.self) { try ScramMessages.ClientFirst(parsing: "p=tls-unique,,n=u,r=1") }
        #expect(throws: ScramError.self) { try ScramMessages.ClientFirst(parsing: "n,a=admin,n=u,r=1") }
    }

    @Test func sha512CredentialIsDeterministicAndDiffersFromSha256() throws {
        let salt = Array("salt".utf8)
        let a = try ScramCredential(hash: .sha512, password: "secret", salt: salt, iterations: 4096)
        let b = try ScramCredential(hash: .sha512, password: "secret", salt: salt, iterations: 4096)
        let c = try ScramCredential(hash: .sha256, password: "secret", salt: salt, iterations: 4096)
        #expect(a == b)
        #expect(a.storedKey.count == 64 && c.storedKey.count == 32)
        #expect(constantTimeEqual(a.serverKey, b.serverKey))
        #expect(!constantTimeEqual(a.serverKey, Array(a.serverKey.reversed())))
    }
}

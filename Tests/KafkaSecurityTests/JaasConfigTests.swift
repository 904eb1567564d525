import KafkaSecurity
import Testing

@Suite struct JaasConfigTests {
    @Test func plainLoginModuleLine() throws {
        let config = try JaasConfig(
            parsing: #"org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";"#)
        #expect(config.loginModule == JaasConfig.plainLoginModule)
        #expect(config.flag == .required)
        #expect(config.options == ["username": "alice", "password": "alice-secret"])
    }

    @Test func quotingEscapesCommentsAndUnquotedWords() throws {
        let text = """
            /* the broker's users */ org.apache.kafka.common.security.scram.ScramLoginModule REQUIRED
              username=bob // trailing comment
              password='it\\'s "quoted"' user_x="a\\\\b\\nc";
            """
        let config = try JaasConfig(parsing: text)
        #expect(config.loginModule == JaasConfig.scramLoginModule)
        #expect(config.options["username"] == "bob")
        #expect(config.options["password"] == #"it's "quoted""#)
        #expect(config.options["user_x"] == "a\\b\nc")
    }

    @Test(arguments: [
        ("", "JAAS config property does not contain any login modules"),
        ("a.B required;b.C required;", "JAAS config property contains 2 login modules, should be 1 module"),
        ("a.B mandatory;", "Invalid login module control flag 'mandatory' in JAAS config"),
        (#"a.B required username="x""#, "JAAS config entry not terminated by semi-colon"),
        ("a.B required password=;", "Value not specified for key 'password' in JAAS config"),
        ("a.B required password=123;", "Value not specified for key 'password' in JAAS config"),
    ])
    func malformedLinesGetKafkasMessages(text: String, message: String) {
        #expect(throws: JaasConfigError.self) { try JaasConfig(parsing: text) }
        do {
            _ = try JaasConfig(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func principalsParseAndPrint() {
        #expect(KafkaPrincipal(parsing: "User:alice") == KafkaPrincipal(name: "alice"))
        #expect(KafkaPrincipal(parsing: "User:CN=a:b")?.name == "CN=a:b")
        #expect(KafkaPrincipal(parsing: "alice") == nil)
        #expect(KafkaPrincipal.anonymous.description == "User:ANONYMOUS")
    }
}

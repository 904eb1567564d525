import KafkaSecurity
import Testing
@testable import KafkaBroker

private let alice = KafkaPrincipal(name: "alice")
private let bob = KafkaPrincipal(name: "bob")

private func allow(
    _ principal: String, _ operation: AclOperation, _ type: AclResourceType, _ name: String,
    _ pattern: AclPatternType = .literal, host: String = "*"
) -> AclBinding {
    AclBinding(ResourcePattern(type, name, pattern), AccessControlEntry(principal: principal, host: host, operation: operation))
}

private func deny(
    _ principal: String, _ operation: AclOperation, _ type: AclResourceType, _ name: String,
    _ pattern: AclPatternType = .literal
) -> AclBinding {
    AclBinding(
        ResourcePattern(type, name, pattern),
        AccessControlEntry(principal: principal, operation: operation, permission: .deny))
}

private func authorizer(_ acls: [AclBinding], superUsers: Set<String> = [], allowEveryone: Bool = false) -> Authorizer {
    Authorizer(
        settings: AuthorizerSettings(superUsers: superUsers, allowEveryoneIfNoAclFound: allowEveryone), acls: acls)
}

@Suite struct AuthorizerTests {
    @Test func denyByDefaultAndSuperUsers() {
        let auth = authorizer([], superUsers: ["User:admin"])
        #expect(!auth.authorize(alice, host: "10.0.0.1", .read, .topic, "t"))
        #expect(auth.authorize(KafkaPrincipal(name: "admin"), host: "10.0.0.1", .alter, .cluster, "kafka-cluster"))
        // A super user is allowed even against a DENY.
        let denied = authorizer([deny("User:admin", .all, .topic, "*")], superUsers: ["User:admin"])
        #expect(denied.authorize(KafkaPrincipal(name: "admin"), host: "h", .write, .topic, "t"))
    }

    @Test func impliedOperations() {
        let auth = authorizer([
            allow("User:alice", .read, .topic, "r"), allow("User:alice", .write, .topic, "w"), allow("User:alice", .delete, .topic, "d"),
            allow("User:alice", .alter, .topic, "a"), allow("User:alice", .alterConfigs, .topic, "c"), allow("User:alice", .all, .topic, "all"),
        ])
        for name in ["r", "w", "d", "a", "all"] { #expect(auth.authorize(alice, host: "h", .describe, .topic, name)) }
        #expect(auth.authorize(alice, host: "h", .describeConfigs, .topic, "c"))
        #expect(!auth.authorize(alice, host: "h", .describe, .topic, "c"))
        #expect(!auth.authorize(alice, host: "h", .write, .topic, "r"))
        #expect(!auth.authorize(alice, host: "h", .describeConfigs, .topic, "r"))
        #expect(auth.authorize(alice, host: "h", .idempotentWrite, .topic, "all"))
    }

    @Test func denyBeatsAllowAndImpliesNothing() {
        let auth = authorizer([
            allow("User:*", .all, .topic, "*"), deny("User:alice", .write, .topic, "t"),
            allow("User:bob", .describe, .topic, "u"), deny("User:bob", .read, .topic, "u"),
        ])
        #expect(!auth.authorize(alice, host: "h", .write, .topic, "t"))
        #expect(auth.authorize(alice, host: "h", .read, .topic, "t"))
        #expect(auth.authorize(bob, host: "h", .write, .topic, "t"))
        // A DENY of READ does not deny DESCRIBE.
        #expect(auth.authorize(bob, host: "h", .describe, .topic, "u"))
        #expect(!auth.authorize(bob, host: "h", .read, .topic, "u"))
        // DENY ALL denies everything.
        let all = authorizer([allow("User:alice", .read, .group, "g"), deny("User:alice", .all, .group, "g", .prefixed)])
        #expect(!all.authorize(alice, host: "h", .read, .group, "g"))
    }

    @Test func prefixedWildcardPrincipalAndHost() {
        let auth = authorizer([
            allow("User:alice", .write, .topic, "orders-", .prefixed),
            allow("User:*", .read, .group, "*"),
            allow("User:bob", .write, .topic, "t", host: "10.0.0.2"),
        ])
        #expect(auth.authorize(alice, host: "h", .write, .topic, "orders-eu"))
        #expect(auth.authorize(alice, host: "h", .write, .topic, "orders-"))
        #expect(!auth.authorize(alice, host: "h", .write, .topic, "order"))
        #expect(!auth.authorize(alice, host: "h", .write, .group, "orders-eu"))
        #expect(auth.authorize(bob, host: "h", .read, .group, "any-group"))
        #expect(auth.authorize(bob, host: "10.0.0.2", .write, .topic, "t"))
        #expect(!auth.authorize(bob, host: "10.0.0.3", .write, .topic, "t"))
        // A literal name is not a prefix.
        let literal = authorizer([allow("User:alice", .read, .topic, "ab")])
        #expect(!literal.authorize(alice, host: "h", .read, .topic, "abc"))
    }

    @Test func allowEveryoneOnlyWhereNoAclNamesTheResource() {
        let auth = authorizer([allow("User:bob", .read, .topic, "guarded")], allowEveryone: true)
        #expect(auth.authorize(alice, host: "h", .write, .topic, "open"))
        #expect(!auth.authorize(alice, host: "h", .read, .topic, "guarded"))
        #expect(auth.authorize(bob, host: "h", .read, .topic, "guarded"))
        // An ACL that applies through a prefix counts as an ACL on the resource.
        let prefixed = authorizer([allow("User:bob", .read, .topic, "g", .prefixed)], allowEveryone: true)
        #expect(!prefixed.authorize(alice, host: "h", .read, .topic, "guarded"))
    }

    @Test func authorizeByResourceType() {
        #expect(authorizer([allow("User:alice", .write, .topic, "a", .prefixed)]).authorizeAny(alice, host: "h", .write, .topic))
        #expect(!authorizer([allow("User:alice", .read, .topic, "a")]).authorizeAny(alice, host: "h", .write, .topic))
        #expect(
            !authorizer([allow("User:alice", .write, .topic, "ab"), deny("User:alice", .write, .topic, "a", .prefixed)])
                .authorizeAny(alice, host: "h", .write, .topic))
        #expect(
            !authorizer([allow("User:alice", .write, .topic, "x"), deny("User:*", .write, .topic, "*")])
                .authorizeAny(alice, host: "h", .write, .topic))
        #expect(
            authorizer([allow("User:alice", .write, .topic, "x"), deny("User:alice", .write, .topic, "y")])
                .authorizeAny(alice, host: "h", .write, .topic))
        #expect(authorizer([], superUsers: ["User:alice"]).authorizeAny(alice, host: "h", .write, .topic))
        #expect(authorizer([], allowEveryone: true).authorizeAny(alice, host: "h", .write, .topic))
    }

    @Test func filters() {
        let literal = allow("User:alice", .read, .topic, "orders")
        let prefixed = allow("User:bob", .write, .topic, "ord", .prefixed)
        let wildcard = allow("User:bob", .read, .topic, "*")
        let group = allow("User:alice", .read, .group, "orders")
        let all = [literal, prefixed, wildcard, group]
        func matches(_ filter: AclBindingFilter) -> [AclBinding] { all.filter(filter.matches) }
        #expect(matches(.matchAll) == all)
        #expect(matches(AclBindingFilter(resourceType: .topic)) == [literal, prefixed, wildcard])
        #expect(matches(AclBindingFilter(name: "orders", patternType: .literal)) == [literal, group])
        #expect(matches(AclBindingFilter(resourceType: .topic, name: "orders", patternType: .match)) == [literal, prefixed, wildcard])
        #expect(matches(AclBindingFilter(name: "ord", patternType: .any)) == [prefixed])
        #expect(matches(AclBindingFilter(principal: "User:bob", operation: .write)) == [prefixed])
        #expect(matches(AclBindingFilter(permission: .deny)).isEmpty)
        #expect(AclBindingFilter(resourceType: .unknown).invalidReason == "Unknown patternFilter.")
        #expect(AclBindingFilter(operation: .unknown).invalidReason == "Unknown entryFilter.")
    }

    @Test func creationValidation() {
        #expect(allow("User:a", .alter, .cluster, "other").invalidReason == "The only valid name for the CLUSTER resource is kafka-cluster")
        #expect(allow("User:a", .read, .topic, "").invalidReason == "Invalid empty resource name")
        #expect(allow("User:a", .read, .any, "t").invalidReason == "Invalid resourceType ANY")
        #expect(allow("User:a", .read, .topic, "t", .match).invalidReason == "Invalid patternType MATCH")
        #expect(allow("User:a", .any, .topic, "t").invalidReason == "Invalid operation ANY")
        #expect(allow("alice", .read, .topic, "t").invalidReason?.hasPrefix("Could not parse principal from `alice`") == true)
        #expect(allow("User:a", .read, .topic, "t").invalidReason == nil)
    }

    @Test func settingsFromBrokerConfig() throws {
        let base = ["listeners": "PLAINTEXT://127.0.0.1:0", "node.id": "1", "log.dirs": "/logs"]
        #expect(try BrokerConfig(values: base).authorizer == nil)
        #expect(try BrokerConfig(values: base.merging(["authorizer.class.name": " "]) { $1 }).authorizer == nil)
        let config = try BrokerConfig(
            values: base.merging([
                "authorizer.class.name": AuthorizerSettings.aclAuthorizer, "super.users": "User:Bob; User:Alice;",
                "allow.everyone.if.no.acl.found": "true",
            ]) { $1 })
        #expect(config.authorizer?.superUsers == ["User:Bob", "User:Alice"])
        #expect(config.authorizer?.allowEveryoneIfNoAclFound == true)
        #expect(config.unknownKeys.isEmpty)
        #expect(throws: ConfigError.self) {
            try BrokerConfig(values: base.merging(["authorizer.class.name": "com.example.MyAuthorizer"]) { $1 })
        }
        do {
            _ = try BrokerConfig(
                values: base.merging([
                    "authorizer.class.name": AuthorizerSettings.standardAuthorizer, "super.users": "Bob",
                ]) { $1 })
            Issue.record("super.users without a type was accepted")
        } catch {
            #expect("\(error)".contains("expected a string in format principalType:principalName but got Bob"))
        }
    }

    @Test func fileFormatRoundTrip() throws {
        let acls = [
            allow("User:alice", .read, .group, "tab\there\\and\nnewline"),
            deny("User:*", .all, .topic, "p-", .prefixed),
            allow("User:CN=x,O=y", .idempotentWrite, .cluster, "kafka-cluster"),
        ]
        let text = AclFileFormat.format(acls)
        #expect(try AclFileFormat.parse(text) == acls)
        #expect(text.split(separator: "\n").count == 4)
        #expect(throws: AclFileFormat.ParseError.self) { try AclFileFormat.parse("TOPIC\tLITERAL\tt\n") }
    }
}

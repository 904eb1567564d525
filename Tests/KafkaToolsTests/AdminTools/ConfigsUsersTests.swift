import KafkaCLISupport
import KafkaClient
import KafkaProtocol
import KafkaSecurity
import KafkaTestSupport
import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import KafkaTools

/// kafka-configs --entity-type users against a scripted broker that answers the SCRAM APIs (50/51) and records
/// what it was sent.
private final class ScramBroker: Sendable {
    let described = NIOLockedValueBox<[DescribeUserScramCredentialsRequest]>([])
    let altered = NIOLockedValueBox<[AlterUserScramCredentialsRequest]>([])
    let alterError = NIOLockedValueBox<(ErrorCode, String)?>(nil)
    let port = NIOLockedValueBox(0)

    func respond(_ request: DecodedRequest) -> (any KafkaResponse)? {
        switch request.body {
        case let describe as DescribeUserScramCredentialsRequest:
            described.withLockedValue { $0.append(describe) }
            var response = DescribeUserScramCredentialsResponse()
            response.errorMessage = nil
            let alice = DescribeUserScramCredentialsResponse.DescribeUserScramCredentialsResult(
                user: "alice", errorCode: 0, errorMessage: nil,
                credentialInfos: [.init(mechanism: 1, iterations: 8192), .init(mechanism: 2, iterations: 4096)])
            let users = (describe.users ?? []).map(\.name)
            response.results = (users.isEmpty ? ["alice"] : users).map { name in
                name == "alice"
                    ? alice
                    : .init(
                        user: name, errorCode: ErrorCode.resourceNotFound.rawValue,
                        errorMessage: "attempt to describe a user credential that does not exist")
            }
            return response
        case let alter as AlterUserScramCredentialsRequest:
            altered.withLockedValue { $0.append(alter) }
            var response = AlterUserScramCredentialsResponse()
            let error = alterError.withLockedValue { $0 }
            let users = Set(alter.upsertions.map(\.name) + alter.deletions.map(\.name))
            response.results = users.sorted().map {
                .init(user: $0, errorCode: error?.0.rawValue ?? 0, errorMessage: error?.1)
            }
            return response
        case is MetadataRequest:
            var response = MetadataResponse()
            response.brokers = [.init(nodeId: 1, host: "127.0.0.1", port: Int32(port.withLockedValue { $0 }))]
            response.controllerId = 1
            response.clusterId = "scripted"
            return response
        default:
            return nil
        }
    }

    static func run(_ arguments: [String], _ body: (ScramBroker, ToolRun) throws -> Void) async throws {
        let state = ScramBroker()
        let broker = try await ScriptedBroker.start { state.respond($0) }
        state.port.withLockedValue { $0 = broker.port }
        let streams = CapturedStreams()
        let status = await ConfigsCommand.execute(
            ["--bootstrap-server", broker.address] + arguments, output: streams.output()
        ) { try $0.open() }
        await broker.stop()
        try body(state, ToolRun(status: status, stdout: streams.out, stderr: streams.err))
    }
}

@Suite struct ConfigsUsersTests {
    @Test func describeNamedAndAllUsers() async throws {
        try await ScramBroker.run(["--describe", "--entity-type", "users", "--entity-name", "alice"]) { broker, run in
            #expect(run.status == 0)
            #expect(run.stderr.isEmpty)
            #expect(
                run.stdout
                    == "SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192, SCRAM-SHA-512=iterations=4096\n")
            #expect(broker.described.withLockedValue { $0.first?.users?.map(\.name) } == ["alice"])
        }
        try await ScramBroker.run(["--describe", "--user", "bob"]) { _, run in
            #expect(run.status == 0)
            #expect(
                run.stdout
                    == "Error retrieving SCRAM credential configs for user-principal 'bob': ExecutionException: org.apache.kafka.common.errors.ResourceNotFoundException: attempt to describe a user credential that does not exist\n")
        }
        try await ScramBroker.run(["--describe", "--entity-type", "users"]) { broker, run in
            #expect(run.stdout.hasPrefix("SCRAM credential configs for user-principal 'alice' are "))
            #expect(broker.described.withLockedValue { $0.first?.users?.isEmpty } == true)
        }
    }

    @Test func alterSendsSaltedPasswordsOnly() async throws {
        let add = "SCRAM-SHA-256=[iterations=8192,password=alice-secret],SCRAM-SHA-512=[password=alice-secret]"
        try await ScramBroker.run(["--alter", "--add-config", add, "--entity-type", "users", "--entity-name", "alice"]) {
            broker, run in
            #expect(run.status == 0)
            #expect(run.stderr.isEmpty)
            #expect(run.stdout == "Completed updating config for user alice.\n")
            let request = try #require(broker.altered.withLockedValue { $0.first })
            #expect(request.deletions.isEmpty)
            let upsertions = request.upsertions.sorted { $0.mechanism < $1.mechanism }
            #expect(upsertions.map(\.name) == ["alice", "alice"])
            #expect(upsertions.map(\.mechanism) == [1, 2])
            #expect(upsertions.map(\.iterations) == [8192, 4096])
            for (upsertion, hash) in zip(upsertions, [ScramHash.sha256, .sha512]) {
                let salt = Array(upsertion.salt.readableBytesView)
                #expect(salt.count == 32)
                let salted = Array(upsertion.saltedPassword.readableBytesView)
                #expect(salted.count == hash.outputByteCount)
                #expect(
                    salted == (try hash.saltedPassword("alice-secret", salt: salt, iterations: Int(upsertion.iterations))))
            }
            // Two upsertions never share a salt.
            #expect(upsertions[0].salt.readableBytesView.elementsEqual(upsertions[1].salt.readableBytesView) == false)
        }
        try await ScramBroker.run(["--alter", "--delete-config", "SCRAM-SHA-512", "--user", "alice"]) { broker, run in
            #expect(run.status == 0)
            #expect(run.stdout == "Completed updating config for user alice.\n")
            let request = try #require(broker.altered.withLockedValue { $0.first })
            #expect(request.upsertions.isEmpty)
            #expect(request.deletions.map { "\($0.name)/\($0.mechanism)" } == ["alice/2"])
        }
    }

    @Test func alterRefusalsUseApacheTexts() async throws {
        let cases: [([String], String)] = [
            (
                ["--add-config", "SCRAM-SHA-256=[iterations=100,password=x]", "--entity-name", "alice"],
                "Iterations 100 is less than the minimum 4096 required for SCRAM-SHA-256"
            ),
            (
                ["--add-config", "SCRAM-SHA-512=[secret=x]", "--entity-name", "alice"],
                "Invalid credential property SCRAM_SHA_512=secret=x"
            ),
            (
                ["--add-config", "SCRAM-SHA-256=[password=x]", "--entity-default"],
                "The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server."
            ),
            (
                ["--add-config", "retention.ms=5", "--entity-name", "alice"],
                "Only quota and SCRAM credential configs can be added for 'users' using --bootstrap-server. Unexpected config names: retention.ms"
            ),
            (
                ["--add-config", "SCRAM-SHA-256=[password=x],producer_byte_rate=10", "--entity-name", "alice"],
                "Cannot alter both quota and SCRAM credential configs simultaneously for 'users' using --bootstrap-server."
            ),
            (
                ["--add-config", "producer_byte_rate=10", "--entity-name", "alice"],
                "kafka-configs: quota configs for users are not supported yet (they need the client quota APIs)"
            ),
        ]
        for (arguments, message) in cases {
            try await ScramBroker.run(["--alter", "--entity-type", "users"] + arguments) { broker, run in
                #expect(run.status == 1)
                #expect(run.stdout.isEmpty)
                #expect(run.stderr == message + "\n")
                #expect(broker.altered.withLockedValue { $0.isEmpty })
            }
        }
    }

    @Test func brokerRefusalFailsTheCommand() async throws {
        let state = ScramBroker()
        state.alterError.withLockedValue { $0 = (.unacceptableCredential, "Iterations 99999 exceeds the maximum 16384") }
        let broker = try await ScriptedBroker.start { state.respond($0) }
        state.port.withLockedValue { $0 = broker.port }
        let streams = CapturedStreams()
        let arguments = [
            "--bootstrap-server", broker.address, "--alter", "--add-config", "SCRAM-SHA-256=[iterations=99999,password=x]",
            "--entity-type", "users", "--entity-name", "alice",
        ]
        let status = await ConfigsCommand.execute(arguments, output: streams.output()) { try $0.open() }
        await broker.stop()
        #expect(status == 1)
        #expect(streams.out.isEmpty)
        #expect(streams.err.hasPrefix("Error while executing config command with args '"))
        #expect(streams.err.contains("Iterations 99999 exceeds the maximum 16384"))
    }

    @Test func credentialParsing() throws {
        #expect(try ConfigsUsers.parseCredential("password=a,b=c", mechanism: .scramSHA256) == (4096, "a,b=c"))
        #expect(try ConfigsUsers.parseCredential("iterations=-1,password=p", mechanism: .scramSHA256) == (4096, "p"))
        #expect(try ConfigsUsers.parseCredential("iterations=8192,password=", mechanism: .scramSHA512) == (8192, ""))
        #expect(throws: ConfigsFailure.plain("For input string: \"\"")) {
            try ConfigsUsers.parseCredential("iterations=,password=p", mechanism: .scramSHA256)
        }
    }
}

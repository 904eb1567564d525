import Foundation
import KafkaProtocol
import KafkaSecurity
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

/// DescribeUserScramCredentials (50), AlterUserScramCredentials (51) and the persisted credential store.
@Suite struct ScramCredentialsTests {
    func context(_ store: ScramCredentialStore) async throws -> RequestContext {
        let config = try TestBroker.config()
        let topicManager = try await TopicManager.open(config: config, fileSystem: InMemoryFileSystem(), clusterId: "c")
        var context = RequestContext(
            config: config, clusterId: "c", advertisedEndpoint: config.listeners[0], topicManager: topicManager,
            groupCoordinator: GroupCoordinator(config: config, topicManager: topicManager), supportedApis: [],
            clientAddress: "test")
        context.scramCredentials = store
        return context
    }

    func alter(_ request: AlterUserScramCredentialsRequest, _ context: RequestContext) async -> [String: (Int16, String?)] {
        let response = await AlterUserScramCredentialsHandler().handle(
            header: RequestHeader(), request: request, context: context)
        var results: [String: (Int16, String?)] = [:]
        for result in response.results { results[result.user] = (result.errorCode, result.errorMessage) }
        return results
    }

    func describe(_ users: [String]?, _ context: RequestContext) async
        -> [DescribeUserScramCredentialsResponse.DescribeUserScramCredentialsResult]
    {
        await DescribeUserScramCredentialsHandler().handle(
            header: RequestHeader(), request: .init(users: users?.map { .init(name: $0) }), context: context
        ).results
    }

    @Test func upsertsAreDescribedWithoutSecrets() async throws {
        let context = try await context(.inMemory())
        let alice256 = try ScramTestClient(hash: .sha256, user: "alice", password: "pw").upsertion(iterations: 8192)
        let bob512 = try ScramTestClient(hash: .sha512, user: "bob", password: "pw").upsertion()
        let results = await alter(.init(deletions: [], upsertions: [alice256, bob512]), context)
        #expect(results["alice"]?.0 == 0 && results["bob"]?.0 == 0)
        #expect(results["alice"]?.1 == nil)

        let all = await describe(nil, context)
        #expect(all.map(\.user) == ["alice", "bob"])
        #expect(all[0].credentialInfos == [.init(mechanism: 1, iterations: 8192)])
        #expect(all[1].credentialInfos == [.init(mechanism: 2, iterations: 4096)])

        let named = await describe(["bob", "carol", "bob"], context)
        #expect(named.map(\.user) == ["bob", "carol"])
        #expect(named[0].errorCode == ErrorCode.duplicateResource.rawValue)
        #expect(named[0].errorMessage == "Cannot describe SCRAM credentials for the same user twice in a single request: bob")
        #expect(named[1].errorCode == ErrorCode.resourceNotFound.rawValue)
        #expect(named[1].errorMessage == "Attempt to describe a user credential that does not exist: carol")
    }

    @Test func badAlterationsGetKafkasErrors() async throws {
        let store = ScramCredentialStore.inMemory()
        let context = try await context(store)
        let client = ScramTestClient(hash: .sha256, user: "x", password: "pw")
        func upsert(_ name: String, mechanism: Int8 = 1, iterations: Int32 = 4096) throws
            -> AlterUserScramCredentialsRequest.ScramCredentialUpsertion
        {
            var upsertion = try client.upsertion(iterations: max(iterations, 1))
            upsertion.name = name
            upsertion.mechanism = mechanism
            upsertion.iterations = iterations
            return upsertion
        }
        let results = await alter(
            .init(
                deletions: [.init(name: "ghost", mechanism: 1), .init(name: "twice", mechanism: 1), .init(name: "bad", mechanism: 9)],
                upsertions: [
                    try upsert("few", iterations: 4095), try upsert("many", iterations: 16385), try upsert("twice"),
                    try upsert("dup"), try upsert("dup"), try upsert("", mechanism: 1), try upsert("ok", iterations: 16384),
                    try upsert("unknown", mechanism: 0),
                ]),
            context)
        #expect(results["ghost"]! == (ErrorCode.resourceNotFound.rawValue, "Attempt to delete a user credential that does not exist"))
        #expect(results["bad"]! == (ErrorCode.unsupportedSaslMechanism.rawValue, "Unknown SCRAM mechanism"))
        #expect(results["unknown"]! == (ErrorCode.unsupportedSaslMechanism.rawValue, "Unknown SCRAM mechanism"))
        #expect(results["few"]! == (ErrorCode.unacceptableCredential.rawValue, "Too few iterations"))
        #expect(results["many"]! == (ErrorCode.unacceptableCredential.rawValue, "Too many iterations"))
        #expect(results[""]! == (ErrorCode.unacceptableCredential.rawValue, "Username must not be empty"))
        let duplicate = (ErrorCode.duplicateResource.rawValue, "A user credential cannot be altered twice in the same request")
        #expect(results["dup"]! == duplicate)
        // "twice": its deletion failed validation first (no such credential), so the upsert is not looked at.
        #expect(results["twice"]!.0 == ErrorCode.resourceNotFound.rawValue)
        #expect(results["ok"]! == (0, nil))
        #expect(store.all.keys.map(\.user) == ["ok"])

        let deleted = await alter(.init(deletions: [.init(name: "ok", mechanism: 1)], upsertions: []), context)
        #expect(deleted["ok"]! == (0, nil))
        #expect(store.all.isEmpty)
    }

    @Test func theStoreSurvivesAReopenAndHoldsNoPassword() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scram-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fileSystem = PosixFileSystem()
        let store = try ScramCredentialStore.open(fileSystem: fileSystem, directory: directory)
        let credential = try ScramCredential(hash: .sha512, password: "very-secret-password", salt: [1, 2, 3], iterations: 4096)
        let user = "al ice,=\u{e9}"
        try store.apply(upserts: [.init(user: user, hash: .sha512): credential], deletions: [])

        let reopened = try ScramCredentialStore.open(fileSystem: fileSystem, directory: directory)
        #expect(reopened.credential(user: user, hash: .sha512) == credential)
        #expect(reopened.credential(user: user, hash: .sha256) == nil)
        #expect(reopened.fakeSaltKey == store.fakeSaltKey)
        let text = try String(contentsOfFile: directory + "/" + ScramCredentialStore.fileName, encoding: .utf8)
        #expect(!text.contains("very-secret-password"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/" + ScramCredentialStore.fileName + ".tmp"))

        try reopened.apply(upserts: [:], deletions: [.init(user: user, hash: .sha512)])
        #expect(try ScramCredentialStore.open(fileSystem: fileSystem, directory: directory).all.isEmpty)
    }

    @Test func aCorruptStoreStopsStartUp() throws {
        let fileSystem = InMemoryFileSystem()
        try fileSystem.createDirectory("/logs")
        let file = try fileSystem.openFile("/logs/" + ScramCredentialStore.fileName, create: true)
        try file.write(ByteBuffer(string: "version=1\nSCRAM-SHA-256 not-enough-fields\n"), at: 0)
        #expect(throws: StorageError.self) { try ScramCredentialStore.open(fileSystem: fileSystem, directory: "/logs") }
    }

    @Test func credentialsSurviveABrokerRestart() async throws {
        let fileSystem = InMemoryFileSystem()
        let alice = ScramTestClient(hash: .sha256, user: "alice", password: "restart-secret")
        try await SecureTestBroker.with(fileSystem: fileSystem) { broker in
            let admin = try await TestConnection(port: broker.plaintextPort)
            let (_, altered) = try await admin.roundTrip(
                AlterUserScramCredentialsRequest(deletions: [], upsertions: [try alice.upsertion()]), version: 0)
            #expect(altered.results.first?.errorCode == 0)
        }
        try await SecureTestBroker.with(fileSystem: fileSystem) { broker in
            let connection = try await TestConnection(port: broker.saslPort)
            #expect(try await alice.authenticate(on: connection).errorCode == 0)
            let admin = try await TestConnection(port: broker.plaintextPort)
            let (_, described) = try await admin.roundTrip(DescribeUserScramCredentialsRequest(users: nil), version: 0)
            #expect(described.results.map(\.user) == ["alice"])
        }
    }
}

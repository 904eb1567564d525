import KafkaProtocol
import KafkaSecurity
import Logging
import NIOCore

// AlterUserScramCredentials: v0
//
// Behaviour (KRaft's ScramControlManager.alterCredentials):
// * Upserts carry the salted password (the client salts and hashes); the broker keeps salt, StoredKey, ServerKey
//   and iterations in its credential store, persisted atomically in the log dir. No password is ever seen.
// * A user in more than one deletion/upsertion: DUPLICATE_RESOURCE; unknown mechanism: UNSUPPORTED_SASL_MECHANISM;
//   empty user name: UNACCEPTABLE_CREDENTIAL;
//   iterations outside 4096...16384: UNACCEPTABLE_CREDENTIAL; deleting a missing credential: RESOURCE_NOT_FOUND.
// * The valid alterations are applied together (one atomic file write); a failed write answers
//   KAFKA_STORAGE_ERROR for them. Results: successful deletions, successful upserts, then the failures.
// * Needs ALTER on CLUSTER, else every named user gets CLUSTER_AUTHORIZATION_FAILED (sorted, as Kafka's
//   getErrorResponse answers).
public struct AlterUserScramCredentialsHandler: RequestHandler {
    public typealias Request = AlterUserScramCredentialsRequest
    public static let versions: ClosedRange<Int16> = 0...0

    private static let logger = Logger(label: "kafka.server.ScramControlManager")

    public init() {}

    public func handle(
        header: RequestHeader, request: AlterUserScramCredentialsRequest, context: RequestContext
    ) async -> AlterUserScramCredentialsResponse {
        guard context.authorizeCluster(.alter) else {
            let users = Set(request.deletions.map(\.name) + request.upsertions.map(\.name)).sorted()
            return AlterUserScramCredentialsResponse(
                results: users.map {
                    .init(user: $0, errorCode: ErrorCode.clusterAuthorizationFailed.rawValue, errorMessage: AuthorizationText.cluster)
                })
        }
        let store = context.scramCredentials
        var errors: [(user: String, code: ErrorCode, message: String)] = []
        func hasError(_ user: String) -> Bool { errors.contains { $0.user == user } }
        // Validated alterations by user, in request order (`order` keeps it, the dictionaries the values).
        var deletions: [String: ScramCredentialStore.Key] = [:]
        var upserts: [String: (ScramCredentialStore.Key, ScramCredential)] = [:]
        var order: [String] = []
        let duplicate = "A user credential cannot be altered twice in the same request"
        for deletion in request.deletions where !hasError(deletion.name) {
            if deletions.removeValue(forKey: deletion.name) != nil {
                errors.append((deletion.name, .duplicateResource, duplicate))
                continue
            }
            switch Self.validateDeletion(deletion, store: store) {
            case .success(let key):
                deletions[deletion.name] = key
                order.append(deletion.name)
            case .failure(let rejection): errors.append((deletion.name, rejection.code, rejection.message))
            }
        }
        for upsertion in request.upsertions where !hasError(upsertion.name) {
            if deletions.removeValue(forKey: upsertion.name) != nil || upserts.removeValue(forKey: upsertion.name) != nil {
                errors.append((upsertion.name, .duplicateResource, duplicate))
                continue
            }
            switch Self.credential(from: upsertion) {
            case .success(let (hash, credential)):
                upserts[upsertion.name] = (ScramCredentialStore.Key(user: upsertion.name, hash: hash), credential)
                order.append(upsertion.name)
            case .failure(let rejection): errors.append((upsertion.name, rejection.code, rejection.message))
            }
        }
        let removals = Set(deletions.values)
        var additions: [ScramCredentialStore.Key: ScramCredential] = [:]
        for (key, credential) in upserts.values { additions[key] = credential }

        var response = AlterUserScramCredentialsResponse()
        if !removals.isEmpty || !additions.isEmpty {
            do {
                try store.apply(upserts: additions, deletions: removals)
                for key in removals { Self.logger.info("Removed the SCRAM credential of user \(key.user) for \(key.hash.mechanism.rawValue)") }
                for key in additions.keys { Self.logger.info("Stored a SCRAM credential of user \(key.user) for \(key.hash.mechanism.rawValue)") }
            } catch {
                Self.logger.error("Could not persist the SCRAM credentials: \(error)")
                for user in order { errors.append((user, .kafkaStorageError, "Could not persist the SCRAM credentials")) }
                order = []
            }
        }
        // Kafka's order: the successful deletions and upserts, then the failures.
        let succeeded = order.filter { deletions[$0] != nil } + order.filter { upserts[$0] != nil }
        response.results = succeeded.map { .init(user: $0, errorCode: ErrorCode.noError.rawValue, errorMessage: nil) }
            + errors.map { .init(user: $0.user, errorCode: $0.code.rawValue, errorMessage: $0.message) }
        return response
    }

    static func validateDeletion(
        _ deletion: AlterUserScramCredentialsRequest.ScramCredentialDeletion, store: ScramCredentialStore
    ) -> Result<ScramCredentialStore.Key, Rejection> {
        if let rejection = validateName(deletion.name, mechanism: deletion.mechanism) { return .failure(rejection) }
        guard let hash = ScramMechanismCode.hash(for: deletion.mechanism),
            store.credential(user: deletion.name, hash: hash) != nil
        else {
            return .failure(Rejection(code: .resourceNotFound, message: "Attempt to delete a user credential that does not exist"))
        }
        return .success(ScramCredentialStore.Key(user: deletion.name, hash: hash))
    }

    static func validateName(_ name: String, mechanism: Int8) -> Rejection? {
        if name.isEmpty { return Rejection(code: .unacceptableCredential, message: "Username must not be empty") }
        if ScramMechanismCode.hash(for: mechanism) == nil {
            return Rejection(code: .unsupportedSaslMechanism, message: "Unknown SCRAM mechanism")
        }
        return nil
    }

    struct Rejection: Error {
        var code: ErrorCode
        var message: String
    }

    static func credential(from upsertion: AlterUserScramCredentialsRequest.ScramCredentialUpsertion)
        -> Result<(ScramHash, ScramCredential), Rejection>
    {
        if let rejection = validateName(upsertion.name, mechanism: upsertion.mechanism) { return .failure(rejection) }
        guard let hash = ScramMechanismCode.hash(for: upsertion.mechanism) else {
            return .failure(Rejection(code: .unsupportedSaslMechanism, message: "Unknown SCRAM mechanism"))
        }
        guard upsertion.iterations >= ScramHash.minimumIterations else {
            return .failure(Rejection(code: .unacceptableCredential, message: "Too few iterations"))
        }
        guard upsertion.iterations <= ScramHash.maximumIterations else {
            return .failure(Rejection(code: .unacceptableCredential, message: "Too many iterations"))
        }
        let salt = Array(upsertion.salt.readableBytesView)
        let salted = Array(upsertion.saltedPassword.readableBytesView)
        guard !salt.isEmpty, salted.count == hash.outputByteCount else {
            return .failure(Rejection(code: .unacceptableCredential, message: "Invalid salt or salted password"))
        }
        return .success(
            (hash, ScramCredential(hash: hash, salt: salt, saltedPassword: salted, iterations: Int(upsertion.iterations))))
    }
}

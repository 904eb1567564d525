import KafkaCLISupport
import KafkaClient
import KafkaProtocol

/// `--entity-type users` (without clients) as ConfigCommand does it with --bootstrap-server: SCRAM credentials
/// through DescribeUserScramCredentials / AlterUserScramCredentials. Client quotas are not supported yet, so the
/// quota keys (and describing the default user, which has only quotas) fail with one clear line.
struct ConfigsUsers {
    let runner: ConfigsRunner

    /// QuotaConfig.isClientOrUserQuotaConfig.
    static let quotaKeys: Set<String> = [
        "producer_byte_rate", "consumer_byte_rate", "request_percentage", "controller_mutation_rate",
    ]
    /// ConfigCommand's DEFAULT_SCRAM_ITERATIONS.
    static let defaultIterations: Int32 = 4096
    static let quotasUnsupported = ConfigsFailure.plain(
        "kafka-configs: quota configs for users are not supported yet (they need the client quota APIs)")

    // MARK: Describe

    /// One `SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192` line per user
    /// (every user with credentials when none is named); a user without any gets Apache's "Error retrieving" line.
    func describe() async throws {
        let names = runner.invocation.entityNames
        if names.contains("") { throw Self.quotasUnsupported }
        if runner.invocation.format == .json {
            throw ConfigsFailure.plain("kafka-configs: --output json is not supported for users yet")
        }
        for user in try await runner.admin.describeUserScramCredentials(users: names, deadline: nil) {
            runner.output.line(ConfigsScramText.describe(user))
        }
    }

    // MARK: Alter

    func alter(user: String) async throws {
        let additions = try runner.configsToAdd()
        let deletions = runner.arguments.values("delete-config").map(JavaText.trim)
        let isScram = { (key: String) in ScramMechanism(mechanismName: key) != nil }
        let unknownAdded = additions.map(\.key).filter { !isScram($0) && !Self.quotaKeys.contains($0) }
        if !unknownAdded.isEmpty {
            throw ConfigsFailure.plain(
                "Only quota and SCRAM credential configs can be added for 'users' using --bootstrap-server. Unexpected config names: "
                    + JavaHashMapOrder.ordered(Array(Set(unknownAdded))).joined(separator: ","))
        }
        let unknownDeleted = deletions.filter { !isScram($0) && !Self.quotaKeys.contains($0) }
        if !unknownDeleted.isEmpty {
            throw ConfigsFailure.plain(
                "Only quota and SCRAM credential configs can be deleted for 'users' using --bootstrap-server. Unexpected config names: "
                    + JavaHashMapOrder.ordered(Array(Set(unknownDeleted))).joined(separator: ","))
        }
        let hasQuotas = additions.contains { Self.quotaKeys.contains($0.key) } || deletions.contains(where: Self.quotaKeys.contains)
        let hasScram = additions.contains { isScram($0.key) } || deletions.contains(where: isScram)
        if hasScram {
            if runner.invocation.entityNames.contains("") {
                throw ConfigsFailure.plain(
                    "The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.")
            }
            if hasQuotas {
                throw ConfigsFailure.plain(
                    "Cannot alter both quota and SCRAM credential configs simultaneously for 'users' using --bootstrap-server.")
            }
        }
        if hasQuotas { throw Self.quotasUnsupported }

        let upsertions = try additions.compactMap { key, value -> UserScramCredentialUpsertion? in
            guard let mechanism = ScramMechanism(mechanismName: key) else { return nil }
            let (iterations, password) = try Self.parseCredential(value, mechanism: mechanism)
            return UserScramCredentialUpsertion(user: user, mechanism: mechanism, iterations: iterations, password: password)
        }
        let removals = deletions.compactMap { name in
            ScramMechanism(mechanismName: name).map { UserScramCredentialDeletion(user: user, mechanism: $0) }
        }
        let failures = try await runner.admin.alterUserScramCredentials(
            upsertions: upsertions, deletions: removals, deadline: nil)
        if let failure = failures[user] ?? failures.values.first { throw KafkaClientError.broker(failure) }
        runner.output.line(ConfigsText.completed(entityType: "users", entityName: user))
    }

    /// `parseIterationsAndPasswordBytes`: `[iterations=N,]password=...` (the regex
    /// `(?:iterations=(\-?[0-9]*),)?password=(.*)`); a missing or -1 count means 4096; fewer than 4096 is refused.
    static func parseCredential(_ text: String, mechanism: ScramMechanism) throws -> (Int32, String) {
        var rest = Substring(text)
        var iterationsText: Substring?
        if rest.hasPrefix("iterations="), let comma = rest.firstIndex(of: ",") {
            let candidate = rest[rest.index(rest.startIndex, offsetBy: "iterations=".count)..<comma]
            let digits = candidate.hasPrefix("-") ? candidate.dropFirst() : candidate
            let after = rest[rest.index(after: comma)...]
            if digits.allSatisfy({ $0.isASCII && $0.isNumber }), after.hasPrefix("password=") {
                iterationsText = candidate
                rest = after
            }
        }
        guard rest.hasPrefix("password=") else {
            // Java prints the internal enum's name here (SCRAM_SHA_256).
            let internalName = mechanism.mechanismName.replacingDashes()
            throw ConfigsFailure.plain("Invalid credential property \(internalName)=\(text)")
        }
        let password = String(rest.dropFirst("password=".count))
        var iterations = defaultIterations
        if let iterationsText, iterationsText != "-1" {
            guard let parsed = Int32(iterationsText) else {
                throw ConfigsFailure.plain("For input string: \"\(iterationsText)\"")
            }
            iterations = parsed
        }
        if iterations < defaultIterations {
            throw ConfigsFailure.plain(
                "Iterations \(iterations) is less than the minimum \(defaultIterations) required for \(mechanism.mechanismName)")
        }
        return (iterations, password)
    }
}

extension String {
    fileprivate func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

/// The lines `describeClientQuotaAndUserScramCredentialConfigs` prints.
enum ConfigsScramText {
    static func describe(_ user: UserScramCredentialsResult) -> String {
        switch user.result {
        case .success(let credentials):
            let text = credentials.map { "\($0.mechanism.mechanismName)=iterations=\($0.iterations)" }
                .joined(separator: ", ")
            return "SCRAM credential configs for user-principal '\(user.user)' are \(text)"
        case .failure(let error):
            // The admin client's future fails with the broker's error wrapped in an ExecutionException.
            return "Error retrieving SCRAM credential configs for user-principal '\(user.user)': ExecutionException: "
                + "org.apache.kafka.common.errors.\(exceptionName(error)): \(error.description)"
        }
    }

    /// The Java exception class Kafka's `Errors` gives the codes a SCRAM describe can answer with.
    static func exceptionName(_ error: KafkaBrokerError) -> String {
        switch error.code {
        case .resourceNotFound: "ResourceNotFoundException"
        case .duplicateResource: "DuplicateResourceException"
        case .unacceptableCredential: "UnacceptableCredentialException"
        case .unsupportedSaslMechanism: "UnsupportedSaslMechanismException"
        case .clusterAuthorizationFailed: "ClusterAuthorizationException"
        default: "ApiException"
        }
    }
}

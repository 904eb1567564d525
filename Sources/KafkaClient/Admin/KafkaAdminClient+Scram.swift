import KafkaProtocol
import KafkaSecurity
import NIOCore

extension KafkaAdminClient {
    /// The SCRAM credentials of the named users, or of every user with credentials when `users` is empty, in the
    /// broker's order. A top-level error (e.g. CLUSTER_AUTHORIZATION_FAILED) throws; per-user errors are results.
    public func describeUserScramCredentials(users: [String] = [], deadline: ContinuousClock.Instant? = nil)
        async throws -> [UserScramCredentialsResult]
    {
        var request = DescribeUserScramCredentialsRequest()
        request.users = users.map { DescribeUserScramCredentialsRequest.UserName(name: $0) }
        let response = try await cluster.send(request, deadline: resolve(deadline))
        if let error = KafkaBrokerError.check(response.errorCode, message: response.errorMessage) {
            throw KafkaClientError.broker(error)
        }
        return response.results.map { result in
            if let error = KafkaBrokerError.check(result.errorCode, message: result.errorMessage) {
                return UserScramCredentialsResult(user: result.user, result: .failure(error))
            }
            return UserScramCredentialsResult(
                user: result.user,
                result: .success(
                    result.credentialInfos.map {
                        ScramCredentialInfo(mechanism: ScramMechanism(rawValue: $0.mechanism) ?? .unknown, iterations: $0.iterations)
                    }))
        }
    }

    /// Sets and removes SCRAM credentials. Each upsertion is salted here (a fresh random salt, then Hi() of RFC 5802
    /// with the mechanism's hash), as Java's admin client does, so only the salted password is sent. Returns the
    /// failures by user.
    public func alterUserScramCredentials(
        upsertions: [UserScramCredentialUpsertion], deletions: [UserScramCredentialDeletion] = [],
        deadline: ContinuousClock.Instant? = nil
    ) async throws -> [String: KafkaBrokerError] {
        var request = AlterUserScramCredentialsRequest()
        request.deletions = deletions.map { .init(name: $0.user, mechanism: $0.mechanism.rawValue) }
        request.upsertions = try upsertions.map(Self.salted)
        let response = try await cluster.send(request, deadline: resolve(deadline))
        var failures: [String: KafkaBrokerError] = [:]
        for result in response.results {
            if let error = KafkaBrokerError.check(result.errorCode, message: result.errorMessage) {
                failures[result.user] = error
            }
        }
        return failures
    }

    /// The salt length Java's admin client ends up with (a 130-bit random number in base 36 is about 26 bytes);
    /// any length works for the broker.
    static let scramSaltLength = 32

    static func salted(_ upsertion: UserScramCredentialUpsertion) throws
        -> AlterUserScramCredentialsRequest.ScramCredentialUpsertion
    {
        let hash: ScramHash
        switch upsertion.mechanism {
        case .scramSHA256: hash = .sha256
        case .scramSHA512: hash = .sha512
        case .unknown: throw KafkaClientError.broker(KafkaBrokerError(.unsupportedSaslMechanism, message: "Unknown SCRAM mechanism"))
        }
        let salt = secureRandomBytes(scramSaltLength)
        let saltedPassword = try hash.saltedPassword(upsertion.password, salt: salt, iterations: Int(upsertion.iterations))
        return .init(
            name: upsertion.user, mechanism: upsertion.mechanism.rawValue, iterations: upsertion.iterations,
            salt: ByteBuffer(bytes: salt), saltedPassword: ByteBuffer(bytes: saltedPassword))
    }
}

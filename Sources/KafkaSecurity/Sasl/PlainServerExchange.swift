/// The server side of SASL/PLAIN (RFC 4616) with the checks and messages of Kafka's `PlainSaslServer`: one token
/// `authzid NUL username NUL password`, answered with nothing on success.
public enum PlainServerExchange {
    /// Why a PLAIN token was refused; `description` is Kafka's message, which the client sees. It never contains
    /// the password or says whether the user exists.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }

        public static let invalidCredentials = Failure("Authentication failed: Invalid username or password")
    }

    /// Checks `token` and returns the authenticated user name. `verify(user, password)` must compare in constant
    /// time and answer false for an unknown user.
    public static func authenticate(_ token: [UInt8], verify: (String, String) -> Bool) throws(Failure) -> String {
        let parts = token.split(separator: 0, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw Failure("Invalid SASL/PLAIN response: expected 3 tokens, got \(parts.count)")
        }
        let authorizationId = String(decoding: parts[0], as: UTF8.self)
        let user = String(decoding: parts[1], as: UTF8.self)
        let password = String(decoding: parts[2], as: UTF8.self)
        guard !user.isEmpty else { throw Failure("Authentication failed: username not specified") }
        guard !password.isEmpty else { throw Failure("Authentication failed: password not specified") }
        guard verify(user, password) else { throw Failure.invalidCredentials }
        guard authorizationId.isEmpty || authorizationId == user else {
            throw Failure("Authentication failed: Client requested an authorization id that is different from username")
        }
        return user
    }

    /// The password check for users from a JAAS `user_<name>="<password>"` list.
    public static func verify(user: String, password: String, against users: [String: String]) -> Bool {
        // An unknown user is compared against a dummy so the time taken does not reveal existence.
        let expected = users[user]
        let matches = constantTimeEqual(Array((expected ?? "\u{0}unknown-user").utf8), Array(password.utf8))
        return expected != nil && matches
    }
}

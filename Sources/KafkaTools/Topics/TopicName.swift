/// Kafka's rules for topic names (`org.apache.kafka.common.internals.Topic`), checked on the client so that a bad
/// name is refused before anything is sent, with the text the broker would have answered.
enum TopicName {
    static let maxLength = 249
    /// `Topic.isInternal`: the topics the cluster itself creates.
    static let internalTopics: Set<String> = ["__consumer_offsets", "__transaction_state", "__share_group_state"]

    /// `Topic.validate`: nil when the name is legal, otherwise `Topic name is invalid: <reason>`.
    static func invalidReason(_ name: String) -> String? {
        let reason: String
        if name.isEmpty {
            reason = "the empty string is not allowed"
        } else if name == "." {
            reason = "'.' is not allowed"
        } else if name == ".." {
            reason = "'..' is not allowed"
        } else if name.utf16.count > maxLength {
            // Java counts UTF-16 code units.
            reason = "the length of '\(name)' is longer than the max allowed length \(maxLength)"
        } else if !name.utf16.allSatisfy(isLegal) {
            reason = "'\(name)' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
        } else {
            return nil
        }
        return "Topic name is invalid: \(reason)"
    }

    /// `Topic.hasCollisionChars`: `.` and `_` map to the same metric name.
    static func hasCollisionChars(_ name: String) -> Bool { name.contains(".") || name.contains("_") }

    static func isInternal(_ name: String) -> Bool { internalTopics.contains(name) }

    private static func isLegal(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2E, 0x5F, 0x2D: return true
        default: return false
        }
    }
}

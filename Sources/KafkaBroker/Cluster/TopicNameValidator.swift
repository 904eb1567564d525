/// Apache's topic name rules (`org.apache.kafka.common.internals.Topic`), with its messages.
public enum TopicNameValidator {
    public static let maxLength = 249

    /// Why `name` is not a legal topic name, or nil when it is.
    public static func validate(_ name: String) -> String? {
        if name.isEmpty { return "Topic name is illegal, it can't be empty" }
        if name == "." || name == ".." { return "Topic name cannot be \".\" or \"..\"" }
        if name.utf8.count > maxLength {
            return "Topic name is illegal, it can't be longer than \(maxLength) characters, topic name: \(name)"
        }
        let legal = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        if !legal {
            return "Topic name \"\(name)\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'"
        }
        return nil
    }

    /// Metric names replace `.` with `_`, so two topics differing only there would clash: Apache refuses the
    /// second one. Returns the message naming the existing topic, or nil.
    public static func collision(of name: String, with existing: some Sequence<String>) -> String? {
        let unified = unify(name)
        for other in existing where other != name && unify(other) == unified {
            return "Topic '\(name)' collides with existing topic: \(other)"
        }
        return nil
    }

    static func unify(_ name: String) -> String {
        String(name.map { $0 == "." ? "_" : $0 })
    }
}

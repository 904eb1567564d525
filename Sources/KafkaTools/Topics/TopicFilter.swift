import KafkaCLISupport

/// `TopicFilter.IncludeList`: `--topic` everywhere but `--create` is a regular expression over whole names, after
/// Apache's clean-up of the raw text (trimmed, `,` meaning `|`, spaces and surrounding quotes dropped).
struct TopicFilter {
    /// The cleaned expression, as Apache prints it in "is an invalid regex".
    let expression: String
    private let regex: Regex<AnyRegexOutput>

    struct InvalidExpression: Error, CustomStringConvertible {
        let expression: String
        var description: String { "\(expression) is an invalid regex." }
    }

    init(_ raw: String) throws(InvalidExpression) {
        var cleaned = JavaText.trim(raw).replacing(",", with: "|").replacing(" ", with: "")
        while let first = cleaned.first, first == "\"" || first == "'" { cleaned.removeFirst() }
        while let last = cleaned.last, last == "\"" || last == "'" { cleaned.removeLast() }
        expression = cleaned
        do {
            regex = try Regex(cleaned)
        } catch {
            throw InvalidExpression(expression: cleaned)
        }
    }

    /// `isTopicAllowed`: the whole name matches, and it is not an internal topic being excluded.
    func allows(_ topic: String, excludeInternal: Bool) -> Bool {
        guard !(excludeInternal && TopicName.isInternal(topic)) else { return false }
        return (try? regex.wholeMatch(in: topic)) != nil
    }
}

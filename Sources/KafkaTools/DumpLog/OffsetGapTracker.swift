/// Records where record offsets in one `.log` file do not follow each other (deep iteration), for the
/// `Non-consecutive offsets in <file>` report Apache prints to stderr after all files. Compacted or transactional
/// logs legitimately have such gaps; the report just lists them.
final class OffsetGapTracker {
    private var last: Int64 = -1
    private(set) var pairs: [(Int64, Int64)] = []

    func see(_ offset: Int64) {
        if last != -1 && offset != last + 1 { pairs.append((last, offset)) }
        last = offset
    }

    /// The report's lines for the file at `absolutePath`, none when every offset followed the one before.
    func reportLines(absolutePath: String) -> [String] {
        guard !pairs.isEmpty else { return [] }
        return ["Non-consecutive offsets in \(absolutePath)"] + pairs.map { "  \($0.0) is followed by \($0.1)" }
    }
}

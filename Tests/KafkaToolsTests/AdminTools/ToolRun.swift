import KafkaCLISupport

@testable import KafkaTools

/// What a tool printed and returned.
struct ToolRun: Equatable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stderr with log timestamps (`[2024-10-25 10:00:00,123]`) replaced by `[ts]`.
    var stderrMasked: String {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return String(line) }
            return "[ts]" + line[line.index(after: close)...]
        }.joined(separator: "\n")
    }
}

/// Collects a tool's streams.
final class CapturedStreams {
    var out = ""
    var err = ""

    func output() -> ToolOutput {
        ToolOutput(out: { self.out += $0 }, error: { self.err += $0 })
    }
}

func runTopics(_ arguments: [String], on cluster: FakeCluster) async -> ToolRun {
    let streams = CapturedStreams()
    let status = await TopicsCommand.execute(arguments, output: streams.output()) { _ in cluster }
    return ToolRun(status: status, stdout: streams.out, stderr: streams.err)
}

func runConfigs(_ arguments: [String], on cluster: FakeCluster) async -> ToolRun {
    let streams = CapturedStreams()
    let status = await ConfigsCommand.execute(arguments, output: streams.output()) { _ in cluster }
    return ToolRun(status: status, stdout: streams.out, stderr: streams.err)
}

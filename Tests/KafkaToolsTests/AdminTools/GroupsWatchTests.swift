import Foundation
import KafkaClient
import Testing

@testable import KafkaTools

/// `kafka-consumer-groups --describe --watch SECONDS`: the describe output again and again until a stop signal,
/// exit 0; the screen cleared first on a terminal; refused without --describe or with a bad interval.
@Suite struct GroupsWatchTests {
    static func usage(_ message: String) -> ToolRun { ToolRun(status: 1, stdout: "", stderr: message + "\n") }

    @Test(arguments: [
        (["--list", "--watch", "1"], "Option \"[watch]\" can't be used with option \"[list]\""),
        (["--delete", "--group", "g", "--watch", "1"], "Option \"[watch]\" can't be used with option \"[delete]\""),
        (["--describe", "--group", "g", "--watch", "0"], GroupsOptions.invalidWatch("0")),
        (["--describe", "--group", "g", "--watch", "-2"], GroupsOptions.invalidWatch("-2")),
        (["--describe", "--group", "g", "--watch", "soon"], GroupsOptions.invalidWatch("soon")),
        (["--describe", "--group", "g", "--watch", "1e3"], GroupsOptions.invalidWatch("1e3")),
    ])
    func refusesBadWatchLines(arguments: [String], message: String) async {
        #expect(await runGroups(arguments, on: FakeGroupCluster()) == Self.usage(message))
        #expect(GroupsOptions.invalidWatch("0") == "Invalid value '0' for option watch: use a number of seconds greater than 0")
    }

    /// Runs a watch that a stop signal ends after `stopAfter`.
    private func watch(_ arguments: [String], isTerminal: Bool, stopAfter: Duration) async -> ToolRun {
        let cluster = await ConsumerGroupsCommandTests.cluster()
        let streams = CapturedStreams()
        let status = await ConsumerGroupsCommand.execute(
            ["--bootstrap-server", "localhost:9092"] + arguments, output: streams.output(),
            onStop: { stop in
                Task {
                    try? await Task.sleep(for: stopAfter)
                    stop()
                }
            }, isTerminal: isTerminal
        ) { _ in cluster }
        return ToolRun(status: status, stdout: streams.out, stderr: streams.err)
    }

    @Test func redrawsTheDescribeUntilStopped() async {
        let once = await runGroups(["--describe", "--group", "idle"], on: await ConsumerGroupsCommandTests.cluster())
        #expect(once.stdout.hasPrefix("\nGROUP "))
        let run = await watch(["--describe", "--group", "idle", "--watch", "0.1"], isTerminal: false, stopAfter: .milliseconds(350))
        let draws = run.stdout.components(separatedBy: "\nGROUP ").count - 1
        #expect(run.status == 0)
        #expect(draws >= 2 && draws <= 5)
        // Plain repeated outputs (Apache's leading blank line separates them), the preamble each time on stderr.
        #expect(run.stdout == String(repeating: once.stdout, count: draws))
        #expect(run.stderr == String(repeating: once.stderr, count: draws))
    }

    @Test func clearsTheScreenOnATerminal() async {
        let once = await runGroups(["--describe", "--group", "busy", "--members"], on: await ConsumerGroupsCommandTests.cluster())
        let run = await watch(["--describe", "--group", "busy", "--members", "--watch", "0.1"], isTerminal: true, stopAfter: .milliseconds(250))
        let draws = run.stdout.components(separatedBy: GroupsWatch.clearScreen).count - 1
        #expect(run.status == 0)
        #expect(draws >= 2)
        #expect(run.stdout == String(repeating: "\u{1B}[H\u{1B}[2J" + once.stdout, count: draws))
    }

    /// A stop during the first pause ends the watch without another draw.
    @Test func aStopEndsThePauseAtOnce() async {
        let start = ContinuousClock.now
        let run = await watch(["--describe", "--group", "busy", "--watch", "30"], isTerminal: false, stopAfter: .milliseconds(100))
        #expect(run.status == 0)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(run.stdout.components(separatedBy: "\nGROUP ").count - 1 == 1)
    }
}

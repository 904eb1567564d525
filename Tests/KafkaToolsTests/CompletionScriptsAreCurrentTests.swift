import ArgumentParser
import Foundation
import KafkaServerStartCommand
import KafkaTools
import Testing

/// The committed completion scripts must match what the argument parsers generate (`make generate`).
@Suite struct CompletionScriptsAreCurrentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let commands: [(name: String, type: any ParsableCommand.Type)] = [
        ("kafka-topics", TopicsCommand.self), ("kafka-console-producer", ConsoleProducerCommand.self),
        ("kafka-console-consumer", ConsoleConsumerCommand.self), ("kafka-consumer-groups", ConsumerGroupsCommand.self),
        ("kafka-configs", ConfigsCommand.self), ("kafka-dump-log", DumpLogCommand.self),
        ("kafka-server-start", ServerStartCommand.self),
    ]

    @Test(arguments: commands.indices)
    func completionsAreCurrent(index: Int) throws {
        let (name, command) = Self.commands[index]
        for (shell, path) in [
            (CompletionShell.bash, "completions/bash/\(name)"), (.zsh, "completions/zsh/_\(name)"),
            (.fish, "completions/fish/\(name).fish"),
        ] {
            let committed = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            // The tools print the script followed by a newline.
            #expect(committed == command.completionScript(for: shell) + "\n", "\(path) is out of date; run `make generate`")
        }
    }

    @Test(arguments: commands.indices)
    func everyToolHasAManPage(index: Int) {
        let name = Self.commands[index].name
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("man/man1/\(name).1").path))
    }
}

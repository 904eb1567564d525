import KafkaCLISupport

/// `kafka-consumer-groups --describe --watch SECONDS` (not in Apache's tool): the describe output again every
/// interval until SIGINT or SIGTERM, then exit 0. On a terminal each redraw first clears the screen; otherwise
/// the outputs simply follow one another (each starts with Apache's blank line, which separates them).
struct GroupsWatch {
    /// ANSI: cursor home, erase the screen.
    static let clearScreen = "\u{1B}[H\u{1B}[2J"

    let interval: Duration
    let clearsScreen: Bool
    let output: ToolOutput

    /// `onStop` installs what calls its argument on a stop signal; `draw` prints one describe.
    func run(onStop: (@escaping @Sendable () -> Void) -> Void, draw: () async -> Int32) async -> Int32 {
        let stop = StopRequest()
        onStop { stop.request() }
        while true {
            if clearsScreen { output.write(Self.clearScreen) }
            _ = await draw()
            output.flush()
            if await stop.wait(upTo: interval) { return 0 }
        }
    }
}

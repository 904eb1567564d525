/// How a kafka-consumer-groups failure is reported.
enum GroupsFailure: Error, Hashable, CustomStringConvertible {
    /// Apache's `printUsageAndExit` (an `IllegalArgumentException` or a jopt error at run time): one line on
    /// stderr.
    case usage(String)
    /// Apache's `printError("Executing consumer group command failed due to …")`: on stdout.
    case execution(String)

    var description: String {
        switch self {
        case .usage(let message): return message
        case .execution(let message): return "Executing consumer group command failed due to \(message)"
        }
    }
}

/// jopt-simple's `OptionException`s, with the messages its `ExceptionMessages.properties` gives them. The option
/// is named bare (`topic`), unlike Kafka's own messages, which embed `OptionSpec.toString()` (`[topic]`).
public enum JoptError: Error, Sendable, Hashable, CustomStringConvertible {
    case unrecognizedOption(String)
    case missingRequiredArgument(option: String)
    case multipleArguments(option: String)
    case cannotParseArgument(argument: String, option: String)

    public var description: String {
        switch self {
        case .unrecognizedOption(let name):
            return "\(name) is not a recognized option"
        case .missingRequiredArgument(let option):
            return "Option \(option) requires an argument"
        case .multipleArguments(let option):
            return "Found multiple arguments for option \(option), but you asked for only one"
        case .cannotParseArgument(let argument, let option):
            return "Cannot parse argument '\(argument)' of option \(option)"
        }
    }
}

import KafkaCLISupport

/// What a console producer command line asks for, decided as `ConsoleProducerOptions.checkArgs` does and in its order:
/// help or version first, then `--topic`, then the bootstrap address, then the KIP-1147 name pairs.
enum ConsoleProducerInvocation: Hashable {
    /// No arguments at all: the blurb and the help on stderr, exit 1 (as Apache).
    case usage
    /// `--help`: the help on stdout, exit 0 (Apache exits 1).
    case help
    case version
    /// Produce; `notes` are the deprecation lines Apache prints on stdout first.
    case run(ConsoleProducerSettings, notes: [String])

    static func decide(_ argv: [String]) throws -> ConsoleProducerInvocation {
        try decide(ConsoleProducerOptions.parser.parse(argv))
    }

    static func decide(_ arguments: JoptParsedArguments) throws -> ConsoleProducerInvocation {
        if arguments.argumentCount == 0 { return .usage }
        if arguments.has("help") { return .help }
        if arguments.has("version") { return .version }
        guard arguments.has("topic") else {
            throw ConsoleProducerFailure("Missing required argument \"\(JoptOption.bracketed("topic"))\"")
        }
        let bootstrap = try arguments.value("bootstrap-server")
        if let problem = BootstrapAddressCheck.problem(bootstrap) { throw ConsoleProducerFailure(problem) }

        var notes: [String] = []
        var given: [String: String] = [:]
        for rename in ConsoleProducerOptions.renames {
            if arguments.has(rename.old) && arguments.has(rename.new) {
                throw ConsoleProducerFailure(rename.conflictMessage)
            }
            if arguments.has(rename.old) { notes.append(rename.deprecationNote) }
            given[rename.new] = arguments.has(rename.old) ? rename.old : rename.new
        }
        let settings = ConsoleProducerSettings(
            arguments: arguments,
            bootstrapServers: bootstrap ?? "",
            readerPropertyOption: given["reader-property"] ?? "reader-property",
            commandPropertyOption: given["command-property"] ?? "command-property",
            commandConfigOption: given["command-config"] ?? "command-config")
        return .run(settings, notes: notes)
    }
}

/// A command line that passed `checkArgs`, with the KIP-1147 names resolved to whichever the user gave.
struct ConsoleProducerSettings: Hashable {
    let arguments: JoptParsedArguments
    let bootstrapServers: String
    let readerPropertyOption: String
    let commandPropertyOption: String
    let commandConfigOption: String

    var sync: Bool { arguments.has("sync") }

    /// `compressionCodec()`: `none` unless given; `gzip` when given without a value (or an empty one).
    func compressionCodec() throws -> String {
        guard arguments.has("compression-codec") else { return "none" }
        // Given once without a value leaves no value at all; given twice is jopt's "multiple arguments".
        let occurrences = arguments.occurrences.filter { $0.name == "compression-codec" }
        guard occurrences.count == 1 else { throw JoptError.multipleArguments(option: "compression-codec") }
        guard let value = occurrences[0].value, !value.isEmpty else { return "gzip" }
        return value
    }
}

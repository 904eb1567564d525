/// Emits `ApiKey`: every API the spec defines, with its request and response types.
enum ApiKeyEmitter {
    static func file(_ messages: [MessageSpec]) throws -> String {
        let requests = messages.filter { $0.kind == .request }.sorted { ($0.apiKey ?? 0) < ($1.apiKey ?? 0) }
        var writer = CodeWriter()
        writer.line(Generator.banner("Specs/messages"))
        writer.line()
        writer.doc(["The Kafka APIs this library can encode and decode, by API key."])
        writer.block("public enum ApiKey: Int16, Sendable, Hashable, CaseIterable") { body in
            for request in requests {
                guard let key = request.apiKey else { continue }
                body.line("case \(SwiftNames.apiCase(request.name)) = \(key)")
            }
            body.line()
            body.doc(["Kafka's name for the API (`CreateTopics`)."])
            body.block("public var name: String") { getter in
                getter.block("switch self") { cases in
                    for request in requests {
                        let base = String(request.name.dropLast("Request".count))
                        cases.line("case .\(SwiftNames.apiCase(request.name)): return \(SwiftNames.stringLiteral(base))")
                    }
                }
            }
            for (property, suffix, protocolName) in [
                ("requestType", "Request", "KafkaRequest"), ("responseType", "Response", "KafkaResponse"),
            ] {
                body.line()
                body.block("public var \(property): any \(protocolName).Type") { getter in
                    getter.block("switch self") { cases in
                        for request in requests {
                            let base = String(request.name.dropLast("Request".count))
                            cases.line("case .\(SwiftNames.apiCase(request.name)): return \(base)\(suffix).self")
                        }
                    }
                }
            }
        }
        for request in requests where !request.name.hasSuffix("Request") {
            throw SpecError(file: request.sourcePath, line: 1, message: "request names must end in Request")
        }
        return writer.text
    }
}

/// Emits `ErrorCode`: every Kafka error code with its name, retriability and default message.
enum ErrorCodeEmitter {
    static func caseName(_ spec: ErrorCodeSpec) -> String {
        // `none` would be ambiguous with Optional.none wherever an ErrorCode? is compared.
        spec.name == "NONE" ? "noError" : SwiftNames.camelFromUpperSnake(spec.name)
    }

    static func file(_ codes: [ErrorCodeSpec]) -> String {
        let sorted = codes.sorted { $0.code < $1.code }
        var writer = CodeWriter()
        writer.line(Generator.banner("Specs/errors.kspec"))
        writer.line()
        writer.doc(["Every Kafka error code. Codes this library does not know decode to nil via `init(rawValue:)`."])
        writer.block("public enum ErrorCode: Int16, Error, Sendable, Hashable, CaseIterable") { body in
            for code in sorted { body.line("case \(caseName(code)) = \(code.code)") }
            for (property, type, value) in [
                ("name", "String", { (code: ErrorCodeSpec) in SwiftNames.stringLiteral(code.name) }),
                ("isRetriable", "Bool", { (code: ErrorCodeSpec) in code.retriable ? "true" : "false" }),
                ("message", "String", { (code: ErrorCodeSpec) in SwiftNames.stringLiteral(code.message) }),
            ] {
                body.line()
                body.block("public var \(property): \(type)") { getter in
                    getter.block("switch self") { cases in
                        for code in sorted { cases.line("case .\(caseName(code)): return \(value(code))") }
                    }
                }
            }
        }
        return writer.text
    }
}

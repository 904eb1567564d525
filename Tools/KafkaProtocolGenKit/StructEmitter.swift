/// Emits one Swift struct (a message or one of its nested structs) with its decoder and encoder.
struct StructEmitter {
    let message: MessageSpec
    let name: String
    let fields: [FieldSpec]
    let doc: [String]
    let isTopLevel: Bool

    private var codes: [FieldCode] {
        fields.map { FieldCode(field: $0, valid: message.validVersions, flexible: message.flexibleVersions) }
    }

    private var hasFlexibleVersions: Bool { !message.flexibleVersions.clamped(to: message.validVersions).isEmpty }

    func emit(into writer: inout CodeWriter, nested: [StructSpec]) {
        writer.doc(doc)
        let conformances = isTopLevel ? Self.conformance(for: message.kind) : "Sendable, Hashable"
        writer.block("public struct \(name): \(conformances)") { body in
            if isTopLevel { emitStaticMembers(into: &body) }
            for code in codes {
                body.doc(code.field.doc)
                body.line("public var \(code.property): \(code.swiftType) = \(code.defaultExpression)")
            }
            if hasFlexibleVersions {
                body.line("/// Tagged fields this spec does not know, kept so that the value round-trips unchanged.")
                body.line("public var unknownTaggedFields: UnknownTaggedFields = [:]")
            }
            body.line()
            emitMemberwiseInit(into: &body)
            body.line()
            emitDecoder(into: &body)
            body.line()
            emitEncoder(into: &body)
            for structure in nested {
                body.line()
                StructEmitter(
                    message: message, name: structure.name, fields: structure.fields, doc: structure.doc,
                    isTopLevel: false
                ).emit(into: &body, nested: [])
            }
        }
    }

    static func conformance(for kind: MessageSpec.Kind) -> String {
        switch kind {
        case .request: return "KafkaRequest"
        case .response: return "KafkaResponse"
        case .data: return "KafkaMessage"
        }
    }

    private func emitStaticMembers(into writer: inout CodeWriter) {
        let valid = message.validVersions
        if message.kind == .request {
            let responseName = message.name.hasSuffix("Request")
                ? String(message.name.dropLast("Request".count)) + "Response" : message.name + "Response"
            writer.line("public typealias Response = \(responseName)")
        }
        writer.line("public static let messageName = \(SwiftNames.stringLiteral(message.name))")
        if let key = message.apiKey, message.kind != .data {
            writer.line("public static let apiKey = ApiKey.\(SwiftNames.apiCase(apiBaseName))")
            _ = key
        }
        writer.line("public static let versions: ClosedRange<Int16> = \(valid.lowest)...\(valid.highest ?? valid.lowest)")
        let flexible = message.flexibleVersions.clamped(to: valid)
        writer.line("public static let firstFlexibleVersion: Int16? = \(flexible.isEmpty ? "nil" : String(flexible.lowest))")
        if message.kind != .data {
            emitHeaderVersion(into: &writer)
        }
        writer.line()
    }

    /// The request name without its suffix: the API's name (`CreateTopics`).
    private var apiBaseName: String {
        for suffix in ["Request", "Response"] where message.name.hasSuffix(suffix) {
            return String(message.name.dropLast(suffix.count))
        }
        return message.name
    }

    private func emitHeaderVersion(into writer: inout CodeWriter) {
        let flexibleHeader = message.kind == .request ? 2 : 1
        let classicHeader = message.kind == .request ? 1 : 0
        writer.block("public static func headerVersion(for version: Int16) -> Int16") { body in
            if let override = message.headerOverride {
                guard let versions = override.versions else {
                    body.line("return \(override.headerVersion)")
                    return
                }
                if let condition = versions.swiftCondition(within: message.validVersions) {
                    body.line("if \(condition) { return \(override.headerVersion) }")
                } else {
                    body.line("return \(override.headerVersion)")
                    return
                }
            }
            if let condition = message.flexibleVersions.swiftCondition(within: message.validVersions) {
                if condition == "false" {
                    body.line("return \(classicHeader)")
                } else {
                    body.line("return \(condition) ? \(flexibleHeader) : \(classicHeader)")
                }
            } else {
                body.line("return \(flexibleHeader)")
            }
        }
    }

    private func emitMemberwiseInit(into writer: inout CodeWriter) {
        writer.doc(["A value with every field at its spec default."])
        writer.line("public init() {}")
        guard !codes.isEmpty else { return }
        writer.line()
        var parameters = codes.map { "\(SwiftNames.unescaped($0.property)): \($0.swiftType) = \($0.defaultExpression)" }
        if hasFlexibleVersions { parameters.append("unknownTaggedFields: UnknownTaggedFields = [:]") }
        writer.block(prefix: "public init", parameters: parameters) { body in
            for code in codes { body.line("self.\(code.property) = \(code.property)") }
            if hasFlexibleVersions { body.line("self.unknownTaggedFields = unknownTaggedFields") }
        }
    }

    private func versionCheck(into writer: inout CodeWriter) {
        guard isTopLevel else { return }
        writer.block("guard Self.versions.contains(version) else") { body in
            body.line("throw KafkaProtocolError.unsupportedVersion(message: Self.messageName, version: version)")
        }
    }

    private var flexibleDeclaration: String? {
        guard let condition = message.flexibleVersions.swiftCondition(within: message.validVersions) else {
            return "let flexible = true"
        }
        return condition == "false" ? nil : "let flexible = \(condition)"
    }

    private var compactExpression: String { flexibleDeclaration == nil ? "false" : "flexible" }

    private func emitDecoder(into writer: inout CodeWriter) {
        writer.block("public init(from buffer: inout ByteBuffer, version: Int16) throws") { body in
            versionCheck(into: &body)
            body.line("self.init()")
            var statements = CodeWriter()
            for code in codes where !code.regularVersions.clamped(to: message.validVersions).isEmpty {
                let compact = code.field.neverCompact ? "false" : compactExpression
                let read = code.readExpression(buffer: "buffer", compact: compact, within: code.regularVersions)
                if let condition = code.regularVersions.swiftCondition(within: message.validVersions) {
                    statements.line("if \(condition) { self.\(code.property) = \(read) }")
                } else {
                    statements.line("self.\(code.property) = \(read)")
                }
            }
            if hasFlexibleVersions { emitTaggedDecoder(into: &statements) }
            if let declaration = flexibleDeclaration, statements.text.contains("flexible") {
                body.line(declaration)
            }
            for line in statements.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                body.line(String(line))
            }
        }
    }

    private var taggedCodes: [FieldCode] {
        codes.filter { $0.field.tag != nil }.sorted { ($0.field.tag ?? 0) < ($1.field.tag ?? 0) }
    }

    private func emitTaggedDecoder(into writer: inout CodeWriter) {
        writer.block("if flexible") { body in
            body.block("for _ in 0..<(try buffer.readTaggedFieldCount())") { loop in
                loop.line("let field = try buffer.readTaggedField()")
                guard !taggedCodes.isEmpty else {
                    loop.line("self.unknownTaggedFields[field.tag] = field.data")
                    return
                }
                loop.line("var data = field.data")
                loop.block("switch field.tag") { cases in
                    for code in taggedCodes {
                        guard let tag = code.field.tag else { continue }
                        let condition = code.field.taggedVersions.swiftCondition(within: message.validVersions)
                        let read = code.readExpression(buffer: "data", compact: "true", within: code.field.taggedVersions)
                        cases.block("case \(tag)\(condition.map { " where \($0)" } ?? ""):", opener: "") { body in
                            body.line("self.\(code.property) = \(read)")
                            // Keep a default value the sender wrote out, so that re-encoding gives the same bytes.
                            body.line(
                                "if self.\(code.property) == \(code.defaultExpression) { "
                                    + "self.unknownTaggedFields[field.tag] = field.data }")
                        }
                    }
                    cases.line("default: self.unknownTaggedFields[field.tag] = field.data")
                }
            }
        }
    }

    private func emitEncoder(into writer: inout CodeWriter) {
        writer.block("public func write(into buffer: inout ByteBuffer, version: Int16) throws") { body in
            versionCheck(into: &body)
            var statements = CodeWriter()
            for code in codes {
                let regular = code.regularVersions.clamped(to: message.validVersions)
                let compact = code.field.neverCompact ? "false" : compactExpression
                let writes = code.writeStatements(
                    buffer: "buffer", compact: compact, within: regular, messageName: message.name)
                let condition = regular.swiftCondition(within: message.validVersions)
                if regular.isEmpty {
                    if code.field.tag == nil { emitAbsentFieldCheck(code, condition: nil, into: &statements) }
                } else if let condition {
                    statements.block("if \(condition)") { inner in writes.forEach { inner.line($0) } }
                    if code.field.tag == nil { emitAbsentFieldCheck(code, condition: condition, into: &statements) }
                } else {
                    writes.forEach { statements.line($0) }
                }
            }
            if hasFlexibleVersions { emitTaggedEncoder(into: &statements) }
            if let declaration = flexibleDeclaration, statements.text.contains("flexible") {
                body.line(declaration)
            }
            for line in statements.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                body.line(String(line))
            }
        }
    }

    /// Apache refuses to silently drop a non-default value of a field the version cannot carry, unless the spec
    /// marks it ignorable.
    private func emitAbsentFieldCheck(_ code: FieldCode, condition: String?, into writer: inout CodeWriter) {
        guard !code.field.ignorable else { return }
        let absent = condition.map { "!(\($0)) && " } ?? ""
        writer.line(
            "if \(absent)self.\(code.property) != \(code.defaultExpression) { throw KafkaProtocolError.fieldNotSupported("
                + "message: \(SwiftNames.stringLiteral(message.name)), field: \(SwiftNames.stringLiteral(code.field.name)), "
                + "version: version) }")
    }

    private func emitTaggedEncoder(into writer: inout CodeWriter) {
        writer.block("if flexible") { body in
            body.line("var tagged = TaggedFieldWriter()")
            for code in taggedCodes {
                guard let tag = code.field.tag else { continue }
                let versions = code.field.taggedVersions.clamped(to: message.validVersions)
                var conditions = [versions.swiftCondition(within: message.validVersions)].compactMap { $0 }
                conditions.append("self.\(code.property) != \(code.defaultExpression)")
                let writes = code.writeStatements(
                    buffer: "data", compact: "true", within: versions, messageName: message.name)
                body.block("if \(conditions.joined(separator: ", "))") { inner in
                    let mark = writes.contains { $0.contains("try ") } ? "try " : ""
                    inner.block("\(mark)tagged.append(tag: \(tag))", opener: "{ data in") { closure in
                        writes.forEach { closure.line($0) }
                    }
                }
            }
            body.line("tagged.append(unknown: self.unknownTaggedFields)")
            body.line("tagged.write(into: &buffer)")
        }
    }
}

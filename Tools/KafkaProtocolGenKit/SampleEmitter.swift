/// Emits, for the tests, a sample value of every message at every version: each field the version carries gets a
/// non-default value (variant 0), or null where the version allows it (variant 1), so a round trip exercises
/// every field's encoding.
struct SampleEmitter {
    let message: MessageSpec

    func emit(name: String, fields: [FieldSpec], isTopLevel: Bool, into writer: inout CodeWriter) {
        let flexible = !message.flexibleVersions.clamped(to: message.validVersions).isEmpty
        writer.block("extension \(name)\(isTopLevel ? ": SampleableMessage" : "")") { body in
            body.block("static func sample(version: Int16, variant: Int) -> Self") { function in
                function.line("var value = Self()")
                for (index, field) in fields.enumerated() {
                    let code = FieldCode(field: field, valid: message.validVersions, flexible: message.flexibleVersions)
                    let present = field.versions.clamped(to: message.validVersions)
                    if present.isEmpty { continue }
                    var sample = Self.value(field.type, index: index, defaultValue: field.defaultValue, owner: message.name)
                    if code.isOptional {
                        let nullable = code.nullableWithinField.swiftCondition(within: present).map { " && \($0)" } ?? ""
                        if nullable != " && false" { sample = "(variant == 1\(nullable)) ? nil : \(sample)" }
                    }
                    if let condition = present.swiftCondition(within: message.validVersions) {
                        function.line("if \(condition) { value.\(code.property) = \(sample) }")
                    } else {
                        function.line("value.\(code.property) = \(sample)")
                    }
                }
                if flexible {
                    let condition = message.flexibleVersions.swiftCondition(within: message.validVersions)
                    function.line(
                        "if variant == 0\(condition.map { " && \($0)" } ?? "") { "
                            + "value.unknownTaggedFields = [4242: ByteBuffer(bytes: [9, 8, 7])] }")
                }
                function.line("return value")
            }
        }
    }

    /// A literal of `type` that differs from the field's default.
    static func value(_ type: FieldType, index: Int, defaultValue: String?, owner: String) -> String {
        func integer(_ limit: Int) -> String {
            var candidate = (index * 7 + 3) % limit + 1
            if let defaultValue, Int(defaultValue) == candidate { candidate += 1 }
            return String(candidate)
        }
        switch type {
        case .bool: return defaultValue == "true" ? "false" : "true"
        case .int8: return integer(100)
        case .int16, .uint16: return integer(30_000)
        case .int32, .int64, .uint32: return integer(1_000_000)
        case .float64: return defaultValue == "1.5" ? "2.5" : "1.5"
        case .string: return "\"s\(index)-é\""
        case .bytes, .records: return "ByteBuffer(bytes: [\(index), 1, 2, 255])"
        case .uuid: return "KafkaUUID(mostSignificantBits: \(index + 1), leastSignificantBits: 0xFEED)"
        case .array(let element):
            let item = value(element, index: index, defaultValue: nil, owner: owner)
            return "[\(item), \(item)]"
        case .structure(let name): return "\(owner).\(name).sample(version: version, variant: variant)"
        }
    }

    /// The list of every top-level message type, for parameterised tests.
    static func registry(_ messages: [MessageSpec]) -> String {
        var writer = CodeWriter()
        writer.line(Generator.banner("Specs/"))
        writer.line()
        writer.line("import KafkaProtocol")
        writer.line("import NIOCore")
        writer.line()
        writer.line("/// A generated message with a sample value per version (see the `+Sample` files).")
        writer.block("protocol SampleableMessage: KafkaMessage") { body in
            body.line("static func sample(version: Int16, variant: Int) -> Self")
        }
        writer.line()
        writer.line("/// Every message type the spec defines.")
        writer.line("let allSampleableMessages: [any SampleableMessage.Type] = [")
        for message in messages.sorted(by: { ($0.apiKey ?? 999, $0.name) < ($1.apiKey ?? 999, $1.name) }) {
            writer.line("    \(message.name).self,")
        }
        writer.line("]")
        return writer.text
    }
}

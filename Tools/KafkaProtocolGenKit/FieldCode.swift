/// The Swift code for one field of one struct: its type, default, and read/write expressions.
struct FieldCode {
    let field: FieldSpec
    /// The versions of the enclosing message; conditions are simplified against them.
    let valid: VersionRange
    /// The message's flexible versions.
    let flexible: VersionRange

    var property: String { SwiftNames.property(field.name) }

    /// Versions in which the field is carried outside the tagged-field section.
    var regularVersions: VersionRange {
        guard field.tag != nil else { return field.versions }
        // A tagged field may have been a regular field in the versions before it became tagged.
        guard field.taggedVersions.lowest > field.versions.lowest else { return .none }
        return VersionRange(lowest: field.versions.lowest, highest: field.taggedVersions.lowest - 1)
            .clamped(to: field.versions)
    }

    /// Versions in which the field may be null.
    var nullableWithinField: VersionRange { field.nullableVersions.clamped(to: field.versions) }

    var isOptional: Bool { !nullableWithinField.clamped(to: valid).isEmpty }

    var swiftType: String {
        let base = Self.swiftType(field.type)
        return isOptional ? "\(base)?" : base
    }

    static func swiftType(_ type: FieldType) -> String {
        switch type {
        case .bool: return "Bool"
        case .int8: return "Int8"
        case .int16: return "Int16"
        case .int32: return "Int32"
        case .int64: return "Int64"
        case .uint16: return "UInt16"
        case .uint32: return "UInt32"
        case .float64: return "Double"
        case .string: return "String"
        case .bytes, .records: return "ByteBuffer"
        case .uuid: return "KafkaUUID"
        case .array(let element): return "[\(swiftType(element))]"
        case .structure(let name): return name
        }
    }

    var defaultExpression: String {
        if field.defaultValue == "null" { return "nil" }
        switch field.type {
        case .bool: return field.defaultValue?.lowercased() ?? "false"
        case .int8, .int16, .int32, .int64, .uint16, .uint32: return field.defaultValue ?? "0"
        case .float64: return field.defaultValue ?? "0"
        case .string:
            guard let value = field.defaultValue else { return "\"\"" }
            return value.hasPrefix("\"") ? value : SwiftNames.stringLiteral(value)
        case .bytes, .records: return "ByteBuffer()"
        case .uuid: return ".zero"
        case .array: return "[]"
        case .structure(let name): return "\(name)()"
        }
    }

    // MARK: Reading

    /// An expression reading a non-null value of `type` from `buffer`.
    static func readValue(_ type: FieldType, buffer: String, compact: String) -> String {
        switch type {
        case .bool: return "try \(buffer).readKafkaBool()"
        case .int8: return "try \(buffer).readKafkaInt8()"
        case .int16: return "try \(buffer).readKafkaInt16()"
        case .int32: return "try \(buffer).readKafkaInt32()"
        case .int64: return "try \(buffer).readKafkaInt64()"
        case .uint16: return "try \(buffer).readKafkaUInt16()"
        case .uint32: return "try \(buffer).readKafkaUInt32()"
        case .float64: return "try \(buffer).readKafkaFloat64()"
        case .string: return "try \(buffer).readKafkaString(compact: \(compact))"
        case .bytes, .records: return "try \(buffer).readKafkaBytes(compact: \(compact))"
        case .uuid: return "try \(buffer).readKafkaUUID()"
        case .array(let element):
            return "try \(buffer).readKafkaArray(compact: \(compact)) { \(readValue(element, buffer: "$0", compact: compact)) }"
        case .structure(let name): return "try \(name)(from: &\(buffer), version: version)"
        }
    }

    /// An expression reading a possibly-null value of `type` from `buffer`.
    static func readNullable(_ type: FieldType, buffer: String, compact: String) -> String {
        switch type {
        case .string: return "try \(buffer).readKafkaNullableString(compact: \(compact))"
        case .bytes, .records: return "try \(buffer).readKafkaNullableBytes(compact: \(compact))"
        case .array(let element):
            return "try \(buffer).readKafkaNullableArray(compact: \(compact)) { "
                + "\(readValue(element, buffer: "$0", compact: compact)) }"
        case .structure(let name):
            return "try \(buffer).readKafkaInt8() < 0 ? nil : \(name)(from: &\(buffer), version: version)"
        default: return readValue(type, buffer: buffer, compact: compact)
        }
    }

    /// The read expression for this field, choosing the nullable form where the version allows null.
    func readExpression(buffer: String, compact: String, within versions: VersionRange) -> String {
        guard isOptional else { return Self.readValue(field.type, buffer: buffer, compact: compact) }
        let nullable = Self.readNullable(field.type, buffer: buffer, compact: compact)
        switch nullableWithinField.swiftCondition(within: versions) {
        case nil: return nullable
        case "false": return Self.readValue(field.type, buffer: buffer, compact: compact)
        case let condition?:
            return "\(condition) ? \(nullable) : \(Self.readValue(field.type, buffer: buffer, compact: compact))"
        }
    }

    // MARK: Writing

    /// A statement writing the non-null `value` of `type` into `buffer`.
    static func writeValue(_ type: FieldType, value: String, buffer: String, compact: String) -> String {
        switch type {
        case .bool: return "\(buffer).writeKafkaBool(\(value))"
        case .int8, .int16, .int32, .int64, .uint16, .uint32: return "\(buffer).writeInteger(\(value))"
        case .float64: return "\(buffer).writeKafkaFloat64(\(value))"
        case .string: return "\(buffer).writeKafkaString(\(value), compact: \(compact))"
        case .bytes, .records: return "\(buffer).writeKafkaBytes(\(value), compact: \(compact))"
        case .uuid: return "\(buffer).writeKafkaUUID(\(value))"
        case .array(let element):
            let elementWrite = writeValue(element, value: "$1", buffer: "$0", compact: compact)
            return "\(tryMark(elementWrite))\(buffer).writeKafkaArray(\(value), compact: \(compact)) { \(elementWrite) }"
        case .structure: return "try \(value).write(into: &\(buffer), version: version)"
        }
    }

    /// `try ` when a rethrowing helper's closure can throw; nothing otherwise (no warning for a needless `try`).
    static func tryMark(_ closureBody: String) -> String {
        closureBody.contains("try ") ? "try " : ""
    }

    /// Statements writing this field's (possibly optional) value.
    func writeStatements(buffer: String, compact: String, within versions: VersionRange, messageName: String)
        -> [String]
    {
        let value = "self.\(property)"
        guard isOptional else {
            return [Self.writeValue(field.type, value: value, buffer: buffer, compact: compact)]
        }
        var statements: [String] = []
        if let condition = nullableWithinField.swiftCondition(within: versions) {
            statements.append(
                "if \(value) == nil && !(\(condition)) { throw KafkaProtocolError.nullNotAllowed(message: "
                    + "\(SwiftNames.stringLiteral(messageName)), field: \(SwiftNames.stringLiteral(field.name)), "
                    + "version: version) }")
        }
        switch field.type {
        case .string:
            statements.append("\(buffer).writeKafkaNullableString(\(value), compact: \(compact))")
        case .bytes, .records:
            statements.append("\(buffer).writeKafkaNullableBytes(\(value), compact: \(compact))")
        case .array(let element):
            let elementWrite = Self.writeValue(element, value: "$1", buffer: "$0", compact: compact)
            statements.append(
                "\(Self.tryMark(elementWrite))\(buffer).writeKafkaNullableArray(\(value), compact: \(compact)) { "
                    + "\(elementWrite) }")
        case .structure:
            statements.append(
                "if let present = \(value) { \(buffer).writeInteger(Int8(1)); "
                    + "try present.write(into: &\(buffer), version: version) } else { \(buffer).writeInteger(Int8(-1)) }")
        default:
            statements.append(
                "if let present = \(value) { "
                    + "\(Self.writeValue(field.type, value: "present", buffer: buffer, compact: compact)) }")
        }
        return statements
    }
}

/// The parsed form of one `.kspec` message block.
public struct MessageSpec: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case request, response, data
    }

    /// A header-version quirk stated in the spec: header `version` at `versions` (all versions when nil).
    public struct HeaderOverride: Hashable, Sendable {
        public var headerVersion: Int
        public var versions: VersionRange?
    }

    public var kind: Kind
    public var name: String
    public var apiKey: Int?
    public var validVersions: VersionRange
    public var flexibleVersions: VersionRange
    public var headerOverride: HeaderOverride?
    public var fields: [FieldSpec]
    public var commonStructs: [StructSpec]
    public var doc: [String]
    /// The spec file this came from, relative to the spec root (for banners and error messages).
    public var sourcePath: String
}

/// A named group of fields: a nested struct, or a `common` struct.
public struct StructSpec: Hashable, Sendable {
    public var name: String
    public var fields: [FieldSpec]
    public var doc: [String]
}

public struct FieldSpec: Hashable, Sendable {
    public var name: String
    public var type: FieldType
    public var versions: VersionRange
    public var nullableVersions: VersionRange
    public var tag: Int?
    public var taggedVersions: VersionRange
    public var defaultValue: String?
    public var ignorable: Bool
    /// `compact=none`: keeps the classic encoding in flexible versions (the request header's ClientId).
    public var neverCompact: Bool
    /// Inline struct definition when the type names a struct and children follow.
    public var inlineStruct: StructSpec?
    public var doc: [String]
    public var line: Int
}

public indirect enum FieldType: Hashable, Sendable {
    case bool, int8, int16, int32, int64, uint16, uint32, float64, string, bytes, records, uuid
    case array(FieldType)
    case structure(String)

    static let primitives: [String: FieldType] = [
        "bool": .bool, "int8": .int8, "int16": .int16, "int32": .int32, "int64": .int64, "uint16": .uint16,
        "uint32": .uint32, "float64": .float64, "string": .string, "bytes": .bytes, "records": .records,
        "uuid": .uuid,
    ]

    public init?(parsing text: Substring) {
        if text.hasPrefix("[]") {
            guard let element = FieldType(parsing: text.dropFirst(2)), !element.isArray else { return nil }
            self = .array(element)
        } else if let primitive = Self.primitives[String(text)] {
            self = primitive
        } else if let first = text.first, first.isUppercase, text.allSatisfy({ $0.isLetter || $0.isNumber }) {
            self = .structure(String(text))
        } else {
            return nil
        }
    }

    public var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    /// The struct this type is, or holds.
    public var structName: String? {
        switch self {
        case .structure(let name): return name
        case .array(.structure(let name)): return name
        default: return nil
        }
    }
}

/// One error code line of `errors.kspec`.
public struct ErrorCodeSpec: Hashable, Sendable {
    public var code: Int
    public var name: String
    public var retriable: Bool
    public var message: String
}

/// A spec problem with its place, so the author can fix it.
public struct SpecError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

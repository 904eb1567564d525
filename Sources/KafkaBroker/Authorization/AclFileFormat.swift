/// The ACL file in the log dir (`__acls`): one ACL a line, seven tab-separated fields named as Kafka names them
/// (`TOPIC LITERAL orders User:alice * WRITE ALLOW`), with `\`, tab and line breaks in names escaped. KRaft keeps
/// ACLs in the metadata log, which the bundled broker does not have.
enum AclFileFormat {
    static let fileName = "__acls"
    static let header = "# ACLs of the bundled broker: resourceType patternType name principal host operation permission"

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let text: String
        var description: String { "\(fileName) line \(line) is not an ACL: \(text)" }
    }

    static func format(_ bindings: [AclBinding]) -> String {
        var lines = [header]
        for binding in bindings {
            let fields = [
                binding.pattern.resourceType.name, binding.pattern.patternType.name, escape(binding.pattern.name),
                escape(binding.entry.principal), escape(binding.entry.host), binding.entry.operation.name,
                binding.entry.permission.name,
            ]
            lines.append(fields.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String) throws -> [AclBinding] {
        var bindings: [AclBinding] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7,
                let type = AclResourceType.allCases.first(where: { $0.name == fields[0] }),
                let pattern = AclPatternType.allCases.first(where: { $0.name == fields[1] }),
                let operation = AclOperation.allCases.first(where: { $0.name == fields[5] }),
                let permission = AclPermissionType.allCases.first(where: { $0.name == fields[6] })
            else { throw ParseError(line: index + 1, text: String(line)) }
            let binding = AclBinding(
                ResourcePattern(type, unescape(fields[2]), pattern),
                AccessControlEntry(
                    principal: unescape(fields[3]), host: unescape(fields[4]), operation: operation, permission: permission))
            guard binding.invalidReason == nil else { throw ParseError(line: index + 1, text: String(line)) }
            bindings.append(binding)
        }
        return bindings
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}

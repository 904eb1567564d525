#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// TEMPORARY stand-ins for the `props` branch's JoptArguments.normalize and KafkaProperties.PropertiesFile, so this
// branch builds before that one is merged. Deleted at the merge.

enum JoptArguments {
    static func normalize(_ argv: [String], longOptions: Set<String>, requiringArgument: Set<String> = []) -> [String] {
        var result: [String] = []
        var index = 0
        while index < argv.count {
            let token = argv[index]
            index += 1
            if token == "--" {
                result += argv[(index - 1)...]
                break
            }
            guard token.hasPrefix("-"), token != "-" else {
                result.append(token)
                continue
            }
            let body = token.hasPrefix("--") ? token.dropFirst(2) : token.dropFirst()
            let name = String(body.prefix { $0 != "=" })
            guard longOptions.contains(name) else {
                result.append(token)
                continue
            }
            if !body.contains("="), requiringArgument.contains(name), index < argv.count {
                result.append("--\(name)=\(argv[index])")
                index += 1
            } else {
                result.append("--\(body)")
            }
        }
        return result
    }
}

public enum PropertiesFile {
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func load(path: String) throws -> [String: String] {
        var bytes: [UInt8] = []
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LoadError(description: "\(path) (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        var values: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let text = line.trimmingCharacters(in: " \t\r")
            guard !text.isEmpty, !text.hasPrefix("#"), !text.hasPrefix("!") else { continue }
            let separator = text.firstIndex { $0 == "=" || $0 == ":" } ?? text.endIndex
            let key = String(text[..<separator]).trimmingCharacters(in: " \t")
            let value = separator == text.endIndex ? "" : String(text[text.index(after: separator)...]).trimmingCharacters(in: " \t")
            values[key] = value
        }
        return values
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

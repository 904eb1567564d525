import KafkaCLISupport
import KafkaClient

/// `parseResetPlan`: the CSV `--export` writes, read back for `--from-file`. The old layout
/// (`topic,partition,offset`) is used when exactly one `--group` is given and the first line reads that way;
/// otherwise every line must be `group,topic,partition,offset`.
enum ResetPlanFile {
    struct Invalid: Error, Hashable, CustomStringConvertible {
        let description: String
    }

    static func parse(_ csv: String, groups: [String]) throws(Invalid) -> [String: [TopicPartition: Int64]] {
        let lines = JavaText.split(csv, on: "\n").filter { !$0.isEmpty }
        let single = groups.count == 1 ? groups.first : nil
        let oldFormat = lines.first.map { record($0, withGroup: false) != nil } ?? false
        var plan: [String: [TopicPartition: Int64]] = [:]
        for line in lines {
            if let group = single, oldFormat {
                guard let entry = record(line, withGroup: false) else { throw invalid(line) }
                plan[group, default: [:]][entry.partition] = entry.offset
            } else {
                guard let entry = record(line, withGroup: true), let group = entry.group else { throw invalid(line) }
                plan[group, default: [:]][entry.partition] = entry.offset
            }
        }
        return plan
    }

    private static func invalid(_ line: String) -> Invalid {
        Invalid(description: "Invalid reset plan line '\(line)': expected group,topic,partition,offset or topic,partition,offset")
    }

    private static func record(_ line: String, withGroup: Bool) -> (group: String?, partition: TopicPartition, offset: Int64)? {
        let fields = fields(line.hasSuffix("\r") ? String(line.dropLast()) : line)
        guard fields.count == (withGroup ? 4 : 3) else { return nil }
        let base = withGroup ? 1 : 0
        guard let partition = JoptParsedArguments.javaInteger(fields[base + 1]),
            let offset = JavaNumbers.javaLong(fields[base + 2])
        else { return nil }
        return (withGroup ? fields[0] : nil, TopicPartition(topic: fields[base], partition: partition), offset)
    }

    /// RFC 4180 fields: commas split, double quotes quote, `""` is a quote.
    static func fields(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.isEmpty {
                quoted = true
            } else if character == "," {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result
    }
}

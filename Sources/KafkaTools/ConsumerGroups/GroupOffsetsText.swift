import KafkaClient

/// One row of `--describe --offsets` (`PartitionAssignmentState`).
struct GroupOffsetRow: Sendable, Hashable {
    var group: String
    var topic: String?
    var partition: Int32?
    var leaderEpoch: Int32?
    var currentOffset: Int64?
    var logEndOffset: Int64?
    var consumerId: String?
    var host: String?
    var clientId: String?

    /// `getLag`: only when both the committed offset and the log end are known.
    var lag: Int64? {
        guard let currentOffset, currentOffset != -1, let logEndOffset else { return nil }
        return logEndOffset - currentOffset
    }
}

/// `printOffsets` for one group: `"\n%-Gs %-Ts %-10s %-15s %-15s %-15s %-Cs %-Hs %s"` (verbose adds LEADER-EPOCH
/// after PARTITION), each row starting with a newline, then a final newline.
enum GroupOffsetsText {
    static func render(_ rows: [GroupOffsetRow], verbose: Bool) -> String {
        let g = JavaFormat.width(rows.map(\.group), minimum: 15)
        let t = JavaFormat.width(rows.map { $0.topic ?? JavaFormat.missing }, minimum: 15)
        let c = JavaFormat.width(rows.map { $0.consumerId ?? JavaFormat.missing }, minimum: 15)
        let h = JavaFormat.width(rows.map { $0.host ?? JavaFormat.missing }, minimum: 15)
        func line(_ cells: [String]) -> String {
            var widths = [g, t, 10] + (verbose ? [15] : []) + [15, 15, 15, c, h]
            widths.append(0)
            return "\n" + zip(cells, widths).map { JavaFormat.left($0, $1) }.joined(separator: " ")
        }
        var header = ["GROUP", "TOPIC", "PARTITION"]
        if verbose { header.append("LEADER-EPOCH") }
        header += ["CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"]
        var text = line(header)
        for row in rows {
            var cells = [row.group, JavaFormat.text(row.topic), JavaFormat.text(row.partition)]
            if verbose { cells.append(JavaFormat.text(row.leaderEpoch)) }
            cells += [
                JavaFormat.text(row.currentOffset), JavaFormat.text(row.logEndOffset), JavaFormat.text(row.lag),
                JavaFormat.text(row.consumerId), JavaFormat.text(row.host), JavaFormat.text(row.clientId),
            ]
            text += line(cells)
        }
        return text + "\n"
    }
}

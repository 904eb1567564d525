/// Java's `UUID.fromString` and `UUID.toString`, which the UUID deserializer's output goes through: five
/// dash-separated hex fields (shorter fields are accepted and zero-padded, overlong ones masked, an optional sign
/// allowed, as `Long.parseLong(s, 16)` reads them), at most 36 characters; printed lower-case 8-4-4-4-12.
enum JavaUUID {
    private static let dash = UInt16(UInt8(ascii: "-"))
    private static let plus = UInt16(UInt8(ascii: "+"))

    static func parse(_ text: String) -> String? {
        let characters = Array(text.utf16)
        guard characters.count <= 36 else { return nil }
        let fields = characters.split(separator: dash, omittingEmptySubsequences: false)
        guard fields.count == 5 else { return nil }
        var values: [UInt64] = []
        for field in fields {
            guard let value = parseHexLong(field) else { return nil }
            values.append(UInt64(bitPattern: value))
        }
        let most = (values[0] & 0xFFFF_FFFF) << 32 | (values[1] & 0xFFFF) << 16 | (values[2] & 0xFFFF)
        let least = (values[3] & 0xFFFF) << 48 | (values[4] & 0xFFFF_FFFF_FFFF)
        return hex(most >> 32, 8) + "-" + hex(most >> 16 & 0xFFFF, 4) + "-" + hex(most & 0xFFFF, 4) + "-"
            + hex(least >> 48, 4) + "-" + hex(least & 0xFFFF_FFFF_FFFF, 12)
    }

    /// `Long.parseLong(s, 16)`: an optional sign, then one or more hex digits, within the range of a long.
    private static func parseHexLong(_ field: ArraySlice<UInt16>) -> Int64? {
        var digits = field[...]
        var negative = false
        if let first = digits.first, first == dash || first == plus {
            negative = first == dash
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for unit in digits {
            let digit: UInt64
            switch unit {
            case 48...57: digit = UInt64(unit - 48)
            case 65...70: digit = UInt64(unit - 55)
            case 97...102: digit = UInt64(unit - 87)
            default: return nil
            }
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 16)
            guard !overflow else { return nil }
            magnitude = shifted + digit
            guard magnitude <= UInt64(Int64.max) + (negative ? 1 : 0) else { return nil }
        }
        return negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
    }

    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Java's `Double.toString` and `Float.toString` (JDK 19+, shortest digits that round-trip): plain decimals with at
/// least one fractional digit for magnitudes in [10^-3, 10^7), otherwise `d.dddE±n`. The Double and Float
/// deserializers print their values this way, so `1.0E10` must not come out as Swift's `10000000000.0`.
enum JavaNumberText {
    static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return render(sign: value.sign == .minus, isZero: value == 0, shortest: value.magnitude.description)
    }

    static func float(_ value: Float) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return render(sign: value.sign == .minus, isZero: value == 0, shortest: value.magnitude.description)
    }

    /// Re-lays Swift's shortest round-trip text (`123.45`, `1e-05`, `1.5e+20`) in Java's layout.
    private static func render(sign: Bool, isZero: Bool, shortest: String) -> String {
        let prefix = sign ? "-" : ""
        if isZero { return prefix + "0.0" }
        let (digits, exponent) = decimalDigits(of: shortest)
        if exponent >= -3 && exponent < 7 {
            if exponent >= 0 {
                let integerCount = exponent + 1
                let padded = digits + String(repeating: "0", count: max(0, integerCount - digits.count))
                let integerPart = padded.prefix(integerCount)
                let fraction = padded.dropFirst(integerCount)
                return prefix + integerPart + "." + (fraction.isEmpty ? "0" : fraction)
            }
            return prefix + "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        let rest = digits.dropFirst()
        return prefix + digits.prefix(1) + "." + (rest.isEmpty ? "0" : rest) + "E" + String(exponent)
    }

    /// The significant digits (no leading or trailing zeros) and the power of ten of the first one.
    static func decimalDigits(of text: String) -> (digits: String, exponent: Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].drop { $0 == "+" }) ?? 0
        }
        let integerPart: Substring
        let fraction: Substring
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        } else {
            integerPart = mantissa
            fraction = ""
        }
        let all = integerPart + fraction
        // The exponent of the first digit of `all` is exponent + integerPart.count - 1; leading zeros move it down.
        let leadingZeros = all.prefix { $0 == "0" }.count
        var digits = Substring(all.dropFirst(leadingZeros))
        while digits.last == "0" { digits = digits.dropLast() }
        if digits.isEmpty { return ("0", 0) }
        return (String(digits), exponent + integerPart.count - 1 - leadingZeros)
    }
}

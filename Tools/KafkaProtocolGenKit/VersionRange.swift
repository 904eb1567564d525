/// A set of protocol versions as the spec writes it: `3+`, `2-5`, `4` or `none`.
public struct VersionRange: Hashable, Sendable {
    public var lowest: Int
    /// nil means open-ended (`N+`).
    public var highest: Int?
    public var isEmpty: Bool

    public static let none = VersionRange(lowest: 0, highest: nil, isEmpty: true)

    public init(lowest: Int, highest: Int?, isEmpty: Bool = false) {
        self.lowest = lowest
        self.highest = highest
        self.isEmpty = isEmpty
    }

    public init?(parsing text: Substring) {
        if text == "none" {
            self = .none
        } else if text.hasSuffix("+"), let low = Int(text.dropLast()) {
            self.init(lowest: low, highest: nil)
        } else if let dash = text.firstIndex(of: "-"), let low = Int(text[..<dash]),
            let high = Int(text[text.index(after: dash)...]), low <= high
        {
            self.init(lowest: low, highest: high)
        } else if let exact = Int(text) {
            self.init(lowest: exact, highest: exact)
        } else {
            return nil
        }
    }

    public func contains(_ version: Int) -> Bool {
        !isEmpty && version >= lowest && (highest.map { version <= $0 } ?? true)
    }

    /// This range limited to `valid` (a message's valid versions), so conditions can be simplified.
    public func clamped(to valid: VersionRange) -> VersionRange {
        guard !isEmpty, !valid.isEmpty else { return .none }
        let low = max(lowest, valid.lowest)
        let high: Int? =
            switch (highest, valid.highest) {
            case (nil, nil): nil
            case (let a?, nil): a
            case (nil, let b?): b
            case (let a?, let b?): min(a, b)
            }
        if let high, high < low { return .none }
        return VersionRange(lowest: low, highest: high)
    }

    /// A Swift condition on `version` that is true exactly in this range, given that `version` lies in `valid`;
    /// nil when it is always true there.
    public func swiftCondition(within valid: VersionRange, variable: String = "version") -> String? {
        let range = clamped(to: valid)
        if range.isEmpty { return "false" }
        let coversBottom = range.lowest <= valid.lowest
        switch (range.highest, valid.highest) {
        case (nil, _):
            return coversBottom ? nil : "\(variable) >= \(range.lowest)"
        case (let top?, let validTop?) where top >= validTop:
            return coversBottom ? nil : "\(variable) >= \(range.lowest)"
        case (let top?, _):
            if coversBottom { return "\(variable) <= \(top)" }
            if range.lowest == top { return "\(variable) == \(top)" }
            return "(\(range.lowest)...\(top)).contains(\(variable))"
        }
    }
}

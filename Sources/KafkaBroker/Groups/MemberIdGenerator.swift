/// Member ids as Kafka makes them: the client id (or the group instance id of a static member), a dash, and a
/// random UUID in Java's `UUID.toString()` form.
enum MemberIdGenerator {
    static func next(clientId: String, groupInstanceId: String?) -> String {
        "\(groupInstanceId ?? clientId)-\(randomUUIDString())"
    }

    static func randomUUIDString() -> String {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        high = (high & ~0xF000) | 0x4000  // version 4
        low = (low & ~(0xC000 << 48)) | (0x8000 << 48)  // IETF variant
        let hex = hex(high, digits: 16) + hex(low, digits: 16)
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32]
        return groups.map { String(characters[$0]) }.joined(separator: "-")
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

import Testing

@testable import KafkaCLISupport

@Suite struct JavaHashMapOrderTests {
    @Test func stringHashCodeIsJavas() {
        #expect(JavaHashMapOrder.javaHashCode("") == 0)
        #expect(JavaHashMapOrder.javaHashCode("a") == 97)
        #expect(JavaHashMapOrder.javaHashCode("hello") == 99_162_322)
        // Wraps like Java's int arithmetic.
        #expect(JavaHashMapOrder.javaHashCode("retention.ms") == Int32(bitPattern: 0xB02D_1E76))
    }

    /// The `Configs:` of `__consumer_offsets` as every Apache `kafka-topics --describe` prints it.
    @Test func consumerOffsetsConfigsComeOutInApachesOrder() {
        let keys = ["segment.bytes", "cleanup.policy", "compression.type"]
        #expect(JavaHashMapOrder.ordered(keys) == ["compression.type", "cleanup.policy", "segment.bytes"])
    }

    @Test func insertionOrderBreaksTiesWithinABucket() {
        // "Aa" and "BB" share Java's hash code.
        #expect(JavaHashMapOrder.javaHashCode("Aa") == JavaHashMapOrder.javaHashCode("BB"))
        #expect(JavaHashMapOrder.ordered(["BB", "Aa"]) == ["BB", "Aa"])
        #expect(JavaHashMapOrder.ordered(["Aa", "BB"]) == ["Aa", "BB"])
    }

    @Test func tablesGrowAsHashMapResizes() {
        #expect(JavaHashMapOrder.finalCapacity(count: 12, initialCapacity: nil) == 16)
        #expect(JavaHashMapOrder.finalCapacity(count: 13, initialCapacity: nil) == 32)
        #expect(JavaHashMapOrder.finalCapacity(count: 3, initialCapacity: 3) == 4)
        #expect(JavaHashMapOrder.finalCapacity(count: 4, initialCapacity: 4) == 8)
        #expect(JavaHashMapOrder.finalCapacity(count: 1, initialCapacity: 1) == 2)
    }
}

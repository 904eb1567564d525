import Testing

@testable import KafkaTools

/// Apache's built-in deserializers as the formatter prints them: `toString()` of the value, or the exception.
@Suite struct DeserializerTests {
    typealias Support = FormatterTestSupport

    static func value(_ kind: BuiltInDeserializer, _ bytes: [UInt8]?, _ extra: [String: String] = [:]) throws
        -> Result<String, FormatterError>
    {
        var properties = ["value.deserializer": kind.rawValue]
        properties.merge(extra) { _, new in new }
        return try Support.format(Support.bytesRecord(value: bytes), properties)
    }

    static func printed(_ kind: BuiltInDeserializer, _ bytes: [UInt8]?, _ extra: [String: String] = [:]) throws
        -> String?
    {
        try? value(kind, bytes, extra).get()
    }

    @Test func fixedWidthIntegers() throws {
        #expect(try Self.printed(.long, [0, 0, 0, 0, 0, 0, 1, 0]) == "256\n")
        #expect(try Self.printed(.long, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]) == "-2\n")
        #expect(try Self.printed(.long, [0x80, 0, 0, 0, 0, 0, 0, 0]) == "-9223372036854775808\n")
        #expect(try Self.printed(.integer, [0x7F, 0xFF, 0xFF, 0xFF]) == "2147483647\n")
        #expect(try Self.printed(.integer, [0xFF, 0xFF, 0xFF, 0xFF]) == "-1\n")
        #expect(try Self.printed(.short, [0x80, 0x00]) == "-32768\n")
        #expect(try Self.printed(.short, [0x01, 0x02]) == "258\n")
    }

    @Test func sizeErrorsUseApachesTexts() throws {
        #expect(
            try Self.value(.long, [1]) == .failure(.serialization("Size of data received by LongDeserializer is not 8"))
        )
        #expect(
            try Self.value(.integer, [1])
                == .failure(.serialization("Size of data received by IntegerDeserializer is not 4")))
        #expect(
            try Self.value(.short, [1])
                == .failure(.serialization("Size of data received by ShortDeserializer is not 2")))
        #expect(
            try Self.value(.double, [1]) == .failure(.serialization("Size of data received by Deserializer is not 8")))
        #expect(
            try Self.value(.float, [1]) == .failure(.serialization("Size of data received by Deserializer is not 4")))
        #expect(
            try Self.value(.boolean, [1, 1])
                == .failure(.serialization("Size of data received by BooleanDeserializer is not 1")))
        #expect(
            try Self.value(.boolean, [0xFF])
                == .failure(.serialization("Unexpected byte received by BooleanDeserializer: -1")))
    }

    @Test func aNullValueIsTheNullLiteralFedToTheDeserializer() throws {
        // "null" is four bytes: an Integer deserializer reads them as a number, a Long one refuses them.
        #expect(try Self.printed(.integer, nil) == "1853189228\n")
        #expect(
            try Self.value(.long, nil) == .failure(.serialization("Size of data received by LongDeserializer is not 8"))
        )
        #expect(try Self.printed(.string, nil) == "null\n")
        #expect(
            try Self.value(.void, nil)
                == .failure(
                    FormatterError(
                        javaClass: FormatterError.illegalArgument,
                        message: "Data should be null for a VoidDeserializer.")))
    }

    @Test func floatingPointInJavasLayout() throws {
        func double(_ value: Double) -> [UInt8] { withUnsafeBytes(of: value.bitPattern.bigEndian) { Array($0) } }
        func float(_ value: Float) -> [UInt8] { withUnsafeBytes(of: value.bitPattern.bigEndian) { Array($0) } }
        #expect(try Self.printed(.double, double(1.5)) == "1.5\n")
        #expect(try Self.printed(.double, double(1e10)) == "1.0E10\n")
        #expect(try Self.printed(.double, double(-0.0001)) == "-1.0E-4\n")
        #expect(try Self.printed(.double, double(.nan)) == "NaN\n")
        #expect(try Self.printed(.float, float(3.25)) == "3.25\n")
        #expect(try Self.printed(.float, float(-.infinity)) == "-Infinity\n")
    }

    @Test func booleansBytesAndBuffers() throws {
        #expect(try Self.printed(.boolean, [1]) == "true\n")
        #expect(try Self.printed(.boolean, [0]) == "false\n")
        #expect(try Self.printed(.bytes, Array("a\\b".utf8) + [0x00, 0x7F, 0xFF]) == "a\\x5Cb\\x00\\x7F\\xFF\n")
        #expect(try Self.printed(.byteBuffer, [1, 2, 3]) == "java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]\n")
        #expect(try Self.printed(.byteArray, Array("raw".utf8)) == "raw\n")
    }

    @Test func uuidsAreNormalisedAsJavaParsesThem() throws {
        #expect(
            try Self.printed(.uuid, Array("123E4567-E89B-12D3-A456-426614174000".utf8))
                == "123e4567-e89b-12d3-a456-426614174000\n")
        #expect(try Self.printed(.uuid, Array("1-2-3-4-5".utf8)) == "00000001-0002-0003-0004-000000000005\n")
        #expect(
            try Self.value(.uuid, Array("not-a-uuid".utf8)) == .failure(.serialization("Error parsing data into UUID")))
        #expect(
            try Self.value(.uuid, Array("1-2-3-4-5".utf8), ["value.deserializer.deserializer.encoding": "UTF-16"])
                == .failure(
                    .serialization("Error when deserializing byte[] to UUID due to unsupported encoding UTF-16")))
    }

    @Test func stringsDecodeWithTheirEncoding() throws {
        #expect(try Self.printed(.string, [0x68, 0xC3, 0xA9]) == "hé\n")
        #expect(try Self.printed(.string, [0x61, 0xFF, 0x62]) == "a\u{FFFD}b\n")
        // Java hands the deserializer only the prefixed settings, prefix stripped: this one names a charset...
        #expect(
            try Self.printed(.string, [0x68, 0xE9], ["value.deserializer.deserializer.encoding": "ISO-8859-1"])
                == "hé\n")
        // ...and this one does not (the deserializer looks for "value.deserializer.encoding" in the stripped map).
        #expect(
            try Self.printed(.string, [0x68, 0xE9], ["value.deserializer.encoding": "ISO-8859-1"]) == "h\u{FFFD}\n")
        #expect(
            try Self.printed(.string, [0x68, 0xE9], ["value.deserializer.deserializer.encoding": "US-ASCII"])
                == "h\u{FFFD}\n")
        #expect(throws: FormatterConfigurationError.self) {
            try Self.value(.string, [0x68], ["value.deserializer.deserializer.encoding": "nonsense"])
        }
    }

    @Test func keysUseTheKeyDeserializer() throws {
        let record = Support.bytesRecord(key: [0, 0, 0, 42], value: Array("v".utf8))
        let properties = ["print.key": "true", "key.deserializer": BuiltInDeserializer.integer.rawValue]
        #expect(try Support.text(record, properties) == "42\tv\n")
    }

    @Test(arguments: [
        (1.0, "1.0"), (0.001, "0.001"), (1e-4, "1.0E-4"), (9_999_999.0, "9999999.0"), (1e7, "1.0E7"),
        (123.456, "123.456"), (1.0e-300, "1.0E-300"), (Double.greatestFiniteMagnitude, "1.7976931348623157E308"),
        (0.0, "0.0"), (-0.0, "-0.0"), (100.0, "100.0"), (12_345_678.9, "1.23456789E7"),
    ])
    func javaDoubleToString(value: Double, text: String) {
        #expect(JavaNumberText.double(value) == text)
    }

    @Test func javaFloatToString() {
        #expect(JavaNumberText.float(0.1) == "0.1")
        #expect(JavaNumberText.float(1e10) == "1.0E10")
        #expect(JavaNumberText.float(Float.greatestFiniteMagnitude) == "3.4028235E38")
    }
}

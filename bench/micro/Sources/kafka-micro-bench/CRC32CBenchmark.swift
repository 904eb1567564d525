import CCRC32C

/// CRC-32C throughput on a buffer much larger than the caches, as when verifying a log segment.
enum CRC32CBenchmark {
    static let size = 64 * 1024 * 1024

    static func run() -> [Measurement] {
        // Random-looking contents, written once up front so that page faults are not timed.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        for index in stride(from: 0, to: size, by: 8) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            buffer.storeBytes(of: state, toByteOffset: index, as: UInt64.self)
        }

        var results: [Measurement] = []
        var checksums: [UInt32] = []
        if kafka_crc32c_hardware_available() != 0 {
            results.append(measure("crc32c hardware (64 MiB)", bytes: size) {
                checksums.append(kafka_crc32c_hardware(0, buffer.baseAddress, size))
            })
        } else {
            print("crc32c hardware: not available on this CPU")
        }
        results.append(measure("crc32c software (64 MiB)", bytes: size) {
            checksums.append(kafka_crc32c_software(0, buffer.baseAddress, size))
        })
        if kafka_crc32c_hardware_available() != 0 {
            // The same work on a block that stays in L2: the instruction's own limit, without memory bandwidth.
            let block = 256 * 1024
            var running: UInt32 = 0
            results.append(measure("crc32c hardware (256 KiB in L2)", bytes: size) {
                for _ in 0..<(size / block) {
                    running = kafka_crc32c_hardware(running, buffer.baseAddress, block)
                }
            })
        }
        // Every run must agree; this also keeps the optimiser from dropping the work.
        precondition(Set(checksums).count == 1, "CRC32C paths disagree")
        return results
    }
}

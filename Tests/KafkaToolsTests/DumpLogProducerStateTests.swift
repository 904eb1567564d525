import Foundation
import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaTools

/// `.snapshot` and `.txnindex` files laid out as Kafka's ProducerStateManager and TransactionIndex write them.
@Suite struct DumpLogProducerStateTests {
    private func run(_ paths: [String]) -> DumpLogGoldenTests.Transcript {
        let sink = DumpLogGoldenTests.Sink()
        let output = DumpOutput(out: { sink.out += String(decoding: $0, as: UTF8.self) }, error: { sink.err += $0 })
        let ok = DumpLogRunner(format: DumpLogFormat(), maxBytes: LogSegmentDumper.defaultMaxBytes).run(paths: paths, output: output)
        return DumpLogGoldenTests.Transcript(out: sink.out, err: sink.err, ok: ok)
    }

    private func snapshot(corruptCRC: Bool = false) -> ByteBuffer {
        var entries = ByteBuffer()
        entries.writeInteger(Int32(2))
        // A transactional producer mid-transaction, and one whose sequence wrapped.
        for (id, epoch, lastSeq, lastOffset, delta, time, coordinatorEpoch, txnFirst) in [
            (Int64(1000), Int16(0), Int32(9), Int64(41), Int32(9), Int64(1_700_000_000_000), Int32(3), Int64(32)),
            (Int64(1001), Int16(2), Int32(1), Int64(60), Int32(4), Int64(1_700_000_000_500), Int32(-1), Int64(-1)),
        ] {
            entries.writeInteger(id)
            entries.writeInteger(epoch)
            entries.writeInteger(lastSeq)
            entries.writeInteger(lastOffset)
            entries.writeInteger(delta)
            entries.writeInteger(time)
            entries.writeInteger(coordinatorEpoch)
            entries.writeInteger(txnFirst)
        }
        var file = ByteBuffer()
        file.writeInteger(Int16(1))
        let crc = entries.kafkaCRC32C(at: entries.readerIndex, length: entries.readableBytes) ?? 0
        file.writeInteger(corruptCRC ? crc ^ 1 : crc)
        file.writeBuffer(&entries)
        return file
    }

    @Test func producerSnapshotLinesAsApachePrintsThem() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("00000000000000000061.snapshot", snapshot())
        let result = run([path])
        #expect(result.out == """
            Dumping \(path)
            producerId: 1000 producerEpoch: 0 coordinatorEpoch: 3 currentTxnFirstOffset: OptionalLong[32] lastTimestamp: 1700000000000 firstSequence: 0 lastSequence: 9 lastOffset: 41 offsetDelta: 9 timestamp: 1700000000000
            producerId: 1001 producerEpoch: 2 coordinatorEpoch: -1 currentTxnFirstOffset: OptionalLong.empty lastTimestamp: 1700000000500 firstSequence: 2147483645 lastSequence: 1 lastOffset: 60 offsetDelta: 4 timestamp: 1700000000500

            """)
        #expect(result.ok)

        let corrupt = try directory.write("00000000000000000062.snapshot", snapshot(corruptCRC: true))
        let bad = run([corrupt])
        #expect(bad.err.hasPrefix("Error: Snapshot is corrupt (CRC is no longer valid). Stored crc: "))
        #expect(!bad.ok)
    }

    @Test func transactionIndexLines() throws {
        var index = ByteBuffer()
        for (producerId, first, last, lastStable) in [(Int64(7), Int64(10), Int64(20), Int64(21)), (8, 30, 31, 40)] {
            index.writeInteger(Int16(0))
            index.writeInteger(producerId)
            index.writeInteger(first)
            index.writeInteger(last)
            index.writeInteger(lastStable)
        }
        let directory = try TemporaryDirectory()
        let path = try directory.write("00000000000000000000.txnindex", index)
        #expect(run([path]).out == """
            Dumping \(path)
            version: 0 producerId: 7 firstOffset: 10 lastOffset: 20 lastStableOffset: 21
            version: 0 producerId: 8 firstOffset: 30 lastOffset: 31 lastStableOffset: 40

            """)
    }
}

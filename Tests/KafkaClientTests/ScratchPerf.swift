import KafkaClient
import KafkaProtocol
import KafkaTestSupport
import NIOCore
import Testing

@Suite struct ScratchPerf {
    @Test func perf() async throws {
        try await InProcessBroker.with { broker in
            let producer = try await KafkaProducer(properties: [
                "bootstrap.servers": broker.bootstrap, "linger.ms": "5", "batch.size": "262144",
            ])
            let payload = ByteBuffer(repeating: 65, count: 100)
            let start = ContinuousClock.now
            for _ in 0..<300_000 {
                try await producer.send(ProducerRecord(topic: "perf", value: payload))
            }
            let queued = ContinuousClock.now - start
            await producer.flush()
            print("PERF queued \(queued) total \(ContinuousClock.now - start)")
            await producer.close()
        }
    }
}

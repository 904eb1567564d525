import KafkaProtocol
import NIOCore

/// The consumer's fetch side: positions of the assigned partitions, one Fetch in flight per leader (sent again
/// as soon as its answer is in, so the next records are usually already here when `poll` asks), and the buffer
/// of fetched records that `poll` hands out.
actor ConsumerEngine {
    private struct PartitionState {
        /// The offset after the last record handed to the application (what a commit stores).
        var position: Int64?
        /// The offset the next Fetch asks for; ahead of `position` while records sit in the buffer.
        var fetchPosition: Int64?
        var resetTo: AutoOffsetReset?
        var highWatermark: Int64 = -1
        var paused = false
    }

    let cluster: KafkaCluster
    let config: ConsumerConfig
    private var partitions: [TopicPartition: PartitionState] = [:]
    private var buffer: [ConsumerRecord] = []
    private var bufferStart = 0
    /// How many buffered records each partition has; a partition with some is not fetched again.
    private var bufferedRecords: [TopicPartition: Int] = [:]
    private var fetchesInFlight: Set<Int32> = []
    private var leaders: [TopicPartition: Int32] = [:]
    private var metadataRefreshRunning = false
    private var dataWaiter: CheckedContinuation<Void, Never>?
    /// Shared with the consumer's group membership: one wakeup ends one poll, wherever it waits.
    private let wakeups: WakeupSignal
    /// Set by the group membership when the member must rejoin: a waiting poll returns early, empty.
    private var interruptRequested = false
    private var pendingError: KafkaClientError?

    init(cluster: KafkaCluster, config: ConsumerConfig, wakeups: WakeupSignal) {
        self.cluster = cluster
        self.config = config
        self.wakeups = wakeups
    }

    // MARK: - Assignment and positions

    /// Replaces the assignment; kept partitions keep their positions, new ones start from `offsets` (committed
    /// offsets) or from `auto.offset.reset`.
    func assign(_ assigned: [TopicPartition], offsets: [TopicPartition: Int64] = [:]) {
        var next: [TopicPartition: PartitionState] = [:]
        for partition in assigned {
            if let kept = partitions[partition] {
                next[partition] = kept
            } else {
                var state = PartitionState()
                if let offset = offsets[partition], offset >= 0 {
                    state.position = offset
                    state.fetchPosition = offset
                } else {
                    state.resetTo = config.autoOffsetReset
                }
                next[partition] = state
            }
        }
        partitions = next
        dropBuffered { next[$0.topicPartition] == nil }
    }

    var assignment: [TopicPartition] { partitions.keys.sorted() }

    func seek(_ partition: TopicPartition, to offset: Int64) {
        guard partitions[partition] != nil else { return }
        partitions[partition]?.position = offset
        partitions[partition]?.fetchPosition = offset
        partitions[partition]?.resetTo = nil
        dropBuffered { $0.topicPartition == partition }
    }

    func seekToBeginning(_ targets: [TopicPartition]) { requestReset(targets, to: .earliest) }

    func seekToEnd(_ targets: [TopicPartition]) { requestReset(targets, to: .latest) }

    private func requestReset(_ targets: [TopicPartition], to reset: AutoOffsetReset) {
        for partition in targets where partitions[partition] != nil {
            partitions[partition]?.position = nil
            partitions[partition]?.fetchPosition = nil
            partitions[partition]?.resetTo = reset
            dropBuffered { $0.topicPartition == partition }
        }
    }

    /// The position of every assigned partition that has one (what a commit of consumed records stores).
    var positions: [TopicPartition: Int64] {
        partitions.compactMapValues(\.position)
    }

    func position(of partition: TopicPartition, deadline: ContinuousClock.Instant) async throws -> Int64? {
        try await resolvePositions(deadline: deadline)
        return partitions[partition]?.position
    }

    func highWatermark(of partition: TopicPartition) -> Int64? {
        partitions[partition].map(\.highWatermark).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// Asks the leaders for the offsets of partitions that need a reset.
    private func resolvePositions(deadline: ContinuousClock.Instant) async throws {
        var lookups: [TopicPartition: OffsetSpec] = [:]
        var undefined: [TopicPartition] = []
        for (partition, state) in partitions where state.fetchPosition == nil {
            switch state.resetTo ?? config.autoOffsetReset {
            case .earliest: lookups[partition] = .earliest
            case .latest: lookups[partition] = .latest
            case .none: undefined.append(partition)
            }
        }
        if !undefined.isEmpty { throw KafkaClientError.noOffsetForPartition(undefined.sorted()) }
        guard !lookups.isEmpty else { return }
        let found = try await OffsetLookup.listOffsets(
            lookups, isolationLevel: config.isolationLevel, cluster: cluster, deadline: deadline)
        for (partition, listed) in found where partitions[partition]?.fetchPosition == nil {
            partitions[partition]?.position = listed.offset
            partitions[partition]?.fetchPosition = listed.offset
            partitions[partition]?.resetTo = nil
        }
    }

    // MARK: - Polling

    /// Up to `max.poll.records` records, waiting up to `timeout` for some to arrive.
    func poll(timeout: Duration) async throws -> [ConsumerRecord] {
        let deadline = ContinuousClock.now + timeout
        while true {
            if wakeups.consume() { throw KafkaClientError.wakeup }
            if let error = pendingError {
                pendingError = nil
                throw error
            }
            if interruptRequested {
                interruptRequested = false
                return []
            }
            try await resolvePositions(deadline: max(deadline, .now + .milliseconds(config.client.requestTimeoutMs)))
            if bufferStart < buffer.count {
                let records = takeBuffered()
                sendFetches()
                return records
            }
            sendFetches()
            if ContinuousClock.now >= deadline { return [] }
            await waitForData(until: deadline)
        }
    }

    /// Lets a waiting `poll` look at the wakeup signal again (`KafkaConsumer.wakeup()` sets it first).
    func wakeup() {
        resumeWaiter()
    }

    /// Makes a waiting `poll` return (empty) so that the caller can rejoin its group.
    func interruptPoll() {
        interruptRequested = true
        resumeWaiter()
    }

    private func takeBuffered() -> [ConsumerRecord] {
        let end = min(buffer.count, bufferStart + config.maxPollRecords)
        let records = Array(buffer[bufferStart..<end])
        bufferStart = end
        // Records come in runs per partition: one position update per run, not one dictionary write per record.
        var runStart = 0
        while runStart < records.count {
            let partition = records[runStart].topicPartition
            var runEnd = runStart + 1
            while runEnd < records.count && records[runEnd].partition == partition.partition
                && records[runEnd].topic == partition.topic
            {
                runEnd += 1
            }
            partitions[partition]?.position = records[runEnd - 1].offset + 1
            bufferedRecords[partition, default: 0] -= runEnd - runStart
            if bufferedRecords[partition] ?? 0 <= 0 { bufferedRecords[partition] = nil }
            runStart = runEnd
        }
        if bufferStart == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            bufferStart = 0
            bufferedRecords.removeAll()
        }
        return records
    }

    private func dropBuffered(where shouldDrop: (ConsumerRecord) -> Bool) {
        guard bufferStart < buffer.count else { return }
        let kept = buffer[bufferStart...].filter { !shouldDrop($0) }
        buffer = kept
        bufferStart = 0
        bufferedRecords = [:]
        for record in buffer { bufferedRecords[record.topicPartition, default: 0] += 1 }
        // A partition whose buffered records went away fetches again from where the application is.
        for (partition, state) in partitions where state.fetchPosition != state.position {
            if !buffer.contains(where: { $0.topicPartition == partition }) {
                partitions[partition]?.fetchPosition = state.position
            }
        }
    }

    private func waitForData(until deadline: ContinuousClock.Instant) async {
        await withCheckedContinuation { continuation in
            dataWaiter = continuation
            Task {
                try? await Task.sleep(until: deadline)
                self.resumeWaiter()
            }
        }
    }

    private func resumeWaiter() {
        dataWaiter?.resume()
        dataWaiter = nil
    }

    // MARK: - Fetching

    /// One Fetch per leader that has none in flight, for its partitions with a position and nothing buffered.
    private func sendFetches() {
        var byLeader: [Int32: [(TopicPartition, Int64)]] = [:]
        var needMetadata = false
        for (partition, state) in partitions where !state.paused && bufferedRecords[partition] == nil {
            guard let offset = state.fetchPosition else { continue }
            guard let leader = leaders[partition] else {
                needMetadata = true
                continue
            }
            if !fetchesInFlight.contains(leader) { byLeader[leader, default: []].append((partition, offset)) }
        }
        if needMetadata { refreshLeaders() }
        for (leader, wanted) in byLeader {
            fetchesInFlight.insert(leader)
            let request = fetchRequest(wanted)
            Task { await self.fetch(request, from: leader, offsets: Dictionary(uniqueKeysWithValues: wanted)) }
        }
    }

    private func fetchRequest(_ wanted: [(TopicPartition, Int64)]) -> FetchRequest {
        var request = FetchRequest()
        request.replicaId = -1
        request.maxWaitMs = config.fetchMaxWaitMs
        request.minBytes = config.fetchMinBytes
        request.maxBytes = config.fetchMaxBytes
        request.isolationLevel = config.isolationLevel.rawValue
        request.rackId = config.clientRack
        var byTopic: [String: [FetchRequest.FetchPartition]] = [:]
        for (partition, offset) in wanted {
            var entry = FetchRequest.FetchPartition()
            entry.partition = partition.partition
            entry.fetchOffset = offset
            entry.partitionMaxBytes = config.maxPartitionFetchBytes
            byTopic[partition.topic, default: []].append(entry)
        }
        request.topics = byTopic.sorted { $0.key < $1.key }.map {
            FetchRequest.FetchTopic(topic: $0.key, partitions: $0.value)
        }
        return request
    }

    /// Runs off the actor while the broker long-polls; the answer comes back through `absorb`.
    private nonisolated func fetch(_ request: FetchRequest, from leader: Int32, offsets: [TopicPartition: Int64])
        async
    {
        let result: Result<FetchResponse, KafkaClientError>
        do {
            let deadline = ContinuousClock.now + .milliseconds(config.client.requestTimeoutMs)
            let connection = try await cluster.connection(toNode: leader, deadline: deadline)
            // v13+ names topics by id; v12 is the newest that names them.
            let version = try connection.negotiatedVersion(FetchRequest.self, maxVersion: 12)
            let timeout = config.client.requestTimeoutMs + Int64(config.fetchMaxWaitMs)
            result = .success(try await connection.send(request, version: version, timeoutMs: timeout))
        } catch let error as KafkaClientError {
            result = .failure(error)
        } catch {
            result = .failure(.protocolViolation("\(error)"))
        }
        await absorb(result, from: leader, offsets: offsets)
    }

    private func absorb(
        _ result: Result<FetchResponse, KafkaClientError>, from leader: Int32, offsets: [TopicPartition: Int64]
    ) async {
        fetchesInFlight.remove(leader)
        defer { resumeWaiter() }
        let response: FetchResponse
        switch result {
        case .failure(let error):
            if !error.isRetriable { pendingError = error }
            for partition in offsets.keys { leaders[partition] = nil }
            try? await Task.sleep(for: .milliseconds(config.client.retryBackoffMs))
            return
        case .success(let answer):
            response = answer
        }
        if let error = KafkaBrokerError.check(response.errorCode) {
            if !error.isRetriable { pendingError = .broker(error) }
            return
        }
        for topic in response.responses {
            for data in topic.partitions {
                let partition = TopicPartition(topic: topic.topic, partition: data.partitionIndex)
                // Skip answers for partitions revoked or seeked since the request went out.
                guard let requested = offsets[partition], partitions[partition]?.fetchPosition == requested else {
                    continue
                }
                absorb(data, for: partition, requestedOffset: requested)
            }
        }
    }

    private func absorb(_ data: FetchResponse.PartitionData, for partition: TopicPartition, requestedOffset: Int64) {
        switch ErrorCode(rawValue: data.errorCode) {
        case .noError?:
            partitions[partition]?.highWatermark = data.highWatermark
            guard let records = data.records, records.readableBytes > 0 else { return }
            do {
                let fetched = try FetchedRecords(
                    topic: partition.topic, partition: partition.partition, data: records,
                    fetchOffset: requestedOffset, isolation: config.isolationLevel,
                    abortedTransactions: data.abortedTransactions ?? [], checkCRCs: config.checkCRCs)
                buffer.append(contentsOf: fetched.records)
                if !fetched.records.isEmpty { bufferedRecords[partition, default: 0] += fetched.records.count }
                partitions[partition]?.fetchPosition = fetched.nextOffset
                if fetched.records.isEmpty { partitions[partition]?.position = fetched.nextOffset }
            } catch {
                pendingError = .protocolViolation(
                    "Received exception when fetching the next record from \(partition). If needed, please seek "
                        + "past the record to continue consumption. (\(error))")
            }
        case .offsetOutOfRange?:
            partitions[partition]?.fetchPosition = nil
            partitions[partition]?.position = nil
            if config.autoOffsetReset == .none {
                pendingError = .broker(
                    KafkaBrokerError(
                        .offsetOutOfRange,
                        message: "Fetch position FetchPosition{offset=\(requestedOffset)} is out of range for "
                            + "partition \(partition)"))
            }
        case let code? where code.isRetriable:
            leaders[partition] = nil
        default:
            pendingError = .broker(KafkaBrokerError(rawCode: data.errorCode))
        }
    }

    private func refreshLeaders() {
        guard !metadataRefreshRunning else { return }
        metadataRefreshRunning = true
        let topics = Array(Set(partitions.keys.map(\.topic))).sorted()
        Task {
            let deadline = ContinuousClock.now + .milliseconds(self.config.client.requestTimeoutMs)
            let metadata = try? await self.cluster.refreshMetadata(topics: topics, deadline: deadline)
            // A topic without leaders yet (or a failed refresh) is asked about again only after the backoff.
            if metadata == nil || topics.contains(where: { metadata?.topics[$0]?.partitions.isEmpty ?? true }) {
                try? await Task.sleep(for: .milliseconds(self.config.client.retryBackoffMs))
            }
            self.leadersRefreshed(metadata)
        }
    }

    private func leadersRefreshed(_ metadata: ClusterMetadata?) {
        metadataRefreshRunning = false
        if let metadata {
            for (name, topic) in metadata.topics {
                for partition in topic.partitions.values where partition.leader >= 0 {
                    leaders[TopicPartition(topic: name, partition: partition.id)] = partition.leader
                }
            }
        }
        resumeWaiter()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DequeModule
import KafkaCompression
import KafkaProtocol
import NIOCore

/// The producer's state and its sender: records accumulate into per-partition batches, and a sender loop
/// drains batches that are full, lingered long enough, are being flushed or are due for a retry, one Produce
/// request per leader, at most `max.in.flight.requests.per.connection` requests per broker.
actor ProducerEngine {
    private struct TopicInfo {
        var partitionCount: Int32
        var available: [Int32]
    }

    private let cluster: KafkaCluster
    private let config: ProducerConfig
    private let compressor: RecordsCompressor
    private var partitioner = StickyPartitioner()
    private var topics: [String: TopicInfo] = [:]
    private var leaders: [TopicPartition: Int32] = [:]
    private var queues: [TopicPartition: PartitionQueue] = [:]
    private var inFlight: [Int: ProducerBatch] = [:]
    private var requestsInFlight: [Int32: Int] = [:]
    private var leaderConnections: [Int32: BrokerConnection] = [:]
    private var connectingTo: Set<Int32> = []
    private var nextBatchId = 0
    private var bufferedBytes = 0
    private var memoryWaiters: [CheckedContinuation<Void, Never>] = []
    /// Buffers of completed uncompressed batches of `batch.size`, for new batches: Java's BufferPool keeps such
    /// buffers too. Reuse spares an allocation, page faults and the heap fragmentation of thousands of 16 KiB
    /// buffers freed on one thread and allocated on another. Counted in `buffer.memory` only while in a batch.
    private var freeBuffers: [ByteBuffer] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var flushing = 0
    private var closing = false
    private var metadataRefreshRunning = false
    private var producerId: Int64 = -1
    private var producerEpoch: Int16 = -1
    private var wakeContinuation: CheckedContinuation<Void, Never>?
    private var wakePending = false
    private var scheduledWake: ContinuousClock.Instant?
    private var senderTask: Task<Void, Never>?

    init(cluster: KafkaCluster, config: ProducerConfig) {
        self.cluster = cluster
        self.config = config
        self.compressor = KafkaCompressor.recordsCompressor(level: config.compressionLevel)
    }

    func start() {
        guard senderTask == nil else { return }
        senderTask = Task { await self.runSender() }
    }

    // MARK: - Appending

    /// Adds a record to its partition's batch; waits for metadata and for buffer memory up to `max.block.ms`.
    func append(_ record: ProducerRecord, completion: RecordCompletion?) async throws {
        let size = try admissibleSize(of: record)
        // Only the slow paths (unknown topic, full buffer) read the clock for the max.block.ms deadline.
        var deadline: ContinuousClock.Instant?
        let info: TopicInfo
        if let known = topics[record.topic] {
            info = known
        } else {
            let limit = ContinuousClock.now + .milliseconds(config.maxBlockMs)
            deadline = limit
            info = try await topicInfo(record.topic, deadline: limit)
        }
        var sticky = partitioner.sticky(for: record.topic)
        let partition = try self.partition(of: record, info: info, sticky: &sticky)
        partitioner.setSticky(sticky, for: record.topic)
        let key = TopicPartition(topic: record.topic, partition: partition)
        let timestamp = record.timestamp ?? Self.nowMs()
        while try !tryAppend(record, size: size, timestamp: timestamp, completion: completion, key: key) {
            let limit = deadline ?? ContinuousClock.now + .milliseconds(config.maxBlockMs)
            deadline = limit
            try await waitForMemory(batchReservation(forRecordOf: size), deadline: limit)
        }
    }

    /// `tryAppend` on the partition's queue in `queues`. A function of its own so that no copy of the queue lives
    /// on across the caller's wait: the sender's next change to the queue would then copy all of its batches.
    private func tryAppend(
        _ record: ProducerRecord, size: Int, timestamp: Int64, completion: RecordCompletion?, key: TopicPartition
    ) throws -> Bool {
        var queue = queues.removeValue(forKey: key) ?? PartitionQueue()
        defer { queues[key] = queue }
        return try tryAppend(record, size: size, timestamp: timestamp, completion: completion, key: key, to: &queue)
    }

    /// Queues records in order; a record that cannot be queued reports its error to `completion` (as the Java
    /// producer's callback does) and the rest still go.
    func appendAll(_ records: [ProducerRecord], completion: (@Sendable (Int, SendResult) -> Void)?) async {
        let shared = completion.map(IndexedCompletion.init)
        var index = records.startIndex
        while index < records.endIndex {
            index = appendWithoutWaiting(records, from: index, completion: shared)
            guard index < records.endIndex else { return }
            // This record waits for metadata or memory; the ones after it take the quick way again.
            do {
                try await append(records[index], completion: shared.map { RecordCompletion.indexed($0, index) })
            } catch {
                shared?.callback(index, .failure(error as? KafkaClientError ?? .protocolViolation("\(error)")))
            }
            index += 1
        }
    }

    /// Appends `records` from `start` on without suspending, for as long as the topic is known and memory is free;
    /// returns the index of the first record that has to wait (`endIndex` when none). Consecutive records of one
    /// topic and partition share the lookups: the topic's metadata and sticky state, and the partition's queue,
    /// which stays out of `queues` meanwhile (nothing else runs on the actor until this returns).
    private func appendWithoutWaiting(_ records: [ProducerRecord], from start: Int, completion: IndexedCompletion?)
        -> Int
    {
        var topicName: String?
        var info = TopicInfo(partitionCount: 0, available: [])
        var sticky: StickyPartitioner.Sticky?
        var openKey: TopicPartition?
        var openQueue = PartitionQueue()
        defer {
            if let openKey { queues[openKey] = openQueue }
            if let topicName { partitioner.setSticky(sticky, for: topicName) }
        }
        for index in start..<records.endIndex {
            let record = records[index]
            do {
                let size = try admissibleSize(of: record)
                if topicName != record.topic {
                    if let topicName { partitioner.setSticky(sticky, for: topicName) }
                    guard let known = topics[record.topic] else { return index }
                    topicName = record.topic
                    info = known
                    sticky = partitioner.sticky(for: record.topic)
                }
                let partition = try self.partition(of: record, info: info, sticky: &sticky)
                if openKey?.partition != partition || openKey?.topic != record.topic {
                    if let openKey { queues[openKey] = openQueue }
                    let key = TopicPartition(topic: record.topic, partition: partition)
                    openQueue = queues.removeValue(forKey: key) ?? PartitionQueue()
                    openKey = key
                }
                guard let key = openKey else { return index }
                let timestamp = record.timestamp ?? Self.nowMs()
                let recordCompletion = completion.map { RecordCompletion.indexed($0, index) }
                let appended = try tryAppend(
                    record, size: size, timestamp: timestamp, completion: recordCompletion, key: key, to: &openQueue)
                guard appended else { return index }
            } catch {
                completion?.callback(index, .failure(error as? KafkaClientError ?? .protocolViolation("\(error)")))
            }
        }
        return records.endIndex
    }

    private func admissibleSize(of record: ProducerRecord) throws -> Int {
        guard !closing else {
            throw KafkaClientError.invalidConfiguration("Cannot perform operation after producer has been closed")
        }
        let size = record.estimatedSize
        // Java counts a record as if it were alone in a batch: the batch header is part of its size.
        let serialized = size + RecordBatchHeader.size
        if serialized > config.maxRequestSize {
            throw KafkaClientError.broker(
                KafkaBrokerError(
                    .messageTooLarge,
                    message: "The message is \(serialized) bytes when serialized which is larger than "
                        + "\(config.maxRequestSize), which is the value of the max.request.size configuration."))
        }
        if serialized > config.bufferMemory {
            throw KafkaClientError.broker(
                KafkaBrokerError(
                    .messageTooLarge,
                    message: "The message is \(serialized) bytes when serialized which is larger than the total memory "
                        + "buffer you have configured with the buffer.memory configuration."))
        }
        return size
    }

    /// The record's partition: its own (checked against the topic), by key, or sticky.
    private func partition(of record: ProducerRecord, info: TopicInfo, sticky: inout StickyPartitioner.Sticky?)
        throws -> Int32
    {
        if let explicit = record.partition, !(0..<info.partitionCount).contains(explicit) {
            throw KafkaClientError.invalidConfiguration(
                "Invalid partition given with record: \(explicit) is not in the range [0...\(info.partitionCount)).")
        }
        return partitioner.partition(
            for: record, sticky: &sticky, partitionCount: info.partitionCount, available: info.available,
            batchSize: config.batchSize, ignoreKeys: config.partitionerIgnoresKeys)
    }

    /// What a new batch takes from `buffer.memory`: Java's BufferPool hands out `batch.size` bytes, or the record's
    /// size when it is larger, and gets them back when the batch completes.
    private func batchReservation(forRecordOf size: Int) -> Int {
        max(config.batchSize, size + RecordBatchHeader.size)
    }

    /// Appends the record to `queue` (its partition's, taken out of `queues`), opening a new batch if it needs one;
    /// false, with nothing changed, when the new batch's memory is not free.
    private func tryAppend(
        _ record: ProducerRecord, size: Int, timestamp: Int64, completion: RecordCompletion?, key: TopicPartition,
        to queue: inout PartitionQueue
    ) throws -> Bool {
        var reserved = 0
        if queue.needsNewBatch(forRecordOf: size, batchSize: config.batchSize) {
            reserved = batchReservation(forRecordOf: size)
            // The first batch always goes, so that a buffer.memory below batch.size still makes progress.
            guard bufferedBytes == 0 || bufferedBytes + reserved <= config.bufferMemory else { return false }
            bufferedBytes += reserved
            let reuse = reserved == config.batchSize && config.compression == .none ? freeBuffers.popLast() : nil
            queue.batches.append(
                ProducerBatch(
                    id: nextBatchId, partition: key, codec: config.compression, reservedBytes: reserved,
                    reusing: reuse, createdAt: .now))
            nextBatchId += 1
        }
        let full: Bool
        do {
            full = try queue.appendToNewest(
                record, timestamp: timestamp, completion: completion, batchSize: config.batchSize)
        } catch {
            if reserved > 0 {
                queue.batches.removeLast()
                releaseMemory(reserved)
            }
            throw KafkaClientError.protocolViolation("could not encode the record: \(error)")
        }
        if full || (reserved > 0 && queue.batches.count > 1) {
            wake()
        } else if reserved > 0 {
            scheduleWake(at: .now + .milliseconds(config.lingerMs))
        }
        return true
    }

    private func topicInfo(_ topic: String, deadline: ContinuousClock.Instant) async throws -> TopicInfo {
        while true {
            if let info = topics[topic] { return info }
            do {
                let metadata = try await cluster.refreshMetadata(
                    topics: [topic], allowAutoTopicCreation: true, deadline: deadline)
                absorb(metadata)
                if let info = topics[topic] { return info }
                if let error = metadata.topics[topic].flatMap({ KafkaBrokerError.check($0.errorCode) }),
                    !error.isRetriable
                {
                    throw KafkaClientError.broker(error)
                }
            } catch let error as KafkaClientError where error.isRetriable {
                // Keep asking until max.block.ms, as the Java producer does.
            }
            if ContinuousClock.now + .milliseconds(config.client.retryBackoffMs) >= deadline {
                throw KafkaClientError.timeout("Topic \(topic) not present in metadata after \(config.maxBlockMs) ms.")
            }
            try await Task.sleep(for: .milliseconds(config.client.retryBackoffMs))
        }
    }

    private func absorb(_ metadata: ClusterMetadata) {
        for (name, topic) in metadata.topics where topic.errorCode == 0 && !topic.partitions.isEmpty {
            let count = Int32(topic.partitions.count)
            let available = topic.partitions.values.filter { $0.leader >= 0 }.map(\.id).sorted()
            topics[name] = TopicInfo(partitionCount: count, available: available)
            for partition in topic.partitions.values {
                let key = TopicPartition(topic: name, partition: partition.id)
                leaders[key] = partition.leader >= 0 ? partition.leader : nil
            }
        }
    }

    /// Waits until some memory is released (the caller then tries again), or throws once `deadline` has passed.
    private func waitForMemory(_ size: Int, deadline: ContinuousClock.Instant) async throws {
        if ContinuousClock.now >= deadline {
            throw KafkaClientError.timeout(
                "Failed to allocate \(size) bytes within the configured max blocking time \(config.maxBlockMs) ms.")
        }
        // Java's accumulator calls every batch ready while someone waits for memory: the sender frees it soonest.
        wake()
        await withCheckedContinuation { memoryWaiters.append($0) }
    }

    private func releaseMemory(_ size: Int) {
        bufferedBytes -= size
        let waiters = memoryWaiters
        memoryWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    // MARK: - Flush and close

    /// Sends everything accumulated now and waits until every batch has completed.
    func flush() async {
        flushing += 1
        wake()
        await waitUntilIdle()
        flushing -= 1
    }

    /// Flushes, then stops the sender.
    func close() async {
        closing = true
        wake()
        await waitUntilIdle()
        senderTask?.cancel()
        wake()
        await cluster.close()
    }

    private var isIdle: Bool { queues.values.allSatisfy { $0.batches.isEmpty } && inFlight.isEmpty }

    private func waitUntilIdle() async {
        while !isIdle {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
    }

    private func notifyIfIdle() {
        guard isIdle else { return }
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    // MARK: - Sender

    private func runSender() async {
        while !Task.isCancelled {
            await drain()
            await waitForWake()
        }
    }

    private func wake() {
        if let continuation = wakeContinuation {
            wakeContinuation = nil
            continuation.resume()
        } else {
            wakePending = true
        }
    }

    private func waitForWake() async {
        if wakePending || Task.isCancelled {
            wakePending = false
            return
        }
        await withCheckedContinuation { wakeContinuation = $0 }
        wakePending = false
    }

    private func scheduleWake(at instant: ContinuousClock.Instant) {
        if let scheduled = scheduledWake, scheduled <= instant, scheduled > .now { return }
        scheduledWake = instant
        Task {
            try? await Task.sleep(until: instant)
            self.timedWake(instant)
        }
    }

    private func timedWake(_ instant: ContinuousClock.Instant) {
        if scheduledWake == instant { scheduledWake = nil }
        wake()
    }

    /// Takes every sendable batch, groups them by leader and sends one request per leader.
    private func drain() async {
        if config.idempotent && producerId < 0 && !isIdle {
            guard await initProducerId() else { return }
        }
        // Each round sends at most one request per leader (one batch per partition); keep going while rounds
        // still send something, so that up to max.in.flight requests are in the air.
        while drainRound() {}
        notifyIfIdle()
    }

    /// One round of `drain`; returns whether it sent anything.
    private func drainRound() -> Bool {
        let now = ContinuousClock.now
        var byLeader: [Int32: [ProducerBatch]] = [:]
        var requestBytes: [Int32: Int] = [:]
        var nextWake: ContinuousClock.Instant?
        var needMetadata = false

        for key in queues.keys.sorted() {
            // Taken out and put back so that editing it does not copy its batches.
            guard var queue = queues.removeValue(forKey: key) else { continue }
            defer { queues[key] = queue }
            // Fields, not a copy of the first batch: a copy would share its buffer, which sealing then copies.
            guard let createdAt = queue.batches.first?.createdAt else { continue }
            if now - createdAt >= .milliseconds(config.deliveryTimeoutMs) {
                expire(&queue, key: key)
                continue
            }
            let firstRetryAfter = queue.batches[0].retryAfter
            if let retryAfter = firstRetryAfter, retryAfter > now {
                nextWake = min(nextWake ?? retryAfter, retryAfter)
                continue
            }
            let lingerEnd = createdAt + .milliseconds(config.lingerMs)
            let ready =
                firstRetryAfter != nil || queue.batches.count > 1 || now >= lingerEnd || flushing > 0 || closing
                || queue.batches[0].builder.uncompressedSizeInBytes >= config.batchSize || !memoryWaiters.isEmpty
            guard ready else {
                nextWake = min(nextWake ?? lingerEnd, lingerEnd)
                continue
            }
            guard let leader = leaders[key] else {
                needMetadata = true
                continue
            }
            guard liveConnection(to: leader) != nil else { continue }
            // Batches for one leader share one request, so only a leader without a request yet is limited.
            if byLeader[leader] == nil,
                requestsInFlight[leader, default: 0] >= config.maxInFlightRequestsPerConnection
            {
                continue
            }
            var batch = queue.batches.removeFirst()
            if batch.encoded == nil {
                if config.idempotent {
                    batch.builder.header.producerId = producerId
                    batch.builder.header.producerEpoch = producerEpoch
                    batch.builder.header.baseSequence = queue.nextSequence
                    queue.nextSequence = Self.advance(queue.nextSequence, by: batch.recordCount)
                }
                do {
                    try batch.seal(compressor: compressor)
                } catch {
                    releaseMemory(batch.reservedBytes)
                    batch.fail(.protocolViolation("could not encode a batch: \(error)"))
                    continue
                }
            }
            let size = batch.encoded?.readableBytes ?? 0
            if let used = requestBytes[leader], used + size > config.maxRequestSize {
                queue.batches.insert(batch, at: 0)
                wakePending = true
                continue
            }
            requestBytes[leader, default: 0] += size
            byLeader[leader, default: []].append(batch)
        }

        for (leader, batches) in byLeader {
            for batch in batches { inFlight[batch.id] = batch }
            // The batches plus room for the request's header and topic names.
            let sizeHint = (requestBytes[leader] ?? 0) + 256 + batches.count * 64
            dispatch(produceRequest(batches), batchIds: batches.map(\.id), sizeHint: sizeHint, to: leader)
        }
        if needMetadata { refreshMetadataInBackground() }
        if let nextWake { scheduleWake(at: nextWake) }
        return !byLeader.isEmpty
    }

    /// The open connection to a leader, or nil while one is being opened (the sender is woken when it is).
    private func liveConnection(to leader: Int32) -> BrokerConnection? {
        if let connection = leaderConnections[leader], connection.isActive { return connection }
        leaderConnections[leader] = nil
        guard connectingTo.insert(leader).inserted else { return nil }
        Task {
            let deadline = ContinuousClock.now + .milliseconds(self.config.client.requestTimeoutMs)
            let connection = try? await self.cluster.connection(toNode: leader, deadline: deadline)
            self.connected(connection, to: leader)
        }
        return nil
    }

    private func connected(_ connection: BrokerConnection?, to leader: Int32) {
        connectingTo.remove(leader)
        if let connection {
            leaderConnections[leader] = connection
            wake()
        } else {
            // Unreachable leader: its metadata may be stale; try again after the backoff.
            for (partition, node) in leaders where node == leader { leaders[partition] = nil }
            refreshMetadataInBackground()
            scheduleWake(at: .now + .milliseconds(config.client.retryBackoffMs))
        }
    }

    /// Puts the request on the leader's connection now, in drain order, and handles the answer when it comes.
    private func dispatch(_ request: ProduceRequest, batchIds: [Int], sizeHint: Int, to leader: Int32) {
        guard let connection = leaderConnections[leader] else { return }
        requestsInFlight[leader, default: 0] += 1
        do {
            // v13 names topics by id; v12 is the newest that names them by name.
            let version = try connection.negotiatedVersion(ProduceRequest.self, maxVersion: 12)
            if request.acks == 0 {
                let written = try connection.dispatchWithoutResponse(request, version: version, sizeHint: sizeHint)
                Task {
                    let result: Result<ProduceResponse?, KafkaClientError>
                    do {
                        _ = try await written.get()
                        result = .success(nil)
                    } catch {
                        result = .failure(error as? KafkaClientError ?? .protocolViolation("\(error)"))
                    }
                    self.handle(result, batchIds: batchIds, leader: leader)
                }
            } else {
                let pending = try connection.dispatch(
                    request, version: version, timeoutMs: config.client.requestTimeoutMs, sizeHint: sizeHint)
                Task {
                    let result: Result<ProduceResponse?, KafkaClientError>
                    do {
                        result = .success(try await pending.get())
                    } catch {
                        result = .failure(error as? KafkaClientError ?? .protocolViolation("\(error)"))
                    }
                    self.handle(result, batchIds: batchIds, leader: leader)
                }
            }
        } catch {
            handle(.failure(error as? KafkaClientError ?? .protocolViolation("\(error)")), batchIds: batchIds, leader: leader)
        }
    }

    private static func advance(_ sequence: Int32, by count: Int) -> Int32 {
        let next = Int64(sequence) + Int64(count)
        return next > Int64(Int32.max) ? Int32(next - Int64(Int32.max) - 1) : Int32(next)
    }

    private func produceRequest(_ batches: [ProducerBatch]) -> ProduceRequest {
        var request = ProduceRequest()
        request.acks = config.acks
        request.timeoutMs = Int32(clamping: config.client.requestTimeoutMs)
        var byTopic: [String: [ProduceRequest.PartitionProduceData]] = [:]
        for batch in batches {
            byTopic[batch.partition.topic, default: []].append(
                ProduceRequest.PartitionProduceData(index: batch.partition.partition, records: batch.encoded))
        }
        request.topicData = byTopic.sorted { $0.key < $1.key }.map {
            ProduceRequest.TopicProduceData(name: $0.key, partitionData: $0.value)
        }
        return request
    }

    private func handle(_ result: Result<ProduceResponse?, KafkaClientError>, batchIds: [Int], leader: Int32) {
        requestsInFlight[leader, default: 1] -= 1
        var batches = batchIds.compactMap { inFlight.removeValue(forKey: $0) }
        switch result {
        case .failure(let error):
            for batch in batches { retryOrFail(batch, error: error) }
        case .success(nil):
            for batch in batches { finish(batch, baseOffset: -1, logAppendTime: -1) }
        case .success(let response?):
            for topic in response.responses {
                for answer in topic.partitionResponses {
                    let key = TopicPartition(topic: topic.name, partition: answer.index)
                    guard let index = batches.firstIndex(where: { $0.partition == key }) else { continue }
                    let batch = batches.remove(at: index)
                    let code = ErrorCode(rawValue: answer.errorCode)
                    switch code {
                    case .noError?:
                        finish(batch, baseOffset: answer.baseOffset, logAppendTime: answer.logAppendTimeMs)
                    case .duplicateSequenceNumber?:
                        finish(batch, baseOffset: -1, logAppendTime: -1)
                    default:
                        let message = answer.errorMessage ?? answer.recordErrors.first?.batchIndexErrorMessage
                        retryOrFail(batch, error: .broker(KafkaBrokerError(rawCode: answer.errorCode, message: message)))
                    }
                }
            }
            for batch in batches {
                retryOrFail(batch, error: .protocolViolation("the broker did not answer for \(batch.partition)"))
            }
        }
        wake()
        notifyIfIdle()
    }

    private func finish(_ batch: ProducerBatch, baseOffset: Int64, logAppendTime: Int64) {
        releaseMemory(batch.reservedBytes)
        batch.complete(baseOffset: baseOffset, logAppendTime: logAppendTime)
        // Kept as is: the builder clears it when the batch here is gone, so that no copy is made.
        if let encoded = batch.encoded, batch.reservedBytes == config.batchSize, config.compression == .none,
            encoded.capacity >= config.batchSize,
            freeBuffers.count * config.batchSize + bufferedBytes < config.bufferMemory
        {
            freeBuffers.append(encoded)
        }
    }

    private func retryOrFail(_ batch: ProducerBatch, error: KafkaClientError) {
        var batch = batch
        batch.attempts += 1
        let expired = ContinuousClock.now - batch.createdAt >= .milliseconds(config.deliveryTimeoutMs)
        let outOfOrder = error.brokerError?.code == .outOfOrderSequenceNumber
        guard error.isRetriable || outOfOrder, batch.attempts <= config.retries, !expired
        else {
            releaseMemory(batch.reservedBytes)
            batch.fail(expired ? expiry(batch) : error)
            return
        }
        if let code = error.brokerError?.code, Self.staleMetadataCodes.contains(code) {
            leaders[batch.partition] = nil
            topics[batch.partition.topic] = nil
            refreshMetadataInBackground()
        }
        batch.retryAfter = .now + .milliseconds(config.client.retryBackoffMs)
        var queue = queues.removeValue(forKey: batch.partition) ?? PartitionQueue()  // moved out: no copy on insert
        let position = queue.batches.firstIndex { $0.id > batch.id } ?? queue.batches.count
        queue.batches.insert(batch, at: position)
        queues[batch.partition] = queue
        scheduleWake(at: batch.retryAfter ?? .now)
    }

    private static let staleMetadataCodes: Set<ErrorCode> = [
        .notLeaderOrFollower, .leaderNotAvailable, .unknownTopicOrPartition, .kafkaStorageError,
    ]

    private func expire(_ queue: inout PartitionQueue, key: TopicPartition) {
        let now = ContinuousClock.now
        while let first = queue.batches.first, now - first.createdAt >= .milliseconds(config.deliveryTimeoutMs) {
            queue.batches.removeFirst()
            releaseMemory(first.reservedBytes)
            first.fail(expiry(first))
        }
    }

    private func expiry(_ batch: ProducerBatch) -> KafkaClientError {
        .timeout(
            "Expiring \(batch.recordCount) record(s) for \(batch.partition):\(config.deliveryTimeoutMs) ms has passed "
                + "since batch creation")
    }

    private func refreshMetadataInBackground() {
        guard !metadataRefreshRunning else { return }
        metadataRefreshRunning = true
        let names = Array(Set(queues.keys.map(\.topic)).union(topics.keys)).sorted()
        Task {
            let deadline = ContinuousClock.now + .milliseconds(self.config.client.requestTimeoutMs)
            let metadata = try? await self.cluster.refreshMetadata(
                topics: names, allowAutoTopicCreation: true, deadline: deadline)
            self.metadataRefreshed(metadata)
        }
    }

    private func metadataRefreshed(_ metadata: ClusterMetadata?) {
        metadataRefreshRunning = false
        if let metadata { absorb(metadata) }
        scheduleWake(at: .now + .milliseconds(metadata == nil ? config.client.retryBackoffMs : 0))
    }

    /// InitProducerId for the idempotent producer; on failure every queued batch fails (Java treats it as fatal).
    private func initProducerId() async -> Bool {
        var request = InitProducerIdRequest()
        request.transactionalId = nil
        request.transactionTimeoutMs = Int32.max
        do {
            let response = try await cluster.send(
                request, deadline: .now + .milliseconds(config.deliveryTimeoutMs))
            if let error = KafkaBrokerError.check(response.errorCode) { throw KafkaClientError.broker(error) }
            producerId = response.producerId
            producerEpoch = response.producerEpoch
            return true
        } catch {
            let failure = error as? KafkaClientError ?? .protocolViolation("\(error)")
            for (key, queue) in queues {
                for batch in queue.batches {
                    releaseMemory(batch.reservedBytes)
                    batch.fail(failure)
                }
                queues[key] = nil
            }
            notifyIfIdle()
            return false
        }
    }

    private static func nowMs() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}

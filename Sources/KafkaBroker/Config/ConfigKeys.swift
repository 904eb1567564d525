/// The broker config keys the bundled broker knows. Anything else gets Apache's "supplied but isn't a known
/// config" warning; keys here that the broker does not use are accepted silently, so Apache's sample files and
/// docker-compose environments start without noise.
enum ConfigKeys {
    /// Keys whose values change what the broker does (typed in `BrokerConfig`).
    static let honoured: Set<String> = [
        "process.roles", "node.id", "broker.id", "listeners", "advertised.listeners", "listener.security.protocol.map",
        "controller.listener.names", "inter.broker.listener.name", "controller.quorum.voters",
        "controller.quorum.bootstrap.servers", "log.dirs", "log.dir", "num.partitions", "default.replication.factor",
        "auto.create.topics.enable", "delete.topic.enable", "log.retention.hours", "log.retention.minutes",
        "log.retention.ms", "log.retention.bytes", "log.segment.bytes", "log.roll.hours", "log.roll.ms",
        "log.retention.check.interval.ms", "message.max.bytes", "log.flush.interval.messages",
        "log.flush.interval.ms", "socket.request.max.bytes", "offsets.topic.num.partitions",
        "offsets.retention.minutes", "group.initial.rebalance.delay.ms", "log.message.timestamp.type",
        "group.min.session.timeout.ms", "group.max.session.timeout.ms", "group.max.size",
        "offsets.retention.check.interval.ms", "offset.metadata.max.bytes", "offsets.topic.segment.bytes",
        "authorizer.class.name", "super.users", "allow.everyone.if.no.acl.found",
        "connection.failed.authentication.delay.ms",
    ]

    /// Apache broker keys that a single node has no use for (threads, replication, buffers, ...).
    static let acceptedUnused: Set<String> = [
        "num.network.threads", "num.io.threads", "socket.send.buffer.bytes", "socket.receive.buffer.bytes",
        "num.recovery.threads.per.data.dir", "offsets.topic.replication.factor",
        "transaction.state.log.replication.factor", "transaction.state.log.min.isr",
        "transaction.state.log.num.partitions", "share.coordinator.state.topic.replication.factor",
        "share.coordinator.state.topic.min.isr", "min.insync.replicas", "num.replica.fetchers",
        "unclean.leader.election.enable", "log.cleaner.enable", "log.cleaner.threads", "log.cleanup.policy",
        "log.index.interval.bytes", "log.index.size.max.bytes", "log.preallocate", "log.segment.delete.delay.ms",
        "log.flush.scheduler.interval.ms", "log.flush.offset.checkpoint.interval.ms",
        "log.flush.start.offset.checkpoint.interval.ms", "compression.type", "metadata.log.dir",
        "metadata.log.segment.bytes", "metadata.max.retention.bytes", "metadata.max.retention.ms",
        "transactional.id.expiration.ms", "transaction.max.timeout.ms", "offsets.commit.timeout.ms",
        "offsets.load.buffer.size", "offsets.topic.compression.codec",
        "replica.lag.time.max.ms", "replica.fetch.max.bytes", "replica.socket.timeout.ms",
        "connections.max.idle.ms", "max.connections", "max.connections.per.ip", "queued.max.requests",
        "request.timeout.ms", "background.threads", "num.replica.alter.log.dirs.threads",
        "auto.leader.rebalance.enable", "leader.imbalance.check.interval.seconds", "broker.rack",
        "group.coordinator.rebalance.protocols", "group.consumer.heartbeat.interval.ms",
        "group.consumer.session.timeout.ms", "log.message.timestamp.before.max.ms",
        "log.message.timestamp.after.max.ms", "log.message.timestamp.difference.max.ms",
        "log.message.format.version", "inter.broker.protocol.version", "initial.broker.registration.timeout.ms",
        "controller.quorum.election.timeout.ms", "controller.quorum.fetch.timeout.ms",
        "controller.quorum.request.timeout.ms", "controller.quorum.retry.backoff.ms",
        "metadata.log.max.record.bytes.between.snapshots", "confluent.support.metrics.enable",
        "sasl.enabled.mechanisms",
        "sasl.mechanism.inter.broker.protocol", "sasl.mechanism.controller.protocol", "security.inter.broker.protocol",
        "ssl.client.auth", "quota.window.num", "quota.window.size.seconds", "delete.records.purgatory.purge.interval.requests",
        "fetch.purgatory.purge.interval.requests", "producer.purgatory.purge.interval.requests",
        "producer.id.expiration.ms", "log.local.retention.ms", "log.local.retention.bytes",
        "remote.log.storage.system.enable", "metric.reporters", "metrics.num.samples", "metrics.recording.level",
        "metrics.sample.window.ms", "zookeeper.connect", "zookeeper.connection.timeout.ms",
    ]

    static func isKnown(_ key: String) -> Bool {
        honoured.contains(key) || acceptedUnused.contains(key)
            // Per-listener settings (listener.name.<name>.<key>) and SSL/SASL settings are Apache's too.
            || key.hasPrefix("listener.name.") || key.hasPrefix("ssl.") || key.hasPrefix("sasl.")
    }
}

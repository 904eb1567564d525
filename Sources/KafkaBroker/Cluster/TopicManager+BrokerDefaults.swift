import KafkaStorage
import Logging

/// The dynamic cluster-wide broker defaults (AlterConfigs/IncrementalAlterConfigs on the broker entity ""):
/// persisted by the LogManager, re-loaded at start-up and applied to every partition log, and the
/// `log.flush.interval.ms` flusher, whose interval they may change.
extension TopicManager {
    /// Replaces the dynamic defaults: stored first (so an acknowledged change survives a crash), then applied.
    public func setDynamicBrokerDefaults(_ values: [String: String]) async throws {
        try await logManager.writeBrokerDefaults(values)
        dynamicBrokerDefaults = values
        await applyDynamicBrokerDefaults()
    }

    /// Start-up: the stored defaults, minus any key that no longer validates (left out with a warning rather than
    /// stopping the broker, as Apache skips an invalid dynamic config).
    func loadDynamicBrokerDefaults() async {
        let stored: [String: String]
        do {
            stored = try await logManager.readBrokerDefaults()
        } catch {
            logger.warning("Ignoring the stored dynamic broker configs: \(error)")
            return
        }
        var accepted: [String: String] = [:]
        for (key, value) in stored {
            if let problem = BrokerConfigValues.validate([key: value]) {
                logger.warning("Ignoring the stored dynamic broker config \(key): \(problem)")
            } else {
                accepted[key] = value
            }
        }
        guard !accepted.isEmpty else { return }
        dynamicBrokerDefaults = accepted
        logger.info("Loaded dynamic broker configs: \(accepted.keys.sorted().joined(separator: ", "))")
        await applyDynamicBrokerDefaults()
    }

    func applyDynamicBrokerDefaults() async {
        await logManager.setDefaultConfig(configResolver.logDefaults)
        restartFlushTask()
    }

    /// (Re)starts the flusher with the interval in effect; none when the interval is unset (Apache's Long.MAX).
    func restartFlushTask() {
        flushTask?.cancel()
        flushTask = nil
        guard backgroundStarted, let interval = configResolver.flushIntervalMs else { return }
        let logManager = self.logManager
        let logger = self.logger
        flushTask = Task {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .milliseconds(max(interval, 1)))
                } catch {
                    return
                }
                do {
                    try await logManager.flushDirty()
                } catch {
                    logger.error("Error flushing logs: \(error)")
                }
            }
        }
    }
}

extension TopicConfigResolver {
    /// The partition logs' defaults: the static `log.*` settings, with every topic config whose value comes from
    /// a dynamic cluster default taking that value (in topic units: log.retention.hours=1 → retention.ms).
    var logDefaults: LogConfig {
        var dynamic: [String: String] = [:]
        for definition in TopicConfigs.all {
            let resolved = resolve(definition, overrides: [:])
            if resolved.source == .dynamicDefaultBrokerConfig, let value = resolved.value {
                dynamic[definition.name] = value.trimmingBlanksForConfig
            }
        }
        return brokerConfig.logConfig.applying(topicConfigs: dynamic)
    }

    /// The flush interval in effect (`log.flush.interval.ms`, dynamic default first), nil when unset.
    var flushIntervalMs: Int64? {
        guard let definition = TopicConfigs.definition("flush.ms"),
            let value = resolve(definition, overrides: [:]).value.flatMap({ Int64($0.trimmingBlanksForConfig) }),
            value != Int64.max
        else { return nil }
        return value
    }
}

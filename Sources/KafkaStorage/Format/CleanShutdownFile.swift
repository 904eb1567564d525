/// `.kafka_cleanshutdown` (Kafka's `CleanShutdownFileHandler`): JSON with string values, in the order Java's
/// HashMap iterates them, e.g. `{"broker_epoch":"-1","version":"0"}`. Only its presence matters for recovery.
public enum CleanShutdownFile {
    public static func format(brokerEpoch: Int64) -> String {
        "{\"broker_epoch\":\"\(brokerEpoch)\",\"version\":\"0\"}"
    }
}

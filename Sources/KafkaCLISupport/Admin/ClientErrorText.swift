import KafkaClient

/// The one-line text a tool prints for an error: the client's errors already read as one line (the address and
/// the system's reason for connection failures), anything else is described as it is.
public enum ClientErrorText {
    public static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}

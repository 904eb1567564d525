import KafkaProtocol
import KafkaStorage

extension StorageError {
    /// The code a client gets for this failure. Bad input has its own codes; every disk failure is
    /// KAFKA_STORAGE_ERROR, which clients retry.
    var errorCode: ErrorCode {
        switch self {
        case .invalidRecords: return .invalidRecord
        case .corruptRecords: return .corruptMessage
        case .recordTooLarge: return .messageTooLarge
        case .offsetOutOfRange: return .offsetOutOfRange
        case .unknownPartition: return .unknownTopicOrPartition
        case .io, .noSpace, .notFound, .corruptFile, .partitionExists, .logClosed: return .kafkaStorageError
        }
    }
}

extension ErrorCode {
    /// The code of any error thrown by the storage layer.
    static func from(storage error: any Error) -> ErrorCode {
        (error as? StorageError)?.errorCode ?? .kafkaStorageError
    }
}

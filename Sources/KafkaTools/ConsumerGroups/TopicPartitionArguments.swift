import KafkaCLISupport
import KafkaClient

/// `--topic t` and `--topic t:0,1,2` as the reset and delete-offsets paths read them (`parseTopicsWithPartitions`).
enum TopicPartitionArguments {
    struct Invalid: Error, Hashable, CustomStringConvertible {
        let description: String
    }

    /// Splits the arguments into explicit partitions and whole topics, in command-line order.
    static func split(_ arguments: [String]) throws(Invalid) -> (partitions: [TopicPartition], topics: [String]) {
        var partitions: [TopicPartition] = []
        var topics: [String] = []
        for argument in arguments {
            if argument.contains(":") {
                partitions += try parse(argument)
            } else {
                topics.append(argument)
            }
        }
        return (partitions, topics)
    }

    /// `topic:0,1,2`; Apache's messages (including the doubled quote) for a bad one.
    static func parse(_ argument: String) throws(Invalid) -> [TopicPartition] {
        let pieces = JavaText.split(argument, on: ":")
        guard pieces.count == 2 else {
            throw Invalid(description: "Invalid topic arg '\(argument)', expected topic name and partitions")
        }
        var result: [TopicPartition] = []
        for partition in JavaText.split(pieces[1], on: ",") {
            guard let number = JoptParsedArguments.javaInteger(partition) else {
                throw Invalid(description: "Invalid partition '\(partition)' specified in topic arg '\(argument)''")
            }
            result.append(TopicPartition(topic: pieces[0], partition: number))
        }
        return result
    }
}

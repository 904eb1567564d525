import ArgumentParser
import KafkaTools

ConsoleConsumerCommand.main()

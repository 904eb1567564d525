import ArgumentParser
import KafkaTools

ConsoleProducerCommand.main()

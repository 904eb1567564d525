import ArgumentParser
import KafkaTools

ConsumerGroupsCommand.main()

import ArgumentParser
import KafkaTools

TopicsCommand.main()

import ArgumentParser
import KafkaTools

ConfigsCommand.main()

import ArgumentParser
import KafkaTools

ServerStartCommand.main()

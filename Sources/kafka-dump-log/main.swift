import ArgumentParser
import KafkaTools

DumpLogCommand.main()

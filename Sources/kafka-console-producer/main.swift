import KafkaTools

await ConsoleProducerCommand.runAndExit()

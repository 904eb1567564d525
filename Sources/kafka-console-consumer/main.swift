import KafkaTools

await ConsoleConsumerCommand.runAndExit()

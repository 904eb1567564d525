import KafkaTools

await ConfigsCommand.runAndExit()

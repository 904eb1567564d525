import KafkaTools

await TopicsCommand.runAndExit()

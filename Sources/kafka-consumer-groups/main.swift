import KafkaTools

await ConsumerGroupsCommand.runAndExit()

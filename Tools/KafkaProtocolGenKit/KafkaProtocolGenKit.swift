public enum KafkaProtocolGenKit {}

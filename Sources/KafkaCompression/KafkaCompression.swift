// KafkaCompression: codecs over the system libraries (filled by the compression work).

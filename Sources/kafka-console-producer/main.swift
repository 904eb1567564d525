import CMallocTuning
import KafkaTools

// Before any other thread exists: the producer's batch buffers are allocated on whichever pool thread runs it and
// freed on another, and glibc's per-thread arenas then each keep part of buffer.memory (about 10 MiB more peak RSS
// for 1 M records). One arena measured no slower; the tool has a handful of threads.
_ = kafka_malloc_use_one_arena()
await ConsoleProducerCommand.runAndExit()

#ifndef CCRC32C_H
#define CCRC32C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * CRC-32C (Castagnoli), as used by Kafka record batches (magic 2).
 *
 * `crc` is the running value of the bytes already processed: pass 0 to start, and pass a previous result to
 * continue, so kafka_crc32c(kafka_crc32c(0, a, n), b, m) equals the CRC of a followed by b.
 * kafka_crc32c(0, "123456789", 9) == 0xE3069283.
 */

/* Uses the SSE4.2 instruction when this CPU has it, otherwise the table-driven code. */
uint32_t kafka_crc32c(uint32_t crc, const void *data, size_t length);

/* Portable slicing-by-8 tables; always available. */
uint32_t kafka_crc32c_software(uint32_t crc, const void *data, size_t length);

/* SSE4.2 path. Only call it when kafka_crc32c_hardware_available() returns non-zero. */
uint32_t kafka_crc32c_hardware(uint32_t crc, const void *data, size_t length);

/* Non-zero when kafka_crc32c_hardware may be called on this CPU. */
int kafka_crc32c_hardware_available(void);

#ifdef __cplusplus
}
#endif

#endif

#include "CCRC32C.h"
/* Placeholder bitwise implementation; replaced by the hardware/table version. */
uint32_t kafka_crc32c(uint32_t crc, const void *data, size_t length) {
    const uint8_t *p = data;
    crc = ~crc;
    while (length--) { crc ^= *p++; for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u))); }
    return ~crc;
}

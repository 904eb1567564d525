#include "CCRC32C.h"
#include "crc32c_internal.h"

uint32_t kafka_crc32c_software(uint32_t crc, const void *data, size_t length) {
    const struct crc32c_tables *t = crc32c_tables();
    const uint32_t (*s)[256] = t->slicing;
    const uint8_t *p = data;
    crc = ~crc;

    /* Eight bytes per step: each byte's effect on the register comes from its own table, in parallel. */
    while (length >= 8) {
        uint64_t word = crc32c_load_le64(p) ^ crc;
        uint32_t lo = (uint32_t)word;
        uint32_t hi = (uint32_t)(word >> 32);
        crc = s[7][lo & 0xFF] ^ s[6][(lo >> 8) & 0xFF] ^ s[5][(lo >> 16) & 0xFF] ^ s[4][lo >> 24] ^
              s[3][hi & 0xFF] ^ s[2][(hi >> 8) & 0xFF] ^ s[1][(hi >> 16) & 0xFF] ^ s[0][hi >> 24];
        p += 8;
        length -= 8;
    }
    while (length--) {
        crc = (crc >> 8) ^ s[0][(crc ^ *p++) & 0xFF];
    }
    return ~crc;
}

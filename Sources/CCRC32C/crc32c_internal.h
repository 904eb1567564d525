#ifndef CRC32C_INTERNAL_H
#define CRC32C_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Castagnoli polynomial, bit-reversed because the CRC is computed least significant bit first. */
#define CRC32C_POLY 0x82F63B78u

/*
 * The hardware path runs three independent streams over adjacent blocks of this many bytes and then joins
 * them. Long blocks amortise the join; short blocks keep the three-way overlap for medium-sized inputs.
 */
#define CRC32C_LONG_BLOCK 8192
#define CRC32C_SHORT_BLOCK 256

struct crc32c_tables {
    /* slicing[k][b]: CRC register contribution of byte b followed by k zero bytes. */
    uint32_t slicing[8][256];
    /* Register after appending CRC32C_LONG_BLOCK (or SHORT) zero bytes, split by the register's four bytes. */
    uint32_t shift_long[4][256];
    uint32_t shift_short[4][256];
};

/* Built once per process on first use; safe to call from any thread. */
const struct crc32c_tables *crc32c_tables(void);

/* Advances a raw (non-inverted) CRC register over `length` zero bytes, using one of the shift tables. */
static inline uint32_t crc32c_shift(const uint32_t table[4][256], uint32_t crc) {
    return table[0][crc & 0xFF] ^ table[1][(crc >> 8) & 0xFF] ^ table[2][(crc >> 16) & 0xFF] ^ table[3][crc >> 24];
}

/* Little-endian load that is safe for any alignment; compilers turn it into one move on x86 and arm64. */
static inline uint64_t crc32c_load_le64(const uint8_t *p) {
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) | ((uint64_t)p[3] << 24) |
           ((uint64_t)p[4] << 32) | ((uint64_t)p[5] << 40) | ((uint64_t)p[6] << 48) | ((uint64_t)p[7] << 56);
}

#endif

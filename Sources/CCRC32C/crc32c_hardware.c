#include "CCRC32C.h"
#include "crc32c_internal.h"

#if defined(__x86_64__)

#include <nmmintrin.h>

#define HW __attribute__((target("sse4.2")))

/*
 * One crc32 instruction has a latency of about three cycles but the CPU can start one per cycle, so a single
 * dependent chain runs at a third of the possible speed. Three chains over adjacent blocks keep the unit busy;
 * their registers are joined afterwards by moving the earlier ones past the later blocks' length (a table
 * lookup, see crc32c_tables.c), which is valid because the raw register update is linear.
 */
HW static inline uint32_t three_way(const uint8_t **cursor, size_t *length, size_t block,
                                     const uint32_t shift[4][256], uint32_t crc) {
    const uint8_t *p = *cursor;
    while (*length >= 3 * block) {
        uint64_t c0 = crc, c1 = 0, c2 = 0;
        const uint8_t *end = p + block;
        do {
            c0 = _mm_crc32_u64(c0, crc32c_load_le64(p));
            c1 = _mm_crc32_u64(c1, crc32c_load_le64(p + block));
            c2 = _mm_crc32_u64(c2, crc32c_load_le64(p + 2 * block));
            p += 8;
        } while (p < end);
        crc = crc32c_shift(shift, (uint32_t)c0) ^ (uint32_t)c1;
        crc = crc32c_shift(shift, crc) ^ (uint32_t)c2;
        p += 2 * block;
        *length -= 3 * block;
    }
    *cursor = p;
    return crc;
}

HW uint32_t kafka_crc32c_hardware(uint32_t crc, const void *data, size_t length) {
    const uint8_t *p = data;
    crc = ~crc;

    /* Byte steps up to an 8-byte boundary, so the wide loads below never straddle a cache line needlessly. */
    while (length != 0 && ((uintptr_t)p & 7) != 0) {
        crc = _mm_crc32_u8(crc, *p++);
        length--;
    }
    if (length >= 3 * CRC32C_SHORT_BLOCK) {
        const struct crc32c_tables *t = crc32c_tables();
        crc = three_way(&p, &length, CRC32C_LONG_BLOCK, t->shift_long, crc);
        crc = three_way(&p, &length, CRC32C_SHORT_BLOCK, t->shift_short, crc);
    }
    uint64_t wide = crc;
    while (length >= 8) {
        wide = _mm_crc32_u64(wide, crc32c_load_le64(p));
        p += 8;
        length -= 8;
    }
    crc = (uint32_t)wide;
    while (length--) {
        crc = _mm_crc32_u8(crc, *p++);
    }
    return ~crc;
}

int kafka_crc32c_hardware_available(void) {
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

#else

/* No hardware path on this architecture: the entry point stays valid and gives the same answer. */
uint32_t kafka_crc32c_hardware(uint32_t crc, const void *data, size_t length) {
    return kafka_crc32c_software(crc, data, length);
}

int kafka_crc32c_hardware_available(void) {
    return 0;
}

#endif

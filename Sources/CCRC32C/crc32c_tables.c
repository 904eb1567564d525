#include "crc32c_internal.h"

#include <pthread.h>

static struct crc32c_tables tables;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* Product of two polynomials modulo the CRC polynomial, in the reflected bit order of the register. */
static uint32_t multiply_mod_poly(uint32_t a, uint32_t b) {
    uint32_t product = 0;
    for (uint32_t bit = 0x80000000u; bit != 0; bit >>= 1) {
        if (a & bit) {
            product ^= b;
        }
        b = (b & 1) ? (b >> 1) ^ CRC32C_POLY : b >> 1;
    }
    return product;
}

/* x^(8 * bytes) mod P: the factor that moves a register past `bytes` zero bytes. Square-and-multiply. */
static uint32_t zero_bytes_operator(size_t bytes) {
    uint32_t result = 0x80000000u;  /* x^0 */
    uint32_t power = 0x00800000u;   /* x^8, one byte */
    while (bytes != 0) {
        if (bytes & 1) {
            result = multiply_mod_poly(power, result);
        }
        power = multiply_mod_poly(power, power);
        bytes >>= 1;
    }
    return result;
}

static void fill_shift_table(uint32_t table[4][256], size_t bytes) {
    uint32_t factor = zero_bytes_operator(bytes);
    for (int lane = 0; lane < 4; lane++) {
        for (uint32_t b = 0; b < 256; b++) {
            table[lane][b] = multiply_mod_poly(factor, b << (8 * lane));
        }
    }
}

static void build_tables(void) {
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t crc = b;
        for (int k = 0; k < 8; k++) {
            crc = (crc & 1) ? (crc >> 1) ^ CRC32C_POLY : crc >> 1;
        }
        tables.slicing[0][b] = crc;
    }
    for (uint32_t b = 0; b < 256; b++) {
        for (int k = 1; k < 8; k++) {
            uint32_t previous = tables.slicing[k - 1][b];
            tables.slicing[k][b] = (previous >> 8) ^ tables.slicing[0][previous & 0xFF];
        }
    }
    fill_shift_table(tables.shift_long, CRC32C_LONG_BLOCK);
    fill_shift_table(tables.shift_short, CRC32C_SHORT_BLOCK);
}

const struct crc32c_tables *crc32c_tables(void) {
    pthread_once(&tables_once, build_tables);
    return &tables;
}

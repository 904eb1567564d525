#ifndef CCRC32C_H
#define CCRC32C_H
#include <stddef.h>
#include <stdint.h>
uint32_t kafka_crc32c(uint32_t crc, const void *data, size_t length);
#endif

#include "CCRC32C.h"

#include <pthread.h>

/* The CPU check is not free, so it runs once; afterwards every call is one indirect jump. */
typedef uint32_t (*crc32c_function)(uint32_t, const void *, size_t);

static crc32c_function selected;
static pthread_once_t selected_once = PTHREAD_ONCE_INIT;

static void select_implementation(void) {
    selected = kafka_crc32c_hardware_available() ? kafka_crc32c_hardware : kafka_crc32c_software;
}

uint32_t kafka_crc32c(uint32_t crc, const void *data, size_t length) {
    pthread_once(&selected_once, select_implementation);
    return selected(crc, data, length);
}

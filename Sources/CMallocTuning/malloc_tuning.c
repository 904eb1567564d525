#include "CMallocTuning.h"

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

// glibc gives each thread that allocates an arena of its own; memory freed into one arena is only reused by the
// threads on it. Swift's Glibc module does not include malloc.h, hence this shim.
int kafka_malloc_use_one_arena(void) {
#if defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, 1);
#else
    return 0;
#endif
}

// glibc fixes the arena limit when a second thread first allocates, and the runtime starts threads before Swift's
// main runs: so at load time, before any of them. (The executable calls the function above as well, which keeps
// this file, and with it the constructor, in the link.)
__attribute__((constructor(101))) static void kafka_malloc_use_one_arena_at_load(void) {
    (void)kafka_malloc_use_one_arena();
}

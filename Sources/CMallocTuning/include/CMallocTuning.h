#ifndef CMALLOCTUNING_H
#define CMALLOCTUNING_H

/// Limits glibc's malloc to one arena (mallopt M_ARENA_MAX); a no-op elsewhere. Returns 1 when applied.
int kafka_malloc_use_one_arena(void);

#endif

#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Swift 6 rejects touching readline's mutable globals directly (shared mutable state); set them through here. */
static inline void kafka_rl_set_catch_signals(int value) { rl_catch_signals = value; }

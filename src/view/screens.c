/* screens.c — the table of screens: a new screen is one new file plus one line here. */
#include <string.h>

#include "view/view.h"

#define SCREENS \
	X(list)     /* the process list (the start screen, never closed) */ \
	X(detail)   /* one process in tabs: PCB, Scheduling, Memory, IPC */ \
	X(graph)    /* the communication graph */ \
	X(chans)    /* the channel table */ \
	X(waits)    /* the blocked processes and their chains of waits */ \
	X(changes)  /* a replay: what changed since the sample before */ \
	X(help)     /* F1 */ \
	X(setup)    /* F2 */ \
	X(meters)   /* F2, m: the header meters */ \
	X(menu)     /* a menu of choices over another screen */ \
	X(text)     /* an explanation in a box */ \
	X(signal)   /* the signal to send to the chosen processes */ \
	X(nice)     /* the nice value to give the chosen process */

#define X(n) extern const struct screen_ops screen_##n;
SCREENS
#undef X

static const struct screen_ops *const table[] = {
#define X(n) &screen_##n,
	SCREENS
#undef X
};

const struct screen_ops *screen_find(const char *name)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(table[i]->name, name) == 0)
			return table[i];
	return NULL;
}

size_t screen_count(void) { return sizeof(table) / sizeof(table[0]); }
const struct screen_ops *screen_at(size_t i) { return i < screen_count() ? table[i] : NULL; }

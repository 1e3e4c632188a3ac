/* proc_cols.c — the table describing each process-list column. */
#include <string.h>

#include "view/proc_cols.h"

static const struct {
	const char *name, *title;
	int width;
	bool right, desc;
} cols[COL__COUNT] = {
	[COL_PID]      = { "pid",      "PID",     7, true,  false },
	[COL_USER]     = { "user",     "USER",    9, false, false },
	[COL_STATE]    = { "state",    "S",       1, false, false },
	[COL_NICE]     = { "nice",     "NI",      3, true,  false },
	[COL_POLICY]   = { "policy",   "POLICY",  6, false, false },
	[COL_CPU]      = { "cpu",      "CPU%",    5, true,  true  },
	[COL_MEM]      = { "mem",      "RES",     6, true,  true  },
	[COL_THREADS]  = { "threads",  "THR",     4, true,  true  },
	[COL_FDS]      = { "fds",      "FDS",     5, true,  true  },
	[COL_CHANNELS] = { "channels", "CHAN",    5, true,  true  },
	[COL_COMMAND]  = { "command",  "Command", 0, false, false },
};

const char *col_name(enum col_id c) { return (unsigned)c < COL__COUNT ? cols[c].name : "?"; }
const char *col_title(enum col_id c) { return (unsigned)c < COL__COUNT ? cols[c].title : "?"; }
int col_width(enum col_id c) { return (unsigned)c < COL__COUNT ? cols[c].width : 0; }
bool col_right_aligned(enum col_id c) { return (unsigned)c < COL__COUNT && cols[c].right; }
bool col_default_desc(enum col_id c) { return (unsigned)c < COL__COUNT && cols[c].desc; }

int col_from_name(const char *s, size_t n)
{
	for (int c = 0; c < COL__COUNT; c++)
		if (strlen(cols[c].name) == n && memcmp(cols[c].name, s, n) == 0)
			return c;
	return -1;
}

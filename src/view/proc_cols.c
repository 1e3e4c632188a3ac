/* proc_cols.c — the table describing each process-list column. */
#include <string.h>

#include "view/proc_cols.h"

static const struct {
	const char *name, *title;
	int width;
	bool right, desc, shown;
} cols[COL__COUNT] = {
	[COL_PID]      = { "pid",      "PID",     7, true,  false, true  },
	[COL_USER]     = { "user",     "USER",    9, false, false, true  },
	[COL_STATE]    = { "state",    "S",       1, false, false, true  },
	[COL_NICE]     = { "nice",     "NI",      3, true,  false, true  },
	[COL_POLICY]   = { "policy",   "POLICY",  6, false, false, true  },
	[COL_CPU]      = { "cpu",      "CPU%",    5, true,  true,  true  },
	[COL_MEM]      = { "mem",      "RES",     6, true,  true,  true  },
	[COL_THREADS]  = { "threads",  "THR",     4, true,  true,  true  },
	[COL_FDS]      = { "fds",      "FDS",     5, true,  true,  true  },
	[COL_CHANNELS] = { "channels", "CHAN",    5, true,  true,  true  },
	[COL_VIRT]     = { "virt",     "VIRT",    6, true,  true,  false },
	[COL_SHR]      = { "shr",      "SHR",     6, true,  true,  false },
	[COL_MEMP]     = { "memp",     "MEM%",    5, true,  true,  false },
	[COL_TIME]     = { "time",     "TIME+",   9, true,  true,  false },
	[COL_PRI]      = { "pri",      "PRI",     4, true,  false, false },
	[COL_START]    = { "start",    "START",   5, false, false, false },
	[COL_TTY]      = { "tty",      "TTY",     7, false, false, false },
	[COL_PPID]     = { "ppid",     "PPID",    7, true,  false, false },
	[COL_PGRP]     = { "pgrp",     "PGRP",    7, true,  false, false },
	[COL_SESSION]  = { "session",  "SID",     7, true,  false, false },
	[COL_VCSW]     = { "vcsw",     "VCSW/s",  7, true,  true,  false },
	[COL_ICSW]     = { "icsw",     "ICSW/s",  7, true,  true,  false },
	[COL_EXE]      = { "exe",      "EXE",    32, false, false, false },
	[COL_WAIT]     = { "wait",     "WAIT",   28, false, true,  false },
	[COL_IO_R]     = { "io_read",  "IO_R/s",  6, true,  true,  false },
	[COL_IO_W]     = { "io_write", "IO_W/s",  6, true,  true,  false },
	[COL_IPC]      = { "ipc_rate", "IPC/s",   6, true,  true,  false },
	[COL_BUSIEST]  = { "busiest",  "BUSIEST",20, false, true,  false },
	[COL_HOST]     = { "host",     "HOST",   12, false, false, false },
	[COL_SERVICE]  = { "service",  "SERVICE",20, false, false, false },
	[COL_COMMAND]  = { "command",  "Command", 0, false, false, true  },
};

const char *col_name(enum col_id c) { return (unsigned)c < COL__COUNT ? cols[c].name : "?"; }
const char *col_title(enum col_id c) { return (unsigned)c < COL__COUNT ? cols[c].title : "?"; }
int col_width(enum col_id c) { return (unsigned)c < COL__COUNT ? cols[c].width : 0; }
bool col_right_aligned(enum col_id c) { return (unsigned)c < COL__COUNT && cols[c].right; }
bool col_default_desc(enum col_id c) { return (unsigned)c < COL__COUNT && cols[c].desc; }
bool col_default_shown(enum col_id c) { return (unsigned)c < COL__COUNT && cols[c].shown; }

int col_from_name(const char *s, size_t n)
{
	for (int c = 0; c < COL__COUNT; c++)
		if (strlen(cols[c].name) == n && memcmp(cols[c].name, s, n) == 0)
			return c;
	return -1;
}

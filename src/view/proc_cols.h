/* proc_cols.h — the columns of the process list: names (for the rc file), titles, widths. */
#ifndef IPCTOP_PROC_COLS_H
#define IPCTOP_PROC_COLS_H

#include <stdbool.h>
#include <stddef.h>

/* Command is last: it takes what the others leave, so it is always drawn last. */
enum col_id {
	COL_PID, COL_USER, COL_STATE, COL_NICE, COL_POLICY, COL_CPU, COL_MEM,
	COL_THREADS, COL_FDS, COL_CHANNELS,
	COL_VIRT, COL_SHR, COL_MEMP, COL_TIME, COL_PRI, COL_START, COL_TTY, COL_PPID, COL_PGRP,
	COL_SESSION, COL_VCSW, COL_ICSW, COL_EXE, COL_WAIT, COL_IO_R, COL_IO_W, COL_IPC, COL_BUSIEST,
	COL_HOST, COL_SERVICE,
	COL_COMMAND, COL__COUNT
};

const char *col_name(enum col_id c);      /* "pid", "cpu", ...: the rc file's spelling */
const char *col_title(enum col_id c);     /* "PID", "CPU%", ...: the table header */
int col_width(enum col_id c);             /* cells; COMMAND takes what is left (0) */
bool col_right_aligned(enum col_id c);
bool col_default_desc(enum col_id c);     /* numbers where big is interesting sort descending */
bool col_default_shown(enum col_id c);    /* shown without a settings file */
/* The column named by n bytes of s, or -1. */
int col_from_name(const char *s, size_t n);

#endif

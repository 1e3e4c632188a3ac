/* pagemap.h — the physical frame behind one virtual page of a process, from
 * /proc/PID/pagemap (one u64 per page: bits 0-54 the frame, 63 present). The kernel gives the
 * frame to CAP_SYS_ADMIN only; others read 0 there, with the flags kept. Read-only. */
#ifndef IPCTOP_COLLECT_PAGEMAP_H
#define IPCTOP_COLLECT_PAGEMAP_H

#include <stdint.h>
#include <sys/types.h>

enum pagemap_res {
	PM_FRAME,        /* *pfn holds the frame */
	PM_NOT_PRESENT,  /* no page there yet (never touched, or swapped out) */
	PM_HIDDEN,       /* present, but the kernel hides the frame: not CAP_SYS_ADMIN */
	PM_UNREADABLE,   /* the file could not be read (errno kept: EACCES, ESRCH, ...) */
};

/* The frame behind vaddr in process pid. */
enum pagemap_res pagemap_frame(pid_t pid, uint64_t vaddr, uint64_t *pfn);

/* Decode one pagemap entry (pure). */
enum pagemap_res pagemap_decode(uint64_t entry, uint64_t *pfn);

#endif

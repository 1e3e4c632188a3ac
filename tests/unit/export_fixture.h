/* export_fixture.h — a hand-built snapshot for the export tests: a few processes with hostile
 * names, sockets of each family, every kind of channel shape, SysV rows; no kernel needed. */
#ifndef IPCTOP_EXPORT_FIXTURE_H
#define IPCTOP_EXPORT_FIXTURE_H

#include "model/snapshot.h"

/* The hostile comm of pid 300 and the raw bytes of other hostile names (with their lengths). */
#define FIX_EVIL_COMM "ev\"il\\n\n\x1b[31m\xff"
#define FIX_EVIL_COMM_LEN (sizeof(FIX_EVIL_COMM) - 1)
/* The abstract UNIX name "\0bus\x01" of the unix channel. */
#define FIX_ABSTRACT_NAME "\0bus\x01"
#define FIX_ABSTRACT_NAME_LEN 5

/* pid 1 "init" (no channels), 2 "kthreadd" (kernel thread), 100 "writer" (PF_DETAIL: maps, fds,
 * sched, signals), 200 "reader", 300 FIX_EVIL_COMM, 400 "locked" (fds denied, self-only
 * eventfd). Channels, in order: pipe 100→200, pipe 100→200, unix 200↔300 (abstract name),
 * tcp 300→remote 10.0.0.1:443, sysv_shm 100/200/300, sysv_msg 100→300, eventfd 400/400,
 * udp 200 alone. */
void export_fixture_build(struct snapshot *s);

#endif

/* own_pidns.h — for unit tests that read the live /proc: run as pid 1 of a PID namespace of
 * their own, with their own /proc, where the collector sees only the test's children; and
 * take refreshes as the TUI does. */
#ifndef IPCTOP_TEST_OWN_PIDNS_H
#define IPCTOP_TEST_OWN_PIDNS_H

#include <stdbool.h>

/* This process becomes pid 1 of a new PID namespace with its own /proc (in a mount namespace
 * of its own): false when that cannot be made (not root). The first process waits there and
 * exits with the new one's status; what returns true is the new one. */
bool own_pid_namespace(void);

struct snapshot;
struct collect_opts;
/* One refresh as the TUI takes it: a snapshot with *cur as prev (o's prev and refresh_loop are
 * set here) into whichever of snaps[0] and snaps[1] *cur is not; the old one is freed and *cur moves on.
 * False when the snapshot could not be taken. */
bool refresh_into(struct snapshot *snaps, struct snapshot **cur, struct collect_opts *o);

#endif

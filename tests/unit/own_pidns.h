/* own_pidns.h — for unit tests that read the live /proc: run as pid 1 of a PID namespace of
 * their own, with their own /proc, where the collector sees only the test's children. */
#ifndef IPCTOP_TEST_OWN_PIDNS_H
#define IPCTOP_TEST_OWN_PIDNS_H

#include <stdbool.h>

/* This process becomes pid 1 of a new PID namespace with its own /proc (in a mount namespace
 * of its own): false when that cannot be made (not root). The first process waits there and
 * exits with the new one's status; what returns true is the new one. */
bool own_pid_namespace(void);

#endif

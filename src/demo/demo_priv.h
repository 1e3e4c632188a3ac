/* demo_priv.h — what the parts of the demo share among themselves: the janitor, the pidfds,
 * the removal of the demo's objects, and the clock its bounded waits poll by. Not for the
 * rest of ipctop. */
#ifndef IPCTOP_DEMO_PRIV_H
#define IPCTOP_DEMO_PRIV_H

#include <stdbool.h>
#include <sys/types.h>

#include "demo/demo.h"

/* Open a pidfd for each demo process, fork the janitor (it inherits them), close ours. */
void demo_janitor_start(struct demo *d);
/* The janitor is no longer needed (demo_stop did its work): kill and reap it. */
void demo_janitor_end(struct demo *d);
/* Reap the janitor if it has ended (someone killed it); true when it is gone. */
bool demo_janitor_gone(struct demo *d);

/* demo_pidfd.c: a pidfd for pid (-1: none); a signal through one; true when its process has
 * ended (or fd < 0: nothing to wait for). demo_watch_start puts every demo process's pidfd in
 * d->watch_fd (0, or -1); demo_watch_drop takes process i's out (it has ended: its pidfd
 * would stay readable); demo_pidfds_close closes them all and the set. */
int demo_pidfd_open(pid_t pid);
void demo_pidfd_signal(int fd, int sig);
bool demo_pidfd_ended(int fd);
int demo_watch_start(struct demo *d);
void demo_watch_drop(struct demo *d, size_t i);
void demo_pidfds_close(struct demo *d);

/* Remove every object of the demo that is still recorded, and forget it. */
void demo_remove_objects(struct demo *d);

/* Milliseconds on the monotonic clock, and a pause of about 10 ms between polls. */
long long demo_now_ms(void);
void demo_nap(void);
/* Reap child pid if it has ended (or is no longer ours to wait for): true when gone;
 * the wait status goes to *status (0 when unknown). Never blocks. */
bool demo_try_reap(pid_t pid, int *status);

#endif

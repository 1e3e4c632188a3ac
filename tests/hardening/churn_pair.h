/* churn_pair.h — one churned pair for churner.c: two sleeping processes joined by a pipe, a
 * UNIX socketpair and (where the loopback is up) a TCP loopback connection. */
#ifndef CHURN_PAIR_H
#define CHURN_PAIR_H

#include "sleeper.h"

struct churn_pair {
	pid_t a, b;   /* 0: not running */
	struct sleeper sa, sb;
};

/* Start the pair named `name` in *p (by fork() or a shared-address-space clone, see
 * sleeper.h); returns how many of its two processes started. */
int churn_pair_start(struct churn_pair *p, const char *name, int use_fork);

/* Kill the pair's processes and reap them (so that their stacks may be reused). */
void churn_pair_stop(struct churn_pair *p);

#endif

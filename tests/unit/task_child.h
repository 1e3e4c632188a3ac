/* task_child.h — a real child for the thread-wait tests: its main thread pauses, idle threads
 * pause, and one more thread reads a pipe the test holds the write end of. */
#ifndef IPCTOP_TEST_TASK_CHILD_H
#define IPCTOP_TEST_TASK_CHILD_H

#include <stdbool.h>
#include <sys/types.h>

/* Fork the child with idle paused threads, then the reader (small stacks); its tid into *tid,
 * the pipe's write end into *ctl. The pid, or -1. */
pid_t task_child_start(int idle, int *ctl, pid_t *tid);
/* Until task tid of pid is in system call nr (5 s at most). */
bool task_in_call(pid_t pid, pid_t tid, long nr);

#endif

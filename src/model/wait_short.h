/* wait_short.h — a wait in a few words, for the list's WAIT column and the hops of the waits
 * screen's chains ("write pipe", "msgrcv msq 3", "stopped"), and which processes count as
 * blocked: those the waits screen lists and the list marks. Reads only the snapshot; names
 * escaped. The longer sentence is wait_describe.h's. */
#ifndef IPCTOP_WAIT_SHORT_H
#define IPCTOP_WAIT_SHORT_H

#include <stdbool.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

/* Blocked: its main thread waits on another object (a channel, a child, a SysV object, a
 * lock), is in D state, stopped or traced, or its wait cannot be read (another user's task:
 * shown as unreadable, never guessed); or, when its main thread is not blocked (it waits in
 * epoll or pause, say), another of its threads waits on a peer (wait_has_edges). Not blocked:
 * running, a plain sleep, a signal wait, poll, epoll or a futex (idle, or not tied to another
 * process), a zombie. */
bool wait_blocked(const struct proc_info *p);
/* The wait that makes p blocked: its main thread's, else the first of its other threads'
 * that waits on a peer (its tid is not p's pid); NULL when p is not blocked. */
const struct task_wait *wait_blocking(const struct proc_info *p);
/* Whether w (resolved) waits on other processes, an edge of the graph of waits: it has peers,
 * and an epoll_wait only when every descriptor it watches has one (a listener, a timer:
 * something else can end it) and its list was read. */
bool wait_has_edges(const struct task_wait *w);
/* Whether the wait is another user's task that /proc does not let us read. */
bool wait_unreadable(const struct task_wait *w);
/* What w does, in a few words: "write pipe", "recvfrom unix", "wait4", "msgrcv msq 3",
 * "lock fd 3", "stopped", "traced", "epoll_wait watching 3 fds", "sleep", "pause", "not readable"; " D"
 * appended in D state. */
void wait_short_what(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w);
/* "17510 sleep": the pid and its name, escaped (just the pid when not in the snapshot). */
void wait_short_proc(struct strbuf *sb, const struct snapshot *s, pid_t pid);
/* What p is doing as a chain's end: its wait's words, else "running", "exited" or "idle". */
void wait_short_state(struct strbuf *sb, const struct proc_info *p, const struct snapshot *s);
/* The WAIT column: "write pipe → 17510 sleep", "thread 17512 write pipe → ..." when the wait
 * is another thread's (wait_blocking), (next: the process it waits on, 0 none; and
 * "+N" for N more peers); "" for a process that runs or just sleeps. arrow: "→" or "->". */
void wait_short(struct strbuf *sb, const struct snapshot *s, const struct proc_info *p, pid_t next,
                const char *arrow);
/* The same for one thread's wait w (a thread's row of the list): "" when it runs or just
 * sleeps; next is its first peer. */
void wait_short_task(struct strbuf *sb, const struct snapshot *s, const struct task_wait *w,
                     const char *arrow);

#endif

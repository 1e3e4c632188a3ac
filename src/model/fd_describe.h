/* fd_describe.h — what fdinfo told of an anon-inode descriptor, in words: an eventfd's count,
 * a timerfd's clock and times, a signalfd's signals, inotify watches, epoll targets, the
 * process a pidfd refers to; any descriptor's position and open flags (open_flags.c). Shared
 * by the IPC tab and any other screen. */
#ifndef IPCTOP_FD_DESCRIBE_H
#define IPCTOP_FD_DESCRIBE_H

#include <stdbool.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

/* Append the words for f ("count 7", "monotonic, every 5 s, next in 4.99 s, 0 ticks",
 * "SIGUSR1 SIGTERM", "2 watches: 254:0 inode 19, ...", "fd 3 (in), fd 4 (out et)",
 * "pid 1234 (comm)"); false (nothing appended) when f has none. */
bool fd_anon_describe(struct strbuf *sb, const struct snapshot *s, const struct fd_info *f);
/* Append "memfd NAME" for a memfd descriptor, NAME (escaped) as memfd_create was given it: the
 * link target "/memfd:NAME (deleted)" without its prefix and the " (deleted)" the kernel adds;
 * false (nothing appended) for any other descriptor or a target of another form. */
bool fd_memfd_describe(struct strbuf *sb, const struct fd_info *f);
/* Append the epoll event names of mask, space separated ("in out et"), leaving out err and
 * hup, which the kernel adds to every target; unknown bits as "0x...". */
void epoll_events_words(struct strbuf *sb, uint32_t mask);

/* Append the open flags of fdinfo's "flags:" line in open(2)'s names, the access mode first:
 * "O_RDWR|O_NONBLOCK|O_CLOEXEC"; bits it does not name as "|0NNN" (octal). */
void open_flags_words(struct strbuf *sb, uint32_t flags);
/* Append "pos 0, flags O_RDWR|O_CLOEXEC" for a detail process's descriptor; false (nothing
 * appended) when its fdinfo was not read, or when it says no more than the access mode (pos
 * 0, no flag but O_LARGEFILE, which the kernel sets on every file of a 64-bit process). */
bool fd_pos_flags_describe(struct strbuf *sb, const struct fd_info *f);

#endif

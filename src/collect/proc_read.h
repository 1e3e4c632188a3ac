/* proc_read.h — reading small /proc files into a reusable buffer, errors as -errno. */
#ifndef IPCTOP_PROC_READ_H
#define IPCTOP_PROC_READ_H

#include <stdint.h>

#include "util/strbuf.h"

/* Read the whole file at path (relative to dirfd) into sb (replacing its contents).
 * Returns the length, or -errno (ENOENT/ESRCH: gone; EACCES: not ours to read). */
long read_file_at(int dirfd, const char *path, struct strbuf *sb);
/* Inode number from a namespace link text such as "net:[4026531840]", or 0. */
uint64_t ns_link_inode(const char *link);
/* readlinkat into buf (NUL-terminated); returns length or -errno. Long targets are cut. */
long readlink_at(int dirfd, const char *path, char *buf, size_t cap);

#endif

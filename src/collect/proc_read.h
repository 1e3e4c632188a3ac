/* proc_read.h — reading small /proc files into a reusable buffer, errors as -errno. */
#ifndef IPCTOP_PROC_READ_H
#define IPCTOP_PROC_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* Read the whole file at path (relative to dirfd) into sb (replacing its contents).
 * Returns the length, or -errno (ENOENT/ESRCH: gone; EACCES: not ours to read).
 * read_file_at reads until read() returns 0: for record files such as maps, smaps and
 * sysvipc tables, which the kernel hands out a page at a time. */
long read_file_at(int dirfd, const char *path, struct strbuf *sb);
/* The same for files the kernel produces in one piece (status, stat, schedstat, fdinfo,
 * cmdline, wchan, loadavg...): a read that does not fill the buffer is the end, which saves the
 * final empty read. */
long read_whole_at(int dirfd, const char *path, struct strbuf *sb);
/* Inode number from a namespace link text such as "net:[4026531840]", or 0. */
uint64_t ns_link_inode(const char *link);
/* Reading a /proc directory with getdents64 straight into a buffer: no DIR, no fcntl/fstat, and
 * no final empty read when the last batch was short (proc fills a read as far as it can). */
struct dir_reader {
	int fd;
	long len, pos;
	bool done;
	_Alignas(8) char buf[16384];
};
void dir_reader_init(struct dir_reader *r, int fd);
/* Next entry name, skipping "." and ".."; NULL at the end or on error. */
const char *dir_next(struct dir_reader *r);

/* readlinkat into buf (NUL-terminated); returns length or -errno. Long targets are cut. */
long readlink_at(int dirfd, const char *path, char *buf, size_t cap);

#endif

/* parse_waits.c — /proc/locks' waiters with their holders. */
#include "collect/parse_waits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

/* One /proc/locks line, already without its newline, copied into buf (NUL-terminated). */
struct lock_line { long id; int waiter; pid_t pid; uint64_t dev, ino; };

static int read_lock_line(char *buf, struct lock_line *l)
{
	char *save = NULL, *tok = strtok_r(buf, " \t", &save);
	char *end;
	if (!tok || (l->id = strtol(tok, &end, 10)) < 0 || strcmp(end, ":"))
		return -1;
	tok = strtok_r(NULL, " \t", &save);
	l->waiter = tok && !strcmp(tok, "->");
	if (l->waiter)
		tok = strtok_r(NULL, " \t", &save);
	/* CLASS ADVISORY MODE PID MAJ:MIN:INODE: tok is CLASS */
	for (int i = 0; i < 3 && tok; i++)
		tok = strtok_r(NULL, " \t", &save);
	if (!tok)
		return -1;
	long pid = strtol(tok, &end, 10);
	if (*end || pid < -1)
		return -1;
	l->pid = pid > 0 ? (pid_t)pid : 0;
	tok = strtok_r(NULL, " \t", &save);
	unsigned maj, min;
	unsigned long long ino;
	if (!tok || sscanf(tok, "%x:%x:%llu", &maj, &min, &ino) != 3)
		return -1;
	l->dev = makedev(maj, min);
	l->ino = ino;
	return 0;
}

size_t parse_lock_waits(const char *text, size_t len, struct lock_wait *out, size_t cap)
{
	size_t n = 0;
	struct lock_line holder = { .id = -1 };
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char buf[256];
		struct lock_line l;
		if (ll < sizeof(buf)) {
			memcpy(buf, p, ll);
			buf[ll] = '\0';
			if (read_lock_line(buf, &l) == 0) {
				if (!l.waiter) {
					holder = l;
				} else {
					if (n < cap)
						out[n] = (struct lock_wait){ l.pid,
							holder.id == l.id ? holder.pid : 0, l.dev, l.ino };
					n++;
				}
			}
		}
		p += ll + 1;
	}
	return n;
}

/* parse_fdinfo.c — /proc/PID/fdinfo/N: position, open flags (octal), mount id, inode, a pty
 * master's tty-index and an eventfd's id and counter; and for the anon-inode kinds what the
 * kernel adds: timerfd's clock and times, signalfd's mask, pidfd's pid, inotify's watches and
 * epoll's targets ("tfd:" lines). */
#include "collect/parse_proc.h"

#include <string.h>
#include <sys/sysmacros.h>

#include "collect/parse_util.h"
#include "util/xalloc.h"

/* The value after "key:" must be one number and nothing else. */
static bool read_value(const char *p, const char *end, unsigned base, uint64_t max, uint64_t *out)
{
	uint64_t v;
	pu_skip_blanks(&p, end);
	if (!pu_read_u64(&p, end, base, &v) || v > max || !pu_at_end(p, end))
		return false;
	*out = v;
	return true;
}

static bool read_signed(const char *p, const char *end, int64_t *out)
{
	int64_t v;
	if (!pu_field_i(&p, end, INT64_MIN, INT64_MAX, &v) || !pu_at_end(p, end))
		return false;
	*out = v;
	return true;
}

static bool read_fdinfo_line(struct fdinfo_fields *o, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	if (!colon)
		return false;
	size_t k = (size_t)(colon - line);
	const char *v = colon + 1, *end = line + len;
	uint64_t u;
	if (pu_key_is(line, k, "pos", 3))
		return (o->has_pos = read_value(v, end, 10, UINT64_MAX, &o->pos));
	if (pu_key_is(line, k, "flags", 5)) {
		o->has_flags = read_value(v, end, 8, UINT32_MAX, &u);
		o->flags = o->has_flags ? (unsigned)u : 0;
		return o->has_flags;
	}
	if (pu_key_is(line, k, "mnt_id", 6)) {
		o->has_mnt_id = read_value(v, end, 10, INT32_MAX, &u);
		o->mnt_id = o->has_mnt_id ? (int)u : 0;
		return o->has_mnt_id;
	}
	if (pu_key_is(line, k, "ino", 3))
		return (o->has_ino = read_value(v, end, 10, UINT64_MAX, &o->ino));
	if (pu_key_is(line, k, "tty-index", 9))
		return (o->has_tty_index = read_signed(v, end, &o->tty_index));
	if (pu_key_is(line, k, "eventfd-id", 10))
		return (o->has_eventfd_id = read_signed(v, end, &o->eventfd_id));
	if (pu_key_is(line, k, "eventfd-count", 13))
		return (o->has_eventfd_count = read_value(v, end, 16, UINT64_MAX, &o->eventfd_count));
	return false;
}

static bool fdinfo_line(void *o, const char *line, size_t len)
{
	return read_fdinfo_line(o, line, len);
}

int parse_fdinfo(const char *text, size_t len, struct fdinfo_fields *out)
{
	memset(out, 0, sizeof(*out));
	return pu_each_line(text, len, fdinfo_line, out);
}

/* ---- anon-inode descriptors: eventfd, timerfd, signalfd, pidfd, inotify, epoll ---- */

/* Skip blanks, expect the literal word, skip blanks again. */
static bool expect(const char **p, const char *end, const char *word)
{
	size_t n = strlen(word);
	pu_skip_blanks(p, end);
	if ((size_t)(end - *p) < n || memcmp(*p, word, n) != 0)
		return false;
	*p += n;
	pu_skip_blanks(p, end);
	return true;
}

/* "word" then an unsigned number in base, at most max. */
static bool labelled(const char **p, const char *end, const char *word, unsigned base,
		     uint64_t max, uint64_t *out)
{
	return expect(p, end, word) && pu_read_u64(p, end, base, out) && *out <= max;
}

/* timerfd's "(SEC, NSEC)" as nanoseconds. */
static bool read_timespec(const char *p, const char *end, uint64_t *ns)
{
	uint64_t sec, nsec;
	if (!expect(&p, end, "(") || !pu_read_dec(&p, end, &sec) || !expect(&p, end, ",") ||
	    !pu_read_dec(&p, end, &nsec) || nsec >= 1000000000u || !expect(&p, end, ")") ||
	    !pu_at_end(p, end))
		return false;
	return !__builtin_mul_overflow(sec, 1000000000u, ns) && !__builtin_add_overflow(*ns, nsec, ns);
}

/* The kernel's own dev_t (major << 20 | minor), as inotify and epoll lines print it. */
static uint64_t kernel_dev(uint64_t k)
{
	return makedev((unsigned)(k >> 20), (unsigned)(k & 0xfffff));
}

/* "tfd: FD events: HEX data: HEX  pos:N ino:HEX sdev:HEX" */
static bool read_tfd(const char *p, const char *end, struct fdinfo_lists *l)
{
	uint64_t fd, ev, data, ino, sdev;
	int64_t pos;
	if (!labelled(&p, end, "tfd:", 10, INT32_MAX, &fd) ||
	    !labelled(&p, end, "events:", 16, UINT32_MAX, &ev) ||
	    !labelled(&p, end, "data:", 16, UINT64_MAX, &data) || !expect(&p, end, "pos:") ||
	    !pu_read_i64(&p, end, &pos) || !labelled(&p, end, "ino:", 16, UINT64_MAX, &ino) ||
	    !labelled(&p, end, "sdev:", 16, UINT32_MAX, &sdev) || !pu_at_end(p, end))
		return false;
	XGROW(l->targets, l->cap_targets, l->n_targets + 1);
	l->targets[l->n_targets++] = (struct epoll_target){ (int32_t)fd, (uint32_t)ev, ino };
	return true;
}

/* "inotify wd:HEX ino:HEX sdev:HEX mask:HEX ignored_mask:HEX [fhandle...]" */
static bool read_watch(const char *p, const char *end, struct fdinfo_lists *l)
{
	uint64_t wd, ino, sdev, mask;
	if (!expect(&p, end, "inotify") || !labelled(&p, end, "wd:", 16, INT32_MAX, &wd) ||
	    !labelled(&p, end, "ino:", 16, UINT64_MAX, &ino) ||
	    !labelled(&p, end, "sdev:", 16, UINT32_MAX, &sdev) ||
	    !labelled(&p, end, "mask:", 16, UINT32_MAX, &mask) || (p < end && *p != ' '))
		return false;
	XGROW(l->watches, l->cap_watches, l->n_watches + 1);
	l->watches[l->n_watches++] = (struct inotify_watch){ (int32_t)wd, (uint32_t)mask, ino,
							     kernel_dev(sdev) };
	return true;
}

/* One "key: value" line of the anon kinds; sets its have bit. */
static bool read_anon_value(struct fd_anon *a, const char *line, size_t k, const char *v,
			    const char *end)
{
	static const struct { const char *key; uint32_t bit; unsigned base; } keys[] = {
		{ "clockid", FA_CLOCKID, 10 }, { "ticks", FA_TICKS, 10 }, { "sigmask", FA_SIGMASK, 16 },
	};
	uint64_t *dest[] = { NULL, &a->ticks, &a->sigmask };
	uint64_t u;
	int64_t i;
	for (size_t n = 0; n < sizeof(keys) / sizeof(keys[0]); n++) {
		if (!pu_key_is(line, k, keys[n].key, strlen(keys[n].key)))
			continue;
		if (!read_value(v, end, keys[n].base, dest[n] ? UINT64_MAX : INT32_MAX, &u))
			return false;
		if (dest[n])
			*dest[n] = u;
		else
			a->clockid = (int32_t)u;
		a->have |= keys[n].bit;
		return true;
	}
	if (pu_key_is(line, k, "it_value", 8) && read_timespec(v, end, &a->value_ns))
		return (a->have |= FA_VALUE);
	if (pu_key_is(line, k, "it_interval", 11) && read_timespec(v, end, &a->interval_ns))
		return (a->have |= FA_INTERVAL);
	if (pu_key_is(line, k, "Pid", 3) && read_signed(v, end, &i) && i >= -1 && i <= INT32_MAX) {
		a->pid = (int32_t)i;
		return (a->have |= FA_PID);
	}
	return false;
}

struct anon_out { struct fd_anon *a; struct fdinfo_lists *l; struct fdinfo_fields *f; };

static bool read_anon_line(void *ctx, const char *line, size_t len)
{
	struct anon_out *o = ctx;
	const char *end = line + len;
	if (len > 4 && !memcmp(line, "tfd:", 4))
		return read_tfd(line, end, o->l);
	if (len > 8 && !memcmp(line, "inotify ", 8))
		return read_watch(line, end, o->l);
	const char *colon = memchr(line, ':', len);
	if (colon && read_anon_value(o->a, line, (size_t)(colon - line), colon + 1, end))
		return true;
	read_fdinfo_line(o->f, line, len);   /* pos, flags, ..., eventfd-id and -count */
	return false;
}

int parse_fdinfo_anon(const char *text, size_t len, struct fd_anon *a, struct fdinfo_lists *l,
		      struct fdinfo_fields *f)
{
	struct fdinfo_fields own;
	if (!f)
		f = &own;
	memset(a, 0, sizeof(*a));
	memset(f, 0, sizeof(*f));
	l->n_targets = l->n_watches = 0;
	int found = pu_each_line(text, len, read_anon_line, &(struct anon_out){ a, l, f });
	if (f->has_eventfd_count) {   /* parsed once, by the common reader */
		a->count = f->eventfd_count;
		a->have |= FA_COUNT;
		found++;
	}
	return found;
}

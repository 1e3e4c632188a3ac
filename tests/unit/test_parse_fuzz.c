/* test_parse_fuzz.c — robustness of every /proc text parser: each real fixture cut at every
 * length, real fixtures with random bytes changed, and random text. Each buffer is exactly as
 * long as its text (run under the sanitizer build to catch reads past len). Besides not
 * crashing, what the parsers return must stay within what the whole fixture gives. */
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"
#include "model/kernel_names.h"
#include "../tap.h"
#include "test_parse_fixture.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static bool perms_valid(const char *p)
{
	return (p[0] == 'r' || p[0] == '-') && (p[1] == 'w' || p[1] == '-') &&
	       (p[2] == 'x' || p[2] == '-') && (p[3] == 'p' || p[3] == 's') && p[4] == '\0';
}

/* Parse maps text, classify it and check every mapping; returns false on a broken one. */
static bool maps_sane(const char *buf, size_t len, size_t *n_out)
{
	struct arena a;
	arena_init(&a);
	struct map_info *m;
	size_t n;
	int bad = parse_maps(buf, len, &m, &n, &a);
	maps_classify(m, n, NULL);
	bool sane = bad >= 0;
	for (size_t i = 0; i < n; i++) {
		sane &= m[i].start <= m[i].end && perms_valid(m[i].perms) && m[i].path != NULL;
		sane &= (unsigned)m[i].seg < SEG__COUNT;
		sane &= !map_is_ipc(&m[i]) || m[i].perms[3] == 's';
	}
	free(m);
	arena_free(&a);
	if (n_out)
		*n_out = n;
	return sane;
}

static size_t count_lines(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

static void prefixes_status(void)
{
	size_t len;
	char *text = fixture("status.txt", &len);
	struct status_fields full, o;
	int all = parse_status(text, len, &full), worst = 0;
	bool masks_whole = true;
	for (size_t k = 0; k <= len; k++) {
		char *b = exact_copy(text, k);
		int found = parse_status(b, k, &o);
		if (found > worst)
			worst = found;
		/* a mask cut short is dropped, never read as a smaller mask */
		masks_whole &= o.sig_caught == 0 || o.sig_caught == full.sig_caught;
		masks_whole &= o.cap_eff == 0 || o.cap_eff == full.cap_eff;
		free(b);
	}
	ok(worst <= all, "status.txt cut at all %zu lengths: at most %d fields", len + 1, all);
	ok(masks_whole, "status.txt cut at every length: masks whole or absent");
	free(text);
}

static void prefixes_maps(void)
{
	size_t len, full_n;
	char *text = fixture("maps.txt", &len);
	bool sane = maps_sane(text, len, &full_n);
	for (size_t k = 0; k <= len; k++) {
		char *b = exact_copy(text, k);
		size_t n;
		sane &= maps_sane(b, k, &n);
		sane &= n <= full_n && n >= count_lines(text, k);
		free(b);
	}
	ok(sane, "maps.txt cut at all %zu lengths: valid mappings, whole lines all kept", len + 1);
	free(text);
}

static void prefixes_smaps(void)
{
	size_t mlen, slen, n;
	char *mtext = fixture("maps.txt", &mlen), *stext = fixture("smaps.txt", &slen);
	struct arena a;
	arena_init(&a);
	struct map_info *full, *m;
	parse_maps(mtext, mlen, &full, &n, &a);
	parse_smaps(stext, slen, full, n);
	m = malloc(n * sizeof(*m));
	bool sane = true;
	for (size_t k = 0; k <= slen; k++) {
		memcpy(m, full, n * sizeof(*m));
		for (size_t i = 0; i < n; i++)
			m[i].rss_kib = m[i].pss_kib = m[i].swap_kib = 0;
		char *b = exact_copy(stext, k);
		int matched = parse_smaps(b, k, m, n);
		sane &= matched >= 0 && (size_t)matched <= n;
		for (size_t i = 0; i < n; i++)
			sane &= (m[i].rss_kib == 0 || m[i].rss_kib == full[i].rss_kib) &&
			        (m[i].pss_kib == 0 || m[i].pss_kib == full[i].pss_kib);
		free(b);
	}
	ok(sane, "smaps.txt cut at all %zu lengths: figures are the full ones or absent", slen + 1);
	free(m);
	free(full);
	arena_free(&a);
	free(mtext);
	free(stext);
}

static void prefixes_fdinfo(const char *name)
{
	size_t len;
	char *text = fixture(name, &len);
	struct fdinfo_fields o;
	int all = parse_fdinfo(text, len, &o), worst = 0;
	for (size_t k = 0; k <= len; k++) {
		char *b = exact_copy(text, k);
		int found = parse_fdinfo(b, k, &o);
		worst = found > worst ? found : worst;
		free(b);
	}
	ok(worst <= all, "%s cut at all %zu lengths: at most %d fields", name, len + 1, all);
	free(text);
}

static void prefixes_sysv(void)
{
	static const char *const names[] = { "sysvipc_shm.txt", "sysvipc_msg.txt", "sysvipc_sem.txt" };
	for (int t = 0; t < 3; t++) {
		size_t len;
		char *text = fixture(names[t], &len);
		size_t rows = count_lines(text, len) - 1;
		bool sane = true;
		for (size_t k = 0; k <= len; k++) {
			char *b = exact_copy(text, k);
			size_t n = 0;
			int bad;
			void *r = NULL;
			if (t == 0)
				bad = parse_sysv_shm(b, k, (struct sysv_shm **)&r, &n);
			else if (t == 1)
				bad = parse_sysv_msg(b, k, (struct sysv_msg **)&r, &n);
			else
				bad = parse_sysv_sem(b, k, (struct sysv_sem **)&r, &n);
			sane &= n <= rows && bad >= 0 && bad <= 1;
			free(r);
			free(b);
		}
		ok(sane, "%s cut at all %zu lengths: at most %zu rows, one broken", names[t], len + 1, rows);
		free(text);
	}
}

/* s is a decimal number and nothing else (the oracle's own reading, by strtoull). */
static bool only_decimal(const char *s, const char *close, uint64_t *v)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	*v = strtoull(s, &end, 10);
	return strcmp(end, close) == 0;
}

/* What parse_proc.h documents classify_fd_link gives for a link text, written out here as a
 * table of exact names and prefixes, independent of parse_fdlink.c. */
static enum fd_kind link_kind_by_doc(const char *s, uint64_t *ino)
{
	static const struct { const char *text; bool prefix; enum fd_kind kind; } doc[] = {
		{ "anon_inode:[eventfd]", false, FDK_EVENTFD },
		{ "anon_inode:[eventpoll]", false, FDK_EVENTPOLL },
		{ "anon_inode:[signalfd]", false, FDK_SIGNALFD },
		{ "anon_inode:[timerfd]", false, FDK_TIMERFD },
		{ "anon_inode:inotify", false, FDK_INOTIFY },
		{ "anon_inode:[pidfd]", false, FDK_PIDFD },
		{ "anon_inode:", true, FDK_ANON }, { "pidfd:", true, FDK_PIDFD },
		{ "/memfd:", true, FDK_MEMFD }, { "/dev/shm/", true, FDK_POSIX_SHM },
		{ "/dev/ptmx", false, FDK_PTMX }, { "/dev/pts/ptmx", false, FDK_PTMX },
	};
	*ino = 0;
	if (strncmp(s, "pipe:[", 6) == 0)
		return only_decimal(s + 6, "]", ino) ? FDK_PIPE : (*ino = 0, FDK_UNKNOWN);
	if (strncmp(s, "socket:[", 8) == 0)
		return only_decimal(s + 8, "]", ino) ? FDK_SOCKET : (*ino = 0, FDK_UNKNOWN);
	for (size_t i = 0; i < sizeof(doc) / sizeof(doc[0]); i++)
		if (doc[i].prefix ? strncmp(s, doc[i].text, strlen(doc[i].text)) == 0
				  : strcmp(s, doc[i].text) == 0)
			return doc[i].kind;
	if (strncmp(s, "/dev/pts/", 9) == 0)
		return only_decimal(s + 9, "", ino) ? FDK_PTS : (*ino = 0, FDK_UNKNOWN);
	return FDK_UNKNOWN;
}

static void prefixes_small(void)
{
	char *sched = fixture_line("schedstat.txt");
	size_t len = strlen(sched);
	bool sane = true;
	for (size_t k = 0; k <= len; k++) {
		char save = sched[k];
		uint64_t r, w, s;
		sched[k] = '\0';
		if (parse_schedstat(sched, &r, &w, &s) == 0)
			sane &= s == 1 || s == 0;   /* "3838040 522905 1" cut: the last field is short */
		sched[k] = save;
	}
	ok(sane, "schedstat.txt cut at every length");
	free(sched);
	size_t n;
	char *links = fixture("fd_links.txt", &n);
	char *z = malloc(n + 1);
	memcpy(z, links, n);
	z[n] = '\0';
	int cases = 0, wrong = 0, named = 0;
	for (size_t k = 0; k <= n; k++) {
		char save = z[k];
		z[k] = '\0';
		for (size_t start = 0; start < k; start++) {
			uint64_t ino = 99, want_ino;
			enum fd_kind got = classify_fd_link(z + start, &ino);
			enum fd_kind want = link_kind_by_doc(z + start, &want_ino);
			cases++;
			named += want != FDK_UNKNOWN;
			if (got != want || ino != want_ino) {
				if (wrong++ < 3)
					diag("\"%s\": kind %d ino %llu, want %d ino %llu", z + start, got,
					     (unsigned long long)ino, want, (unsigned long long)want_ino);
			}
		}
		z[k] = save;
	}
	ok(wrong == 0 && named > 0, "every substring of fd_links.txt classified as documented "
	   "(%d of %d wrong, %d of a known kind)", wrong, cases, named);
	free(z);
	free(links);
}

/* Random bytes, biased toward the characters /proc text is made of. */
static void random_text(char *buf, size_t len)
{
	static const char alphabet[] = "0123456789abcdefABCDEF-: \t\n[]()/rwxps.SYVkB";
	for (size_t i = 0; i < len; i++) {
		uint64_t r = rng();
		buf[i] = (r & 7) == 0 ? (char)(r >> 8) : alphabet[(r >> 8) % (sizeof(alphabet) - 1)];
	}
}

static void run_all_parsers(const char *b, size_t k, bool *sane)
{
	struct status_fields st;
	struct fdinfo_fields fi;
	parse_status(b, k, &st);
	parse_fdinfo(b, k, &fi);
	struct fd_anon an;
	struct fdinfo_lists fl = { 0 };
	int took = parse_fdinfo_anon(b, k, &an, &fl, NULL);
	*sane &= fl.n_targets + fl.n_watches <= (size_t)took && (size_t)took <= count_lines(b, k) + 1;
	free(fl.targets);
	free(fl.watches);
	*sane &= strlen(st.cpus_allowed_list) < sizeof(st.cpus_allowed_list);
	*sane &= maps_sane(b, k, NULL);
	struct arena a;
	arena_init(&a);
	struct map_info *m;
	size_t n;
	parse_maps(b, k, &m, &n, &a);
	*sane &= parse_smaps(b, k, m, n) >= 0;
	free(m);
	arena_free(&a);
	struct sysv_shm *shm = NULL;
	struct sysv_msg *msg = NULL;
	struct sysv_sem *sem = NULL;
	size_t n1 = 0, n2 = 0, n3 = 0;
	size_t lines = count_lines(b, k) + 1;
	*sane &= (size_t)parse_sysv_shm(b, k, &shm, &n1) + n1 <= lines;
	*sane &= (size_t)parse_sysv_msg(b, k, &msg, &n2) + n2 <= lines;
	*sane &= (size_t)parse_sysv_sem(b, k, &sem, &n3) + n3 <= lines;
	free(shm);
	free(msg);
	free(sem);
	char *z = malloc(k + 1);
	memcpy(z, b, k);
	z[k] = '\0';
	uint64_t x, y, w;
	parse_schedstat(z, &x, &y, &w);
	*sane &= (unsigned)classify_fd_link(z, &x) < FDK__COUNT;
	free(z);
}

static void random_inputs(void)
{
	bool sane = true;
	char buf[512];
	for (int i = 0; i < 20000; i++) {
		size_t len = rng() % sizeof(buf);
		random_text(buf, len);
		char *b = exact_copy(buf, len);
		run_all_parsers(b, len, &sane);
		free(b);
	}
	ok(sane, "20000 random texts through every parser");
}

static void mutated_fixtures(void)
{
	static const char *const names[] = {
		"status.txt", "maps.txt", "smaps.txt", "fdinfo_eventfd.txt", "fdinfo_inotify.txt",
		"fdinfo_epoll.txt", "sysvipc_shm.txt", "sysvipc_msg.txt", "sysvipc_sem.txt",
	};
	bool sane = true;
	for (size_t f = 0; f < sizeof(names) / sizeof(names[0]); f++) {
		size_t len;
		char *text = fixture(names[f], &len);
		int rounds = len > 8192 ? 100 : 1000;
		for (int i = 0; i < rounds; i++) {
			char *b = exact_copy(text, len);
			int flips = 1 + (int)(rng() % 8);
			for (int j = 0; j < flips && len; j++) {
				char c;
				random_text(&c, 1);
				b[rng() % len] = c;
			}
			run_all_parsers(b, len, &sane);
			free(b);
		}
		free(text);
	}
	ok(sane, "fixtures with random bytes changed through every parser");
	for (int n = -1000; n <= 1000; n++)
		sane &= (n >= 1 && n <= 64) == (signal_name(n) != NULL);
	ok(sane, "signal_name: a name exactly for 1..64");
}

int main(void)
{
	prefixes_status();
	prefixes_maps();
	prefixes_smaps();
	prefixes_fdinfo("fdinfo_eventfd.txt");
	prefixes_fdinfo("fdinfo_ptmx.txt");
	prefixes_fdinfo("fdinfo_inotify.txt");
	prefixes_fdinfo("fdinfo_epoll.txt");
	prefixes_fdinfo("fdinfo_lock.txt");
	prefixes_sysv();
	prefixes_small();
	random_inputs();
	mutated_fixtures();
	return tap_done();
}

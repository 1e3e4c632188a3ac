/* settings.c — reading and writing the ipctoprc file. Every line is data: a known key and a
 * value checked against what that key allows; nothing else is accepted. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/text_escape.h"
#include "util/xalloc.h"
#include "view/settings.h"

void settings_default(struct settings *s)
{
	s->sort_col = COL_CPU;
	s->sort_desc = true;
	s->tree = false;
	s->kthreads = false;
	s->service_names = false;   /* ports by number, as ss without -r */
	s->threads = false;
	s->program_path = true;
	s->delay_tenths = 15;
	s->theme = UI_THEME_DEFAULT;
	for (int c = 0; c < COL__COUNT; c++) {
		s->visible[c] = col_default_shown((enum col_id)c);
		s->order[c] = (enum col_id)c;
	}
	meter_setup_default(&s->meters);
}

bool settings_move_col(struct settings *s, int pos, int dir)
{
	int to = pos + dir;
	if (pos < 0 || to < 0 || pos >= COL__COUNT - 1 || to >= COL__COUNT - 1)
		return false;
	enum col_id t = s->order[pos];
	s->order[pos] = s->order[to];
	s->order[to] = t;
	return true;
}

static bool parse_bool(const char *v, size_t n, bool *out)
{
	if ((n == 1 && v[0] == '1') || (n == 3 && !memcmp(v, "yes", 3)) || (n == 4 && !memcmp(v, "true", 4)))
		return *out = true, true;
	if ((n == 1 && v[0] == '0') || (n == 2 && !memcmp(v, "no", 2)) || (n == 5 && !memcmp(v, "false", 5)))
		return *out = false, true;
	return false;
}

static bool parse_int(const char *v, size_t n, int lo, int hi, int *out)
{
	long x = 0;
	if (n == 0 || n > 6)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		x = x * 10 + (v[i] - '0');
	}
	if (x < lo || x > hi)
		return false;
	*out = (int)x;
	return true;
}

/* columns=a,!b,c: the columns in their order, shown or (with '!') hidden; those not named
 * follow hidden, in the default order. PID is always shown, Command always last. */
static bool parse_columns(const char *v, size_t n, struct settings *s)
{
	bool seen[COL__COUNT] = { false }, shown[COL__COUNT] = { false };
	enum col_id order[COL__COUNT];
	int k = 0;
	size_t i = 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && v[j] != ',')
			j++;
		bool hide = j > i && v[i] == '!';
		int c = col_from_name(v + i + hide, j - i - hide);
		if (c < 0 || seen[c])
			return false;
		seen[c] = true;
		shown[c] = !hide;
		if (c != COL_COMMAND)
			order[k++] = (enum col_id)c;
		i = j + 1;
	}
	for (int c = 0; c < COL_COMMAND; c++)
		if (!seen[c])
			order[k++] = (enum col_id)c;
	order[k] = COL_COMMAND;
	shown[COL_PID] = shown[COL_COMMAND] = true;
	memcpy(s->visible, shown, sizeof shown);
	memcpy(s->order, order, sizeof order);
	return true;
}

/* Apply one KEY=VALUE; false when the key is unknown or the value not allowed. */
static bool apply(struct settings *s, const char *k, size_t kn, const char *v, size_t vn)
{
#define KEY(name) (kn == sizeof(name) - 1 && !memcmp(k, name, kn))
	if (KEY("sort_column")) {
		int c = col_from_name(v, vn);
		return c >= 0 ? (s->sort_col = (enum col_id)c, true) : false;
	}
	if (KEY("sort_direction")) {
		if (vn == 3 && !memcmp(v, "asc", 3))
			return s->sort_desc = false, true;
		if (vn == 4 && !memcmp(v, "desc", 4))
			return s->sort_desc = true, true;
		return false;
	}
	if (KEY("tree"))
		return parse_bool(v, vn, &s->tree);
	if (KEY("program_path"))
		return parse_bool(v, vn, &s->program_path);
	if (KEY("threads"))
		return parse_bool(v, vn, &s->threads);
	if (KEY("kernel_threads"))
		return parse_bool(v, vn, &s->kthreads);
	if (KEY("service_names"))
		return parse_bool(v, vn, &s->service_names);
	if (KEY("delay"))
		return parse_int(v, vn, SETTINGS_DELAY_MIN, SETTINGS_DELAY_MAX, &s->delay_tenths);
	if (KEY("theme")) {
		int t = ui_theme_from_name(v, vn);
		return t >= 0 ? (s->theme = (enum ui_theme)t, true) : false;
	}
	if (KEY("columns"))
		return parse_columns(v, vn, s);
	if (KEY("meters"))
		return meter_setup_parse(v, vn, &s->meters);
	return false;
#undef KEY
}

static void trim(const char **p, size_t *n)
{
	while (*n && (**p == ' ' || **p == '\t'))
		(*p)++, (*n)--;
	while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' || (*p)[*n - 1] == '\r'))
		(*n)--;
}

static void warn_line(struct strbuf *warn, int lineno, const char *why, const char *l, size_t n)
{
	if (!warn)
		return;
	sb_printf(warn, "ipctoprc line %d: %s: ", lineno, why);
	esc_append(warn, l, n > 80 ? 80 : n);
	sb_putc(warn, '\n');
}

static bool parse_line(struct settings *s, const char *l, size_t n, int lineno, struct strbuf *warn)
{
	trim(&l, &n);
	if (n == 0 || l[0] == '#')
		return true;
	const char *eq = memchr(l, '=', n);
	if (!eq || memchr(l, '\0', n)) {
		warn_line(warn, lineno, "not KEY=VALUE, ignored", l, n);
		return false;
	}
	const char *k = l, *v = eq + 1;
	size_t kn = (size_t)(eq - l), vn = n - kn - 1;
	trim(&k, &kn);
	trim(&v, &vn);
	if (!apply(s, k, kn, v, vn)) {
		warn_line(warn, lineno, "unknown key or bad value, ignored", l, n);
		return false;
	}
	return true;
}

int settings_parse(const char *text, size_t len, struct settings *s, struct strbuf *warn)
{
	int bad = 0, lineno = 0;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (!parse_line(s, text + i, end - i, ++lineno, warn))
			bad++;
		i = end + 1;
	}
	return bad;
}

void settings_format(const struct settings *s, struct strbuf *out)
{
	sb_puts(out, "# ipctop settings: KEY=VALUE lines, read as data only\n");
	sb_printf(out, "sort_column=%s\n", col_name(s->sort_col));
	sb_printf(out, "sort_direction=%s\n", s->sort_desc ? "desc" : "asc");
	sb_printf(out, "tree=%d\n", s->tree ? 1 : 0);
	sb_printf(out, "kernel_threads=%d\n", s->kthreads ? 1 : 0);
	sb_printf(out, "threads=%d\n", s->threads ? 1 : 0);
	sb_printf(out, "program_path=%d\n", s->program_path ? 1 : 0);
	sb_printf(out, "service_names=%d\n", s->service_names ? 1 : 0);
	sb_printf(out, "delay=%d\n", s->delay_tenths);
	sb_printf(out, "theme=%s\n", ui_theme_name(s->theme));
	sb_puts(out, "columns=");
	const char *sep = "";
	for (int k = 0; k < COL__COUNT; k++) {
		enum col_id c = s->order[k];
		bool shown = s->visible[c] || c == COL_PID || c == COL_COMMAND;
		sb_printf(out, "%s%s%s", sep, shown ? "" : "!", col_name(c));
		sep = ",";
	}
	sb_puts(out, "\nmeters=");
	meter_setup_format(&s->meters, out);
	sb_putc(out, '\n');
}

char *settings_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;
	if (xdg && xdg[0] == '/')
		sb_printf(&sb, "%s/ipctop/ipctoprc", xdg);
	else if (home && home[0] == '/')
		sb_printf(&sb, "%s/.config/ipctop/ipctoprc", home);
	else
		return NULL;
	return sb.buf;
}

static int read_small(int fd, struct strbuf *text)
{
	char buf[4096];
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) > 0) {
		if (text->len + (size_t)r > SETTINGS_MAX_BYTES)
			return -EFBIG;
		sb_putn(text, buf, (size_t)r);
	}
	return r < 0 ? -errno : 0;
}

int settings_load(const char *path, uid_t euid, struct settings *s, struct strbuf *warn)
{
	struct stat st;
	struct strbuf text = STRBUF_INIT;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		sb_printf(warn, "ipctoprc: cannot open %s: %s; ignored\n", path, strerror(errno));
		return 1;
	}
	int problems = 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		sb_printf(warn, "ipctoprc: %s is not a regular file; ignored\n", path);
		problems = 1;
	} else if (euid == 0 && st.st_uid != 0) {
		sb_printf(warn, "ipctoprc: %s is not owned by root; ignored\n", path);
		problems = 1;
	} else if (read_small(fd, &text) < 0) {
		sb_printf(warn, "ipctoprc: %s is unreadable or too big; ignored\n", path);
		problems = 1;
	} else {
		problems = settings_parse(text.buf ? text.buf : "", text.len, s, warn);
	}
	close(fd);
	sb_free(&text);
	return problems;
}

static int make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			int e = errno;
			free(dir);
			return -e;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

int settings_save(const char *path, const struct settings *s)
{
	struct strbuf text = STRBUF_INIT, tmp = STRBUF_INIT;
	int rc = make_parent_dirs(path);
	if (rc < 0)
		return rc;
	settings_format(s, &text);
	sb_printf(&tmp, "%s.tmp.%d", path, (int)getpid());
	int fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		rc = -errno;
	else {
		if (write(fd, text.buf, text.len) != (ssize_t)text.len)
			rc = -EIO;
		if (close(fd) < 0 && rc == 0)
			rc = -errno;
		if (rc == 0 && rename(tmp.buf, path) < 0)
			rc = -errno;
		if (rc < 0)
			unlink(tmp.buf);
	}
	sb_free(&text);
	sb_free(&tmp);
	return rc;
}

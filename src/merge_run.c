/* merge_run.c — ipctop --merge FILE...: each file (or "-") is read as one host's --json
 * snapshot, named by its file name without ".json" ("stdin" for "-"); the snapshots are
 * joined (channel/channel_merge.h) and written as --json or --dot, or shown by the
 * interactive screens (one snapshot, never refreshed). Nothing is written or shown unless
 * every file was read. */
#include "merge_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel_merge.h"
#include "export_run.h"
#include "source/snap_json.h"
#include "util/xalloc.h"
#include "view/tui.h"

/* "web1" for "/tmp/web1.json", "stdin" for "-". */
static char *host_name(const char *path)
{
	if (strcmp(path, "-") == 0)
		return strdup("stdin");
	const char *base = strrchr(path, '/');
	base = base && base[1] ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	return strndup(base, n);
}

static bool names_unique(struct merge_input *in, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(in[i].host, in[j].host) == 0) {
				fprintf(stderr, "ipctop: --merge: two snapshots named '%s' (name the files apart)\n",
				        in[i].host);
				return false;
			}
	return true;
}

static int host_pid_cmp(const void *a, const void *b)
{
	const struct proc_info *const *p = a, *const *q = b;
	int h = strcmp((*p)->host, (*q)->host);
	return h ? h : ((*p)->pid > (*q)->pid) - ((*p)->pid < (*q)->pid);
}

/* A host in two inputs (a merged snapshot merged with one of its own hosts) would list a
 * process twice: refused. */
static bool hosts_apart(const struct snapshot *m)
{
	const struct proc_info **by = xcalloc(m->n_procs + 1, sizeof(*by));
	bool ok = true;
	for (size_t i = 0; i < m->n_procs; i++)
		by[i] = &m->procs[i];
	qsort(by, m->n_procs, sizeof(*by), host_pid_cmp);
	for (size_t i = 1; i < m->n_procs && ok; i++)
		if (host_pid_cmp(&by[i], &by[i - 1]) == 0) {
			fprintf(stderr, "ipctop: --merge: host '%s' is in more than one of the snapshots\n",
			        by[i]->host);
			ok = false;
		}
	free(by);
	return ok;
}

/* m (initialised) becomes the join of the files: 0, or -1 after a message. */
static int merge_load(const struct ipctop_opts *o, struct snapshot *m)
{
	size_t n = o->n_merge, loaded = 0;
	struct merge_input *in = xcalloc(n, sizeof(*in));
	struct snapshot *snaps = xcalloc(n, sizeof(*snaps));
	struct strbuf err = STRBUF_INIT;
	int r = -1;
	for (; loaded < n; loaded++) {
		snapshot_init(&snaps[loaded]);
		in[loaded].s = &snaps[loaded];
		in[loaded].host = host_name(o->merge_files[loaded]);
		if (snap_json_load(&snaps[loaded], o->merge_files[loaded], &err) < 0) {
			fprintf(stderr, "ipctop: --merge: %s\n", sb_str(&err));
			loaded++;
			goto out;
		}
	}
	if (names_unique(in, n)) {
		snap_merge(m, in, n);
		r = hosts_apart(m) ? 0 : -1;
	}
out:
	for (size_t i = 0; i < loaded; i++) {
		snapshot_free(&snaps[i]);
		free((char *)in[i].host);
	}
	free(snaps);
	free(in);
	sb_free(&err);
	return r;
}

int merge_run(const struct ipctop_opts *o)
{
	struct snapshot *m = xmalloc(sizeof(*m));
	snapshot_init(m);
	if (merge_load(o, m) < 0) {
		snapshot_free(m);
		free(m);
		return 1;
	}
	if (o->mode == MODE_TUI) {
		struct tui_hooks hooks = { .fixed = m };   /* the TUI frees it */
		return tui_run(o, &hooks);
	}
	struct snap_filter flt = { NULL, 0, false, 0, o->kind_mask };
	int status = export_run_write(o, m, &flt, 0);
	snapshot_free(m);
	free(m);
	return status;
}

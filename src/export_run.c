/* export_run.c — the one write of a one-shot run (see export_run.h): shared by ipctop.c's
 * live export and merge_run.c's --merge, so both select, flush and report errors alike. */
#include "export_run.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "export/export_dot.h"
#include "export/export_json.h"
#include "export/export_openmetrics.h"
#include "util/strbuf.h"

static int write_openmetrics(FILE *f, const struct snapshot *s, const struct snap_selection *sel,
                             bool pids, uint64_t take_ns, bool prom_text)
{
	struct strbuf sb = STRBUF_INIT;
	struct om_opts oo = { pids, take_ns, prom_text };
	openmetrics_build(&sb, s, sel, &oo);
	int r = fwrite(sb.buf, 1, sb.len, f) == sb.len ? 0 : -errno;
	sb_free(&sb);
	return r;
}

/* --dot --groups / --focus: the graph screen's model, scoped to -p and -u as the screen's a. */
static int write_dot_screen(const struct ipctop_opts *o, const struct snapshot *s, const struct snap_filter *flt,
                            const struct snap_selection *sel)
{
	struct dot_screen_opts d = { .groups = o->dot_groups, .group_by = o->dot_group_by, .focus = o->dot_focus, .hops = o->dot_hops,
				     .kind_mask = flt->kind_mask,
				     .scope = flt->n_pids || flt->has_uid ? sel->proc_chosen : NULL };
	return export_dot_screen(stdout, s, &d);
}

int export_run_write(const struct ipctop_opts *o, const struct snapshot *s,
                     const struct snap_filter *flt, uint64_t take_ns)
{
	struct snap_selection sel;
	snap_select(s, flt, &sel);
	int r;
	if (o->mode == MODE_JSON)
		r = export_json(stdout, s, &sel, o->pretty);
	else if (o->mode == MODE_OPENMETRICS)
		r = write_openmetrics(stdout, s, &sel, o->metrics_pids, take_ns, o->prom_text);
	else if (o->dot_groups || o->dot_focus)
		r = write_dot_screen(o, s, flt, &sel);
	else
		r = export_dot(stdout, s, &sel);
	snap_selection_free(&sel);
	if (r == DOT_FOCUS_MISSING) {
		fprintf(stderr, "ipctop: --focus %d: no such process holds a channel%s with another party\n",
			(int)o->dot_focus, flt->kind_mask ? " of those kinds" : "");
		return 1;
	}
	if (r == 0 && fflush(stdout) != 0)
		r = -errno;
	if (r < 0)
		fprintf(stderr, "ipctop: write error: %s\n", strerror(-r));
	return r < 0 ? 1 : 0;
}

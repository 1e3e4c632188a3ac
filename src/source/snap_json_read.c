/* snap_json_read.c — an ipctop --json document back into a snapshot: the document (syntax by
 * jansson, with its byte offset on error), the header, the processes and the notes; the
 * channels are read by snap_json_chan.c, a process's policy, signal masks and restricted marks
 * by snap_json_marks.c. What the model needs from a snapshot taken elsewhere is read;
 * waits by snap_json_wait.c; per-process detail (maps, descriptors) and the SysV rows are not. */
#include "source/snap_json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_json.h"
#include "source/snap_json_chan.h"
#include "source/snap_json_wait.h"
#include "source/snap_json_get.h"
#include "source/snap_json_marks.h"
#include "util/xalloc.h"

static bool read_ids(struct rd *r, json_t *p, const char *key, uint32_t *out[4])
{
	json_t *a;
	if (!get_arr(r, p, key, REQ, &a))
		return false;
	if (json_array_size(a) != 4)
		return rd_fail(r, key, "expected 4 ids");
	for (size_t i = 0; i < 4; i++) {
		json_t *v = json_array_get(a, i);
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > UINT32_MAX)
			return rd_fail(r, key, "expected ids from 0 to %u", UINT32_MAX);
		*out[i] = (uint32_t)json_integer_value(v);
	}
	return true;
}

static bool read_identity(struct rd *r, json_t *o, struct proc_info *p)
{
	int64_t pid = 0, ppid = 0, pgid = 0, sid = 0, tty = 0;
	char *state = NULL, *host = NULL;
	bool ok = get_str(r, o, "host", OPT, false, &host) &&
		get_int(r, o, "pid", REQ, 1, INT32_MAX, &pid) &&
		get_int(r, o, "ppid", REQ, 0, INT32_MAX, &ppid) &&
		get_int(r, o, "pgid", OPT, INT32_MIN, INT32_MAX, &pgid) &&
		get_int(r, o, "sid", OPT, INT32_MIN, INT32_MAX, &sid) &&
		get_int(r, o, "tty_nr", OPT, INT32_MIN, INT32_MAX, &tty) &&
		get_str(r, o, "comm", REQ, false, &p->comm) &&
		get_str(r, o, "cmdline", REQ, false, &p->cmdline) &&
		get_str(r, o, "state", REQ, false, &state) &&
		get_str(r, o, "user", OPT, true, &p->user) &&
		read_ids(r, o, "uids", (uint32_t *[4]){ &p->ruid, &p->euid, &p->suid, &p->fsuid }) &&
		read_ids(r, o, "gids", (uint32_t *[4]){ &p->rgid, &p->egid, &p->sgid, &p->fsgid });
	if (!ok)
		return false;
	if (strlen(state) != 1)
		return rd_fail(r, "state", "expected one letter");
	p->host = host;
	p->pid = (pid_t)pid;
	p->tgid = (pid_t)pid;
	p->ppid = (pid_t)ppid;
	p->pgid = (pid_t)pgid;
	p->sid = (pid_t)sid;
	p->tty_nr = (int)tty;
	p->state = state[0];
	return true;
}

static bool read_usage(struct rd *r, json_t *o, struct proc_info *p)
{
	int64_t thr = 1, nice = 0, prio = 0, rtp = 0, cpu = 0, netns = 0, nch = 0;
	bool kth = false;
	bool ok = get_int(r, o, "threads", OPT, 0, INT32_MAX, &thr) &&
		get_int(r, o, "nice", OPT, -20, 19, &nice) &&
		get_int(r, o, "priority", OPT, -200, 200, &prio) &&
		get_int(r, o, "rt_priority", OPT, 0, 99, &rtp) &&
		get_int(r, o, "processor", OPT, -1, INT32_MAX, &cpu) &&
		get_u64(r, o, "utime_ticks", OPT, &p->utime) &&
		get_u64(r, o, "stime_ticks", OPT, &p->stime) &&
		get_u64(r, o, "start_ticks", OPT, &p->start_time) &&
		get_u64(r, o, "vsize_bytes", OPT, &p->vsize) &&
		get_u64(r, o, "rss_kib", OPT, &p->rss_kib) &&
		get_int_null(r, o, "netns", 0, INT64_MAX, 0, &netns) &&
		get_bool(r, o, "kthread", OPT, &kth) &&
		get_int(r, o, "n_channels", OPT, 0, UINT32_MAX, &nch);
	if (!ok)
		return false;
	json_t *ctx = NULL;   /* context switches: recordings keep them as counters */
	if (!get_obj(r, o, "ctxt_switches", OPT, &ctx) ||
	    (ctx && !(get_u64(r, ctx, "voluntary", OPT, &p->vol_ctxt) &&
	              get_u64(r, ctx, "involuntary", OPT, &p->nonvol_ctxt))))
		return false;
	p->nlwp = (int)thr;
	p->nice = (int)nice;
	p->priority = (int)prio;
	p->rt_priority = (int)rtp;
	p->processor = (int)cpu;
	p->netns = (uint64_t)netns;
	p->n_channels = (uint32_t)nch;
	p->flags = kth ? PF_KTHREAD : 0;
	return true;
}

/* What the list's SHR, EXE and SERVICE columns show (absent or null: not known). The service's
 * name stands in for the cgroup path: cgroup_service() gives every name it makes back
 * unchanged. */
static bool read_cols(struct rd *r, json_t *o, struct proc_info *p)
{
	int64_t shr = -1;
	if (!get_str(r, o, "exe", OPT, true, &p->exe) || !get_str(r, o, "service", OPT, true, &p->cgroup) ||
	    (json_object_get(o, "shr_kib") && !get_int_null(r, o, "shr_kib", 0, INT64_MAX, -1, &shr)))
		return false;
	if (shr >= 0) {
		p->shr_kib = (uint64_t)shr;
		p->flags |= PF_SHR;
	}
	return true;
}

/* By host (a merged snapshot's; none first), then pid. */
static int host_pid_order(const char *ha, pid_t x, const char *hb, pid_t y)
{
	int h = strcmp(ha ? ha : "", hb ? hb : "");
	return h ? h : (x > y) - (x < y);
}

static int proc_order(const void *a, const void *b)
{
	const struct proc_info *p = a, *q = b;
	return host_pid_order(p->host, p->pid, q->host, q->pid);
}

int32_t snap_json_find_proc(const struct snapshot *s, const char *host, pid_t pid)
{
	size_t lo = 0, hi = s->n_procs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = host_pid_order(host, pid, s->procs[mid].host, s->procs[mid].pid);
		if (c == 0)
			return (int32_t)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static bool read_procs(struct rd *r, json_t *doc)
{
	json_t *a;
	if (!get_arr(r, doc, "processes", REQ, &a))
		return false;
	struct snapshot *s = r->s;
	s->n_procs = json_array_size(a);
	s->cap_procs = s->n_procs;
	s->procs = xcalloc(s->n_procs ? s->n_procs : 1, sizeof(*s->procs));
	for (size_t i = 0; i < s->n_procs; i++) {
		json_t *o = json_array_get(a, i);
		struct proc_info *p = &s->procs[i];
		rd_where(r, "processes[%zu]", i);
		if (!json_is_object(o))
			return rd_fail(r, NULL, "expected an object");
		if (!read_identity(r, o, p) || !read_usage(r, o, p) || !read_cols(r, o, p) ||
		    !snap_json_read_marks(r, o, p))
			return false;
	}
	qsort(s->procs, s->n_procs, sizeof(*s->procs), proc_order);
	for (size_t i = 1; i < s->n_procs; i++)
		if (proc_order(&s->procs[i], &s->procs[i - 1]) == 0) {
			r->where[0] = '\0';
			return rd_fail(r, "processes", "pid %d listed twice", (int)s->procs[i].pid);
		}
	return true;
}

static bool read_header(struct rd *r, json_t *doc)
{
	json_t *id, *host, *viewer, *load;
	int64_t schema, ncpu = 0, ticks = 0;
	r->where[0] = '\0';
	if (!json_is_object(doc))
		return rd_fail(r, NULL, "not an ipctop snapshot (expected an object)");
	if (!get_obj(r, doc, "ipctop", OPT, &id) || !id)
		return rd_fail(r, "ipctop", "missing: not an ipctop snapshot");
	if (!get_int(r, id, "schema", REQ, 0, INT32_MAX, &schema))
		return false;
	if (schema < IPCTOP_JSON_SCHEMA_OLDEST || schema > IPCTOP_JSON_SCHEMA)
		return rd_fail(r, "ipctop.schema", "%lld, this ipctop reads schemas %d to %d",
		               (long long)schema, IPCTOP_JSON_SCHEMA_OLDEST, IPCTOP_JSON_SCHEMA);
	struct snapshot *s = r->s;
	if (!get_u64(r, doc, "taken_at_ms", REQ, &s->taken_ms) || !get_obj(r, doc, "host", REQ, &host) ||
	    !get_obj(r, doc, "viewer", REQ, &viewer))
		return false;
	rd_where(r, "host");
	bool ok = get_int(r, host, "ncpu", REQ, 0, 1 << 20, &ncpu) &&
		get_u64(r, host, "mem_total_kib", REQ, &s->sys.mem_total_kib) &&
		get_u64(r, host, "mem_available_kib", REQ, &s->sys.mem_avail_kib) &&
		get_num(r, host, "uptime_s", REQ, &s->sys.uptime_s) &&
		get_int(r, host, "clock_ticks", REQ, 0, 1 << 20, &ticks) &&
		get_arr(r, host, "load", REQ, &load);
	if (!ok)
		return false;
	if (json_array_size(load) != 3)
		return rd_fail(r, "load", "expected 3 numbers");
	for (size_t i = 0; i < 3; i++) {
		if (!json_is_number(json_array_get(load, i)))
			return rd_fail(r, "load", "expected 3 numbers");
		s->sys.load[i] = json_number_value(json_array_get(load, i));
	}
	s->sys.ncpu = (int)ncpu;
	s->sys.ticks_per_sec = (long)ticks;
	s->sys.figures_partial = true;
	rd_where(r, "viewer");
	int64_t euid;
	if (!get_int(r, viewer, "euid", REQ, 0, UINT32_MAX, &euid) ||
	    !get_bool(r, viewer, "root", REQ, &s->viewer_root) ||
	    !get_u64(r, viewer, "netns", REQ, &s->own_netns))
		return false;
	s->viewer_uid = (uid_t)euid;
	return true;
}

static bool read_notes(struct rd *r, json_t *doc)
{
	json_t *a;
	r->where[0] = '\0';
	if (!get_arr(r, doc, "notes", REQ, &a))
		return false;
	for (size_t i = 0; i < json_array_size(a); i++) {
		char *text;
		rd_where(r, "notes[%zu]", i);
		if (!take_str(r, json_array_get(a, i), NULL, &text))
			return false;
		snapshot_note(r->s, "%s", text);
	}
	return true;
}

int snap_json_read(struct snapshot *s, const char *buf, size_t len, const char *name,
                   struct strbuf *err)
{
	struct rd r = { .s = s, .err = err, .name = name };
	json_error_t je;
	if (len > SNAP_JSON_MAX_BYTES) {
		sb_printf(err, "%s: %zu bytes, more than the limit of %u", name, len, SNAP_JSON_MAX_BYTES);
		return -1;
	}
	json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		sb_reset(err);
		sb_printf(err, "%s: byte %d: %s", name, je.position, je.text);
		return -1;
	}
	if (!snap_json_depth_ok(doc, SNAP_JSON_MAX_DEPTH)) {
		json_decref(doc);
		sb_printf(err, "%s: nested deeper than %d levels: not an ipctop snapshot", name,
		          SNAP_JSON_MAX_DEPTH);
		return -1;
	}
	bool ok = read_header(&r, doc) && read_procs(&r, doc) && snap_json_read_chans(&r, doc) &&
		snap_json_read_waits(&r, doc) && read_notes(&r, doc);
	json_decref(doc);
	return ok ? 0 : -1;
}

int snap_json_load(struct snapshot *s, const char *path, struct strbuf *err)
{
	bool std_in = strcmp(path, "-") == 0;
	FILE *f = std_in ? stdin : fopen(path, "rb");
	if (!f) {
		sb_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct strbuf doc = STRBUF_INIT;
	size_t n;
	int rc = 0;
	do {
		sb_grow(&doc, 65536);
		n = fread(doc.buf + doc.len, 1, 65536, f);
		doc.len += n;
		if (doc.len > SNAP_JSON_MAX_BYTES) {
			sb_printf(err, "%s: more than the limit of %u bytes", path, SNAP_JSON_MAX_BYTES);
			rc = -1;
			break;
		}
	} while (n > 0);
	if (rc == 0 && ferror(f)) {
		sb_printf(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (!std_in)
		fclose(f);
	if (rc == 0)
		rc = snap_json_read(s, doc.buf ? doc.buf : "", doc.len, std_in ? "(stdin)" : path, err);
	sb_free(&doc);
	return rc;
}

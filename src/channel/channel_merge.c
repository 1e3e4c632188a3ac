/* channel_merge.c — several hosts' snapshots into one (see channel_merge.h): their processes,
 * sockets and channels side by side, every process and endpoint tagged with its host, notes
 * prefixed by it. Channel ids are kept as each host wrote them, so they may repeat across
 * hosts: a channel is told apart by its id together with its endpoints' host. */
#include "channel/channel_merge.h"

#include <string.h>

#include "util/xalloc.h"

static void take_procs(struct snapshot *m, const struct snapshot *s, const char *host)
{
	XGROW(m->procs, m->cap_procs, m->n_procs + s->n_procs);
	for (size_t i = 0; i < s->n_procs; i++) {
		m->procs[m->n_procs] = s->procs[i];
		struct proc_info *p = &m->procs[m->n_procs];
		p->runtime_fd1 = 0;
		p->stat_fd1 = 0;
		p->syscall_fd1 = 0;
		if (p->n_tasks) {   /* its threads' kept descriptors stay the source's */
			p->tasks = arena_memdup(&m->arena, p->tasks, p->n_tasks * sizeof(*p->tasks));
			for (size_t t = 0; t < p->n_tasks; t++)
				p->tasks[t].call_fd1 = 0;
		}
		/* descriptors and mappings name channels and sockets by index in their own
		 * snapshot: the merge keeps processes without them (--json snapshots have none
		 * but for -p processes' detail, which the reader does not take) */
		p->fds = NULL;
		p->n_fds = 0;
		p->maps = NULL;
		p->n_maps = 0;
		p->flags &= ~(uint32_t)PF_DETAIL;
		p->sched = NULL;
		p->pcb = NULL;
		if (!p->host)   /* a merged snapshot merged again keeps its hosts */
			p->host = host;
		m->n_procs++;
	}
}

static void take_socks(struct snapshot *m, const struct snapshot *s)
{
	if (!s->n_socks)
		return;               /* nothing to copy (and memcpy must not get NULL) */
	XGROW(m->socks, m->cap_socks, m->n_socks + s->n_socks);
	memcpy(m->socks + m->n_socks, s->socks, s->n_socks * sizeof(*s->socks));
	m->n_socks += s->n_socks;
}

static void take_chans(struct snapshot *m, const struct snapshot *s, const char *host,
                       size_t proc_off, size_t sock_off)
{
	XGROW(m->chans, m->cap_chans, m->n_chans + s->n_chans);
	for (size_t c = 0; c < s->n_chans; c++) {
		struct channel ch = s->chans[c];
		ch.sysv = -1;
		ch.label_sock1 = 0;
		ch.ep = ch.n_ep ? arena_memdup(&m->arena, ch.ep, ch.n_ep * sizeof(*ch.ep)) : NULL;
		for (size_t e = 0; e < ch.n_ep; e++) {
			struct endpoint *ep = &ch.ep[e];
			if (!ep->host)
				ep->host = host;
			if (ep->proc >= 0)
				ep->proc += (int32_t)proc_off;
			if (ep->sock >= 0)
				ep->sock += (int32_t)sock_off;
		}
		m->chans[m->n_chans++] = ch;
	}
}

static void take_header(struct snapshot *m, const struct snapshot *s, bool first)
{
	if (first) {
		m->sys = s->sys;
		m->viewer_uid = s->viewer_uid;
		m->viewer_root = s->viewer_root;
		m->own_netns = s->own_netns;
	}
	if (s->taken_ms > m->taken_ms)
		m->taken_ms = s->taken_ms;
}

void snap_merge(struct snapshot *m, struct merge_input *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct snapshot *s = in[i].s;
		const char *host = arena_strdup(&m->arena, in[i].host);
		size_t proc_off = m->n_procs, sock_off = m->n_socks;
		take_header(m, s, i == 0);
		take_procs(m, s, host);
		take_socks(m, s);
		take_chans(m, s, host, proc_off, sock_off);
		for (size_t k = 0; k < s->n_notes; k++)
			snapshot_note(m, "%s: %s", host, s->notes[k].text);
		arena_adopt(&m->arena, &s->arena);   /* the strings stay where they are */
	}
	m->by_host = true;
	channel_pair_hosts(m);
}

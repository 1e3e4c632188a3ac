/* proc_traffic.c — per-process traffic figures from a snapshot with rates (see
 * proc_traffic.h): one pass over the channels' ends, each counted for the process it names. */
#include "model/proc_traffic.h"

#include <math.h>

#include "model/rates.h"

/* Whether an earlier end of ch is the same process's hold on the same socket (a socket held
 * through two descriptors, or inherited by a thread group, counts once). */
static bool seen_before(const struct channel *ch, size_t k)
{
	const struct endpoint *e = &ch->ep[k];
	for (size_t j = 0; j < k; j++)
		if (ch->ep[j].proc == e->proc && ch->ep[j].sock == e->sock && ch->ep[j].has_bytes)
			return true;
	return false;
}

/* The peer of end k of ch: the first end held by another local process, else an off-host one. */
static void find_peer(const struct channel *ch, size_t k, struct proc_traffic *t)
{
	pid_t self = ch->ep[k].pid;
	t->peer = 0;
	t->remote = NULL;
	for (size_t j = 0; j < ch->n_ep; j++)
		if (ch->ep[j].pid > 0 && ch->ep[j].pid != self) {
			t->peer = ch->ep[j].pid;
			return;
		}
	for (size_t j = 0; j < ch->n_ep; j++)
		if (ch->ep[j].pid <= 0 && ch->ep[j].remote) {
			t->remote = ch->ep[j].remote;
			return;
		}
}

/* End k of channel c counts for t; its rate only when the snapshot has rates (a first snapshot
 * has none, whatever its ends' fields hold). */
static void add_end(const struct snapshot *s, size_t c, size_t k, struct proc_traffic *t)
{
	const struct channel *ch = &s->chans[c];
	t->n_counted++;
	double r = s->has_rates ? endpoint_rate(&ch->ep[k]) : NAN;
	if (isnan(r))
		return;
	t->ipc = rate_add(t->ipc, r);
	if (t->busiest < 0 || r > t->busiest_rate) {
		t->busiest = (int32_t)c;
		t->busiest_rate = r;
		find_peer(ch, k, t);
	}
}

static void io_rates(const struct snapshot *s, const struct proc_info *p, struct proc_traffic *t)
{
	if (!s->has_rates || !p->has_io)
		return;
	t->io_r = p->io_rate.rchar;
	t->io_w = p->io_rate.wchar;
}

void proc_traffic_compute(const struct snapshot *s, struct proc_traffic *out)
{
	for (size_t i = 0; i < s->n_procs; i++) {
		out[i] = (struct proc_traffic){ NAN, NAN, NAN, 0, false, -1, NAN, 0, NULL };
		out[i].fds_unknown = s->procs[i].flags & PF_FDS_DENIED;
		io_rates(s, &s->procs[i], &out[i]);
	}
	for (size_t c = 0; c < s->n_chans; c++) {
		const struct channel *ch = &s->chans[c];
		for (size_t k = 0; k < ch->n_ep; k++) {
			const struct endpoint *e = &ch->ep[k];
			if (!e->has_bytes || e->proc < 0 || (size_t)e->proc >= s->n_procs || seen_before(ch, k))
				continue;
			add_end(s, c, k, &out[e->proc]);
		}
	}
}

double proc_traffic_key(const struct proc_traffic *t)
{
	return isnan(t->ipc) ? -1 : t->ipc;
}

/* export_json_stamp.c — what a process's or a channel's --json object is made of, hashed
 * without writing it (export_json.h): the recorder writes again only an object whose stamp
 * moved. Every field the object's writers read (export_json*.c) is fed here, by value (texts
 * by their bytes, indices by what they point at), in the writers' order; a field the object
 * does not hold may be fed too, if it does not move by itself. Keep it in step with the
 * writers: tests/unit/test_json_stamp changes each byte of the structs and checks that a
 * changed object has a changed stamp. */
#include "export/export_json.h"

#include "model/sock_describe.h"
#include "model/wait_short.h"
#include "util/word_hash.h"

#define FEED(h, v) wh_feed((h), (v), sizeof(v))

static uint64_t feed_chan_id(uint64_t h, const struct snapshot *s, int32_t c)
{
	return wh_feed_str(h, c >= 0 && (size_t)c < s->n_chans ? s->chans[c].id : NULL);
}

static uint64_t feed_pids(uint64_t h, const pid_t *v, size_t n)
{
	h = wh_feed_u64(h, n);
	return n ? wh_feed(h, v, n * sizeof(*v)) : h;
}

/* A wait as export_json_wait.c writes it: its age rather than when it was read. */
static uint64_t feed_wait(uint64_t h, const struct snapshot *s, const struct task_wait *t)
{
	if (!t)
		return wh_feed_u64(h, 0);
	uint64_t age = t->read_ms && s->taken_ms > t->read_ms ? s->taken_ms - t->read_ms : 0;
	const uint64_t v[] = {
		1, (uint64_t)t->tid, age, t->kind, (uint64_t)t->syscall_nr, (uint64_t)t->fd, t->dir,
		(uint64_t)t->arg, (uint64_t)t->by, t->watch_read, t->n_watched, (uint64_t)t->state,
	};
	h = feed_chan_id(FEED(h, v), s, t->chan);
	h = feed_pids(h, t->peers, t->n_peers);
	for (uint32_t i = 0; i < t->n_watched; i++) {
		const struct wait_watch *x = &t->watched[i];
		h = wh_feed_u64(wh_feed_u64(h, (uint64_t)x->t.fd), x->t.events);
		h = feed_pids(feed_chan_id(h, s, x->chan), x->peers, x->n_peers);
	}
	return h;
}

bool export_json_stampable(const struct snapshot *s)
{
	return !s->has_rates && !s->by_host;   /* rates and traffic are not followed here */
}

uint64_t export_json_proc_stamp(const struct snapshot *s, const struct proc_info *p)
{
	if (!export_json_stampable(s) || (p->flags & PF_DETAIL))
		return 0;   /* nor is detail */
	const uint64_t v[] = {
		(uint64_t)p->pid, (uint64_t)p->ppid, (uint64_t)p->pgid, (uint64_t)p->sid,
		(uint64_t)p->tty_nr, (uint64_t)p->state, p->has_exit, (uint64_t)p->exit_status,
		p->euid, p->ruid, p->suid, p->fsuid, p->rgid, p->egid, p->sgid, p->fsgid,
		(uint64_t)p->nlwp, (uint64_t)p->nice, (uint64_t)p->priority, (uint64_t)p->policy,
		(uint64_t)p->rt_priority, (uint64_t)p->processor, p->utime, p->stime, p->start_time,
		p->vsize, p->rss_kib, p->vol_ctxt, p->nonvol_ctxt,
		p->sig_pending, p->sig_blocked, p->sig_ignored, p->sig_caught,
		p->netns, p->flags, p->n_fds, p->n_channels, p->shr_kib,
		s->sys.mem_total_kib,   /* mem_percent */
	};
	uint64_t h = FEED(WH_SEED, v);
	const char *texts[] = { p->host, p->comm, p->cmdline, p->user, p->exe, p->cgroup };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		h = wh_feed_str(h, texts[i]);
	h = feed_wait(feed_wait(h, s, p->wait), s, wait_blocking(p));
	return h ? h : 1;
}

/* A socket's name (raw bytes, maybe with NULs), or a mark of none. */
static uint64_t feed_name(uint64_t h, const struct sock_info *sk)
{
	return sk && sk->name ? wh_feed(wh_feed_u64(h, sk->name_len), sk->name, sk->name_len)
	                      : wh_feed_u64(h, 3);
}

/* A socket as export_json_sock.c writes it, with the address of the listener it names. */
static uint64_t feed_sock(uint64_t h, const struct snapshot *s, int32_t k)
{
	if (k < 0 || (size_t)k >= s->n_socks)
		return wh_feed_u64(h, 1);
	const struct sock_info *sk = &s->socks[k];
	const uint64_t v[] = {
		2, sk->ino, sk->netns, sk->family, sk->type, sk->protocol, sk->state,
		sk->rqueue, sk->wqueue, sk->has_mem, sk->rcvbuf, sk->sndbuf, sk->has_drops, sk->drops,
		sk->peer, sk->n_icons, sk->lport, sk->rport, sk->has_tcp_info, sk->bytes_acked,
		sk->bytes_received, sk->bytes_sent, sk->rtt_us, sk->portid,
	};
	h = feed_name(FEED(FEED(FEED(h, v), sk->laddr), sk->raddr), sk);
	const struct sock_info *l = sock_listener(s, sk);
	if (!l)
		return wh_feed_u64(h, 4);
	const uint64_t lv[] = { l->family, l->lport };
	return FEED(FEED(h, lv), l->laddr);
}

static uint64_t feed_endpoint(uint64_t h, const struct snapshot *s, const struct endpoint *e)
{
	const uint64_t v[] = {
		(uint64_t)e->pid, (uint64_t)e->fd, e->access, e->addr, e->size, e->has_bytes,
		e->tx_bytes, e->rx_bytes,
	};
	h = FEED(h, v);
	h = wh_feed_str(h, e->proc >= 0 && (size_t)e->proc < s->n_procs ? s->procs[e->proc].comm : NULL);
	const char *texts[] = { e->host, e->role, e->remote };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		h = wh_feed_str(h, texts[i]);
	return feed_sock(h, s, e->sock);
}

/* The SysV row a SysV channel writes (export_json_ipc.c), or a mark of none. */
static uint64_t feed_sysv(uint64_t h, const struct snapshot *s, const struct channel *ch)
{
	if (ch->kind == CK_SYSV_SHM && ch->sysv >= 0 && (size_t)ch->sysv < s->n_shm) {
		const struct sysv_shm *r = &s->shm[ch->sysv];
		const uint64_t v[] = {
			(uint64_t)r->key, (uint64_t)r->shmid, r->perms, r->size, (uint64_t)r->cpid,
			(uint64_t)r->lpid, r->nattch, r->uid, r->cuid, r->gid, r->cgid,
			(uint64_t)r->atime, (uint64_t)r->dtime, (uint64_t)r->ctime, r->rss, r->swap,
		};
		return FEED(h, v);
	}
	if (ch->kind == CK_SYSV_MSG && ch->sysv >= 0 && (size_t)ch->sysv < s->n_msg) {
		const struct sysv_msg *r = &s->msg[ch->sysv];
		const uint64_t v[] = {
			(uint64_t)r->key, (uint64_t)r->msqid, r->perms, r->cbytes, r->qnum,
			(uint64_t)r->lspid, (uint64_t)r->lrpid, r->uid, r->cuid, r->gid, r->cgid,
			(uint64_t)r->stime, (uint64_t)r->rtime, (uint64_t)r->ctime,
		};
		return FEED(h, v);
	}
	return wh_feed_u64(h, 5);
}

uint64_t export_json_chan_stamp(const struct snapshot *s, const struct channel *ch)
{
	if (!export_json_stampable(s))
		return 0;
	const uint64_t v[] = {
		ch->kind, ch->netns, ch->queued_known, ch->queued, (uint64_t)ch->capacity, ch->bytes,
		ch->one_ended, ch->n_ep,
	};
	uint64_t h = wh_feed_str(wh_feed_str(FEED(WH_SEED, v), ch->id), ch->label);
	int32_t k = ch->label_sock1 - 1;   /* the label: that socket's name (format_chan_label) */
	h = feed_name(h, k >= 0 && (size_t)k < s->n_socks ? &s->socks[k] : NULL);
	h = feed_sysv(h, s, ch);
	for (size_t e = 0; e < ch->n_ep; e++)
		h = feed_endpoint(h, s, &ch->ep[e]);
	return h ? h : 1;
}

/* sysv_describe.c — a SysV IPC object in the words `ipcs` uses, a shared anonymous region by
 * its size (see sysv_describe.h). */
#include "model/sysv_describe.h"

#include "model/format_addr.h"
#include "util/human_size.h"

static const struct sysv_shm *shm_of(const struct snapshot *s, const struct channel *c)
{
	return c->kind == CK_SYSV_SHM && c->sysv >= 0 && (size_t)c->sysv < s->n_shm ? &s->shm[c->sysv] : NULL;
}

static const struct sysv_msg *msg_of(const struct snapshot *s, const struct channel *c)
{
	return c->kind == CK_SYSV_MSG && c->sysv >= 0 && (size_t)c->sysv < s->n_msg ? &s->msg[c->sysv] : NULL;
}

bool sysv_name(struct strbuf *sb, const struct snapshot *s, const struct channel *c)
{
	const struct sysv_shm *m = shm_of(s, c);
	const struct sysv_msg *q = msg_of(s, c);
	if (m)
		sb_printf(sb, "shm id %d key 0x%08x", m->shmid, (unsigned)m->key);
	else if (q)
		sb_printf(sb, "msg id %d key 0x%08x", q->msqid, (unsigned)q->key);
	return m || q;
}

bool sysv_figures(struct strbuf *sb, const struct snapshot *s, const struct channel *c)
{
	const struct sysv_shm *m = shm_of(s, c);
	const struct sysv_msg *q = msg_of(s, c);
	char size[24];
	if (m) {
		human_bytes(size, sizeof size, (double)m->size);
		sb_printf(sb, "%s, %llu attached, uid %u perms %04o", size,
			  (unsigned long long)m->nattch, (unsigned)m->uid, m->perms);
	} else if (q) {
		human_bytes(size, sizeof size, (double)q->cbytes);
		sb_printf(sb, "%llu message%s %s queued, uid %u perms %04o", (unsigned long long)q->qnum,
			  q->qnum == 1 ? "" : "s", size, (unsigned)q->uid, q->perms);
	}
	return m || q;
}

bool anon_shm_name(struct strbuf *sb, const struct snapshot *s, const struct channel *c)
{
	if (c->kind != CK_ANON_SHM)
		return false;
	if (!format_chan_label(sb, s, c))
		sb_puts(sb, "shared anon");
	uint64_t size = 0;
	for (size_t i = 0; i < c->n_ep; i++)
		size = c->ep[i].size > size ? c->ep[i].size : size;
	if (size) {
		char h[32];
		human_bytes(h, sizeof h, (double)size);
		sb_printf(sb, " %s", h);
	}
	return true;
}

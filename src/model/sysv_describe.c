/* sysv_describe.c — a SysV IPC object in the words `ipcs` uses (see sysv_describe.h). */
#include "model/sysv_describe.h"

#include "util/human_size.h"

static void put_shm(struct strbuf *sb, const struct sysv_shm *m)
{
	char size[24];
	human_bytes(size, sizeof size, (double)m->size);
	sb_printf(sb, "shm id %d key 0x%08x, %s, %llu attached, uid %u perms %04o", m->shmid,
		  (unsigned)m->key, size, (unsigned long long)m->nattch, (unsigned)m->uid, m->perms);
}

static void put_msg(struct strbuf *sb, const struct sysv_msg *m)
{
	char bytes[24];
	human_bytes(bytes, sizeof bytes, (double)m->cbytes);
	sb_printf(sb, "msg id %d key 0x%08x, %llu message%s %s queued, uid %u perms %04o", m->msqid,
		  (unsigned)m->key, (unsigned long long)m->qnum, m->qnum == 1 ? "" : "s", bytes,
		  (unsigned)m->uid, m->perms);
}

bool sysv_describe(struct strbuf *sb, const struct snapshot *s, const struct channel *c)
{
	if (c->sysv < 0)
		return false;
	if (c->kind == CK_SYSV_SHM && (size_t)c->sysv < s->n_shm)
		put_shm(sb, &s->shm[c->sysv]);
	else if (c->kind == CK_SYSV_MSG && (size_t)c->sysv < s->n_msg)
		put_msg(sb, &s->msg[c->sysv]);
	else
		return false;
	return true;
}

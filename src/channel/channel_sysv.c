/* channel_sysv.c — shared memory held as mappings (SysV segments by shmid, POSIX shm, memfd
 * and shared anonymous memory by device and inode), the SysV shm table joined to its segments, and SysV message queues
 * joined to their last sender and last receiver. */
#include <string.h>

#include "channel/channel_id.h"
#include "channel/channel_kinds.h"
#include "util/u64map.h"

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool map_key(const struct proc_info *p, const struct map_info *m, struct chan_key *key)
{
	if (m->seg != SEG_SHM || !m->path)
		return false;
	if (starts_with(m->path, "/SYSV"))
		*key = (struct chan_key){ CK_SYSV_SHM, p->ipcns, m->ino };
	else if (starts_with(m->path, "/dev/shm/"))
		*key = (struct chan_key){ CK_POSIX_SHM, m->dev, m->ino };
	else if (starts_with(m->path, "/memfd:"))
		*key = (struct chan_key){ CK_MEMFD, m->dev, m->ino };
	else   /* the collector classes only shared anonymous memory as shm besides these */
		*key = (struct chan_key){ CK_ANON_SHM, m->dev, m->ino };
	return true;
}

/* "sysv_shm:SHMID", with the IPC namespace when it is not ipctop's own. */
static char *sysv_shm_id(struct snapshot *s, const struct proc_info *p, uint64_t shmid)
{
	struct id_text id;
	idt_init(&id);
	idt_str(&id, "sysv_shm:");
	if (p->ipcns != s->own_ipcns) {
		idt_str(&id, "ipcns");
		idt_u64(&id, p->ipcns);
		idt_char(&id, ':');
	}
	idt_u64(&id, shmid);
	return idt_arena(&id, &s->arena);
}

/* "KIND:DEV:INO" of POSIX shm, memfd and anon_shm mappings. */
static char *dev_ino_id(struct snapshot *s, const struct chan_key *key)
{
	struct id_text id;
	idt_init(&id);
	idt_str(&id, chan_kind_name(key->kind));
	idt_char(&id, ':');
	idt_u64(&id, key->a);
	idt_char(&id, ':');
	idt_u64(&id, key->b);
	return idt_arena(&id, &s->arena);
}

/* "key 0x0000abcd": the label of SysV objects. */
static char *sysv_key_label(struct snapshot *s, int32_t key)
{
	struct id_text id;
	idt_init(&id);
	idt_str(&id, "key 0x");
	idt_hex(&id, (uint32_t)key, 8);
	return idt_arena(&id, &s->arena);
}

static void add_mapping(struct chan_table *t, size_t pi, const struct map_info *m)
{
	struct chan_key key;
	if (!map_key(&t->s->procs[pi], m, &key))
		return;
	bool created;
	int32_t c = chan_table_get(t, key, &created);
	struct channel *ch = &t->s->chans[c];
	const struct proc_info *p = &t->s->procs[pi];
	if (created)
		ch->id = key.kind == CK_SYSV_SHM ? sysv_shm_id(t->s, p, key.b) : dev_ino_id(t->s, &key);
	if (!ch->label && key.kind != CK_SYSV_SHM && key.kind != CK_ANON_SHM)
		ch->label = m->path;   /* anon_shm has no name: "/dev/zero" would mislead */
	if (!ch->label && key.kind == CK_ANON_SHM && m->path[0] == '[')
		ch->label = m->path;   /* "[anon_shmem:NAME]": named by prctl(PR_SET_VMA) */
	uint8_t acc = (uint8_t)((m->perms[0] == 'r' ? ACC_R : 0) | (m->perms[1] == 'w' ? ACC_W : 0));
	struct endpoint ep = make_ep(t->s, pi, -1, acc, "mapped");
	if (key.kind == CK_ANON_SHM) {
		ep.addr = m->start;
		ep.size = m->end - m->start;
	}
	chan_table_add_ep(t, c, &ep);
}

/* Join each /proc/sysvipc/shm row (ipctop's own IPC namespace) to the channel of its shmid,
 * naming it by its key. Segments nobody visible has attached stay in the table only. */
static void join_shm_table(struct chan_table *t)
{
	struct snapshot *s = t->s;
	for (size_t i = 0; i < s->n_shm; i++) {
		struct chan_key key = { CK_SYSV_SHM, s->own_ipcns, (uint32_t)s->shm[i].shmid };
		int32_t c = chan_table_find(t, key);
		if (c < 0)
			continue;
		struct channel *ch = &s->chans[c];
		ch->sysv = (int32_t)i;
		ch->label = sysv_key_label(s, s->shm[i].key);
	}
}

void resolve_mappings(struct chan_table *t)
{
	struct snapshot *s = t->s;
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		const struct proc_info *p = &s->procs[pi];
		for (size_t j = 0; j < p->n_maps; j++)
			add_mapping(t, pi, &p->maps[j]);
	}
	join_shm_table(t);
}

static char *sysv_msg_id(struct snapshot *s, int32_t msqid)
{
	struct id_text id;
	idt_init(&id);
	idt_str(&id, "sysv_msg:");
	idt_i64(&id, msqid);
	return idt_arena(&id, &s->arena);
}

static int32_t proc_index(const struct snapshot *s, pid_t pid)
{
	const struct proc_info *p = pid > 0 ? snapshot_find_proc(s, pid) : NULL;
	return p ? (int32_t)(p - s->procs) : -1;
}

void resolve_sysv_msg(struct chan_table *t)
{
	struct snapshot *s = t->s;
	for (size_t i = 0; i < s->n_msg; i++) {
		const struct sysv_msg *q = &s->msg[i];
		int32_t snd = proc_index(s, q->lspid), rcv = proc_index(s, q->lrpid);
		if (snd < 0 && rcv < 0)
			continue;   /* nobody alive has used it: listed under ipc.sysv_msg only */
		bool created;
		int32_t c = chan_table_get(t, (struct chan_key){ CK_SYSV_MSG, 0, (uint32_t)q->msqid }, &created);
		struct channel *ch = &s->chans[c];
		ch->id = sysv_msg_id(s, q->msqid);
		ch->label = sysv_key_label(s, q->key);
		ch->sysv = (int32_t)i;
		ch->queued = q->qnum;
		ch->queued_known = true;
		if (snd >= 0) {
			struct endpoint ep = make_ep(s, (size_t)snd, -1, ACC_W, "sender");
			chan_table_add_ep(t, c, &ep);
		}
		if (rcv >= 0) {
			struct endpoint ep = make_ep(s, (size_t)rcv, -1, ACC_R, "receiver");
			chan_table_add_ep(t, c, &ep);
		}
	}
}

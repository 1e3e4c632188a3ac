/* channel_fds.c — channels of objects held by descriptors: pipes and FIFOs by inode, POSIX shm,
 * message queues and memfds by (device, inode), ptys by tty index, eventfds by eventfd-id
 * (never by inode: all eventfds share one anonymous inode). */
#include "channel/channel_id.h"
#include "channel/channel_kinds.h"

struct fd_rule {
	enum chan_kind kind;
	bool by_aux;          /* key by fi->aux (pty index, eventfd id) instead of dev/ino */
	bool label;           /* the target path names the channel */
};

static bool rule_for(const struct fd_info *fi, struct fd_rule *r)
{
	switch (fi->kind) {
	case FDK_PIPE:      *r = (struct fd_rule){ CK_PIPE, false, false }; return true;
	case FDK_FIFO:      *r = (struct fd_rule){ CK_FIFO, false, true }; return true;
	case FDK_POSIX_SHM: *r = (struct fd_rule){ CK_POSIX_SHM, false, true }; return true;
	case FDK_MQUEUE:    *r = (struct fd_rule){ CK_POSIX_MQ, false, true }; return true;
	case FDK_MEMFD:     *r = (struct fd_rule){ CK_MEMFD, false, true }; return true;
	case FDK_PTMX:
	case FDK_PTS:       *r = (struct fd_rule){ CK_PTY, true, false }; return fi->aux >= 0;
	case FDK_EVENTFD:   *r = (struct fd_rule){ CK_EVENTFD, true, false }; return fi->aux >= 0;
	default:            return false;
	}
}

static const char *role_of(const struct fd_info *fi)
{
	switch (fi->kind) {
	case FDK_PTMX: return "master";
	case FDK_PTS:  return "slave";
	case FDK_PIPE:
	case FDK_FIFO:
		return fi->access == ACC_R ? "read" : fi->access == ACC_W ? "write" : NULL;
	default:       return NULL;
	}
}

static char *make_id(struct snapshot *s, const struct fd_rule *r, const struct fd_info *fi)
{
	struct id_text id;
	idt_init(&id);
	idt_str(&id, chan_kind_name(r->kind));
	idt_char(&id, ':');
	if (r->by_aux) {
		idt_i64(&id, fi->aux);
	} else if (r->kind == CK_PIPE) {
		idt_u64(&id, fi->ino);
	} else {
		idt_u64(&id, fi->dev);
		idt_char(&id, ':');
		idt_u64(&id, fi->ino);
	}
	return idt_arena(&id, &s->arena);
}

static void add_fd(struct chan_table *t, size_t pi, struct fd_info *fi)
{
	struct fd_rule r;
	if (!rule_for(fi, &r))
		return;
	struct chan_key key = { r.kind, r.by_aux ? 0 : fi->dev, r.by_aux ? (uint64_t)fi->aux : fi->ino };
	bool created;
	int32_t c = chan_table_get(t, key, &created);
	struct channel *ch = &t->s->chans[c];
	if (created)
		ch->id = make_id(t->s, &r, fi);
	if (r.label && !ch->label)
		ch->label = fi->target;
	if (r.kind == CK_PTY && fi->kind == FDK_PTS && !ch->label)
		ch->label = fi->target;
	if (fi->has_fill && !ch->queued_known) {
		ch->queued = (uint64_t)fi->fill_queued;
		ch->capacity = fi->fill_capacity;
		ch->queued_known = true;
	}
	struct endpoint ep = make_ep(t->s, pi, fi->fd, fi->access, role_of(fi));
	chan_table_add_ep(t, c, &ep);
	fi->chan = c;
}

void resolve_fd_objects(struct chan_table *t)
{
	struct snapshot *s = t->s;
	for (size_t pi = 0; pi < s->n_procs; pi++) {
		struct proc_info *p = &s->procs[pi];
		for (size_t j = 0; j < p->n_fds; j++) {
			p->fds[j].chan = -1;
			add_fd(t, pi, &p->fds[j]);
		}
	}
}

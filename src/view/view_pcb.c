/* view_pcb.c — the PCB tab: identity (pids, session, tty, credentials), state in words, wait
 * channel, signal masks decoded to names, namespaces, and what could not be read. */
#include <string.h>

#include "model/kernel_names.h"
#include "channel/wait_chain.h"
#include "model/wait_describe.h"
#include "model/wait_decode.h"
#include "util/text_escape.h"
#include "model/proc_figures.h"
#include "view/proc_names.h"
#include "view/detail_int.h"
#include "view/ui.h"

static void add_raw(struct dlines *d, const char *help, const char *label, const char *raw)
{
	struct strbuf sb = STRBUF_INIT;
	if (raw)
		esc_append(&sb, raw, strlen(raw));
	else
		sb_puts(&sb, "-");
	dline_add_sb(d, help, label, A_NORMAL, 0, &sb);
	sb_free(&sb);
}

/* Effective capabilities by name; "all N" when the set is the full bounding set of root. */
static void add_caps(struct dlines *d, const struct pcb_detail *c)
{
	struct strbuf sb = STRBUF_INIT;
	int n = __builtin_popcountll(c->cap_eff);
	if (!c->has_caps)
		sb_puts(&sb, "-");
	else if (n == 0)
		sb_puts(&sb, "none");
	else if (c->cap_eff == c->cap_bnd && n > 8)
		sb_printf(&sb, "all %d of the bounding set (%016llx)", n, (unsigned long long)c->cap_eff);
	for (int bit = 0; c->has_caps && n <= 8 && bit < 64; bit++)
		if (c->cap_eff >> bit & 1) {
			const char *name = capability_name(bit);
			sb_printf(&sb, "%s%s", sb.len ? " " : "", name ? name : "?");
		}
	dline_add_sb(d, "pcb.caps", "Capabilities", A_NORMAL, 0, &sb);
	sb_free(&sb);
}

/* The system call it is in, with the user stack pointer and program counter when shown. */
static void add_syscall(struct dlines *d, const struct pcb_detail *c)
{
	if (c->syscall_nr >= 0) {
		const char *name = syscall_name(c->syscall_nr);
		dline_add(d, "pcb.syscall", "System call", A_NORMAL, 0, "%s (%lld)", name ? name : "?",
			  (long long)c->syscall_nr);
	} else {
		dline_add(d, "pcb.syscall", "System call", ui_attr(UI_DIM), 0, "%s",
			  c->syscall_nr == -2 ? "- (running on a CPU)" : c->syscall_nr == -1 ?
			  "- (not in a system call)" : "- (not readable: root only)");
	}
	if (c->has_regs)
		dline_add(d, "pcb.regs", "SP / PC", A_NORMAL, 0, "%016llx / %016llx",
			  (unsigned long long)c->sp, (unsigned long long)c->pc);
}

static void add_namespaces(struct dlines *d, const struct pcb_detail *c)
{
	struct strbuf sb = STRBUF_INIT;
	for (int k = 0; k < NS__COUNT; k++)
		if (c->ns[k])
			sb_printf(&sb, "%s%s:%llu", sb.len ? " " : "", ns_kind_name((enum ns_kind)k),
				  (unsigned long long)c->ns[k]);
	if (!sb.len)
		sb_puts(&sb, "- (not readable)");
	dline_add_sb(d, "pcb.ns", "Namespaces", A_NORMAL, 0, &sb);
	sb_free(&sb);
}

static void add_sigset(struct dlines *d, const char *help, const char *label, uint64_t set)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%016llx", (unsigned long long)set);
	const char *sep = "  ";
	for (int n = 1; n <= 64; n++) {
		if (!(set >> (n - 1) & 1))
			continue;
		const char *name = signal_name(n);
		if (name)
			sb_printf(&sb, "%s%s", sep, name);
		else
			sb_printf(&sb, "%s%d", sep, n);
		sep = " ";
	}
	if (!set)
		sb_puts(&sb, "  (none)");
	dline_add_sb(d, help, label, A_NORMAL, 0, &sb);
	sb_free(&sb);
}

static void add_flags(struct dlines *d, uint32_t flags)
{
	static const struct { uint32_t bit; const char *text; } names[] = {
		{ PF_KTHREAD, "kernel thread (no memory map, no descriptors)" },
		{ PF_FDS_DENIED, "descriptors (permission denied)" },
		{ PF_MAPS_DENIED, "memory maps (permission denied)" },
		{ PF_STATUS_DENIED, "status (permission denied)" },
		{ PF_NETNS_DENIED, "network namespace (permission denied)" },
		{ PF_NETNS_UNDUMPED, "sockets of its foreign network namespace" },
	};
	bool any = false;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (flags & names[i].bit) {
			dline_add(d, "pcb.flags", any ? "" : "Not readable", ui_attr(UI_WARN), 0, "%s", names[i].text);
			any = true;
		}
	if (!any)
		dline_add(d, "pcb.flags", "Not readable", A_NORMAL, 0, "nothing: all fields were read");
}

/* A zombie's exit status, as its parent's wait() will get it (a signal number the kernel has
 * no name for is given bare). */
static void add_exit(struct dlines *d, const struct proc_info *p)
{
	if (!p->has_exit)
		return;
	int st = p->exit_status, sig = st & 0x7f;
	const char *name = signal_name(sig);
	if (sig == 0)
		dline_add(d, "pcb.exit", "Exit status", A_NORMAL, 0, "%d  (exited; its parent has not "
			  "called wait() yet)", (st >> 8) & 0xff);
	else
		dline_add(d, "pcb.exit", "Exit status", A_NORMAL, 0, "killed by signal %d%s%s%s%s", sig,
			  name ? " (SIG" : "", name ? name : "", name ? ")" : "",
			  st & 0x80 ? ", core dumped" : "");
}

/* The wait in a sentence, then each other thread's (detail lists them). */
static void add_waits(struct dlines *d, const struct snapshot *s, const struct proc_info *p)
{
	struct strbuf sb = STRBUF_INIT;
	wait_describe(&sb, s, p, p->wait);
	dline_add_sb(d, "pcb.wait", "Waits on", p->wait ? (int)A_NORMAL : (int)ui_attr(UI_DIM),
		     p->wait && p->wait->n_peers ? p->wait->peers[0] : 0, &sb);
	sb_reset(&sb);
	pid_t chain[8];
	size_t n = wait_chain(s, p->pid, chain, 8);
	if (wait_ring_describe(&sb, s, p->pid)) {
		dline_add_sb(d, "pcb.deadlock", "Deadlock", ui_attr(UI_WARN), 0, &sb);
	} else if (n > 2) {   /* more than the peer the sentence names */
		wait_pids_describe(&sb, s, chain, n);
		dline_add_sb(d, "pcb.wait", "Wait chain", A_NORMAL, chain[n - 1], &sb);
	}
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task_wait *t = &p->tasks[i];
		if (t->tid == p->pid)
			continue;
		char label[32];
		snprintf(label, sizeof(label), "Thread %d", (int)t->tid);
		sb_reset(&sb);
		bool waits = wait_state(t->state);
		wait_describe(&sb, s, p, waits ? t : NULL);
		dline_add_sb(d, "pcb.thread", label, waits ? (int)A_NORMAL : (int)ui_attr(UI_DIM),
			     waits && t->n_peers ? t->peers[0] : 0, &sb);
	}
	sb_free(&sb);
}

void pcb_lines(const struct view_ctx *v, const struct proc_info *p, struct dlines *d)
{
	char tty[32];
	tty_name(p->tty_nr, tty, sizeof tty);
	dline_add(d, "pcb.pid", "PID", A_NORMAL, 0, "%d", (int)p->pid);
	const struct proc_info *parent = snapshot_find_proc_on(v->cur, p->ppid, p->host);
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%d", (int)p->ppid);
	if (parent && parent->comm) {
		sb_puts(&sb, "  (");
		esc_append(&sb, parent->comm, strlen(parent->comm));
		sb_puts(&sb, ")");
	}
	dline_add_sb(d, "pcb.ppid", "Parent PID", A_NORMAL, parent ? p->ppid : 0, &sb);
	sb_free(&sb);
	dline_add(d, "pcb.pgid", "Process group", A_NORMAL, 0, "%d", (int)p->pgid);
	dline_add(d, "pcb.sid", "Session", A_NORMAL, 0, "%d", (int)p->sid);
	dline_add(d, "pcb.tgid", "Thread group", A_NORMAL, 0, "%d", (int)p->tgid);
	dline_add(d, "pcb.tty", "TTY", A_NORMAL, 0, "%s", tty);
	add_raw(d, "pcb.comm", "Name", p->comm);
	add_raw(d, "pcb.cmdline", "Command line", p->cmdline && *p->cmdline ? p->cmdline : NULL);
	add_raw(d, "pcb.user", "User", p->user);
	dline_add(d, "pcb.uid", "UIDs r/e/s/fs", A_NORMAL, 0, "%u %u %u %u",
		  (unsigned)p->ruid, (unsigned)p->euid, (unsigned)p->suid, (unsigned)p->fsuid);
	dline_add(d, "pcb.gid", "GIDs r/e/s/fs", A_NORMAL, 0, "%u %u %u %u",
		  (unsigned)p->rgid, (unsigned)p->egid, (unsigned)p->sgid, (unsigned)p->fsgid);
	dline_add(d, "pcb.state", "State", A_NORMAL, 0, "%c  %s", p->state ? p->state : '?', state_meaning(p->state));
	add_exit(d, p);
	if (p->sched && p->sched->wchan)
		add_raw(d, "pcb.wchan", "Wait channel", p->sched->wchan);
	else if (p->state == 'Z')
		dline_add(d, "pcb.wchan", "Wait channel", ui_attr(UI_DIM), 0, "%s",
			  "- (a zombie runs no more: it waits for its parent's wait())");
	else
		dline_add(d, "pcb.wchan", "Wait channel", ui_attr(UI_DIM), 0, "%s",
			  p->flags & PF_DETAIL ? "- (running, or not readable)" : "(reading...)");
	add_waits(d, v->cur, p);
	add_sigset(d, "pcb.sigpnd", "Signals pending", p->sig_pending);
	add_sigset(d, "pcb.sigblk", "Signals blocked", p->sig_blocked);
	add_sigset(d, "pcb.sigign", "Signals ignored", p->sig_ignored);
	add_sigset(d, "pcb.sigcgt", "Signals caught", p->sig_caught);
	dline_add(d, "pcb.netns", "Network namespace", A_NORMAL, 0, "net:[%llu]%s", (unsigned long long)p->netns,
		  p->netns == 0 ? " (unknown)" : p->flags & PF_NETNS_FOREIGN ? " (not ipctop's)" : " (same as ipctop)");
	dline_add(d, "pcb.pidns", "PID namespace", A_NORMAL, 0, "pid:[%llu]", (unsigned long long)p->pidns);
	if (p->pcb) {
		add_syscall(d, p->pcb);
		add_namespaces(d, p->pcb);
		add_raw(d, "pcb.cgroup", "Cgroup", p->pcb->cgroup);
		add_caps(d, p->pcb);
	}
	long hz = v->cur->sys.ticks_per_sec > 0 ? v->cur->sys.ticks_per_sec : 100;
	dline_add(d, "pcb.start", "Started", A_NORMAL, 0, "%.2f s after boot", (double)p->start_time / (double)hz);
	add_flags(d, p->flags);
}

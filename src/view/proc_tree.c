/* proc_tree.c — lay the process list out as a forest, depth first, without recursion. */
#include <stdlib.h>

#include "util/u64map.h"
#include "util/xalloc.h"
#include "view/proc_tree.h"

struct forest {
	size_t n;               /* positions 0..n-1 are order[]; n is a virtual root */
	int32_t *first_child, *last_child, *next_sib, *cursor;
	int32_t *stack;
	bool *visited;
	int *depth;
	bool *last;
	uint64_t *mask;
};

static void add_child(struct forest *f, size_t parent, int32_t child)
{
	if (f->last_child[parent] < 0)
		f->first_child[parent] = child;
	else
		f->next_sib[f->last_child[parent]] = child;
	f->last_child[parent] = child;
}

/* A --merge lists several hosts, whose pids repeat: a parent is looked up by its pid on its
 * child's host. Hosts are told apart by their name's pointer (one string per host). */
struct hosts { const char **v; size_t n, cap; };

static uint64_t host_key(struct hosts *h, const char *host, pid_t pid)
{
	size_t i = 0;
	while (host && i < h->n && h->v[i] != host)
		i++;
	if (host && i == h->n) {
		XGROW(h->v, h->cap, h->n + 1);
		h->v[h->n++] = host;
	}
	return (host ? (uint64_t)(i + 1) << 32 : 0) | (uint32_t)pid;
}

static void link_parents(struct forest *f, const struct proc_info *procs, const uint32_t *order)
{
	struct u64map pos;
	struct hosts h = { 0 };
	u64map_init(&pos, f->n);
	for (size_t k = 0; k < f->n; k++)
		u64map_put(&pos, host_key(&h, procs[order[k]].host, procs[order[k]].pid), (int32_t)k);
	for (size_t k = 0; k < f->n; k++) {
		const struct proc_info *p = &procs[order[k]];
		int32_t parent = p->ppid != p->pid ? u64map_get(&pos, host_key(&h, p->host, p->ppid)) : -1;
		add_child(f, parent < 0 ? f->n : (size_t)parent, (int32_t)k);
	}
	u64map_free(&pos);
	free(h.v);
}

static void emit(struct forest *f, const uint32_t *order, struct tree_row *out, size_t *n_out,
		 int32_t k, int32_t parent, int depth)
{
	uint64_t mask = 0;
	f->visited[k] = true;
	f->depth[k] = depth;
	f->last[k] = f->next_sib[k] < 0;
	if (parent >= 0 && (size_t)parent < f->n) {
		mask = f->mask[parent];
		if (f->depth[parent] >= 1 && f->depth[parent] <= 64 && !f->last[parent])
			mask |= 1ull << (f->depth[parent] - 1);
	}
	f->mask[k] = mask;
	out[(*n_out)++] = (struct tree_row){ order[k], depth, f->last[k], mask };
}

/* Depth-first from start (emitted unless it is the virtual root). */
static void walk(struct forest *f, const uint32_t *order, struct tree_row *out, size_t *n_out,
		 size_t start)
{
	size_t sp = 0;
	int base = start == f->n ? -1 : 0;
	if (start != f->n)
		emit(f, order, out, n_out, (int32_t)start, -1, 0);
	f->cursor[start] = f->first_child[start];
	f->stack[sp++] = (int32_t)start;
	while (sp > 0) {
		int32_t top = f->stack[sp - 1];
		int32_t c = f->cursor[top];
		while (c >= 0 && f->visited[c])
			c = f->next_sib[c];
		if (c < 0) {
			sp--;
			continue;
		}
		f->cursor[top] = f->next_sib[c];
		emit(f, order, out, n_out, c, top, base + (int)sp);
		f->cursor[c] = f->first_child[c];
		f->stack[sp++] = c;
	}
}

void proc_tree_order(const struct proc_info *procs, const uint32_t *order, size_t n,
		     struct tree_row *out)
{
	struct forest f = { .n = n };
	size_t n_out = 0, m = n + 1;
	f.first_child = xmalloc(m * sizeof(int32_t));
	f.last_child = xmalloc(m * sizeof(int32_t));
	f.next_sib = xmalloc(m * sizeof(int32_t));
	f.cursor = xmalloc(m * sizeof(int32_t));
	f.stack = xmalloc(m * sizeof(int32_t));
	f.visited = xcalloc(m, sizeof(bool));
	f.depth = xcalloc(m, sizeof(int));
	f.last = xcalloc(m, sizeof(bool));
	f.mask = xcalloc(m, sizeof(uint64_t));
	for (size_t k = 0; k < m; k++)
		f.first_child[k] = f.last_child[k] = f.next_sib[k] = -1;
	link_parents(&f, procs, order);
	walk(&f, order, out, &n_out, n);
	for (size_t k = 0; k < n; k++)      /* members of a parent loop: break it here */
		if (!f.visited[k])
			walk(&f, order, out, &n_out, k);
	free(f.first_child); free(f.last_child); free(f.next_sib); free(f.cursor);
	free(f.stack); free(f.visited); free(f.depth); free(f.last); free(f.mask);
}

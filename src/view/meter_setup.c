/* meter_setup.c — the header meters' names, their default layout, the settings file's
 * "meters=" value, and the F2 page's operations on the layout. */
#include <string.h>

#include "view/meter_setup.h"

static const struct { const char *name, *title; bool bar; } meter_info[METER__COUNT] = {
	[METER_CPUS] = { "cpus", "CPUs, one bar each", true },
	[METER_CPU_AVG] = { "cpu", "CPU average", true },
	[METER_MEM] = { "mem", "Memory", true },
	[METER_SWAP] = { "swap", "Swap", true },
	[METER_TASKS] = { "tasks", "Tasks", false },
	[METER_LOAD] = { "load", "Load average", false },
	[METER_UPTIME] = { "uptime", "Uptime", false },
	[METER_CHANS] = { "chans", "Channels by kind", false },
};

const char *meter_name(enum meter_id id) { return (unsigned)id < METER__COUNT ? meter_info[id].name : "?"; }
const char *meter_title(enum meter_id id) { return (unsigned)id < METER__COUNT ? meter_info[id].title : "?"; }
bool meter_has_bar(enum meter_id id) { return (unsigned)id < METER__COUNT && meter_info[id].bar; }

void meter_setup_default(struct meter_setup *m)
{
	static const struct meter_slot def[] = {
		{ METER_CPUS, METER_LEFT, METER_BAR }, { METER_MEM, METER_LEFT, METER_BAR },
		{ METER_SWAP, METER_LEFT, METER_BAR }, { METER_TASKS, METER_RIGHT, METER_TEXT },
		{ METER_LOAD, METER_RIGHT, METER_TEXT }, { METER_UPTIME, METER_RIGHT, METER_TEXT },
		{ METER_CHANS, METER_RIGHT, METER_TEXT },
	};
	m->n = (int)(sizeof def / sizeof def[0]);
	memcpy(m->slot, def, sizeof def);
}

static bool word_is(const char *s, size_t n, const char *w) { return n == strlen(w) && !memcmp(s, w, n); }

/* One "NAME:COLUMN:MODE" item. */
static bool parse_item(const char *s, size_t n, struct meter_slot *out)
{
	const char *c1 = memchr(s, ':', n);
	const char *c2 = c1 ? memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - s)) : NULL;
	if (!c2)
		return false;
	size_t nn = (size_t)(c1 - s), cn = (size_t)(c2 - c1 - 1), mn = n - (size_t)(c2 + 1 - s);
	int id = -1;
	for (int i = 0; i < METER__COUNT; i++)
		if (word_is(s, nn, meter_info[i].name))
			id = i;
	if (id < 0)
		return false;
	out->id = (enum meter_id)id;
	if (word_is(c1 + 1, cn, "left") || word_is(c1 + 1, cn, "right"))
		out->column = c1[1] == 'l' ? METER_LEFT : METER_RIGHT;
	else
		return false;
	if (word_is(c2 + 1, mn, "bar") && meter_info[id].bar)
		out->mode = METER_BAR;
	else if (word_is(c2 + 1, mn, "text"))
		out->mode = METER_TEXT;
	else
		return false;
	return true;
}

bool meter_setup_parse(const char *v, size_t n, struct meter_setup *m)
{
	struct meter_setup r = { 0 };
	for (size_t i = 0; n && i <= n;) {
		size_t j = i;
		while (j < n && v[j] != ',')
			j++;
		struct meter_slot sl;
		if (!parse_item(v + i, j - i, &sl) || meter_setup_find(&r, sl.id) >= 0)
			return false;
		r.slot[r.n++] = sl;
		i = j + 1;
	}
	*m = r;
	return true;
}

void meter_setup_format(const struct meter_setup *m, struct strbuf *out)
{
	for (int i = 0; i < m->n; i++)
		sb_printf(out, "%s%s:%s:%s", i ? "," : "", meter_name(m->slot[i].id),
			  m->slot[i].column == METER_LEFT ? "left" : "right",
			  m->slot[i].mode == METER_BAR ? "bar" : "text");
}

int meter_setup_find(const struct meter_setup *m, enum meter_id id)
{
	for (int i = 0; i < m->n; i++)
		if (m->slot[i].id == id)
			return i;
	return -1;
}

void meter_setup_toggle(struct meter_setup *m, enum meter_id id)
{
	int i = meter_setup_find(m, id);
	if (i >= 0) {
		memmove(&m->slot[i], &m->slot[i + 1], (size_t)(m->n - i - 1) * sizeof(m->slot[0]));
		m->n--;
	} else if ((unsigned)id < METER__COUNT && m->n < METER__COUNT) {
		m->slot[m->n++] = (struct meter_slot){ id, METER_LEFT, meter_has_bar(id) ? METER_BAR : METER_TEXT };
	}
}

bool meters_need_cpu_stat(const struct meter_setup *m)
{
	return meter_setup_find(m, METER_CPUS) >= 0 || meter_setup_find(m, METER_CPU_AVG) >= 0;
}

void meter_setup_move(struct meter_setup *m, int i, int dir)
{
	if (i < 0 || i >= m->n)
		return;
	for (int j = i + dir; j >= 0 && j < m->n; j += dir)
		if (m->slot[j].column == m->slot[i].column) {
			struct meter_slot t = m->slot[i];
			m->slot[i] = m->slot[j];
			m->slot[j] = t;
			return;
		}
}

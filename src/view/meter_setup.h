/* meter_setup.h — which header meters are shown, in which column and order, as bars or text:
 * the names the settings file and F2 use, and the operations of the F2 meters page. */
#ifndef IPCTOP_METER_SETUP_H
#define IPCTOP_METER_SETUP_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

enum meter_id {
	METER_CPUS,      /* one bar per CPU (an average bar when they do not fit) */
	METER_CPU_AVG,   /* one bar for the whole machine */
	METER_MEM, METER_SWAP, METER_TASKS, METER_LOAD, METER_UPTIME, METER_CHANS,
	METER__COUNT
};
enum meter_mode { METER_BAR, METER_TEXT };
enum meter_column { METER_LEFT, METER_RIGHT };

struct meter_slot {
	enum meter_id id;
	enum meter_column column;
	enum meter_mode mode;
};
/* The meters shown, in the order drawn within each column; each at most once. */
struct meter_setup {
	int n;
	struct meter_slot slot[METER__COUNT];
};

const char *meter_name(enum meter_id id);     /* "cpus", "mem", ... (the settings file) */
const char *meter_title(enum meter_id id);    /* "CPUs, one bar each", ... (F2) */
bool meter_has_bar(enum meter_id id);         /* false: text only (tasks, load, ...) */

/* htop's layout: CPUs, memory and swap on the left; tasks, load, uptime, channels right. */
void meter_setup_default(struct meter_setup *m);
/* "NAME:left|right:bar|text,..." (empty: no meters); false, m unchanged, on anything else. */
bool meter_setup_parse(const char *v, size_t n, struct meter_setup *m);
void meter_setup_format(const struct meter_setup *m, struct strbuf *out);

/* The slot of id, or -1 when it is not shown. */
int meter_setup_find(const struct meter_setup *m, enum meter_id id);
/* Show id (at the end of the left column, as a bar when it has one) or hide it. */
void meter_setup_toggle(struct meter_setup *m, enum meter_id id);
/* Whether a meter shown needs /proc/stat (the CPU meters). */
bool meters_need_cpu_stat(const struct meter_setup *m);
/* Move slot i one place earlier (dir -1) or later (+1) among the meters of its column. */
void meter_setup_move(struct meter_setup *m, int i, int dir);

#endif

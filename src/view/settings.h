/* settings.h — the ipctoprc file: data only (key=value lines), parsed strictly, never run. */
#ifndef IPCTOP_SETTINGS_H
#define IPCTOP_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/strbuf.h"
#include "view/meter_setup.h"
#include "view/proc_cols.h"
#include "view/ui_theme.h"

struct settings {
	enum col_id sort_col;
	bool sort_desc;
	bool tree;
	bool program_path;           /* the command column shows argv[0]'s directory (p) */
	bool threads;                /* a row for each thread under its process (H) */
	bool kthreads;               /* kernel threads listed (K); hidden by default, as htop */
	bool service_names;          /* ports named from /etc/services (N); numbers only by default */
	int delay_tenths;            /* 1..600 */
	enum ui_theme theme;         /* the colours (--theme) */
	bool visible[COL__COUNT];    /* PID and Command are always shown */
	struct meter_setup meters;   /* the header meters */
	enum col_id order[COL__COUNT];  /* every column once, in the order drawn; Command last */
};

#define SETTINGS_MAX_BYTES 65536
#define SETTINGS_DELAY_MIN 1
#define SETTINGS_DELAY_MAX 600

void settings_default(struct settings *s);
/* Move the column at position pos of the order one place (dir -1 left, +1 right); Command
 * stays last. False when it cannot move. */
bool settings_move_col(struct settings *s, int pos, int dir);
/* Apply the lines of text to s. Blank lines and lines starting with '#' are skipped; a line
 * that is not KEY=VALUE, an unknown key or a bad value is ignored with a warning appended to
 * warn (may be NULL). Returns the number of ignored lines. */
int settings_parse(const char *text, size_t len, struct settings *s, struct strbuf *warn);
/* The file text for s (what settings_parse reads back to the same settings). */
void settings_format(const struct settings *s, struct strbuf *out);

/* $XDG_CONFIG_HOME/ipctop/ipctoprc, else $HOME/.config/ipctop/ipctoprc; NULL if neither is
 * set. Caller frees. */
char *settings_path(void);
/* Read path into s. A missing file is fine (returns 0). When euid is 0 a file not owned by
 * root is ignored with a warning; so is anything that is not a regular file or too big.
 * Returns the number of problems reported in warn. */
int settings_load(const char *path, uid_t euid, struct settings *s, struct strbuf *warn);
/* Write s to path (creating its directory), through a temporary file and rename. 0 or -errno. */
int settings_save(const char *path, const struct settings *s);

#endif

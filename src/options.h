/* options.h — what the command line asked for; filled by ipctop.c, read by the TUI and exports. */
#ifndef IPCTOP_OPTIONS_H
#define IPCTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

enum run_mode { MODE_TUI = 0, MODE_JSON, MODE_DOT, MODE_OPENMETRICS, MODE_SERVE, MODE_RECORD };

struct ipctop_opts {
	enum run_mode mode;
	pid_t *pids;          /* -p PID[,PID...]: detail for these (JSON), show only these (TUI) */
	size_t n_pids;
	const char *user;     /* -u USER: only this user's processes */
	bool has_uid;         /* -u given: uid is its effective uid (JSON, DOT) */
	uid_t uid;
	uint32_t kind_mask;   /* --kind KIND[,KIND]: bit k keeps channel kind k; 0 every kind
	                       * (JSON, DOT; the graph screen starts with only these shown) */
	int delay_tenths;     /* -d DELAY: refresh delay in tenths of a second (default 15);
	                       * --serve: the least age of a snapshot taken anew */
	bool ascii;           /* --ascii: no UTF-8 box drawing */
	bool services;        /* --services: the screens name ports from /etc/services (N) */
	bool no_color;        /* --no-color, or NO_COLOR set in the environment */
	int theme;            /* --theme NAME: 1 + its enum ui_theme; 0 not given (ipctoprc's) */
	bool demo;            /* --demo: start example processes and focus on them */
	const char *lesson;   /* --lesson NAME: run that lesson ("list": print them) */
	bool readonly;        /* --readonly: no kill/renice actions */
	bool pretty;          /* --pretty: indented JSON */
	bool metrics_pids;    /* --metrics-pids: per-process metrics with pid labels (OpenMetrics) */
	bool prom_text;       /* --prometheus: --openmetrics in Prometheus's text format 0.0.4 */
	struct sockaddr_storage serve_addr;   /* --serve ADDR:PORT (serve_addr.h) */
	long interval_ms;     /* --interval MS: two snapshots MS apart, with rates (JSON, DOT); 0 none */
	bool merge;           /* --merge FILE...: hosts' --json snapshots instead of this machine */
	char **merge_files;   /* the FILE arguments ("-": standard input) */
	size_t n_merge;
	const char *record_file;   /* --record FILE: append a sample every -d (default 100) */
	const char *replay_file;   /* --replay FILE: the recording to read */
	const char *at;            /* --at TIME: the moment of the replay to write */
	bool dot_groups;           /* --groups: --dot draws families as one node, as the graph screen */
	int dot_group_by;          /* --groups=family|service|user: what a group is (enum gm_group_by) */
	pid_t dot_focus;           /* --focus PID: --dot draws PID and its neighbours only; 0 none */
	int dot_hops;              /* --hops N: how far around the focus (default 1) */
	double record_keep_s;      /* --record-keep DURATION: older samples dropped; 0 none */
	int64_t record_max_bytes;  /* --record-max-size SIZE: the file kept under it; 0 none */
};

#endif

/* lesson.h — `ipctop --lesson NAME`: a lesson is a table of steps (banner text, an action on
 * the lesson's processes, the screen to show) run over processes of ipctop-lesson-helper,
 * never forks of ipctop. The runner starts them in a process group of their own, tied to
 * ipctop by a parent-death signal, and ends and reaps them all (stopped ones too) at the end. */
#ifndef IPCTOP_LESSON_H
#define IPCTOP_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "view/tui.h"

#define LESSON_MAX_PROCS 24
#define LESSON_MAX_STEPS 8

/* What a role's process is given on fd 3, or as its argument. */
enum lesson_obj {
	OBJ_NONE, OBJ_PIPE_W, OBJ_PIPE_R, OBJ_TCP_LISTEN, OBJ_UDP_RX, OBJ_UNIX_LISTEN,
	OBJ_LAUNCHER,   /* demo-parent's end of the control socket: later roles start under it */
};
enum lesson_arg {
	ARG_NONE, ARG_TCP_PORT, ARG_UDP_PORT, ARG_MSQID, ARG_SHMID, ARG_MQ_NAME, ARG_SHM_NAME,
	ARG_UNIX_PATH,   /* the path OBJ_UNIX_LISTEN's socket is bound to */
};

struct lesson_spawn {
	const char *role;
	enum lesson_obj obj;
	enum lesson_arg arg;
};

/* What a step does to the lesson's processes the first time it is reached going forward. */
enum lesson_act {
	LA_NONE, LA_SPAWN, LA_STOP, LA_CONT, LA_USR1, LA_USR2, LA_FORK,
	LA_ASK2,   /* SIGUSR2, then wait for the process's record line (it did what was asked) */
	LA_NICE,   /* nice it to LESSON_NICE */
	LA_RT,     /* the real-time policy SCHED_RR, priority 1, where permitted */
};
#define LESSON_NICE 10

struct lesson_action {
	enum lesson_act act;
	struct lesson_spawn who;   /* LA_SPAWN: the role to start; else .role names the process */
	const char *child;         /* LA_FORK: the role the child records itself as */
};

/* A fact the runner reads from the kernel when the step is shown and adds to its banner. */
enum lesson_fact {
	LF_NONE,
	LF_FRAMES_AB,     /* the frames behind the private page of iso-a and of iso-b */
	LF_FRAMES_FORK,   /* ... of iso-a and of its child iso-child */
	LF_FRAMES_SHM,    /* the frames behind the shared segment's page in iso-a and iso-b */
};

struct lesson_step {
	const char *banner;            /* one or two sentences */
	struct lesson_action act[2];
	const char *screen;            /* "list", "chans", "detail", "graph" */
	const char *tab;               /* detail: "PCB", "Scheduling", "Memory", "IPC" */
	const char *focus;             /* role of the process to select ("role#2": the second) */
	bool tree, exe;                /* list: tree view; the EXE column */
	enum lesson_fact fact;
};

struct lesson {
	const char *name, *summary;
	struct lesson_spawn start[4];
	struct lesson_step steps[LESSON_MAX_STEPS];
};

struct lesson_proc {
	pid_t pid;
	char role[16];
	bool reaped;
};

/* The file name of OBJ_UNIX_LISTEN's socket, in the run's own directory (sock_dir). */
#define LESSON_SOCK_FILE "unix.sock"

struct lesson_run {
	const struct lesson *l;          /* NULL for the demo, which runs no steps */
	const char *tag;                 /* in the objects' names: "lesson" or "demo" */
	size_t n_steps, step, reached;   /* reached: steps whose actions have run */
	struct lesson_proc procs[LESSON_MAX_PROCS];
	size_t n_procs;
	pid_t pgid;                      /* 0 until the first process starts */
	int report_rd, report_wr;        /* the helpers' record lines come back here */
	int pipe_rd;                     /* OBJ_PIPE_R's end, held until the reader has it */
	int launch_fd;                   /* OBJ_LAUNCHER's other end, -1: none */
	pid_t launcher;                  /* the process that starts the next roles (0: ipctop) */
	int tcp_port, udp_port;
	int msqid;                       /* the System V queue ARG_MSQID made, -1: none */
	int shmid;                       /* the System V segment ARG_SHMID made, -1: none */
	char mq_name[48];                /* the POSIX queue ARG_MQ_NAME made ("": none) */
	char shm_name[48];               /* the POSIX shared memory ARG_SHM_NAME made ("": none) */
	char sock_dir[48];               /* the directory of OBJ_UNIX_LISTEN's socket ("": none) */
	pid_t janitor;                   /* removes them if ipctop is killed (0: none) */
	int janitor_wr;                  /* the pipe whose EOF tells it ipctop is gone */
	char helper[4096];
	char rbuf[1024];
	size_t rlen;
	char note[160];                  /* what went wrong in the last step's action, or that
	                                  * going back (p) undid nothing */
	char banner[640];                /* the step's banner with its fact */
};

/* lesson_table.c */
const struct lesson *lesson_find(const char *name);
void lesson_list(FILE *f);
/* lesson_path.c: the helper next to our own binary (the build tree), else the installed one;
 * false with a message in buf when neither is there. */
bool lesson_helper_path(char *buf, size_t n);
/* For --demo and --lesson (what names the option): stdout is a terminal and the helper's path
 * is in buf; else false after a message on stderr. */
bool lesson_interactive_start(const char *what, char *buf, size_t n);
/* lesson_procs.c: lesson_init readies r to start processes of helper, its objects named
 * after tag (0, or -1 with errno); lesson_spawn starts one (0, or -1 with a note) */
int lesson_init(struct lesson_run *r, const char *helper, const char *tag);
int lesson_spawn(struct lesson_run *r, const struct lesson_spawn *s);
void lesson_signal(struct lesson_run *r, const char *role, int sig);
int lesson_fork(struct lesson_run *r, const char *role, const char *child);
int lesson_ask(struct lesson_run *r, const char *role, int sig);
/* lesson_facts.c: the fact, one sentence, into buf ("" for LF_NONE) */
void lesson_fact(const struct lesson_run *r, enum lesson_fact f, char *buf, size_t n);
/* lesson_sched.c: nice / real-time policy for the process of role; a note when refused */
void lesson_nice(struct lesson_run *r, const char *role);
void lesson_rt(struct lesson_run *r, const char *role);
/* lesson_posix.c: the lesson's POSIX queue / shared memory object, made once (0, or -1 with
 * a note); lesson_posix_remove unlinks both (async-signal-safe: the janitor calls it). */
int lesson_posix_make(struct lesson_run *r, enum lesson_arg a);
void lesson_posix_remove(const char *mq_name, const char *shm_name);
/* lesson_unix.c: OBJ_UNIX_LISTEN's socket, listening in a new directory (its fd, or -1);
 * lesson_unix_remove removes the socket and the directory (the janitors call it too). */
int lesson_unix_listen(struct lesson_run *r);
void lesson_unix_remove(const char *sock_dir);
/* lesson_launch.c: lesson_launcher_pair makes OBJ_LAUNCHER's socket pair (the end for the
 * launcher, or -1); lesson_launch has r->launcher start role (arg: NULL for none) with obj
 * as its fd 3 (-1: none); the new pid, or -1. */
int lesson_launcher_pair(struct lesson_run *r);
pid_t lesson_launch(struct lesson_run *r, const char *role, const char *arg, int obj);
/* lesson_janitor.c: after the start, when the lesson has System V or POSIX objects */
void lesson_janitor_start(struct lesson_run *r);
void lesson_janitor_end(struct lesson_run *r);
/* lesson_run.c */
int lesson_start(struct lesson_run *r, const struct lesson *l, const char *helper);
void lesson_stop(struct lesson_run *r);
/* Close ipctop's ends of the run: the report pipe, a pipe end not yet handed over, the
 * launcher's control socket (which ends its starting of processes). */
void lesson_close_fds(struct lesson_run *r);
int lesson_reap(struct lesson_run *r, char *msg, size_t n);
/* Move by dir (-1, 0, +1) and describe the step now shown; false when there is none. */
bool lesson_step(struct lesson_run *r, int dir, struct tui_step *out);
/* The pid of the process of role ("role#N": the Nth), 0 if none (or it has ended). */
pid_t lesson_pid(const struct lesson_run *r, const char *role);

#endif

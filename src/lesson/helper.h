/* helper.h — ipctop-lesson-helper, the small program the lessons run (not ipctop: few
 * mappings, no libraries but libc). argv[1] picks the role; each role names itself in its
 * command line and comm, records "PID ROLE [facts]" lines (to fd 4 when open, for ipctop, and
 * to the file $IPCTOP_LESSON_RECORD when set, for tests), and runs until killed. */
#ifndef IPCTOP_LESSON_HELPER_H
#define IPCTOP_LESSON_HELPER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* The fd ipctop hands over for a role's object (a pipe end, a socket). */
#define HELPER_OBJ_FD 3
/* ipctop's report pipe: each process writes its record line there too. */
#define HELPER_REPORT_FD 4

/* Record "PID ROLE FACTS" (facts may be ""); one write each, so lines never mix. */
void helper_record(const char *role, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Nothing more to tell ipctop: close the report pipe (fork-parent keeps it for children). */
void helper_report_done(void);
/* Name this process (comm) after its role. */
void helper_name(const char *role);
/* Die with the parent (SIGKILL), exit now if it has already gone. */
void helper_tie_to_parent(pid_t parent);
/* Sleep about ms milliseconds (signals may cut it short). */
void helper_nap(long ms);

/* isolation: the fixed virtual addresses of the private page and the shared segment that iso-a
 * and iso-b both use: 1 GiB, below where x86-64 PIE programs, libc and the stack go, and
 * below AddressSanitizer's shadow memory (from 0x7fff8000), which a fixed map may not touch */
#define ISO_PAGE_ADDR 0x40000000ULL
#define ISO_SHM_ADDR 0x40400000ULL
/* address-space: what grower's heap grows by (SIGUSR1), how deep its stack goes (SIGUSR2) */
#define GROWER_HEAP_STEP (64L << 20)
#define GROWER_STACK_DEPTH (2UL << 20)

/* What ipctop sends demo-parent (on its fd 3, a SOCK_SEQPACKET socket) for each process to
 * start: the role and its argument ("": none); the role's object comes with it as SCM_RIGHTS.
 * demo-parent answers with the new pid as an int (0: it could not fork). */
struct helper_launch {
	char role[32];
	char arg[128];
};

/* Every 100 ms: the writer adds 1 to *counter, the reader reads it; 1 when counter is NULL. */
int helper_counter_loop(volatile uint64_t *counter, bool writer);

/* POSIX message queue of the lessons: its size of message and most messages it holds */
#define LESSON_MQ_MSGSIZE 256
#define LESSON_MQ_MAXMSG 10

/* The roles (helper_roles.c, helper_socks.c, helper_msg.c, helper_shm.c, helper_iso.c,
 * helper_sched.c, helper_posix.c, helper_demo.c); each returns only on error (exit status). */
int role_pipe_writer(void);
int role_pipe_reader(void);
int role_program(void);
int role_after_exec(void);
int role_fork_parent(void);
int role_tcp_server(void);
int role_tcp_client(const char *port);
int role_unix_server(void);
int role_unix_client(const char *path);
int role_udp_sender(const char *port);
int role_udp_client(const char *port);
int role_udp_receiver(void);
int role_msg_sender(const char *msqid);
int role_msg_receiver(const char *msqid);
int role_shm_writer(const char *shmid);
int role_shm_reader(const char *shmid);
int role_iso(const char *role, const char *shmid);
int role_grower(void);
int role_cpu_bound(void);
int role_io_bound(void);
int role_pmq_sender(const char *name);
int role_pmq_receiver(const char *name);
int role_pshm_writer(const char *name);
int role_pshm_reader(const char *name);
int role_demo_parent(void);
int role_forker(void);
int role_exec_loop(const char *nth);

#endif

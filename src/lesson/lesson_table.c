/* lesson_table.c — the lessons, as data: the processes each starts, and its steps (what the
 * banner says, what is done to the processes, which screen shows it). */
#include <string.h>

#include "lesson/lesson.h"

#define SPAWN(r, o, a) { LA_SPAWN, { r, o, a } }
#define DO(act, role) { act, { role, OBJ_NONE, ARG_NONE } }

static const struct lesson lessons[] = {
	{ "pipe", "a writer and a reader joined by a pipe; pause the reader and the pipe fills",
	  { { "pipe-writer", OBJ_PIPE_W, ARG_NONE }, { "pipe-reader", OBJ_PIPE_R, ARG_NONE } },
	  { { "A pipe is a one-way channel kept by the kernel: pipe-writer puts bytes in at one "
	      "end, pipe-reader takes them out at the other. The channel table shows the pipe "
	      "and its two ends.", { DO(LA_NONE, NULL) }, "chans", NULL, "pipe-writer", false, false },
	    { "The pipe is a queue of fixed size inside the kernel. The reader takes the bytes as "
	      "they come, so the IPC tab of the writer shows the pipe nearly empty.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "pipe-writer", false, false },
	    { "The reader is now paused (SIGSTOP). The writer goes on until the pipe is full; "
	      "then the kernel blocks it in write() until there is room again.",
	      { DO(LA_STOP, "pipe-reader") }, "detail", "IPC", "pipe-writer", false, false },
	    { "The writer's PCB: its state is S, asleep in the kernel until the pipe has room "
	      "(its wait says why). The stopped reader's state is T.",
	      { DO(LA_NONE, NULL) }, "detail", "PCB", "pipe-writer", false, false },
	    { "The reader runs again (SIGCONT): it empties the pipe, and the kernel wakes the "
	      "writer up.", { DO(LA_CONT, "pipe-reader") }, "detail", "IPC", "pipe-writer", false, false } } },
	{ "program", "one program started three times; then an exec in place",
	  { { "program", OBJ_NONE, ARG_NONE }, { "program", OBJ_NONE, ARG_NONE },
	    { "program", OBJ_NONE, ARG_NONE } },
	  { { "A program is a file; a process is a program in execution. One program was "
	      "started three times: three processes, each with its own PID, memory and state.",
	      { DO(LA_NONE, NULL) }, "list", NULL, "program", false, false },
	    { "The EXE column names the file each process runs: the same executable for all "
	      "three. One program, three processes.",
	      { DO(LA_NONE, NULL) }, "list", NULL, "program", false, true },
	    { "The first process called exec(): the kernel replaced its program in place. Same "
	      "PID, a new command line (after-exec) and a new address space.",
	      { DO(LA_USR1, "program") }, "list", NULL, "after-exec", false, false } } },
	{ "fork", "a parent forks a child on a key; the tree grows",
	  { { "fork-parent", OBJ_NONE, ARG_NONE } },
	  { { "A process makes a new process with fork(). Press n and fork-parent forks a child.",
	      { DO(LA_NONE, NULL) }, "list", NULL, "fork-parent", true, false },
	    { "fork() made a child: a copy of its parent (same program, same command line) with a "
	      "new PID. The tree shows it under its parent.",
	      { DO(LA_FORK, "fork-parent") }, "list", NULL, "fork-child", true, false },
	    { "A second fork: a second child of the same parent. Each child has its own PID and "
	      "its own copy of the parent's memory.",
	      { DO(LA_FORK, "fork-parent") }, "list", NULL, "fork-child#2", true, false },
	    { "The child's PCB: its parent's PID (PPID) is fork-parent's.",
	      { DO(LA_NONE, NULL) }, "detail", "PCB", "fork-child", false, false } } },
	{ "message-queue", "a System V message queue fills when its receiver is paused",
	  { { "msg-sender", OBJ_NONE, ARG_MSQID }, { "msg-receiver", OBJ_NONE, ARG_MSQID } },
	  { { "A message queue keeps whole messages in the kernel: msg-sender puts them in with "
	      "msgsnd(), msg-receiver takes them out with msgrcv(), one message at a time.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "msg-sender", false, false },
	    { "The receiver is paused (SIGSTOP): the messages pile up until the queue holds its "
	      "limit in bytes; then msgsnd() blocks the sender.",
	      { DO(LA_STOP, "msg-receiver") }, "detail", "IPC", "msg-sender", false, false },
	    { "The sender's PCB: state S, asleep in msgsnd() until the queue has room.",
	      { DO(LA_NONE, NULL) }, "detail", "PCB", "msg-sender", false, false },
	    { "The receiver runs again (SIGCONT): it takes the messages out, and the kernel wakes "
	      "the sender up.", { DO(LA_CONT, "msg-receiver") }, "detail", "IPC", "msg-sender",
	      false, false } } },
	{ "shared-memory", "two processes attach one System V shared memory segment",
	  { { "shm-writer", OBJ_NONE, ARG_SHMID }, { "shm-reader", OBJ_NONE, ARG_SHMID } },
	  { { "Shared memory: the kernel maps one segment into both address spaces. What "
	      "shm-writer stores there, shm-reader sees at once: no copy, no system call.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "shm-writer", false, false },
	    { "The reader's side: the same segment (same id), attached by both. One object in "
	      "the kernel, mapped into two address spaces, each at an address of its own.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "shm-reader", false, false },
	    { "The reader is paused (SIGSTOP); the writer goes on. Shared memory is no queue: "
	      "nothing fills and nothing blocks, the segment holds the latest value only.",
	      { DO(LA_STOP, "shm-reader") }, "detail", "PCB", "shm-writer", false, false } } },
	{ "pcb", "a process's PCB while it sleeps, runs, is stopped and becomes a zombie",
	  { { "fork-parent", OBJ_NONE, ARG_NONE } },
	  { { "The kernel keeps a PCB for each process: its PID, parent, state, what it waits "
	      "for, its signals. fork-child sleeps now (state S), waiting for a signal.",
	      { DO(LA_FORK, "fork-parent") }, "detail", "PCB", "fork-child", false, false },
	    { "fork-child now computes without pause: state R, running or ready to run on a CPU. "
	      "The Scheduling tab counts its CPU time.",
	      { DO(LA_USR1, "fork-child") }, "detail", "PCB", "fork-child", false, false },
	    { "SIGSTOP stopped it: state T. The kernel keeps its PCB and memory but gives it no "
	      "CPU until SIGCONT.", { DO(LA_STOP, "fork-child") }, "detail", "PCB", "fork-child",
	      false, false },
	    { "SIGCONT: it runs again (state R), from where it stopped.",
	      { DO(LA_CONT, "fork-child") }, "detail", "PCB", "fork-child", false, false },
	    { "It called exit(3). Until its parent calls wait(), it stays a zombie (state Z): no "
	      "memory, only the PCB with its exit status.",
	      { DO(LA_USR2, "fork-child") }, "detail", "PCB", "fork-child", false, false } } },
	{ "sockets", "a TCP server accepts clients one by one; a UDP pair sends datagrams",
	  { { "tcp-server", OBJ_TCP_LISTEN, ARG_NONE } },
	  { { "A TCP server made a socket, bound it to a port (bind) and listens (listen): its "
	      "socket is in state LISTEN, waiting for clients. Press n to connect one.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "tcp-server", false, false },
	    { "A client connected (connect) and the server accepted it (accept): a new socket on "
	      "each side, ESTABLISHED; the listener stays, waiting for more.",
	      { SPAWN("tcp-client", OBJ_NONE, ARG_TCP_PORT) }, "detail", "IPC", "tcp-server", false, false },
	    { "A second client: the server holds one accepted socket per client, all on its one "
	      "port.", { SPAWN("tcp-client", OBJ_NONE, ARG_TCP_PORT) }, "detail", "IPC", "tcp-server",
	      false, false },
	    { "UDP sends datagrams, each addressed on its own (sendto): no connection, no state. "
	      "TCP is a byte stream over a connection made by connect and accept.",
	      { SPAWN("udp-receiver", OBJ_UDP_RX, ARG_NONE), SPAWN("udp-sender", OBJ_NONE, ARG_UDP_PORT) },
	      "detail", "IPC", "udp-sender", false, false } } },
};

const struct lesson *lesson_find(const char *name)
{
	for (size_t i = 0; i < sizeof(lessons) / sizeof(lessons[0]); i++)
		if (strcmp(lessons[i].name, name) == 0)
			return &lessons[i];
	return NULL;
}

void lesson_list(FILE *f)
{
	for (size_t i = 0; i < sizeof(lessons) / sizeof(lessons[0]); i++)
		fprintf(f, "%-10s %s\n", lessons[i].name, lessons[i].summary);
}

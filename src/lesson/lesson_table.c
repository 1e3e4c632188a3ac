/* lesson_table.c — the lessons, as data: the processes each starts, and its steps (what the
 * banner says, what is done to the processes, which screen shows it). */
#include <string.h>

#include "lesson/lesson.h"

#define SPAWN(r, o, a) { LA_SPAWN, { r, o, a }, NULL }
#define DO(act, role) { act, { role, OBJ_NONE, ARG_NONE }, NULL }
#define FORK(parent, child) { LA_FORK, { parent, OBJ_NONE, ARG_NONE }, child }

static const struct lesson lessons[] = {
	{ "pipe", "writer and reader on a pipe; pause the reader: the pipe fills",
	  { { "pipe-writer", OBJ_PIPE_W, ARG_NONE }, { "pipe-reader", OBJ_PIPE_R, ARG_NONE } },
	  { { "A pipe is a one-way channel kept by the kernel: pipe-writer puts bytes in at one "
	      "end, pipe-reader takes them out at the other. The channel table shows the pipe "
	      "and its two ends.", { DO(LA_NONE, NULL) },
	      "chans", NULL, "pipe-writer", false, false, LF_NONE },
	    { "The pipe is a queue of fixed size inside the kernel. The reader takes the bytes as "
	      "they come, so the IPC tab of the writer shows the pipe nearly empty.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "pipe-writer", false, false, LF_NONE },
	    { "The reader is now paused (SIGSTOP). The writer goes on until the pipe is full; "
	      "then the kernel blocks it in write() until there is room again.",
	      { DO(LA_STOP, "pipe-reader") }, "detail", "IPC", "pipe-writer", false, false, LF_NONE },
	    { "The writer's PCB: its state is S, asleep in the kernel until the pipe has room "
	      "(its wait says why). The stopped reader's state is T.",
	      { DO(LA_NONE, NULL) }, "detail", "PCB", "pipe-writer", false, false, LF_NONE },
	    { "The reader runs again (SIGCONT): it empties the pipe, and the kernel wakes the "
	      "writer up.", { DO(LA_CONT, "pipe-reader") },
	      "detail", "IPC", "pipe-writer", false, false, LF_NONE } } },
	{ "program", "one program started three times; then an exec in place",
	  { { "program", OBJ_NONE, ARG_NONE }, { "program", OBJ_NONE, ARG_NONE },
	    { "program", OBJ_NONE, ARG_NONE } },
	  { { "A program is a file; a process is a program in execution. One program was "
	      "started three times: three processes, each with its own PID, memory and state.",
	      { DO(LA_NONE, NULL) }, "list", NULL, "program", false, false, LF_NONE },
	    { "The EXE column names the file each process runs: the same executable for all "
	      "three. One program, three processes.",
	      { DO(LA_NONE, NULL) }, "list", NULL, "program", false, true, LF_NONE },
	    { "The first process called exec(): the kernel replaced its program in place. Same "
	      "PID, a new command line (after-exec) and a new address space.",
	      { DO(LA_USR1, "program") }, "list", NULL, "after-exec", false, false, LF_NONE } } },
	{ "fork", "a parent forks a child on a key; the tree grows",
	  { { "fork-parent", OBJ_NONE, ARG_NONE } },
	  { { "A process makes a new process with fork(). Press n and fork-parent forks a child.",
	      { DO(LA_NONE, NULL) }, "list", NULL, "fork-parent", true, false, LF_NONE },
	    { "fork() made a child: a copy of its parent (same program, same command line) with a "
	      "new PID. The tree shows it under its parent.",
	      { DO(LA_FORK, "fork-parent") }, "list", NULL, "fork-child", true, false, LF_NONE },
	    { "A second fork: a second child of the same parent. Each child has its own PID and "
	      "its own copy of the parent's memory.",
	      { DO(LA_FORK, "fork-parent") }, "list", NULL, "fork-child#2", true, false, LF_NONE },
	    { "The child's PCB: its parent's PID (PPID) is fork-parent's.",
	      { DO(LA_NONE, NULL) }, "detail", "PCB", "fork-child", false, false, LF_NONE } } },
	{ "message-queue", "System V and POSIX queues fill while the receiver is paused",
	  { { "msg-sender", OBJ_NONE, ARG_MSQID }, { "msg-receiver", OBJ_NONE, ARG_MSQID } },
	  { { "A message queue keeps whole messages in the kernel: msg-sender puts them in with "
	      "msgsnd(), msg-receiver takes them out with msgrcv(), one message at a time.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "msg-sender", false, false, LF_NONE },
	    { "The receiver is paused (SIGSTOP): the messages pile up until the queue holds its "
	      "limit in bytes; then msgsnd() blocks the sender.",
	      { DO(LA_STOP, "msg-receiver") }, "detail", "IPC", "msg-sender", false, false, LF_NONE },
	    { "The sender's PCB: state S, asleep in msgsnd() until the queue has room.",
	      { DO(LA_NONE, NULL) }, "detail", "PCB", "msg-sender", false, false, LF_NONE },
	    { "The receiver runs again (SIGCONT): it takes the messages out, and the kernel wakes "
	      "the sender up.", { DO(LA_CONT, "msg-receiver") }, "detail", "IPC", "msg-sender",
	      false, false, LF_NONE },
	    { "POSIX queues have names: pmq-sender and pmq-receiver both open one queue with "
	      "mq_open(\"/ipctop-lesson-PID-queue\") and use mq_send() and mq_receive().",
	      { SPAWN("pmq-sender", OBJ_NONE, ARG_MQ_NAME), SPAWN("pmq-receiver", OBJ_NONE, ARG_MQ_NAME) },
	      "detail", "IPC", "pmq-sender", false, false, LF_NONE },
	    { "pmq-receiver is paused: the queue takes at most 10 messages, then mq_send() blocks "
	      "pmq-sender (state S, its wait channel in the queue).", { DO(LA_STOP, "pmq-receiver") },
	      "detail", "PCB", "pmq-sender", false, false, LF_NONE } } },
	{ "shared-memory", "two processes share one System V, then one POSIX memory object",
	  { { "shm-writer", OBJ_NONE, ARG_SHMID }, { "shm-reader", OBJ_NONE, ARG_SHMID } },
	  { { "Shared memory: the kernel maps one segment into both address spaces. What "
	      "shm-writer stores there, shm-reader sees at once: no copy, no system call.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "shm-writer", false, false, LF_NONE },
	    { "The reader's side: the same segment (same id), attached by both. One object in "
	      "the kernel, mapped into two address spaces, each at an address of its own.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "shm-reader", false, false, LF_NONE },
	    { "The reader is paused (SIGSTOP); the writer goes on. Shared memory is no queue: "
	      "nothing fills and nothing blocks, the segment holds the latest value only.",
	      { DO(LA_STOP, "shm-reader") }, "detail", "PCB", "shm-writer", false, false, LF_NONE },
	    { "POSIX shared memory has a name: shm_open() made /dev/shm/ipctop-lesson-PID-shm, "
	      "and pshm-writer and pshm-reader each map it into their memory with mmap().",
	      { SPAWN("pshm-writer", OBJ_NONE, ARG_SHM_NAME),
		SPAWN("pshm-reader", OBJ_NONE, ARG_SHM_NAME) },
	      "detail", "IPC", "pshm-writer", false, false, LF_NONE },
	    { "pshm-reader's Memory tab: the object is a shared band (shm) of its address space, "
	      "at an address of its own.", { DO(LA_NONE, NULL) }, "detail", "Memory",
	      "pshm-reader", false, false, LF_NONE } } },
	{ "pcb", "a PCB while its process sleeps, runs, stops, becomes a zombie",
	  { { "fork-parent", OBJ_NONE, ARG_NONE } },
	  { { "The kernel keeps a PCB for each process: its PID, parent, state, what it waits "
	      "for, its signals. fork-child sleeps now (state S), waiting for a signal.",
	      { DO(LA_FORK, "fork-parent") }, "detail", "PCB", "fork-child", false, false, LF_NONE },
	    { "fork-child now computes without pause: state R, running or ready to run on a CPU. "
	      "The Scheduling tab counts its CPU time.",
	      { DO(LA_USR1, "fork-child") }, "detail", "PCB", "fork-child", false, false, LF_NONE },
	    { "SIGSTOP stopped it: state T. The kernel keeps its PCB and memory but gives it no "
	      "CPU until SIGCONT.", { DO(LA_STOP, "fork-child") }, "detail", "PCB", "fork-child",
	      false, false, LF_NONE },
	    { "SIGCONT: it runs again (state R), from where it stopped.",
	      { DO(LA_CONT, "fork-child") }, "detail", "PCB", "fork-child", false, false, LF_NONE },
	    { "It called exit(3). Until its parent calls wait(), it stays a zombie (state Z): no "
	      "memory, only the PCB with its exit status.",
	      { DO(LA_USR2, "fork-child") }, "detail", "PCB", "fork-child", false, false, LF_NONE } } },
	{ "sockets", "a TCP server accepts clients one by one; UDP sends datagrams",
	  { { "tcp-server", OBJ_TCP_LISTEN, ARG_NONE } },
	  { { "A TCP server made a socket, bound it to a port (bind) and listens (listen): its "
	      "socket is in state LISTEN, waiting for clients. Press n to connect one.",
	      { DO(LA_NONE, NULL) }, "detail", "IPC", "tcp-server", false, false, LF_NONE },
	    { "A client connected (connect) and the server accepted it (accept): a new socket on "
	      "each side, ESTABLISHED; the listener stays, waiting for more.",
	      { SPAWN("tcp-client", OBJ_NONE, ARG_TCP_PORT) },
	      "detail", "IPC", "tcp-server", false, false, LF_NONE },
	    { "A second client: the server holds one accepted socket per client, all on its one "
	      "port.", { SPAWN("tcp-client", OBJ_NONE, ARG_TCP_PORT) }, "detail", "IPC", "tcp-server",
	      false, false, LF_NONE },
	    { "UDP sends datagrams, each addressed on its own (sendto): no connection, no state. "
	      "TCP is a byte stream over a connection made by connect and accept.",
	      { SPAWN("udp-receiver", OBJ_UDP_RX, ARG_NONE), SPAWN("udp-sender", OBJ_NONE, ARG_UDP_PORT) },
	      "detail", "IPC", "udp-sender", false, false, LF_NONE } } },
	{ "isolation", "one virtual address, two physical frames; copy-on-write",
	  { { "iso-a", OBJ_NONE, ARG_SHMID }, { "iso-b", OBJ_NONE, ARG_SHMID } },
	  { { "iso-a and iso-b each stored a value of its own (1111, 2222) at the same virtual "
	      "address 0x40000000. Each process has its own page table: one address, two "
	      "physical frames.", { DO(LA_NONE, NULL) }, "detail", "Memory", "iso-a", false, false,
	      LF_FRAMES_AB },
	    { "iso-b's Memory tab: a page at 0x40000000 too. Neither process can reach the "
	      "other's frame: virtual memory isolates them.", { DO(LA_NONE, NULL) }, "detail",
	      "Memory", "iso-b", false, false, LF_FRAMES_AB },
	    { "iso-a forked iso-child, a copy with the page at the same address. The kernel did "
	      "not copy the page: both map one frame until one of them writes (copy-on-write).",
	      { FORK("iso-a", "iso-child") }, "detail", "Memory", "iso-child", false, false,
	      LF_FRAMES_FORK },
	    { "iso-child wrote 3333 into its page: the kernel first copied it to a new frame. "
	      "The parent still reads 1111 from its own.", { DO(LA_ASK2, "iso-child") }, "detail",
	      "Memory", "iso-child", false, false, LF_FRAMES_FORK },
	    { "A System V segment attached by both at 0x40400000 is one object: both page "
	      "tables lead to the same frame, so each sees what the other writes.",
	      { DO(LA_NONE, NULL) }, "detail", "Memory", "iso-a", false, false, LF_FRAMES_SHM } } },
	{ "address-space", "the address-space figure of a process whose heap and stack grow",
	  { { "grower", OBJ_NONE, ARG_NONE } },
	  { { "grower's address space, low addresses at the bottom: text (code), read-only data, "
	      "data, bss, heap, the mmap area, the stack, kernel space on top; its real sizes.",
	      { DO(LA_NONE, NULL) }, "detail", "Memory", "grower", false, false, LF_NONE },
	    { "grower asked the kernel for 64 MiB more heap (sbrk): the heap band grows upward, "
	      "towards the mmap area.", { DO(LA_USR1, "grower") }, "detail", "Memory", "grower",
	      false, false, LF_NONE },
	    { "grower called a function 32 levels deep, each with a 64 KiB array: the stack grows "
	      "downward, towards the heap.", { DO(LA_USR2, "grower") }, "detail", "Memory",
	      "grower", false, false, LF_NONE },
	    { "Between the bands are gaps: addresses with nothing mapped (a segmentation fault if "
	      "touched). The table lists each mapping, as pmap does.", { DO(LA_NONE, NULL) },
	      "detail", "Memory", "grower", false, false, LF_NONE } } },
	{ "scheduling", "two CPU-bound processes, an I/O-bound one; nice, real-time",
	  { { "cpu-bound", OBJ_NONE, ARG_NONE }, { "cpu-bound", OBJ_NONE, ARG_NONE },
	    { "io-bound", OBJ_NONE, ARG_NONE } },
	  { { "Two cpu-bound processes compute without pause on one CPU; io-bound sleeps 5 ms "
	      "between short bursts. The scheduler shares the CPU between them (CPU%).",
	      { DO(LA_NONE, NULL) }, "list", NULL, "cpu-bound", false, false, LF_NONE },
	    { "cpu-bound's Scheduling tab: policy SCHED_OTHER (time sharing), nice 0. It never "
	      "sleeps, so the scheduler takes the CPU from it: involuntary switches.",
	      { DO(LA_NONE, NULL) }, "detail", "Scheduling", "cpu-bound", false, false, LF_NONE },
	    { "io-bound gives the CPU up itself each time it sleeps: its switches are voluntary, "
	      "some hundred a second, where cpu-bound's are involuntary.", { DO(LA_NONE, NULL) },
	      "detail", "Scheduling", "io-bound", false, false, LF_NONE },
	    { "The second cpu-bound is niced to 10, a lower priority: the scheduler gives it a "
	      "smaller share of the CPU than the first (CPU%, NI), though both are always ready.",
	      { DO(LA_NICE, "cpu-bound#2") }, "list", NULL, "cpu-bound#2", false, false, LF_NONE },
	    { "Its Scheduling tab: nice 10. Niceness weighs a process's share of the CPU under "
	      "SCHED_OTHER; it does not stop it.", { DO(LA_NONE, NULL) }, "detail", "Scheduling",
	      "cpu-bound#2", false, false, LF_NONE },
	    { "io-bound now has a real-time policy, SCHED_RR priority 1: when it is ready it runs "
	      "before every SCHED_OTHER process (root only).", { DO(LA_RT, "io-bound") }, "detail",
	      "Scheduling", "io-bound", false, false, LF_NONE } } },
};

const struct lesson *lesson_find(const char *name)
{
	for (size_t i = 0; i < sizeof(lessons) / sizeof(lessons[0]); i++)
		if (strcmp(lessons[i].name, name) == 0)
			return &lessons[i];
	return NULL;
}

/* One line a lesson, within 80 columns (a projector's terminal): the summaries are short. */
void lesson_list(FILE *f)
{
	for (size_t i = 0; i < sizeof(lessons) / sizeof(lessons[0]); i++)
		fprintf(f, "%-14s %s\n", lessons[i].name, lessons[i].summary);
}

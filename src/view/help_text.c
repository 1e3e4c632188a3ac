/* help_text.c — the classroom texts: one sentence per column and per PCB, scheduling, memory
 * and IPC field. Every screen takes its explanations from here. */
#include <string.h>

#include "view/help_text.h"

const struct help_entry help_entries[] = {
	{ "", "Process list columns", NULL },
	{ "col.pid", "PID", "The process ID: the kernel's number for this process, unique while it lives." },
	{ "col.user", "USER", "The effective user the process runs as, which decides what it may access." },
	{ "col.state", "S", "Scheduler state: R running, S sleeping, D waiting for I/O, T stopped, Z zombie, I idle kernel thread." },
	{ "col.nice", "NI", "Nice value from -20 (most favoured) to 19 (kindest to others) for the normal scheduler." },
	{ "col.policy", "POLICY", "Scheduling policy: OTHER (normal), BATCH, IDLE, or the real-time FIFO and RR, or DEADLINE." },
	{ "col.cpu", "CPU%", "Share of one CPU used since the last refresh (user plus system time; can exceed 100 with threads)." },
	{ "col.mem", "RES", "Resident set size: memory of this process that is in RAM right now." },
	{ "col.threads", "THR", "Number of threads (tasks) in the process." },
	{ "col.fds", "FDS", "Number of open file descriptors, each a handle to a file, pipe, socket or device." },
	{ "col.channels", "CHAN", "Number of IPC channels (pipes, sockets, shared memory, queues...) this process is an end of." },
	{ "col.command", "Command", "The command line the process was started with, or its name in brackets for kernel threads." },

	{ "", "Header", NULL },
	{ "hdr.load", "Load average", "Average number of runnable or uninterruptible tasks over the last 1, 5 and 15 minutes." },
	{ "hdr.tasks", "Tasks", "How many processes are in each state right now." },
	{ "hdr.mem", "Mem", "Memory in use (total minus what the kernel says is available) out of the machine's total." },
	{ "hdr.chans", "Channels", "How many IPC channels of each kind ipctop found, in that kind's colour." },

	{ "", "PCB (process control block)", NULL },
	{ "pcb.pid", "PID", "The process ID, the number other tools and kill() use to name it." },
	{ "pcb.ppid", "Parent PID", "The process that created this one with fork(); orphans are adopted by init or a subreaper." },
	{ "pcb.pgid", "Process group", "The job-control group; a terminal's signals such as Ctrl-C go to a whole group." },
	{ "pcb.sid", "Session", "The login session the process belongs to, led by the process whose PID equals it." },
	{ "pcb.tgid", "Thread group", "The thread-group ID, equal to the PID of the main thread." },
	{ "pcb.tty", "TTY", "The controlling terminal, from which job-control signals and hang-ups come." },
	{ "pcb.comm", "Name", "The short name (comm) the kernel keeps, at most 15 bytes, settable by the process itself." },
	{ "pcb.cmdline", "Command line", "The arguments the program was started with, as it left them in its memory." },
	{ "pcb.uid", "UIDs", "Real, effective, saved and filesystem user IDs: the effective one decides permissions." },
	{ "pcb.gid", "GIDs", "Real, effective, saved and filesystem group IDs, used like the user IDs." },
	{ "pcb.user", "User", "The name of the effective user ID." },
	{ "pcb.state", "State", "What the scheduler is doing with the process right now, as a letter and in words." },
	{ "pcb.wchan", "Wait channel", "The kernel function the process is sleeping in, telling what it waits for." },
	{ "pcb.sigpnd", "Signals pending", "Signals sent to the process but not yet delivered." },
	{ "pcb.sigblk", "Signals blocked", "Signals the process has masked: they stay pending until unblocked." },
	{ "pcb.sigign", "Signals ignored", "Signals whose action is SIG_IGN: the kernel discards them." },
	{ "pcb.sigcgt", "Signals caught", "Signals for which the process installed a handler function." },
	{ "pcb.netns", "Network namespace", "The network namespace (by inode): the set of interfaces, sockets and ports the process sees." },
	{ "pcb.pidns", "PID namespace", "The PID namespace (by inode) in which the process's PIDs are numbered." },
	{ "pcb.syscall", "System call", "The system call the process is in now (the kernel's /proc/PID/syscall, root only): what it is waiting for." },
	{ "pcb.regs", "SP / PC", "The user-mode stack pointer and program counter saved when it entered the kernel: where in its code it stopped." },
	{ "pcb.ns", "Namespaces", "Every namespace (by inode) the process lives in: what it sees of mounts, PIDs, network, IPC, users, host name, cgroups and clocks." },
	{ "pcb.cgroup", "Cgroup", "The control group that accounts for and limits its CPU, memory and I/O." },
	{ "pcb.caps", "Capabilities", "The privileges (pieces of root) in effect for the process." },
	{ "pcb.start", "Started", "When the process started, in seconds after boot." },
	{ "pcb.flags", "Not readable", "What ipctop could not read about this process (usually for lack of privilege)." },

	{ "", "Scheduling", NULL },
	{ "sched.policy", "Policy", "The scheduling class: OTHER/BATCH/IDLE share the CPU fairly, FIFO/RR are real-time and preempt them." },
	{ "sched.priority", "Priority", "The kernel's priority number for the task (lower runs first; 20 + nice for normal tasks)." },
	{ "sched.nice", "Nice", "Politeness from -20 to 19: higher nice means a smaller share of the CPU." },
	{ "sched.rtprio", "RT priority", "Real-time priority 1-99 for FIFO and RR tasks, 0 otherwise." },
	{ "sched.affinity", "Affinity", "The CPUs the process is allowed to run on." },
	{ "sched.cpu", "Last CPU", "The CPU the process last ran on." },
	{ "sched.cputime", "CPU time", "User and system time the process has consumed since it started." },
	{ "sched.run", "Run time", "Time spent running on a CPU (schedstat)." },
	{ "sched.wait", "Wait time", "Time spent runnable but waiting for a CPU on a run queue (schedstat)." },
	{ "sched.slices", "Timeslices", "How many times the process was put on a CPU." },
	{ "sched.vcsw", "Voluntary switches", "Times the process gave up the CPU itself, usually to wait for I/O or a lock, and the rate now." },
	{ "sched.ivcsw", "Involuntary switches", "Times the scheduler took the CPU away (time slice over or preempted), and the rate now." },
	{ "sched.threads", "Threads", "Number of threads sharing this process's address space." },

	{ "", "Memory", NULL },
	{ "mem.vsize", "Virtual size", "Total size of all mappings in the address space, used or not." },
	{ "mem.rss", "RSS", "Resident set: how much of a mapping is in RAM now." },
	{ "mem.pss", "PSS", "Proportional set: RSS with each shared page divided among the processes sharing it." },
	{ "mem.swap", "Swap", "How much of a mapping has been moved out to swap." },
	{ "mem.addr", "Address", "The virtual address range of the mapping, low to high." },
	{ "mem.size", "Size", "Length of the mapping in bytes of virtual address space." },
	{ "mem.perms", "Perms", "r read, w write, x execute; p private (copy-on-write) or s shared with other processes." },
	{ "mem.seg", "Segment", "Which region of the textbook picture the mapping belongs to." },
	{ "mem.path", "Path", "The file mapped, or a pseudo-name like [heap] and [stack]; empty for anonymous memory." },
	{ "seg.text", "text", "Machine code of the program, mapped read and execute from the executable." },
	{ "seg.data", "data", "Initialised global variables of the program, copied on write from the executable." },
	{ "seg.bss", "bss", "Zero-initialised globals, anonymous memory just after the data segment." },
	{ "seg.heap", "heap", "Memory from brk()/malloc, growing upward from after the bss." },
	{ "seg.stack", "stack", "The main thread's stack, growing downward from near the top of user space." },
	{ "seg.lib", "lib", "Shared libraries (their own text, data and bss), mapped in the mmap area." },
	{ "seg.anon", "anon", "Anonymous mmap memory: large mallocs, thread stacks, JIT areas." },
	{ "seg.shm", "shm", "Shared memory (SysV, POSIX or memfd) also mapped by other processes: a channel." },
	{ "seg.file", "file", "Another file mapped into memory with mmap()." },
	{ "seg.vdso", "vdso", "Kernel code mapped into every process so some system calls need no kernel entry." },
	{ "seg.vvar", "vvar", "Kernel data read by the vdso code (clock values)." },
	{ "seg.vsyscall", "vsyscall", "The legacy fixed-address system-call page." },
	{ "seg.gap", "gap", "Unmapped addresses: touching them is a segmentation fault." },

	{ "", "IPC", NULL },
	{ "ipc.fd", "FD", "The descriptor number, an index into the process's table of open files." },
	{ "ipc.kind", "Kind", "What the descriptor refers to: file, pipe, socket, eventfd, pty, shared memory..." },
	{ "ipc.access", "Access", "Whether the process opened it for reading (r), writing (w) or both." },
	{ "ipc.target", "Target", "The object as the kernel names it: a path, pipe:[inode], socket:[inode]..." },
	{ "ipc.socket", "Socket", "The socket as ss shows it: protocol and type, local and remote address (or UNIX name and peer socket), state, and the receive and send queues in bytes; for a listener, connections waiting for accept and its backlog." },
	{ "ipc.fdinfo", "Event object", "What the kernel's fdinfo says of the descriptor: an eventfd's count, a timerfd's clock, period, time to the next expiry and expirations not yet read, a signalfd's signals, an inotify instance's watches (device and inode), an epoll instance's targets (descriptor and events), the process a pidfd refers to." },
	{ "ipc.sysv", "SysV object", "A SysV segment's size, how many processes have it attached, its owner and permissions; a SysV queue's messages and bytes waiting, owner and permissions (as ipcs shows them)." },
	{ "ipc.peer", "Peer", "The process at the other end of the channel, or the remote address; Enter jumps to it." },

	{ "", "Channel table", NULL },
	{ "chan.kind", "KIND", "What carries the data: pipe, fifo, unix or tcp or udp socket, SysV or POSIX shared memory or queue, memfd, pty, eventfd." },
	{ "chan.state", "STATE", "The state of the channel's sockets as ss names it (established, listen, close_wait...); two states when the ends differ, as in a half-closed connection." },
	{ "chan.recvq", "RECV-Q", "Bytes received and not yet read, summed over the channel's sockets (for a listener: connections waiting for accept); for a pipe, bytes waiting; for a queue, messages waiting." },
	{ "chan.sendq", "SEND-Q", "Bytes sent and not yet acknowledged by the peer, summed over the channel's sockets (for a listener: its backlog)." },
	{ "chan.bytes", "BYTES", "Payload bytes carried over a TCP connection so far (acked plus received), where the kernel says." },
	{ "chan.ends", "ENDS", "Every end: its process (pid, name, descriptor, role and local address), or the remote address or \"peer closed\" or \"unseen\" when no process here holds it; then the path, name or id of the object. Tab chooses the end Enter opens." },
};

const size_t help_count = sizeof help_entries / sizeof help_entries[0];

const struct help_entry *help_lookup(const char *key)
{
	if (!key || !*key)
		return NULL;
	for (size_t i = 0; i < help_count; i++)
		if (strcmp(help_entries[i].key, key) == 0)
			return &help_entries[i];
	return NULL;
}

/* parse_pcb.h — pure parsers for the PCB files read in detail: /proc/PID/syscall and
 * /proc/PID/cgroup. (Names for system calls, signals and capabilities: model/kernel_names.h.) */
#ifndef IPCTOP_PARSE_PCB_H
#define IPCTOP_PARSE_PCB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "NR a1 .. a6 SP PC", "-1 SP PC" or "running" (nr -2). Returns 0 and fills what it has, or
 * -1. The six arguments are all 0 for "-1 SP PC" and untouched for "running". */
int parse_syscall_args(const char *text, size_t len, int64_t *nr, uint64_t args[6], uint64_t *sp,
                       uint64_t *pc, bool *has_regs);
/* The path of the cgroup v2 line "0::/path", else the first line's path; out gets at most
 * cap-1 bytes. Returns 0, or -1 when there is no usable line. */
int parse_cgroup(const char *text, size_t len, char *out, size_t cap);
/* The path that names where the process is accounted (SERVICE): the cgroup v2 line's unless
 * it is "/", else the "name=systemd" line's unless "/", else the first other line's that is
 * not "/", else "/"; out as parse_cgroup. 0, or -1 when no line has a path. */
int parse_cgroup_named(const char *text, size_t len, char *out, size_t cap);

#endif

/* maps_query.h — the shared mappings of a process from the PROCMAP_QUERY ioctl on its
 * /proc/PID/maps (Linux 6.11 and later): the kernel hands over the shared VMAs only and never
 * formats the private ones, which are most of a process's maps text. */
#ifndef IPCTOP_COLLECT_MAPS_QUERY_H
#define IPCTOP_COLLECT_MAPS_QUERY_H

#include <stddef.h>

#include "model/snapshot.h"

/* Every shared mapping of the process whose maps file is open on fd, in address order, into a
 * malloc'd array (*out, *n), paths copied into a. Returns 0; -ENOTTY (or -EINVAL) when the
 * kernel has no PROCMAP_QUERY, -ENAMETOOLONG for a path that does not fit: read the text then;
 * -ESRCH when the process has no address space (kernel thread, zombie): no mappings. */
int maps_query_shared(int fd, struct map_info **out, size_t *n, struct arena *a);

/* A mapping from the query's answer: flags are PROCMAP_QUERY's (1 r, 2 w, 4 x, 8 shared);
 * name (len bytes, may be NULL) is treated as the path of a maps line. Pure. */
void maps_from_query(struct map_info *m, uint64_t start, uint64_t end, uint64_t flags,
                     uint64_t offset, unsigned major, unsigned minor, uint64_t ino,
                     const char *name, size_t len, struct arena *a);

#endif

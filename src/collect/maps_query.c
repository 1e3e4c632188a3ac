/* maps_query.c — shared mappings through PROCMAP_QUERY (see maps_query.h). The structure is
 * declared here: Debian 12's kernel headers (6.1) predate it; its layout is kernel ABI. */
#include "collect/maps_query.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>

#include "collect/parse_proc.h"
#include "util/xalloc.h"

struct procmap_query_abi {
	uint64_t size, query_flags, query_addr;
	uint64_t vma_start, vma_end, vma_flags, vma_page_size, vma_offset, inode;
	uint32_t dev_major, dev_minor, vma_name_size, build_id_size;
	uint64_t vma_name_addr, build_id_addr;
};

enum {
	PMQ_SHARED = 0x08,             /* PROCMAP_QUERY_VMA_SHARED: VM_MAYSHARE, the maps 's' */
	PMQ_COVERING_OR_NEXT = 0x10,   /* PROCMAP_QUERY_COVERING_OR_NEXT_VMA */
};
#define PMQ_IOCTL _IOWR('f', 17, struct procmap_query_abi)

void maps_from_query(struct map_info *m, uint64_t start, uint64_t end, uint64_t flags,
                     uint64_t offset, unsigned major, unsigned minor, uint64_t ino,
                     const char *name, size_t len, struct arena *a)
{
	memset(m, 0, sizeof(*m));
	m->start = start;
	m->end = end;
	m->offset = offset;
	m->dev = makedev(major, minor);
	m->ino = ino;
	m->perms[0] = flags & 1 ? 'r' : '-';
	m->perms[1] = flags & 2 ? 'w' : '-';
	m->perms[2] = flags & 4 ? 'x' : '-';
	m->perms[3] = flags & 8 ? 's' : 'p';
	m->seg = SEG_ANON;
	maps_set_path(m, name ? name : "", name ? len : 0, a);
}

/* One question: the first shared mapping at or above addr. */
static int ask(int fd, uint64_t addr, struct procmap_query_abi *q, char *name, size_t cap)
{
	memset(q, 0, sizeof(*q));
	q->size = sizeof(*q);
	q->query_flags = PMQ_SHARED | PMQ_COVERING_OR_NEXT;
	q->query_addr = addr;
	q->vma_name_size = (uint32_t)cap;
	q->vma_name_addr = (uintptr_t)name;
	return ioctl(fd, PMQ_IOCTL, q) < 0 ? -errno : 0;
}

/* The kernel writes each path here. Static and zeroed once: memcheck cannot see the kernel
 * write through the pointer inside the structure, and must not take the bytes for garbage. */
static __thread char name[8192];

int maps_query_shared(int fd, struct map_info **out, size_t *n, struct arena *a)
{
	struct map_info *maps = NULL;
	size_t count = 0, cap = 0;
	struct procmap_query_abi q;
	int err;
	*out = NULL;
	*n = 0;
	for (uint64_t addr = 0; (err = ask(fd, addr, &q, name, sizeof(name))) == 0; addr = q.vma_end) {
		size_t len = q.vma_name_size ? strnlen(name, q.vma_name_size) : 0;
		XGROW(maps, cap, count + 1);
		maps_from_query(&maps[count++], q.vma_start, q.vma_end, q.vma_flags, q.vma_offset,
		                q.dev_major, q.dev_minor, q.inode, name, len, a);
		if (q.vma_end <= addr)
			break;   /* never loop on a kernel that answers the same mapping again */
	}
	if (err == -ENOENT || (err == 0 && count)) {   /* ENOENT: no mapping above the last */
		*out = maps;
		*n = count;
		return 0;
	}
	free(maps);
	return err;
}

/* maps_classify.c — give each /proc/PID/maps line its memory-segment class (text, rodata, data,
 * bss, heap, stack, lib, shm, file, anon, vdso, vvar, vsyscall), and tell which mappings can be
 * IPC. The executable's maps are text (r-x), rodata (r--: headers, constants) or data (rw-). */
#include "collect/parse_proc.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_shm_name(const char *path)
{
	return starts_with(path, "/SYSV") || starts_with(path, "/dev/shm/") ||
	       starts_with(path, "/memfd:");
}

static bool is_file_backed(const struct map_info *m)
{
	return m->path && m->path[0] == '/';
}

/* Shared anonymous memory: MAP_SHARED|MAP_ANONYMOUS (and shared maps of /dev/zero) are backed
 * by an unlinked shmem file the kernel names "/dev/zero (deleted)" (checked on 6.18, device
 * 00:01, one inode per region); kernels with anonymous VMA names show a named one as
 * "[anon_shmem:NAME]". SysV, memfd and /dev/shm have names of their own. */
bool map_is_anon_shm(const struct map_info *m)
{
	if (!m || !m->path || m->perms[3] != 's')
		return false;
	return (m->deleted && strcmp(m->path, "/dev/zero") == 0) ||
	       starts_with(m->path, "[anon_shmem:");
}

/* Pseudo-names in brackets: [heap], [stack], [stack:TID], [vdso], [vvar], [vvar_vclock],
 * [vsyscall]; others ([anon:NAME], [uprobes], ...) are anonymous memory. */
static enum segment pseudo_segment(const char *path)
{
	if (strcmp(path, "[heap]") == 0)
		return SEG_HEAP;
	if (starts_with(path, "[stack"))
		return SEG_STACK;
	if (strcmp(path, "[vdso]") == 0)
		return SEG_VDSO;
	if (strcmp(path, "[vvar]") == 0 || strcmp(path, "[vvar_vclock]") == 0)
		return SEG_VVAR;
	if (strcmp(path, "[vsyscall]") == 0)
		return SEG_VSYSCALL;
	return SEG_ANON;
}

/* A shared-object file name: the base name has ".so" at its end or before a '.'
 * ("libc.so.6", "ld-linux-x86-64.so.2", "x.so"), not merely somewhere ("a.sock"). */
static bool looks_like_lib(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (const char *s = strstr(base, ".so"); s; s = strstr(s + 1, ".so"))
		if (s[3] == '\0' || s[3] == '.')
			return true;
	return false;
}

/* Does map path equal the executable's path? exe may carry " (deleted)" (readlink of
 * /proc/PID/exe) while the maps path has had it stripped. */
static bool is_exe_path(const char *path, const char *exe, size_t exe_len)
{
	return strncmp(path, exe, exe_len) == 0 && path[exe_len] == '\0';
}

static size_t exe_compare_len(const char *exe)
{
	static const char suffix[] = " (deleted)";
	size_t n = strlen(exe), sl = sizeof(suffix) - 1;
	if (n > sl && strcmp(exe + n - sl, suffix) == 0)
		n -= sl;
	return n;
}

static const char *guess_exe(const struct map_info *maps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_file_backed(&maps[i]) && !is_shm_name(maps[i].path) && !map_is_anon_shm(&maps[i]))
			return maps[i].path;
	return NULL;
}

struct file_id { uint64_t dev, ino; };

static char no_path[1];

static int cmp_file_id(const void *a, const void *b)
{
	const struct file_id *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

/* The (dev, ino) of every file with an executable mapping, sorted for bsearch. */
static struct file_id *exec_files(const struct map_info *maps, size_t n, size_t *count)
{
	struct file_id *ids = NULL;
	size_t k = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		if (maps[i].perms[2] != 'x' || !is_file_backed(&maps[i]) || maps[i].ino == 0)
			continue;
		XGROW(ids, cap, k + 1);
		ids[k++] = (struct file_id){ maps[i].dev, maps[i].ino };
	}
	if (k > 1)
		qsort(ids, k, sizeof(*ids), cmp_file_id);
	*count = k;
	return ids;
}

static bool has_exec_mapping(const struct file_id *ids, size_t k, const struct map_info *m)
{
	struct file_id key = { m->dev, m->ino };
	return m->ino != 0 && k > 0 && bsearch(&key, ids, k, sizeof(*ids), cmp_file_id) != NULL;
}

static enum segment file_segment(const struct map_info *m, const struct file_id *ids, size_t k)
{
	if (is_shm_name(m->path))
		return SEG_SHM;
	if (has_exec_mapping(ids, k, m) || looks_like_lib(m->path))
		return SEG_LIB;
	return SEG_FILE;
}

/* An anonymous read-write mapping starting exactly where the executable's image ends. */
static bool is_bss(const struct map_info *m, uint64_t exe_end)
{
	return exe_end != 0 && m->start == exe_end && m->path[0] == '\0' && m->ino == 0 &&
	       m->perms[0] == 'r' && m->perms[1] == 'w';
}

void maps_classify(struct map_info *maps, size_t n, const char *exe)
{
	if (!exe)
		exe = guess_exe(maps, n);
	size_t exe_len = exe ? exe_compare_len(exe) : 0;
	size_t k;
	struct file_id *ids = exec_files(maps, n, &k);
	uint64_t exe_end = 0;
	for (size_t i = 0; i < n; i++) {
		struct map_info *m = &maps[i];
		if (!m->path)
			m->path = no_path;   /* defensive: the parser never leaves it NULL */
		if (exe && exe_len && is_exe_path(m->path, exe, exe_len)) {
			m->seg = m->perms[1] == 'w' ? SEG_DATA : m->perms[2] == 'x' ? SEG_TEXT : SEG_RODATA;
			if (m->end > exe_end)
				exe_end = m->end;
		} else if (map_is_anon_shm(m)) {
			m->seg = SEG_SHM;
		} else if (is_file_backed(m)) {
			m->seg = file_segment(m, ids, k);
		} else if (m->path[0] == '[') {
			m->seg = pseudo_segment(m->path);
		} else {
			m->seg = SEG_ANON;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (maps[i].seg == SEG_ANON && is_bss(&maps[i], exe_end))
			maps[i].seg = SEG_BSS;
	free(ids);
}

bool map_is_ipc(const struct map_info *m)
{
	if (map_is_anon_shm(m))
		return true;
	if (!m || m->perms[3] != 's' || !is_file_backed(m))
		return false;
	return is_shm_name(m->path) || m->perms[1] == 'w';
}

/* test_parse_maps.c — parse_maps_line, parse_maps, maps_classify and map_is_ipc on a real
 * maps capture (exe, bss, heap, libs, SysV, memfd, POSIX shm, shared files, deleted files,
 * vdso/vvar/vsyscall), on the kernel's \012 for a newline in a path, and on broken lines. */
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "collect/parse_proc.h"
#include "../tap.h"
#include "test_parse_fixture.h"

static struct arena arena;

static int line_ok(const char *s, struct map_info *m)
{
	size_t n = strlen(s);
	char *buf = exact_copy(s, n);
	int rc = parse_maps_line(buf, n, m, &arena);
	free(buf);
	return rc;
}

static struct map_info *load(const char *text, size_t len, size_t *n, int *malformed)
{
	struct map_info *maps;
	char *buf = exact_copy(text, len);
	*malformed = parse_maps(buf, len, &maps, n, &arena);
	free(buf);
	return maps;
}

static struct map_info *load_fixture(size_t *n, int *malformed)
{
	size_t len;
	char *text = fixture("maps.txt", &len);
	struct map_info *maps = load(text, len, n, malformed);
	free(text);
	return maps;
}

static void test_fixture_lines(void)
{
	size_t n;
	int bad;
	struct map_info *m = load_fixture(&n, &bad);
	is_int(n, 33, "maps.txt: 33 mappings");
	is_int(bad, 0, "maps.txt: nothing malformed");
	if (n != 33) {
		free(m);
		return;
	}
	ok(m[0].start == 0x56159f1e2000ULL && m[0].end == 0x56159f1e4000ULL, "first range");
	is_str(m[0].perms, "r--p", "first perms");
	ok(m[0].dev == makedev(0xfe, 0) && m[0].ino == 10953267, "first dev fe:00 and inode");
	is_str(m[0].path, "/tmp/ipctop-capture", "first path");
	ok(!m[0].deleted && !m[0].has_smaps, "first not deleted, no smaps yet");
	is_int(m[1].offset, 0x2000, "offset is hex");
	is_str(m[5].path, "", "anonymous mapping (trailing blank) has an empty path");
	ok(m[5].ino == 0 && m[5].dev == 0, "anonymous: dev 0, inode 0");
	is_str(m[6].path, "[heap]", "heap pseudo-path");
	is_str(m[14].path, "/dev/zero", "shared anonymous: (deleted) stripped");
	ok(m[14].deleted && m[14].dev == makedev(0, 1) && m[14].ino == 6, "shared anonymous: flags");
	is_str(m[15].path, "/tmp/ipctop fixture dir/gone", "path with spaces, deleted");
	ok(m[15].deleted, "deleted file flagged");
	is_str(m[17].path, "/tmp/ipctop fixture dir/shared data", "path with spaces");
	ok(!m[17].deleted, "live file not flagged");
	is_str(m[18].path, "/dev/shm/ipctop-fixture", "POSIX shm path");
	is_str(m[19].path, "/memfd:ipctop fixture", "memfd name with a space");
	is_str(m[21].path, "/SYSV1badcafe", "SysV segment");
	ok(m[21].ino == 0 && m[20].ino == 1, "SysV inode is the shmid");
	is_str(m[32].path, "[vsyscall]", "last line");
	ok(m[32].start == 0xffffffffff600000ULL, "vsyscall address");
	is_str(m[32].perms, "--xp", "vsyscall perms");
	free(m);
}

static void test_good_lines(void)
{
	struct map_info m;
	is_int(line_ok("1000-2000 r--p 00000000 00:00 0", &m), 0, "no path, no trailing blank");
	is_str(m.path, "", "...empty path");
	is_int(line_ok("1000-2000 rw-s 0000a000 103:0f 77 /x (deleted)", &m), 0, "3-digit major");
	ok(m.dev == makedev(0x103, 0xf) && m.offset == 0xa000 && m.ino == 77, "major:minor are hex");
	ok(m.deleted && strcmp(m.path, "/x") == 0, "(deleted) stripped from /x");
	line_ok("1000-2000 r--p 0 08:01 5 /a (deleted) (deleted)", &m);
	ok(m.deleted && strcmp(m.path, "/a (deleted)") == 0, "only one (deleted) is stripped");
	line_ok("1000-2000 r--p 0 08:01 5 /odd\tname ", &m);
	is_str(m.path, "/odd\tname ", "tabs and trailing blanks belong to the path");
	is_int(line_ok("1000-1000 ---p 0 00:00 0", &m), 0, "empty range accepted");
	line_ok("7f00-8000 rw-p 00000000 00:00 0                          [anon:my arena]", &m);
	is_str(m.path, "[anon:my arena]", "named anonymous memory");
	const char *s = "1000-2000 r--p 0 08:01 5 /abc";
	char *buf = exact_copy(s, strlen(s) - 1);
	is_int(parse_maps_line(buf, strlen(s) - 1, &m, &arena), 0, "line bounded by len");
	is_str(m.path, "/ab", "path ends at len");
	free(buf);
}

/* The maps text writes a newline in a path as the four characters \012 (the kernel's
 * seq_file_path(m, file, "\n")): the parsed path holds the newline byte again. */
static void test_newlines(void)
{
	struct map_info m;
	is_int(line_ok("1000-2000 rw-s 0 00:1a 50 /dev/shm/a\\012b", &m), 0, "path with \\012");
	is_str(m.path, "/dev/shm/a\nb", "...decoded to a newline");
	line_ok("1000-2000 rw-s 0 00:1a 50 /x\\012\\012y\\0123", &m);
	is_str(m.path, "/x\n\ny\n3", "every \\012, and only its four characters");
	line_ok("1000-2000 rw-s 0 00:1a 50 /m\\012 (deleted)", &m);
	ok(m.deleted && strcmp(m.path, "/m\n") == 0, "newline before (deleted)");
	line_ok("1000-2000 rw-s 0 00:1a 50 /a\\01", &m);
	is_str(m.path, "/a\\01", "a cut-off \\01 stays as it is");
	line_ok("1000-2000 rw-s 0 00:1a 50 /a\\b\\\\c\\011", &m);
	is_str(m.path, "/a\\b\\\\c\\011", "other backslashes stay (the kernel escapes nothing else)");
}

static void test_bad_lines(void)
{
	static const char *const bad[] = {
		"", "garbage", "1000", "1000-", "-2000 r--p 0 00:00 0",
		"2000-1000 r--p 00000000 00:00 0",
		"1000-2000 rwzp 00000000 00:00 0",
		"1000-2000 r--x 00000000 00:00 0",
		"1000-2000 r--p 00000000 00:00",
		"1000-2000 r--p 00000000 0000 0",
		"1000-2000 r--p 00000000 00: 0",
		"10000000000000000-2 r--p 0 00:00 0",
		"1000-2000 r--p 0 00:00 12x /a",
		"1000-2000r--p 0 00:00 0",
		"1000-2000 r--p 0 100000000:00 0",
		"1000-2000 r--p 0 00:00 99999999999999999999 /a",
		"1000-2000 r-- 0 00:00 0",
		"1000-2000 r--p g 00:00 0",
		"1000 2000 r--p 0 00:00 0",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct map_info m = { .start = 99 };
		is_int(line_ok(bad[i], &m), -1, "malformed: \"%s\"", bad[i]);
	}
	struct map_info m;
	is_int(parse_maps_line(NULL, 0, &m, &arena), -1, "NULL line");
}

static void test_mixed_text(void)
{
	const char *text =
		"1000-2000 r-xp 00000000 08:01 10 /bin/x\n"
		"broken line\n"
		"\n"
		"3000-2000 rw-p 00000000 00:00 0 \n"
		"4000-5000 rw-p 00000000 00:00 0                          [heap]";
	size_t n;
	int bad;
	struct map_info *m = load(text, strlen(text), &n, &bad);
	is_int(n, 2, "mixed text: two good lines");
	is_int(bad, 2, "mixed text: two malformed (blank lines are not counted)");
	ok(n == 2 && strcmp(m[1].path, "[heap]") == 0, "last line without newline kept");
	free(m);
	m = load("", 0, &n, &bad);
	ok(n == 0 && bad == 0, "empty text: no mappings");
	free(m);
	is_int(parse_maps(NULL, 0, &m, &n, &arena), 0, "NULL text");
	ok(m == NULL && n == 0, "NULL text: no array");
}

static const enum segment fixture_segments[33] = {
	SEG_RODATA, SEG_TEXT, SEG_RODATA, SEG_RODATA, SEG_DATA, SEG_BSS, SEG_HEAP, SEG_ANON,
	SEG_LIB, SEG_LIB, SEG_LIB, SEG_LIB, SEG_LIB, SEG_ANON,
	SEG_SHM, SEG_FILE, SEG_FILE, SEG_FILE, SEG_SHM, SEG_SHM, SEG_SHM, SEG_SHM,
	SEG_ANON, SEG_VVAR, SEG_VVAR, SEG_VDSO,
	SEG_LIB, SEG_LIB, SEG_LIB, SEG_LIB, SEG_LIB, SEG_STACK, SEG_VSYSCALL,
};

static void check_fixture_classes(const char *exe, const char *how)
{
	size_t n;
	int bad;
	struct map_info *m = load_fixture(&n, &bad);
	maps_classify(m, n, exe);
	size_t wrong = 0;
	for (size_t i = 0; i < n && i < 33; i++)
		if (m[i].seg != fixture_segments[i]) {
			printf("# %s: mapping %zu (%s) is %s, want %s\n", how, i, m[i].path,
			       segment_name(m[i].seg), segment_name(fixture_segments[i]));
			wrong++;
		}
	ok(n == 33 && wrong == 0, "classes of maps.txt, %s", how);
	free(m);
}

static void test_classify_fixture(void)
{
	char *exe = fixture_line("exe.txt");
	check_fixture_classes(exe, "exe given");
	check_fixture_classes(NULL, "exe guessed");
	check_fixture_classes("/tmp/ipctop-capture (deleted)", "exe replaced on disk");
	free(exe);
}

static void test_classify_by_hand(void)
{
	const char *text =
		"400000-401000 r-xp 00000000 08:01 1 /usr/bin/prog\n"
		"401000-402000 rw-p 00001000 08:01 1 /usr/bin/prog\n"
		"403000-404000 rw-p 00000000 00:00 0 \n"                       /* not adjacent */
		"500000-501000 r--p 00000000 08:01 2 /opt/plug/module\n"
		"501000-502000 r-xp 00001000 08:01 2 /opt/plug/module\n"
		"600000-601000 r--p 00000000 08:01 3 /var/run/a.sock\n"
		"700000-701000 r--p 00000000 08:01 4 /usr/lib/libz.so\n"
		"701000-702000 r--p 00000000 08:01 5 /usr/lib/libq.so.1.2\n"
		"800000-801000 rw-p 00000000 00:00 0 [anon:arena]\n"
		"900000-901000 rw-p 00000000 00:00 0 [stack:1234]\n"
		"a00000-a01000 r--p 00000000 00:00 0 [uprobes]\n";
	size_t n;
	int bad;
	struct map_info *m = load(text, strlen(text), &n, &bad);
	maps_classify(m, n, "/usr/bin/prog");
	is_int(n, 11, "hand maps parsed");
	if (n == 11) {
		is_str(segment_name(m[0].seg), segment_name(SEG_TEXT), "prog r-x: text");
		is_str(segment_name(m[1].seg), segment_name(SEG_DATA), "prog rw-: data");
		is_str(segment_name(m[2].seg), segment_name(SEG_ANON), "anon not adjacent to image: anon");
		is_str(segment_name(m[3].seg), segment_name(SEG_LIB), "r-- map of a file mapped executable: lib");
		is_str(segment_name(m[4].seg), segment_name(SEG_LIB), "executable map of another file: lib");
		is_str(segment_name(m[5].seg), segment_name(SEG_FILE), "a.sock is not a .so: file");
		is_str(segment_name(m[6].seg), segment_name(SEG_LIB), "libz.so: lib");
		is_str(segment_name(m[7].seg), segment_name(SEG_LIB), "libq.so.1.2: lib");
		is_str(segment_name(m[8].seg), segment_name(SEG_ANON), "[anon:arena]: anon");
		is_str(segment_name(m[9].seg), segment_name(SEG_STACK), "[stack:TID]: stack");
		is_str(segment_name(m[10].seg), segment_name(SEG_ANON), "other pseudo-name: anon");
	}
	free(m);
	/* nothing to classify: no map is written (the one after the end keeps its segment and
	 * its NULL path, which classify would otherwise fill in) */
	struct map_info after = { .seg = SEG_STACK, .path = NULL };
	maps_classify(&after, 0, "/usr/bin/prog");
	ok(after.seg == SEG_STACK && after.path == NULL, "classify of no maps writes none");
	maps_classify(&after, 0, NULL);
	ok(after.seg == SEG_STACK && after.path == NULL, "classify of no maps, no exe: writes none");
	maps_classify(NULL, 0, NULL);   /* and does not touch a NULL array (a crash fails here) */
}

static void test_is_ipc(void)
{
	size_t n;
	int bad;
	struct map_info *m = load_fixture(&n, &bad);
	if (n != 33) {
		ok(0, "fixture size");
		free(m);
		return;
	}
	ok(map_is_ipc(&m[14]), "shared anonymous rw-s (/dev/zero) is IPC");
	ok(!map_is_ipc(&m[16]), "read-only shared map of a file is not IPC");
	ok(map_is_ipc(&m[17]), "shared writable map of a file is IPC");
	ok(map_is_ipc(&m[18]), "/dev/shm map is IPC");
	ok(map_is_ipc(&m[19]), "memfd map is IPC");
	ok(map_is_ipc(&m[20]), "read-only SysV attach is IPC");
	ok(map_is_ipc(&m[21]), "SysV attach is IPC");
	size_t others = 0;
	for (size_t i = 0; i < n; i++)
		if (i != 14 && i != 17 && (i < 18 || i > 21))
			others += map_is_ipc(&m[i]);
	is_int(others, 0, "no other mapping of maps.txt is IPC");
	struct map_info pm;
	line_ok("1000-2000 rw-p 00000000 00:01 5 /memfd:x (deleted)", &pm);
	ok(!map_is_ipc(&pm), "private memfd map is not IPC");
	line_ok("1000-2000 r--s 00000000 08:01 9 /usr/lib/locale/locale-archive", &pm);
	ok(!map_is_ipc(&pm), "locale archive is not IPC");
	ok(!map_is_ipc(NULL), "NULL is not IPC");
	ok(map_is_anon_shm(&m[14]), "shared /dev/zero (deleted) is anon_shm");
	ok(!map_is_anon_shm(&m[18]) && !map_is_anon_shm(&m[19]) && !map_is_anon_shm(&m[21]),
	   "/dev/shm, memfd and SysV maps are not anon_shm");
	line_ok("1000-2000 r--s 00000000 00:01 7 /dev/zero (deleted)", &pm);
	ok(map_is_ipc(&pm) && map_is_anon_shm(&pm), "read-only shared anonymous map is IPC, anon_shm");
	line_ok("1000-2000 rw-p 00000000 00:01 7 /dev/zero (deleted)", &pm);
	ok(!map_is_anon_shm(&pm), "private /dev/zero map is not anon_shm");
	line_ok("1000-2000 rw-s 00000000 00:05 7 /dev/zero", &pm);
	ok(!map_is_anon_shm(&pm), "shared map of the /dev/zero device node itself is not anon_shm");
	line_ok("1000-2000 rw-s 00000000 00:01 8 [anon_shmem:pool]", &pm);
	ok(map_is_ipc(&pm) && map_is_anon_shm(&pm), "named shared anonymous map is anon_shm");
	maps_classify(&pm, 1, NULL);
	is_int(pm.seg, SEG_SHM, "named shared anonymous map is classed shm");
	line_ok("1000-2000 rw-s 00000000 00:01 7 /dev/zero (deleted)", &pm);
	maps_classify(&pm, 1, NULL);   /* the shared lines only, as outside detail: no exe known */
	is_int(pm.seg, SEG_SHM, "shared anonymous map alone is shm, not taken for the executable");
	free(m);
}

int main(void)
{
	arena_init(&arena);
	test_fixture_lines();
	test_good_lines();
	test_newlines();
	test_bad_lines();
	test_mixed_text();
	test_classify_fixture();
	test_classify_by_hand();
	test_is_ipc();
	arena_free(&arena);
	return tap_done();
}

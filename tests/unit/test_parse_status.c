/* test_parse_status.c — parse_status on real /proc/PID/status captures and broken variants. */
#include <stdlib.h>
#include <string.h>

#include "collect/parse_proc.h"
#include "../tap.h"
#include "test_parse_fixture.h"

static int parse_text(const char *s, struct status_fields *o)
{
	size_t n = strlen(s);
	char *buf = exact_copy(s, n);
	int found = parse_status(buf, n, o);
	free(buf);
	return found;
}

static int parse_file(const char *name, struct status_fields *o)
{
	size_t n;
	char *buf = fixture(name, &n);
	int found = parse_status(buf, n, o);
	free(buf);
	return found;
}

static void test_real_status(void)
{
	struct status_fields o;
	int found = parse_file("status.txt", &o);
	is_int(found, 21, "status.txt: 21 lines recognised");
	ok(o.has_uid && o.has_gid && o.has_sig && o.has_ctxt && o.has_cap, "status.txt: groups present");
	ok(o.has_tgid && o.has_ppid && o.has_threads, "status.txt: ids present");
	is_int(o.tgid, 11509, "Tgid");
	is_int(o.ppid, 11498, "PPid");
	is_int(o.threads, 1, "Threads");
	is_int(o.tracer, 0, "TracerPid: 0 (none)");
	is_int(o.ruid, 0, "ruid");
	is_int(o.sig_pending, 0x800, "SigPnd: USR2 (12) pending on the thread");
	is_int(o.sig_shared_pending, 0x4000, "ShdPnd: TERM (15) pending on the process");
	is_int(o.sig_blocked, 0x400004800ULL, "SigBlk: 12, 15 and 35");
	is_int(o.sig_ignored, 0x1000, "SigIgn: PIPE (13)");
	is_int(o.sig_caught, 0x200, "SigCgt: USR1 (10)");
	is_int(o.cap_eff, 0x1fffeffffffULL, "CapEff");
	is_int(o.cap_prm, 0x1fffeffffffULL, "CapPrm");
	is_int(o.cap_bnd, 0x1fffeffffffULL, "CapBnd");
	is_int(o.cap_inh, 0, "CapInh");
	is_str(o.cpus_allowed_list, "0", "Cpus_allowed_list (pinned to CPU 0)");
	ok(!o.is_kthread, "Kthread: 0");
	ok(o.has_shr, "status.txt: RssFile and RssShmem both read");
	is_int(o.rss_file_kib, 1348, "RssFile: 1348 kB");
	is_int(o.rss_shmem_kib, 0, "RssShmem: 0 kB");
}

static void test_setresuid_status(void)
{
	struct status_fields o;
	parse_file("status_setresuid.txt", &o);
	is_int(o.ruid, 1000, "setresuid: ruid");
	is_int(o.euid, 1001, "setresuid: euid");
	is_int(o.suid, 1002, "setresuid: suid");
	is_int(o.fsuid, 1001, "setresuid: fsuid follows euid");
	is_int(o.rgid, 2000, "setresuid: rgid");
	is_int(o.egid, 2001, "setresuid: egid");
	is_int(o.sgid, 2002, "setresuid: sgid");
	is_int(o.fsgid, 2001, "setresuid: fsgid");
	is_int(o.vol_ctxt, 13, "voluntary_ctxt_switches");
	is_int(o.nonvol_ctxt, 10, "nonvoluntary_ctxt_switches");
	is_int(o.cap_eff, 0, "CapEff dropped");
	is_int(o.cap_bnd, 0x1fffeffffffULL, "CapBnd kept");
	is_int(o.tgid, 11704, "Tgid");
}

static void test_kthread_status(void)
{
	struct status_fields o;
	parse_file("status_kthread.txt", &o);
	ok(o.is_kthread, "kthreadd: Kthread: 1");
	ok(o.has_ppid, "kthreadd: PPid read");
	is_int(o.ppid, 0, "kthreadd: PPid 0");
	is_int(o.tgid, 2, "kthreadd: Tgid 2");
	ok(!o.has_shr, "kthreadd: no memory lines, no SHR");
}

/* SHR is RssFile + RssShmem only when both lines are read whole, in kB. */
static void test_shr_lines(void)
{
	struct status_fields o;
	parse_text("RssFile:\t    2048 kB\nRssShmem:\t     512 kB\n", &o);
	ok(o.has_shr && o.rss_file_kib == 2048 && o.rss_shmem_kib == 512, "both lines: 2048 + 512");
	parse_text("RssFile:\t    2048 kB\n", &o);
	ok(!o.has_shr, "RssFile alone is no SHR");
	parse_text("RssShmem:\t512 kB\n", &o);
	ok(!o.has_shr, "RssShmem alone is no SHR");
	parse_text("RssFile:\t2048\nRssShmem:\t512 kB\n", &o);
	ok(!o.has_shr && o.rss_file_kib == 0, "a size without its unit is skipped");
	parse_text("RssFile:\t2048 MB\nRssShmem:\t512 kB\n", &o);
	ok(!o.has_shr, "another unit is skipped");
	parse_text("RssFile:\t2048 kB trailing\nRssShmem:\t512 kB\n", &o);
	ok(!o.has_shr, "text after the unit is skipped");
	parse_text("RssFile:\t-1 kB\nRssShmem:\t512 kB\n", &o);
	ok(!o.has_shr, "a negative size is skipped");
	parse_text("RssFileX:\t1 kB\nRssShmem:\t512 kB\n", &o);
	ok(!o.has_shr && o.rss_file_kib == 0, "a longer key is another key");
	parse_text("RssShmem:\t7 kB\r\nRssFile:\t9 kB\r\n", &o);
	ok(o.has_shr && o.rss_file_kib == 9 && o.rss_shmem_kib == 7, "either order, CR tolerated");
}

static void test_bad_ids(void)
{
	struct status_fields o;
	parse_text("Uid:\t1\t2\t3\n", &o);
	ok(!o.has_uid, "Uid with 3 columns is skipped");
	parse_text("Uid:\t1\t2\t3\t4\t5\n", &o);
	ok(!o.has_uid, "Uid with 5 columns is skipped");
	parse_text("Uid:\t4294967296\t0\t0\t0\n", &o);
	ok(!o.has_uid, "Uid overflowing 32 bits is skipped");
	parse_text("Gid:\t-1\t0\t0\t0\n", &o);
	ok(!o.has_gid, "negative Gid is skipped");
	parse_text("Uid:\t4294967295\t7\t8\t9", &o);
	ok(o.has_uid && o.ruid == 4294967295u && o.fsuid == 9, "largest uid, no final newline");
	parse_text("Uidx:\t1\t2\t3\t4\nXUid:\t1\t2\t3\t4\n", &o);
	ok(!o.has_uid, "keys that only contain Uid are not Uid");
	is_int(parse_text("Threads:\t-1\nThreads:\t99999999999\nTgid:\t12x\nPPid:\n", &o), 0,
	       "negative, oversized, trailing junk and empty numbers are skipped");
	ok(!o.has_threads && !o.has_tgid && !o.has_ppid, "...and leave their flags unset");
}

static void test_bad_masks(void)
{
	struct status_fields o;
	parse_text("SigBlk:\t1ffffffffffffffff\n", &o);
	ok(!o.has_sig && o.sig_blocked == 0, "17 hex digits overflow: skipped");
	parse_text("SigCgt:\t000000000000020\n", &o);
	ok(!o.has_sig && o.sig_caught == 0, "15 hex digits (a cut line) skipped");
	parse_text("SigCgt:\tzz\nSigIgn:\t\n", &o);
	ok(!o.has_sig, "non-hex and empty masks skipped");
	parse_text("SigCgt:\tffffffffffffffff\nCapEff:\t00000000000000Ff\n", &o);
	ok(o.sig_caught == UINT64_MAX && o.cap_eff == 0xff && o.has_cap, "all-ones mask and mixed case");
	parse_text("SigQ:\t2/96364\nSigPnd:\t0000000000000001\n", &o);
	ok(o.sig_pending == 1, "SigQ does not disturb SigPnd");
}

/* Keys are told apart by their first letter and then whole: neighbours with the same first
 * letter or a common prefix, keys without their colon and cut lines are not ours. */
static void test_key_shapes(void)
{
	struct status_fields o;
	is_int(parse_text("Cpus_allowed:\tff\nCapAmb:\t0000000000000001\nSigQ:\t1/2\n"
	                  "THP_enabled:\t1\nTracerPi:\t0\nUmask:\t0022\nGroups:\t1\nPid:\t5\n"
	                  "Seccomp:\t0\nnonvoluntary:\t1\nvoluntary_ctxt_switch:\t1\n", &o), 0,
	       "neighbours of our keys are not read");
	ok(o.cpus_allowed_list[0] == '\0' && !o.has_cap && !o.has_sig && !o.has_ctxt,
	   "...and leave their fields alone");
	is_int(parse_text("Uid\t1\t2\t3\t4\nUid :\t1\t2\t3\t4\nuid:\t1\t2\t3\t4\nTgid\nTgid:\n"
	                  "Tgid::5\nPPid:\t1 2\nThreads", &o), 0,
	       "no colon, a blank or case change in the key, empty and doubled values: skipped");
	is_int(parse_text("PPid:7\nKthread:1\nThreads:\t3\t\nTgid: \t9\r", &o), 4,
	       "values without a blank, with trailing blanks, CR at the end of the text");
	ok(o.ppid == 7 && o.is_kthread && o.threads == 3 && o.tgid == 9, "...are read");
	is_int(parse_text("SigPnd:\t0000000000000001 x\nShdPnd:\t000000000000000g\n"
	                  "SigIgn:\t 00000000000000ff\t\r\nCapBnd:00000000000000ab", &o), 2,
	       "masks: junk after, a non-hex digit, blanks around, no blank after the colon");
	ok(o.sig_ignored == 0xff && o.cap_bnd == 0xab && o.sig_pending == 0 && o.sig_shared_pending == 0,
	   "...only the whole masks are read");
	is_int(parse_text("Uid:\t1\t2\t3\t4\nUid:\t5\t6\t7\t8\n", &o), 2, "a repeated key counts twice");
	is_int(o.ruid, 5, "...and the last one wins");
}

static void test_ctxt_and_kthread(void)
{
	struct status_fields o;
	parse_text("voluntary_ctxt_switches:\t18446744073709551615\n"
	           "nonvoluntary_ctxt_switches:\t18446744073709551616\n", &o);
	ok(o.has_ctxt && o.vol_ctxt == UINT64_MAX, "largest counter read");
	is_int(o.nonvol_ctxt, 0, "overflowing counter skipped");
	parse_text("Kthread:\t2\n", &o);
	ok(!o.is_kthread, "Kthread: 2 is not a flag value");
	parse_text("Kthread:\t1\r\n", &o);
	ok(o.is_kthread, "a stray CR after the value is tolerated");
	parse_text("TracerPid:\t4242\n", &o);
	is_int(o.tracer, 4242, "TracerPid read");
	parse_text("TracerPid:\t-1\n", &o);
	is_int(o.tracer, 0, "a negative TracerPid is skipped");
}

static void test_cpu_list(void)
{
	struct status_fields o;
	parse_text("Cpus_allowed_list:\t0-3,5\n", &o);
	is_str(o.cpus_allowed_list, "0-3,5", "cpu list copied");
	parse_text("Cpus_allowed_list:\t0-3;rm\n", &o);
	is_str(o.cpus_allowed_list, "", "cpu list with foreign characters skipped");
	char line[1200];
	strcpy(line, "Cpus_allowed_list:\t");
	for (int cpu = 0; cpu < 200; cpu += 2)
		sprintf(line + strlen(line), "%s%d", cpu ? "," : "", cpu);
	strcat(line, "\n");
	parse_text(line, &o);
	size_t n = strlen(o.cpus_allowed_list);
	ok(n < sizeof(o.cpus_allowed_list) && n > 200, "long cpu list cut to fit (%zu bytes)", n);
	ok(n >= 3 && strcmp(o.cpus_allowed_list + n - 3, "...") == 0, "cut list ends in ...");
	ok(strncmp(o.cpus_allowed_list, "0,2,4,6,8,10", 12) == 0 && o.cpus_allowed_list[n - 4] != ',',
	   "cut list keeps its head and ends at a whole number");
}

static void test_bounds(void)
{
	struct status_fields o;
	const char *s = "Tgid:\t4299";
	char *buf = exact_copy(s, 8);   /* "Tgid:\t42" */
	parse_status(buf, 8, &o);
	free(buf);
	is_int(o.tgid, 42, "len bounds the text: digits after it are not read");
	is_int(parse_status(NULL, 0, &o), 0, "NULL text: nothing");
	buf = exact_copy("", 0);
	is_int(parse_status(buf, 0, &o), 0, "empty text: nothing");
	free(buf);
	ok(!o.has_uid && o.cpus_allowed_list[0] == '\0', "empty text leaves a zeroed struct");
	o.tgid = 77;
	parse_text("garbage\n\n:::\n\t\nUid", &o);
	ok(o.tgid == 0, "the struct is zeroed before parsing");
}

int main(void)
{
	test_real_status();
	test_setresuid_status();
	test_kthread_status();
	test_shr_lines();
	test_bad_ids();
	test_bad_masks();
	test_key_shapes();
	test_ctxt_and_kthread();
	test_cpu_list();
	test_bounds();
	return tap_done();
}

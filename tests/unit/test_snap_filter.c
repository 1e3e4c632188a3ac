/* test_snap_filter.c — what -u, -p and --kind keep (model/snap_filter), on the hand-built
 * export snapshot with pid 300 given to another user: the chosen and listed processes and the
 * kept channels of each combination, and the parsing of kind lists and users. */
#include <stdlib.h>
#include <string.h>

#include "model/snap_filter.h"
#include "export_fixture.h"
#include "../tap.h"

static struct snapshot S;

/* "pid,pid,..." of the listed processes, and "id,id,..." of the kept channels. */
static void selected(const struct snap_filter *f, char *procs, char *chans, size_t n)
{
	struct snap_selection sel;
	snap_select(&S, f, &sel);
	procs[0] = chans[0] = '\0';
	for (size_t i = 0; i < S.n_procs; i++)
		if (sel.proc_listed[i])
			snprintf(procs + strlen(procs), n - strlen(procs), "%s%d%s", *procs ? "," : "",
			         (int)S.procs[i].pid, sel.proc_chosen[i] ? "*" : "");
	for (size_t c = 0; c < S.n_chans; c++)
		if (sel.chan_kept[c])
			snprintf(chans + strlen(chans), n - strlen(chans), "%s%s", *chans ? "," : "", S.chans[c].id);
	snap_selection_free(&sel);
}

static void expect(const struct snap_filter *f, const char *procs, const char *chans, const char *what)
{
	char p[512], c[512];
	selected(f, p, c, sizeof(p));
	is_str(p, procs, "%s: processes (* chosen)", what);
	is_str(c, chans, "%s: channels", what);
}

static void test_selection(void)
{
	static const pid_t p200[] = { 200 }, p300[] = { 300 };
	const char *all_chans = "pipe:5001,pipe:5002,unix:7001,tcp:10.0.0.1:443-127.0.0.1:5000,"
	                        "sysv_shm:65538,sysv_msg:3,eventfd:1,udp:[::1]:53";
	expect(&(struct snap_filter){ 0 }, "1*,2*,100*,200*,300*,400*", all_chans, "no filter");
	expect(&(struct snap_filter){ .has_uid = true, .uid = 1001 }, "300*",
	       "unix:7001,tcp:10.0.0.1:443-127.0.0.1:5000,sysv_shm:65538,sysv_msg:3",
	       "-u 1001: its process, its channels with all their ends");
	expect(&(struct snap_filter){ .has_uid = true, .uid = 0 }, "2*", "", "-u 0: a kernel thread, no channel");
	expect(&(struct snap_filter){ .has_uid = true, .uid = 4242 }, "", "", "-u of nobody here: nothing");
	expect(&(struct snap_filter){ .pids = p200, .n_pids = 1 }, "100,200*,300",
	       "pipe:5001,pipe:5002,unix:7001,sysv_shm:65538,udp:[::1]:53", "-p 200: peers listed");
	expect(&(struct snap_filter){ .pids = p200, .n_pids = 1, .has_uid = true, .uid = 1000 },
	       "100,200*", "pipe:5001,pipe:5002,unix:7001,sysv_shm:65538,udp:[::1]:53",
	       "-p 200 -u 1000: the peer of another user is not listed, its channel kept");
	expect(&(struct snap_filter){ .pids = p300, .n_pids = 1, .has_uid = true, .uid = 1000 }, "", "",
	       "-p 300 -u 1000: 300 is not the user's: nothing");
	expect(&(struct snap_filter){ .kind_mask = 1u << CK_PIPE | 1u << CK_UDP }, "1*,2*,100*,200*,300*,400*",
	       "pipe:5001,pipe:5002,udp:[::1]:53", "--kind pipe,udp: every process, those kinds");
	expect(&(struct snap_filter){ .has_uid = true, .uid = 1001, .kind_mask = 1u << CK_TCP }, "300*",
	       "tcp:10.0.0.1:443-127.0.0.1:5000", "-u 1001 --kind tcp");
}

static void test_parse(void)
{
	uint32_t m = 0;
	char bad[16];
	ok(snap_filter_parse_kinds("pipe,unix", &m, bad, sizeof(bad)) && m == (1u << CK_PIPE | 1u << CK_UNIX),
	   "kinds pipe,unix");
	ok(snap_filter_parse_kinds("eventfd", &m, bad, sizeof(bad)) && m == 1u << CK_EVENTFD, "kind eventfd");
	ok(!snap_filter_parse_kinds("pipe,bogus", &m, bad, sizeof(bad)) && strcmp(bad, "bogus") == 0,
	   "an unknown kind is named");
	ok(!snap_filter_parse_kinds("pipe,,unix", &m, bad, sizeof(bad)) && bad[0] == '\0', "an empty part");
	ok(!snap_filter_parse_kinds("", &m, bad, sizeof(bad)) && bad[0] == '\0', "an empty list");
	ok(!snap_filter_parse_kinds("unix,", &m, bad, sizeof(bad)) && bad[0] == '\0', "a trailing comma");
	ok(!snap_filter_parse_kinds("PIPE", &m, bad, sizeof(bad)), "names are lower case");
	ok(!snap_filter_parse_kinds("a-very-long-unknown-kind-name", &m, bad, sizeof(bad)) &&
	   strlen(bad) == sizeof(bad) - 1, "a long unknown kind is cut to the buffer");
	uid_t u = 7;
	ok(snap_filter_parse_user("root", &u) && u == 0, "user root");
	ok(snap_filter_parse_user("1234", &u) && u == 1234, "a numeric uid without a name");
	const char *bad_users[] = { "", "12x", " 1", "-1", "+1", "4294967295", "99999999999999999999",
	                            "no-such-user-ipctop" };
	for (size_t i = 0; i < sizeof(bad_users) / sizeof(bad_users[0]); i++)
		ok(!snap_filter_parse_user(bad_users[i], &u), "not a user: '%s'", bad_users[i]);
}

int main(void)
{
	export_fixture_build(&S);
	struct proc_info *bob = snapshot_find_proc(&S, 300);
	bob->ruid = bob->euid = bob->suid = bob->fsuid = 1001;
	test_selection();
	test_parse();
	snapshot_free(&S);
	return tap_done();
}

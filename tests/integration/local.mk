# tests/integration/local.mk — real-kernel fixtures and the integration tests of
# `ipctop --json` / `--dot` (included by tests/local.mk). Fixtures never link libipctop.
check_PROGRAMS += tests/fixture/ipc_fixture
tests_fixture_ipc_fixture_SOURCES = tests/fixture/ipc_fixture.c \
	tests/fixture/kinds_stream.c tests/fixture/kinds_net.c tests/fixture/kinds_shared.c \
	tests/fixture/kinds_offhost.c \
	tests/fixture/fixture_kinds.h tests/fixture/fixture_util.c tests/fixture/fixture_util.h
tests_fixture_ipc_fixture_LDADD = -lrt

check_PROGRAMS += tests/fixture/inet_fixture
tests_fixture_inet_fixture_SOURCES = tests/fixture/inet_fixture.c tests/fixture/inet_scenes.c \
	tests/fixture/inet_scenes.h tests/fixture/fixture_util.c tests/fixture/fixture_util.h

check_PROGRAMS += tests/fixture/traffic_fixture
tests_fixture_traffic_fixture_SOURCES = tests/fixture/traffic_fixture.c \
	tests/fixture/fixture_util.c tests/fixture/fixture_util.h
tests_fixture_traffic_fixture_LDADD = -lrt

check_PROGRAMS += tests/fixture/hostile_name
tests_fixture_hostile_name_SOURCES = tests/fixture/hostile_name.c \
	tests/fixture/fixture_util.c tests/fixture/fixture_util.h

check_PROGRAMS += tests/fixture/share_fixture
tests_fixture_share_fixture_SOURCES = tests/fixture/share_fixture.c \
	tests/fixture/fixture_util.c tests/fixture/fixture_util.h

check_PROGRAMS += tests/fixture/wait_fixture
tests_fixture_wait_fixture_SOURCES = tests/fixture/wait_fixture.c \
	tests/fixture/wait_kids.c tests/fixture/wait_kids.h tests/fixture/wait_scenes.c \
	tests/fixture/wait_scenes.h tests/fixture/fixture_util.c tests/fixture/fixture_util.h
tests_fixture_wait_fixture_LDADD = -lpthread

check_PROGRAMS += tests/fixture/name_forms
tests_fixture_name_forms_SOURCES = tests/fixture/name_forms.c \
	tests/fixture/fixture_util.c tests/fixture/fixture_util.h

TESTS += tests/integration/channels.sh tests/integration/oracles.sh
EXTRA_DIST += tests/integration/channels.sh tests/integration/fixture_lib.sh \
	tests/integration/ipcfx.py tests/integration/check_channels.py \
	tests/integration/check_cleanup.py tests/integration/offhost_lib.sh \
	tests/integration/offhost_peer.py tests/integration/oracles.sh \
	tests/integration/check_oracles.py

TESTS += tests/integration/inet.sh
EXTRA_DIST += tests/integration/inet.sh tests/integration/check_inet.py

TESTS += tests/integration/traffic.sh
EXTRA_DIST += tests/integration/traffic.sh tests/integration/check_traffic.py
TESTS += tests/integration/json_cols.sh
EXTRA_DIST += tests/integration/json_cols.sh

TESTS += tests/integration/detail.sh tests/integration/dot.sh tests/integration/hostile.sh \
	tests/integration/names.sh
EXTRA_DIST += tests/integration/detail.sh tests/integration/dot.sh tests/integration/hostile.sh \
	tests/integration/check_detail.py tests/integration/check_hostile.py \
	tests/integration/names.sh tests/integration/check_names.py

# dot_screen.sh: --dot --groups, --focus and --hops, read back through dot -Tplain
TESTS += tests/integration/dot_screen.sh
EXTRA_DIST += tests/integration/dot_screen.sh

TESTS += tests/integration/filters.sh
EXTRA_DIST += tests/integration/filters.sh tests/integration/check_filters.py

# cli.sh: status and message of every command-line error, --help, -V and write errors
TESTS += tests/integration/cli.sh
EXTRA_DIST += tests/integration/cli.sh
# openmetrics.sh: --openmetrics against promtool, a strict OpenMetrics parser and the fixture's record
TESTS += tests/integration/openmetrics.sh
EXTRA_DIST += tests/integration/openmetrics.sh tests/integration/check_openmetrics.py \
	tests/integration/om_lib.sh tests/integration/check_om_strict.py
# om_cgroup.sh: the pair metrics of processes in a real cgroup named like a systemd service
TESTS += tests/integration/om_cgroup.sh
EXTRA_DIST += tests/integration/om_cgroup.sh

TESTS += tests/integration/share.sh
EXTRA_DIST += tests/integration/share.sh tests/integration/check_share.py

# waits: blocked processes of wait_fixture, their waits, peers and the deadlock ring
TESTS += tests/integration/waits.sh
EXTRA_DIST += tests/integration/waits.sh tests/integration/check_waits.py
# anon.sh: eventfd, timerfd, signalfd, inotify, epoll and pidfd as fdinfo gives them
check_PROGRAMS += tests/fixture/anon_fixture
tests_fixture_anon_fixture_SOURCES = tests/fixture/anon_fixture.c \
	tests/fixture/fixture_util.c tests/fixture/fixture_util.h
TESTS += tests/integration/anon.sh
EXTRA_DIST += tests/integration/anon.sh tests/integration/check_anon.py
# --merge of two hosts made of namespaces (root only)
TESTS += tests/integration/merge_hosts.sh tests/integration/merge_cli.sh
EXTRA_DIST += tests/integration/merge_hosts.sh tests/integration/merge_cli.sh tests/integration/merge_peer.py \
	tests/integration/check_merge.py

# --record and --replay (src/history): a recording against ipc_fixture's record
TESTS += tests/integration/history_record.sh tests/integration/history_faults.sh \
	tests/integration/history_limits.sh tests/integration/history_marks.sh \
	tests/integration/history_figures.sh tests/integration/history_full.sh \
	tests/integration/history_live.sh
EXTRA_DIST += tests/integration/history_record.sh tests/integration/history_faults.sh tests/integration/check_history.py \
	tests/integration/history_limits.sh tests/integration/history_limits.py \
	tests/integration/history_marks.sh \
	tests/integration/history_db.py \
	tests/integration/history_figures.sh tests/integration/history_figures.py \
	tests/integration/history_full.sh \
	tests/integration/history_live.sh tests/integration/history_live.py
# the helper program of the lessons (ipctop --lesson): its roles, as the kernel shows them
TESTS += tests/integration/lesson_helper.sh
EXTRA_DIST += tests/integration/lesson_helper.sh
# --lesson list, unknown names and conflicts (status 2)
TESTS += tests/integration/lesson_cli.sh
EXTRA_DIST += tests/integration/lesson_cli.sh

# tests/unit/local.mk — unit tests of the model and channel resolution (included by tests/local.mk).
# A unit test is one program built from its own .c (automake's default source when it has no
# _SOURCES) and linked with libipctop (its _LDADD: the default LDADD would reach every program
# of the build); it includes tests/tap.h by a relative path, so it needs no flags of its own.
UNIT_TESTS = tests/unit/test_channel tests/unit/test_channel_inet tests/unit/test_text_escape tests/unit/test_collect_reuse \
	tests/unit/test_u64map tests/unit/test_kept_fds tests/unit/test_maps_query \
	tests/unit/test_collect_workers tests/unit/test_collect_maps tests/unit/test_refresh_memory \
	tests/unit/test_parse_pcb tests/unit/test_channel_ids tests/unit/test_fast_text \
	tests/unit/test_term_input tests/unit/test_channel_semantics tests/unit/test_proc_read \
	tests/unit/test_collect_sysvipc tests/unit/test_collect_fds_denied \
	tests/unit/test_reuse_threads tests/unit/test_inet_side tests/unit/test_meter_calc \
	tests/unit/test_collect_sysinfo tests/unit/test_wait_decode tests/unit/test_wait_chain \
	tests/unit/test_wait_epoll \
	tests/unit/test_wait_short tests/unit/test_kept_task_call tests/unit/test_thread_rotate \
	tests/unit/test_rates tests/unit/test_proc_traffic \
	tests/unit/test_services tests/unit/test_cgroup_service \
	tests/unit/test_open_flags tests/unit/test_sock_describe \
	tests/unit/test_collect_viewer tests/unit/test_proc_target tests/unit/test_history_time \
	tests/unit/test_zombie_exit tests/unit/test_collect_fill tests/unit/test_parse_stat \
	tests/unit/test_stat_carry tests/unit/test_fill_carry tests/unit/test_pagemap \
	tests/unit/test_collect_io tests/unit/test_collect_fd_kinds
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
tests_unit_test_channel_SOURCES = tests/unit/test_channel.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_channel_LDADD = $(IPCTOP_LIBS)
tests_unit_test_channel_inet_SOURCES = tests/unit/test_channel_inet.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_channel_inet_LDADD = $(IPCTOP_LIBS)
tests_unit_test_text_escape_LDADD = $(IPCTOP_LIBS)
tests_unit_test_services_LDADD = $(IPCTOP_LIBS)
tests_unit_test_cgroup_service_LDADD = $(IPCTOP_LIBS)
tests_unit_test_sock_describe_LDADD = $(IPCTOP_LIBS)
tests_unit_test_open_flags_LDADD = $(IPCTOP_LIBS)
tests_unit_test_history_time_LDADD = $(IPCTOP_LIBS)
tests_unit_test_zombie_exit_LDADD = $(IPCTOP_LIBS)
tests_unit_test_pagemap_LDADD = $(IPCTOP_LIBS)
tests_unit_test_collect_io_LDADD = $(IPCTOP_LIBS)
tests_unit_test_collect_fd_kinds_LDADD = $(IPCTOP_LIBS)
tests_unit_test_collect_reuse_LDADD = $(IPCTOP_LIBS)
# test_kept_task_call: a thread's syscall file kept open across refreshes, on a real child
tests_unit_test_kept_task_call_SOURCES = tests/unit/test_kept_task_call.c \
	tests/unit/task_child.c tests/unit/task_child.h
tests_unit_test_kept_task_call_LDADD = $(IPCTOP_LIBS)
# test_thread_rotate: a real child of 150 threads, its waits read 64 a refresh in turn
tests_unit_test_thread_rotate_SOURCES = tests/unit/test_thread_rotate.c \
	tests/unit/task_child.c tests/unit/task_child.h
tests_unit_test_thread_rotate_LDADD = $(IPCTOP_LIBS)
tests_unit_test_u64map_LDADD = $(IPCTOP_LIBS)
tests_unit_test_kept_fds_LDADD = $(IPCTOP_LIBS)
tests_unit_test_maps_query_LDADD = $(IPCTOP_LIBS)
tests_unit_test_collect_workers_LDADD = $(IPCTOP_LIBS)
tests_unit_test_collect_maps_LDADD = $(IPCTOP_LIBS)
# test_collect_fill: a pipe's fill measured through its holder's descriptor, never another's
tests_unit_test_collect_fill_SOURCES = tests/unit/test_collect_fill.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_collect_fill_LDADD = $(IPCTOP_LIBS)
tests_unit_test_refresh_memory_LDADD = $(IPCTOP_LIBS)
tests_unit_test_parse_pcb_LDADD = $(IPCTOP_LIBS)
# test_wait_decode: the wait table and the parsers of task states and /proc/locks
tests_unit_test_wait_decode_LDADD = $(IPCTOP_LIBS)
# test_wait_chain: waits resolved to peers, chains and rings on hand-made snapshots
tests_unit_test_wait_chain_SOURCES = tests/unit/test_wait_chain.c tests/unit/wait_hand.h \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_wait_chain_LDADD = $(IPCTOP_LIBS)
# test_wait_epoll: epoll waits' watches resolved to peers by the events they ask for
tests_unit_test_wait_epoll_SOURCES = tests/unit/test_wait_epoll.c tests/unit/wait_hand.h \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_wait_epoll_LDADD = $(IPCTOP_LIBS)
# test_wait_short: a wait in a few words, the blocked test, and "blocked since" across snapshots
tests_unit_test_wait_short_SOURCES = tests/unit/test_wait_short.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_wait_short_LDADD = $(IPCTOP_LIBS)
tests_unit_test_channel_ids_SOURCES = tests/unit/test_channel_ids.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_channel_ids_LDADD = $(IPCTOP_LIBS)
# test_channel_semantics: each rule of resolution stated by hand (roles, access, pairing)
tests_unit_test_channel_semantics_SOURCES = tests/unit/test_channel_semantics.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_channel_semantics_LDADD = $(IPCTOP_LIBS)
# test_fast_text: the printf-free number and address writers against printf and inet_ntop
tests_unit_test_fast_text_LDADD = $(IPCTOP_LIBS)
# test_term_input: the terminal input decoder on byte strings
tests_unit_test_term_input_SOURCES = tests/unit/test_term_input.c \
	tests/unit/term_input_cases.c tests/unit/term_input_cases.h
tests_unit_test_term_input_LDADD = $(IPCTOP_LIBS)
# test_proc_read: read_whole_at on a real cmdline longer than one read
tests_unit_test_proc_read_LDADD = $(IPCTOP_LIBS)
# test_collect_sysvipc: the notes when /proc/sysvipc tables are missing (root: a mount namespace)
tests_unit_test_collect_sysvipc_LDADD = $(IPCTOP_LIBS)
# test_collect_fds_denied: an fd folder listable by nobody whose links are not (root only)
tests_unit_test_collect_fds_denied_LDADD = $(IPCTOP_LIBS)
# test_parse_stat: /proc/PID/stat read by hand (the refresh path)
tests_unit_test_parse_stat_LDADD = $(IPCTOP_LIBS)
# test_stat_carry: the refresh path's process list and stat fields, on real children
tests_unit_test_stat_carry_SOURCES = tests/unit/test_stat_carry.c tests/unit/own_pidns.c \
	tests/unit/own_pidns.h
tests_unit_test_stat_carry_LDADD = $(IPCTOP_LIBS)
# test_fill_carry: a pipe's fill carried over while its holders sleep, measured once one ran
tests_unit_test_fill_carry_SOURCES = tests/unit/test_fill_carry.c tests/unit/own_pidns.c \
	tests/unit/own_pidns.h
tests_unit_test_fill_carry_LDADD = $(IPCTOP_LIBS)
# test_reuse_threads: the refresh loop's run time of processes with 8 and 9 threads
tests_unit_test_reuse_threads_LDADD = $(IPCTOP_LIBS)
# test_inet_side: TCP/UDP recognised, TCP states of a side that has closed
tests_unit_test_inet_side_LDADD = $(IPCTOP_LIBS)
# test_meter_calc: the header meters' CPU and memory arithmetic on fixed /proc text
tests_unit_test_meter_calc_LDADD = $(IPCTOP_LIBS)
# test_collect_sysinfo: the header's figures from the live /proc, the kept descriptors
tests_unit_test_collect_sysinfo_LDADD = $(IPCTOP_LIBS)
TESTS += tests/unit/sysinfo_nobody.sh
EXTRA_DIST += tests/unit/sysinfo_nobody.sh
# test_rates: rates between two hand-built snapshots (model/rates)
tests_unit_test_rates_SOURCES = tests/unit/test_rates.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_rates_LDADD = $(IPCTOP_LIBS)
# test_proc_traffic: per-process traffic (IO, IPC/s, busiest channel) and its sort (model/proc_traffic)
tests_unit_test_proc_traffic_SOURCES = tests/unit/test_proc_traffic.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_proc_traffic_LDADD = $(IPCTOP_LIBS)
# test_collect_viewer: first user namespace or not, by the ns link, else the uid_map (fake /proc)
tests_unit_test_collect_viewer_LDADD = $(IPCTOP_LIBS)
# test_proc_target: the actions' pidfd hold, renice and signal against the kernel
tests_unit_test_proc_target_LDADD = $(IPCTOP_LIBS)
# maps_nobody.sh: test_collect_maps again as nobody (pid 1's maps refused: denied, not gone)
TESTS += tests/unit/maps_nobody.sh
EXTRA_DIST += tests/unit/maps_nobody.sh
# json_zombie.sh: a zombie's exit_status in --json against waitid, as root and as nobody
TESTS += tests/unit/json_zombie.sh
EXTRA_DIST += tests/unit/json_zombie.sh
# san_watch.sh: tap.sh's collection of sanitizer reports fails on throwaway faulty programs
TESTS += tests/unit/san_watch.sh
EXTRA_DIST += tests/unit/san_watch.sh
# the golden files of test_export_json
EXTRA_DIST += tests/unit/golden/export_full.json tests/unit/golden/export_full_pretty.json \
	tests/unit/golden/export_p100_pretty.json tests/unit/golden/export_p200.json

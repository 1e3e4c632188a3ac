# tests/tui/local.mk (included by tests/local.mk) — unit tests of the TUI's pure parts and
# end-to-end tests of the interactive ipctop in tmux.
TUI_UNIT_TESTS = tests/tui/test_proc_sort tests/tui/test_proc_tree tests/tui/test_proc_cpu \
	tests/tui/test_settings tests/tui/test_meter_setup tests/tui/test_kind_glyphs tests/tui/test_table_nav \
	tests/tui/test_list_marks tests/tui/test_pcb_exit \
	tests/tui/test_filter_keep
check_PROGRAMS += $(TUI_UNIT_TESTS)
TESTS += $(TUI_UNIT_TESTS)
tests_tui_test_proc_sort_LDADD = $(IPCTOP_LIBS)
tests_tui_test_proc_tree_LDADD = $(IPCTOP_LIBS)
tests_tui_test_proc_cpu_LDADD = $(IPCTOP_LIBS)
tests_tui_test_settings_LDADD = $(IPCTOP_LIBS)
tests_tui_test_meter_setup_LDADD = $(IPCTOP_LIBS)
tests_tui_test_kind_glyphs_LDADD = $(IPCTOP_LIBS)
tests_tui_test_table_nav_LDADD = $(IPCTOP_LIBS)
tests_tui_test_list_marks_LDADD = $(IPCTOP_LIBS)
tests_tui_test_pcb_exit_LDADD = $(IPCTOP_LIBS)
tests_tui_test_filter_keep_LDADD = $(IPCTOP_LIBS)
# The tmux tests, one per line (keys.sh and mouse.sh run longest: first).
TMUX_TESTS = \
	tests/tui/keys.sh \
	tests/tui/mouse.sh \
	tests/tui/decode.sh \
	tests/tui/tui_basic.sh \
	tests/tui/actions.sh \
	tests/tui/targets.sh \
	tests/tui/lifecycle.sh \
	tests/tui/demo.sh \
	tests/tui/memory.sh \
	tests/tui/memory_figure.sh \
	tests/tui/setup.sh \
	tests/tui/meters.sh \
	tests/tui/meters_many.sh \
	tests/tui/thread_waits.sh \
	tests/tui/service_col.sh \
	tests/tui/users.sh \
	tests/tui/ipc_jump.sh \
	tests/tui/graph_hops.sh \
	tests/tui/share_tui.sh \
	tests/tui/merge_tui.sh \
	tests/tui/replay.sh tests/tui/replay_jump.sh tests/tui/record_key.sh \
	tests/tui/chans.sh \
	tests/tui/graph_groups.sh \
	tests/tui/graph_by.sh \
	tests/tui/graph_inside_rate.sh \
	tests/tui/graph_demo.sh \
	tests/tui/graph_addr.sh \
	tests/tui/udp_tui.sh \
	tests/tui/waits_pcb.sh \
	tests/tui/waits_screen.sh \
	tests/tui/waits_cases.sh \
	tests/tui/kthreads.sh \
	tests/tui/columns.sh \
	tests/tui/quicksort.sh \
	tests/tui/hscroll.sh \
	tests/tui/list_marks.sh \
	tests/tui/detail_hscroll.sh \
	tests/tui/threads.sh \
	tests/tui/traffic_tui.sh \
	tests/tui/traffic_cols.sh \
	tests/tui/anon_tab.sh \
	tests/tui/memfd_tab.sh \
	tests/tui/graph_fade.sh \
	tests/tui/service_name.sh \
	tests/tui/dialogs.sh \
	tests/tui/menus.sh \
	tests/tui/lesson_pipe.sh \
	tests/tui/lesson_program.sh \
	tests/tui/lesson_fork.sh \
	tests/tui/lesson_sockets.sh \
	tests/tui/lesson_pcb.sh \
	tests/tui/lesson_msg.sh \
	tests/tui/lesson_shm.sh \
	tests/tui/lesson_isolation.sh \
	tests/tui/lesson_addrspace.sh \
	tests/tui/lesson_sched.sh \
	tests/tui/lesson_teacher.sh \
	tests/tui/theme.sh
TESTS += $(TMUX_TESTS)
EXTRA_DIST += $(TMUX_TESTS) tests/tui/tmux_lib.sh tests/tui/lesson_lib.sh tests/tui/replay_db.py \
	tests/tui/named_listener.py tests/tui/pidns_lib.sh tests/tui/lesson_banners.py
# test_keymap: the key table against the help screen's text and the man page
check_PROGRAMS += tests/tui/test_keymap
TESTS += tests/tui/test_keymap
tests_tui_test_keymap_LDADD = $(IPCTOP_LIBS)

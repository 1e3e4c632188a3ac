# tests/local.mk — unit, integration and TUI tests (included by Makefile.am)
# tests/tap.h, the TAP producer of the C tests (each includes it as "../tap.h")
EXTRA_DIST += tests/tap.h
# tap.sh's machine_lock: the turn of the tests that fill the whole machine
CLEANFILES += tests/machine.lock
# tests/schema_check.py, the validator of every --json the tests produce (tap.sh: schema_ok)
EXTRA_DIST += tests/schema_check.py
include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/unit/parse.mk
include $(srcdir)/tests/unit/sockdiag.mk
include $(srcdir)/tests/unit/export.mk
include $(srcdir)/tests/unit/layout.mk
include $(srcdir)/tests/unit/demo.mk
include $(srcdir)/tests/unit/serve.mk
include $(srcdir)/tests/unit/merge.mk
include $(srcdir)/tests/integration/local.mk
include $(srcdir)/tests/tui/local.mk
include $(srcdir)/tests/servers/local.mk

# The unit tests: C programs on captured /proc files, hand-made snapshots and the live kernel
# (no fixture, tmux or graphviz). `make distcheck-unit` (tools/test.sh) runs them from the
# release tarball, so it is checked that the tarball builds *and* passes them; a new C unit
# test belongs in this list.
UNIT_CHECKS = $(UNIT_TESTS) $(TUI_UNIT_TESTS) $(DEMO_TESTS) tests/tui/test_keymap \
	tests/unit/test_parse_status tests/unit/test_parse_maps tests/unit/test_parse_smaps \
	tests/unit/test_parse_fdinfo tests/unit/test_parse_sysvipc tests/unit/test_parse_misc \
	tests/unit/test_parse_fuzz tests/unit/test_sockdiag tests/unit/test_sockdiag_live \
	tests/unit/test_sockdiag_ns tests/unit/test_json_writer tests/unit/test_export_json \
	tests/unit/test_export_dot tests/unit/test_addr_space tests/unit/test_layout_graph \
	tests/unit/test_cpu_grid tests/unit/test_graph_groups tests/unit/test_graph_service \
	tests/unit/test_addr_figure tests/unit/test_graph_weight tests/unit/test_graph_rank \
	tests/unit/test_graph_by tests/unit/test_layout_length tests/unit/test_export_openmetrics \
	tests/unit/test_sockdiag_fault tests/unit/test_sockdiag_lookup tests/unit/test_snap_filter \
	tests/unit/test_json_stamp tests/unit/test_serve_addr tests/unit/test_snap_json \
	tests/unit/test_channel_merge
distcheck-unit:
	$(MAKE) $(AM_MAKEFLAGS) distcheck TESTS='$(UNIT_CHECKS)'
.PHONY: distcheck-unit

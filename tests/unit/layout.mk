# tests/unit/layout.mk (included by tests/local.mk)
check_PROGRAMS += tests/unit/test_addr_space
TESTS += tests/unit/test_addr_space
tests_unit_test_addr_space_LDADD = $(IPCTOP_LIBS)
check_PROGRAMS += tests/unit/test_layout_graph
TESTS += tests/unit/test_layout_graph
tests_unit_test_layout_graph_LDADD = $(IPCTOP_LIBS)
TESTS += tests/tui/graph.sh
EXTRA_DIST += tests/tui/graph.sh
check_PROGRAMS += tests/unit/test_graph_groups
TESTS += tests/unit/test_graph_groups
tests_unit_test_graph_groups_LDADD = $(IPCTOP_LIBS)
check_PROGRAMS += tests/unit/test_addr_figure
TESTS += tests/unit/test_addr_figure
tests_unit_test_addr_figure_LDADD = $(IPCTOP_LIBS)

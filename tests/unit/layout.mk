# tests/unit/layout.mk (included by tests/local.mk)
check_PROGRAMS += tests/unit/test_addr_space
TESTS += tests/unit/test_addr_space
tests_unit_test_addr_space_LDADD = $(IPCTOP_LIBS)
check_PROGRAMS += tests/unit/test_cpu_grid
TESTS += tests/unit/test_cpu_grid
tests_unit_test_cpu_grid_LDADD = $(IPCTOP_LIBS)
check_PROGRAMS += tests/unit/test_layout_graph
TESTS += tests/unit/test_layout_graph
tests_unit_test_layout_graph_LDADD = $(IPCTOP_LIBS)
TESTS += tests/tui/graph.sh
EXTRA_DIST += tests/tui/graph.sh
check_PROGRAMS += tests/unit/test_graph_groups
TESTS += tests/unit/test_graph_groups
tests_unit_test_graph_groups_SOURCES = tests/unit/test_graph_groups.c tests/unit/graph_check.h
tests_unit_test_graph_groups_LDADD = $(IPCTOP_LIBS)
# test_graph_service: a listener's accepted connections drawn into its service node
check_PROGRAMS += tests/unit/test_graph_service
TESTS += tests/unit/test_graph_service
tests_unit_test_graph_service_LDADD = $(IPCTOP_LIBS)
check_PROGRAMS += tests/unit/test_addr_figure
TESTS += tests/unit/test_addr_figure
tests_unit_test_addr_figure_LDADD = $(IPCTOP_LIBS)
# test_graph_weight: an edge's weight by its rate (graph_model), kept by the canvas at crossings
check_PROGRAMS += tests/unit/test_graph_weight
TESTS += tests/unit/test_graph_weight
tests_unit_test_graph_weight_SOURCES = tests/unit/test_graph_weight.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_graph_weight_LDADD = $(IPCTOP_LIBS)
# test_graph_rank: network simplex ranks against hand-worked and brute-force least lengths
check_PROGRAMS += tests/unit/test_graph_rank
TESTS += tests/unit/test_graph_rank
tests_unit_test_graph_rank_LDADD = $(IPCTOP_LIBS)
# test_graph_by: the graph grouped by service (cgroup unit or container) and by user
check_PROGRAMS += tests/unit/test_graph_by
TESTS += tests/unit/test_graph_by
tests_unit_test_graph_by_SOURCES = tests/unit/test_graph_by.c tests/unit/graph_check.h
tests_unit_test_graph_by_LDADD = $(IPCTOP_LIBS)
# test_layout_length: the drawn edges' lengths in cells on fixed graphs
check_PROGRAMS += tests/unit/test_layout_length
TESTS += tests/unit/test_layout_length
tests_unit_test_layout_length_LDADD = $(IPCTOP_LIBS)

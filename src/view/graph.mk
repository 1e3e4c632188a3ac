# src/view/graph.mk — graph view (included by src/view/local.mk)
libipctop_a_SOURCES += \
	src/view/view_graph.c src/view/view_graph.h src/view/graph_view_int.h \
	src/view/graph_view_build.c src/view/graph_view_keys.c src/view/graph_view_draw.c

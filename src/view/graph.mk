# src/view/graph.mk — graph view (included by src/view/local.mk)
libipctop_a_SOURCES += \
	src/view/view_graph.c src/view/view_graph.h

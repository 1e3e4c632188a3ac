# src/layout/local.mk — sources of src/layout (included by Makefile.am)
libipctop_a_SOURCES += \
	src/layout/addr_space.c src/layout/addr_space.h src/layout/addr_space_pair.c \
	src/layout/graph_model.c src/layout/graph_model.h \
	src/layout/graph_focus.c src/layout/graph_focus.h \
	src/layout/graph_family.c src/layout/graph_family.h \
	src/layout/graph_by.c src/layout/graph_by.h \
	src/layout/graph_service.c src/layout/graph_service.h \
	src/layout/graph_canvas.c src/layout/graph_canvas.h \
	src/layout/graph_layout.c src/layout/graph_layout.h src/layout/graph_layout_int.h \
	src/layout/graph_layer.c src/layout/graph_rank.c src/layout/graph_rank.h src/layout/graph_order.c \
	src/layout/graph_place.c \
	src/layout/cpu_grid.c src/layout/cpu_grid.h

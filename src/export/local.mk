# src/export/local.mk — sources of src/export (included by Makefile.am)
libipctop_a_SOURCES += \
	src/export/json_writer.c src/export/json_writer.h src/export/json_quote.c \
	src/export/export_json.c src/export/export_json.h src/export/export_json_int.h \
	src/export/export_json_proc.c src/export/export_json_sock.c src/export/export_json_ipc.c \
	src/export/export_json_wait.c \
	src/export/export_json_anon.c src/export/export_json_cols.c \
	src/export/export_json_stamp.c \
	src/export/dot_graph.c src/export/dot_graph.h \
	src/export/export_dot.c src/export/export_dot.h src/export/export_dot_int.h \
	src/export/export_dot_screen.c \
	src/export/export_openmetrics.c src/export/export_openmetrics.h \
	src/export/om_pairs.c src/export/om_pairs.h \
	src/export/om_counters.c src/export/om_counters.h

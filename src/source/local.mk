# src/source/local.mk — where the interactive loop's snapshots come from (included by Makefile.am)
libipctop_a_SOURCES += src/source/source.h src/source/source_live.c src/source/source_fixed.c \
	src/source/source_replay.c
libipctop_a_SOURCES += src/source/snap_json.h src/source/snap_json_read.c \
	src/source/snap_json_get.h src/source/snap_json_get.c \
	src/source/snap_json_chan.h src/source/snap_json_chan.c \
	src/source/snap_json_marks.h src/source/snap_json_marks.c \
	src/source/snap_json_wait.h src/source/snap_json_wait.c

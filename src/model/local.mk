# src/model/local.mk — the snapshot model (included by Makefile.am)
libipctop_a_SOURCES += \
	src/model/snapshot.c src/model/snapshot.h \
	src/model/format_addr.c src/model/format_addr.h \
	src/model/snap_filter.c src/model/snap_filter.h

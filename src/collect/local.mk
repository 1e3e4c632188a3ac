# src/collect/local.mk — the collectors (included by Makefile.am)
include $(srcdir)/src/collect/parse.mk
include $(srcdir)/src/collect/sockdiag.mk
libipctop_a_SOURCES += \
	src/collect/collect.c src/collect/collect.h src/collect/collect_workers.c src/collect/collect_internal.h \
	src/collect/collect_procs.c src/collect/collect_stat.c src/collect/collect_listing.c src/collect/collect_threads.c src/collect/collect_rotate.c \
	src/collect/collect_fds.c src/collect/collect_maps.c \
	src/collect/collect_services.c \
	src/collect/maps_query.c src/collect/maps_query.h \
	src/collect/collect_sockets.c src/collect/collect_sysvipc.c src/collect/collect_sysinfo.c \
	src/collect/proc_read.c src/collect/proc_read.h src/collect/user_cache.c src/collect/collect_reuse.c src/collect/proc_start.c \
	src/collect/parse_proc.h
libipctop_a_SOURCES += src/collect/parse_pcb.c src/collect/parse_pcb.h
libipctop_a_SOURCES += src/collect/parse_waits.c src/collect/parse_waits.h src/collect/collect_waits.c
libipctop_a_SOURCES += src/collect/collect_viewer.c src/collect/collect_fill.c
libipctop_a_SOURCES += src/collect/pagemap.c src/collect/pagemap.h

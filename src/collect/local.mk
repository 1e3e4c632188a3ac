# src/collect/local.mk — the collectors (included by Makefile.am)
include $(srcdir)/src/collect/parse.mk
include $(srcdir)/src/collect/sockdiag.mk
libipctop_a_SOURCES += \
	src/collect/collect.c src/collect/collect.h src/collect/collect_workers.c src/collect/collect_internal.h \
	src/collect/collect_procs.c src/collect/collect_fds.c src/collect/collect_maps.c \
	src/collect/maps_query.c src/collect/maps_query.h \
	src/collect/collect_sockets.c src/collect/collect_sysvipc.c src/collect/collect_sysinfo.c \
	src/collect/proc_read.c src/collect/proc_read.h src/collect/user_cache.c src/collect/collect_reuse.c src/collect/proc_start.c \
	src/collect/parse_proc.h
libipctop_a_SOURCES += src/collect/parse_pcb.c src/collect/parse_pcb.h src/collect/syscall_names.c
libipctop_a_SOURCES += src/collect/collect_viewer.c
nodist_libipctop_a_SOURCES = src/collect/syscall_names.inc
BUILT_SOURCES = src/collect/syscall_names.inc
CLEANFILES += src/collect/syscall_names.inc
# Names of this machine's system calls, from the C library's own header.
src/collect/syscall_names.inc:
	$(AM_V_GEN)$(MKDIR_P) src/collect && \
	echo '#include <sys/syscall.h>' | $(CPP) -dM - | \
	LC_ALL=C sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9][0-9]*\)$$/[\2] = "\1",/p' > $@.tmp && \
	mv $@.tmp $@
# BUILT_SOURCES covers `make` and `make check`; this covers `make ipctop` as well.
src/collect/syscall_names.$(OBJEXT): src/collect/syscall_names.inc

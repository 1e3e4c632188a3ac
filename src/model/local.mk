# src/model/local.mk — the snapshot model (included by Makefile.am)
libipctop_a_SOURCES += \
	src/model/snapshot.c src/model/snapshot.h \
	src/model/format_addr.c src/model/format_addr.h \
	src/model/kernel_names.h src/model/signal_names.c src/model/syscall_names.c \
	src/model/capability_names.c src/model/state_names.c \
	src/model/sock_describe.c src/model/sock_describe.h \
	src/model/sysv_describe.c src/model/sysv_describe.h \
	src/model/fd_describe.c src/model/fd_describe.h src/model/anon_names.c \
	src/model/open_flags.c \
	src/model/services.c src/model/services.h \
	src/model/snap_filter.c src/model/snap_filter.h \
	src/model/meter_calc.c src/model/meter_calc.h \
	src/model/wait_decode.c src/model/wait_decode.h \
	src/model/wait_describe.c src/model/wait_describe.h \
	src/model/wait_short.c src/model/wait_short.h \
	src/model/wait_since.c src/model/wait_since.h \
	src/model/rates.c src/model/rates.h \
	src/model/restricted_names.c src/model/restricted_names.h \
	src/model/proc_traffic.c src/model/proc_traffic.h \
	src/model/proc_figures.c src/model/proc_figures.h \
	src/model/cgroup_service.c src/model/cgroup_service.h \
	src/model/snap_diff.c src/model/snap_diff.h
nodist_libipctop_a_SOURCES = src/model/syscall_names.inc
BUILT_SOURCES = src/model/syscall_names.inc
CLEANFILES += src/model/syscall_names.inc
# Names of this machine's system calls, from the C library's own header.
src/model/syscall_names.inc:
	$(AM_V_GEN)$(MKDIR_P) src/model && \
	echo '#include <sys/syscall.h>' | $(CPP) -dM - | \
	LC_ALL=C sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9][0-9]*\)$$/[\2] = "\1",/p' > $@.tmp && \
	mv $@.tmp $@
# BUILT_SOURCES covers `make` and `make check`; this covers `make ipctop` as well.
src/model/syscall_names.$(OBJEXT): src/model/syscall_names.inc

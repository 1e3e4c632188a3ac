# src/collect/sockdiag.mk — NETLINK_SOCK_DIAG collector (included by src/collect/local.mk)
libipctop_a_SOURCES += \
	src/collect/collect_sockdiag.c src/collect/collect_sockdiag.h \
	src/collect/sockdiag_parse.c src/collect/sockdiag_parse.h \
	src/collect/sockdiag_io.c src/collect/sockdiag_io.h

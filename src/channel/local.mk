# src/channel/local.mk — channel resolution (included by Makefile.am)
libipctop_a_SOURCES += \
	src/channel/channel_resolve.c src/channel/channel_resolve.h \
	src/channel/channel_table.c src/channel/channel_table.h \
	src/channel/channel_kinds.h src/channel/channel_fds.c src/channel/channel_sysv.c \
	src/channel/channel_unix.c src/channel/channel_inet.c \
	src/channel/inet_side.c src/channel/inet_side.h \
	src/channel/channel_id.c src/channel/channel_id.h \
	src/channel/wait_chain.c src/channel/wait_chain.h \
	src/channel/channel_merge.c src/channel/channel_merge.h src/channel/channel_pair.c

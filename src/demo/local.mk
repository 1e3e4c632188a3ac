# src/demo/local.mk — the --demo processes (included by Makefile.am)
libipctop_a_SOURCES += \
	src/demo/demo.c src/demo/demo.h src/demo/demo_end.c src/demo/demo_janitor.c \
	src/demo/demo_pidfd.c \
	src/demo/demo_priv.h

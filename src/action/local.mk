# src/action/local.mk — what ipctop does to processes when asked (included by Makefile.am)
libipctop_a_SOURCES += src/action/proc_target.c src/action/proc_target.h

# src/source/local.mk — where the interactive loop's snapshots come from (included by Makefile.am)
libipctop_a_SOURCES += src/source/source.h src/source/source_live.c

# src/util/local.mk — small shared utilities (included by Makefile.am)
libipctop_a_SOURCES += \
	src/util/arena.c src/util/arena.h \
	src/util/xalloc.c src/util/xalloc.h \
	src/util/strbuf.c src/util/strbuf.h \
	src/util/text_escape.c src/util/text_escape.h \
	src/util/u64map.c src/util/u64map.h
libipctop_a_SOURCES += src/util/fast_text.c src/util/fast_text.h \
	src/util/kept_fds.c src/util/kept_fds.h src/util/human_size.c src/util/human_size.h \
	src/util/word_hash.c src/util/word_hash.h
# proc_exit: forked children end through it, so coverage builds keep their gcov counts
libipctop_a_SOURCES += src/util/proc_exit.c src/util/proc_exit.h src/util/mono_clock.h

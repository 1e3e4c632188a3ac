# src/history/local.mk — the recording of --record and --replay (an SQLite database)
libipctop_a_SOURCES += src/history/history.h src/history/history_int.h \
	src/history/history_schema.c src/history/history_db.c \
	src/history/history_write.c src/history/history_write_proc.c \
	src/history/history_write_chan.c src/history/history_write_skip.c \
	src/history/history_live.c src/history/history_live.h \
	src/history/history_text.c src/history/history_text.h src/history/history_reopen.c \
	src/history/history_doc.c src/history/history_doc.h \
	src/history/history_read.c src/history/history_time.c src/history/history_time.h \
	src/history/history_limits.c src/history/history_busy.c \
	src/history/history_figures.c

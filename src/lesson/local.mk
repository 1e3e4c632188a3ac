# src/lesson/local.mk — ipctop --lesson: the helper program the lessons run, and the lessons
# themselves (included by Makefile.am)
pkglibexec_PROGRAMS = ipctop-lesson-helper
ipctop_lesson_helper_SOURCES = \
	src/lesson/helper.h src/lesson/helper_main.c src/lesson/helper_roles.c \
	src/lesson/helper_socks.c src/lesson/helper_msg.c \
	src/lesson/helper_shm.c src/lesson/helper_iso.c src/lesson/helper_sched.c \
	src/lesson/helper_posix.c src/lesson/helper_demo.c
ipctop_lesson_helper_LDADD =
libipctop_a_SOURCES += \
	src/lesson/lesson.h src/lesson/lesson_table.c src/lesson/lesson_run.c \
	src/lesson/lesson_procs.c src/lesson/lesson_path.c src/lesson/lesson_janitor.c \
	src/lesson/lesson_facts.c src/lesson/lesson_sched.c src/lesson/lesson_posix.c \
	src/lesson/lesson_unix.c src/lesson/lesson_launch.c
# where `make install` puts the helper: ipctop looks there when it is not next to ipctop
AM_CPPFLAGS += -DLESSON_HELPER_DIR='"$(pkglibexecdir)"'

# src/lesson/local.mk — ipctop --lesson: the helper program the lessons run, and the lessons
# themselves (included by Makefile.am)
pkglibexec_PROGRAMS = ipctop-lesson-helper
ipctop_lesson_helper_SOURCES = \
	src/lesson/helper.h src/lesson/helper_main.c src/lesson/helper_roles.c \
	src/lesson/helper_socks.c
ipctop_lesson_helper_LDADD =

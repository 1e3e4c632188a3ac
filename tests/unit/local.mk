# tests/unit/local.mk — unit tests of the model and channel resolution (included by tests/local.mk)
check_PROGRAMS += tests/unit/test_channel tests/unit/test_text_escape
TESTS += tests/unit/test_channel tests/unit/test_text_escape
tests_unit_test_channel_SOURCES = tests/unit/test_channel.c tests/tap.h
tests_unit_test_channel_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
tests_unit_test_channel_LDADD = $(IPCTOP_LIBS)
tests_unit_test_text_escape_SOURCES = tests/unit/test_text_escape.c tests/tap.h
tests_unit_test_text_escape_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
tests_unit_test_text_escape_LDADD = $(IPCTOP_LIBS)
check_PROGRAMS += tests/unit/test_collect_reuse
TESTS += tests/unit/test_collect_reuse
tests_unit_test_collect_reuse_SOURCES = tests/unit/test_collect_reuse.c tests/tap.h
tests_unit_test_collect_reuse_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
tests_unit_test_collect_reuse_LDADD = $(IPCTOP_LIBS)

# tests/local.mk — unit, integration and TUI tests (included by Makefile.am)
# tests/tap.h, the TAP producer of the C tests (each includes it as "../tap.h")
EXTRA_DIST += tests/tap.h
include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/unit/parse.mk
include $(srcdir)/tests/unit/sockdiag.mk
include $(srcdir)/tests/unit/export.mk
include $(srcdir)/tests/unit/layout.mk
include $(srcdir)/tests/unit/demo.mk
include $(srcdir)/tests/integration/local.mk
include $(srcdir)/tests/tui/local.mk
include $(srcdir)/tests/servers/local.mk

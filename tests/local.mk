# tests/local.mk — unit, integration and TUI tests (included by Makefile.am)
# tests/tap.h, the TAP producer of the C tests (each includes it as "../tap.h")
EXTRA_DIST += tests/tap.h
# tests/schema_check.py, the validator of every --json the tests produce (tap.sh: schema_ok)
EXTRA_DIST += tests/schema_check.py
include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/unit/parse.mk
include $(srcdir)/tests/unit/sockdiag.mk
include $(srcdir)/tests/unit/export.mk
include $(srcdir)/tests/unit/layout.mk
include $(srcdir)/tests/unit/demo.mk
include $(srcdir)/tests/integration/local.mk
include $(srcdir)/tests/tui/local.mk
include $(srcdir)/tests/servers/local.mk

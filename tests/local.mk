# tests/local.mk — unit, integration and TUI tests (included by Makefile.am)

# tests/tui/local.mk (included by tests/local.mk)

# tests/unit/layout.mk (included by tests/local.mk)

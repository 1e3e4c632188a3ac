# tests/unit/export.mk (included by tests/local.mk)

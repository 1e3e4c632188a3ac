# tests/unit/local.mk (included by tests/local.mk)

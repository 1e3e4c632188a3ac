# tests/unit/parse.mk (included by tests/local.mk)

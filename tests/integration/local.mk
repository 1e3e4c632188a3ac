# tests/integration/local.mk (included by tests/local.mk)

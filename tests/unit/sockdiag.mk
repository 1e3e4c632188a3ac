# tests/unit/sockdiag.mk (included by tests/local.mk)

# tests/hardening/local.mk (included by Makefile.am)

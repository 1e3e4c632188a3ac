# fuzz/local.mk (included by Makefile.am)

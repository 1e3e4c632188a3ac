# src/collect/local.mk — the collectors (included by Makefile.am)
include $(srcdir)/src/collect/parse.mk
include $(srcdir)/src/collect/sockdiag.mk

# src/view/local.mk — sources of src/view (included by Makefile.am)
include $(srcdir)/src/view/graph.mk

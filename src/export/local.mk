# src/export/local.mk — sources of src/export (included by Makefile.am)

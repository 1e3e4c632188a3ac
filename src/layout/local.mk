# src/layout/local.mk — sources of src/layout (included by Makefile.am)

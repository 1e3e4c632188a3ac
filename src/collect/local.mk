# src/collect/local.mk — sources of src/collect (included by Makefile.am)

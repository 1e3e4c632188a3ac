# src/view/local.mk — sources of src/view (included by Makefile.am)

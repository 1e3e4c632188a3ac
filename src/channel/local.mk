# src/channel/local.mk — sources of src/channel (included by Makefile.am)

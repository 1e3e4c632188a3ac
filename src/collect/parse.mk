# src/collect/parse.mk — pure /proc text parsers (included by src/collect/local.mk)

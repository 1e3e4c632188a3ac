# src/serve/local.mk — ipctop --serve: the address parser (in libipctop, unit-tested) and the
# HTTP server (libmicrohttpd; linked into ipctop only)
libipctop_a_SOURCES += src/serve/serve_addr.c src/serve/serve_addr.h
ipctop_SOURCES += src/serve/serve_http.c src/serve/serve_http.h

# src/serve/local.mk — ipctop --serve: the address parser (in libipctop, unit-tested) and the
# HTTP server (in ipctop only; libmicrohttpd is not linked but loaded by --serve, mhd_load.c)
libipctop_a_SOURCES += src/serve/serve_addr.c src/serve/serve_addr.h
ipctop_SOURCES += src/serve/serve_http.c src/serve/serve_http.h src/serve/mhd_load.c src/serve/mhd_load.h

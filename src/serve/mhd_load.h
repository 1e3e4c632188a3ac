/* mhd_load.h — libmicrohttpd, loaded with dlopen only when --serve runs: the TUI and every
 * other mode never map it, nor GnuTLS and the libraries GnuTLS pulls in (about 3 MiB of
 * resident memory at start; issue 17). The functions keep the types <microhttpd.h> gives
 * them, so a call through this table is checked as a direct call would be. */
#ifndef IPCTOP_MHD_LOAD_H
#define IPCTOP_MHD_LOAD_H

#include <microhttpd.h>

/* The SONAME Debian 12's libmicrohttpd12 ships (objdump -p). */
#define MHD_SONAME "libmicrohttpd.so.12"

struct mhd_api {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_get_fdset2) *get_fdset2;
	__typeof__(MHD_get_timeout) *get_timeout;
	__typeof__(MHD_run_from_select) *run_from_select;
	__typeof__(MHD_lookup_connection_value) *lookup_connection_value;
	__typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
};

/* Load the library and every function above into api. Returns 0, or -1 after printing
 * "ipctop: --serve needs libmicrohttpd.so.12: <why>" to stderr. The library stays loaded. */
int mhd_load(struct mhd_api *api);

#endif

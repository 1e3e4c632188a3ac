/* mhd_load.c — dlopen libmicrohttpd for --serve and look up the functions serve_http.c calls
 * (see mhd_load.h for why it is not linked). */
#include "config.h"

#include "serve/mhd_load.h"

#include <dlfcn.h>
#include <stdio.h>

/* The table's slots in order, with the name each is looked up by. */
#define MHD_FUNCS(X) \
	X(start_daemon) X(stop_daemon) X(get_daemon_info) X(get_fdset2) X(get_timeout) \
	X(run_from_select) X(lookup_connection_value) X(create_response_from_buffer) \
	X(add_response_header) X(queue_response) X(destroy_response)

/* Each slot from dlsym, as POSIX has it: an object pointer cast to the slot's type. */
#define LOOKUP(name)                                                               \
	api->name = (__typeof__(api->name))dlsym(lib, "MHD_" #name);               \
	if (!api->name) {                                                          \
		fprintf(stderr, "ipctop: --serve needs " MHD_SONAME ": %s\n", dlerror()); \
		dlclose(lib);                                                      \
		return -1;                                                         \
	}

int mhd_load(struct mhd_api *api)
{
	void *lib = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "ipctop: --serve needs " MHD_SONAME ": %s\n", dlerror());
		return -1;
	}
	MHD_FUNCS(LOOKUP)
	return 0;
}

/* collect_services.c — load /etc/services once into the model's table of port names
 * (model/services.h); a missing or unreadable file leaves the table empty: ports by number. */
#include <fcntl.h>
#include <pthread.h>

#include "collect/collect_internal.h"
#include "model/services.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	struct strbuf sb = STRBUF_INIT;
	long n = read_file_at(AT_FDCWD, "/etc/services", &sb);
	if (n > 0)
		services_parse(sb.buf, (size_t)n);
	sb_free(&sb);
}

void collect_services_load(void)
{
	pthread_once(&once, load);
}

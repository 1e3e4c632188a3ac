/* user_cache.c — uid to user name, looked up once per uid for the life of the program
 * (getpwuid can be slow with NSS backends, and every snapshot asks again). */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>

#include "collect/collect_internal.h"
#include "util/u64map.h"
#include "util/xalloc.h"

static struct u64map by_uid;
static char **names;
static size_t n_names, cap_names;

const char *user_name(uid_t uid)
{
	if (!by_uid.slots)
		u64map_init(&by_uid, 64);
	int32_t i = u64map_get(&by_uid, uid);
	if (i >= 0)
		return names[i];
	char buf[32];
	struct passwd *pw = getpwuid(uid);
	const char *name = pw && pw->pw_name ? pw->pw_name : NULL;
	if (!name) {
		snprintf(buf, sizeof(buf), "%u", (unsigned)uid);
		name = buf;
	}
	XGROW(names, cap_names, n_names + 1);
	names[n_names] = xstrdup(name);
	u64map_put(&by_uid, uid, (int32_t)n_names);
	return names[n_names++];
}

void user_cache_free(void)
{
	for (size_t i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
	names = NULL;
	n_names = cap_names = 0;
	u64map_free(&by_uid);
}

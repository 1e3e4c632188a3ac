/* restricted_names.c — the proc_flag bits of what could not be read, and their JSON words. */
#include <string.h>

#include "model/restricted_names.h"
#include "model/snapshot.h"

static const struct { uint32_t flag; const char *word; } marks[] = {
	{ PF_FDS_DENIED, "fds" }, { PF_MAPS_DENIED, "maps" }, { PF_STATUS_DENIED, "status" },
	{ PF_NETNS_DENIED, "netns" }, { PF_NETNS_UNDUMPED, "netns_undumped" },
	{ PF_TASKS_UNREAD, "thread_waits" },
};

size_t restricted_count(void)
{
	return sizeof(marks) / sizeof(marks[0]);
}

uint32_t restricted_flag(size_t i)
{
	return marks[i].flag;
}

const char *restricted_word(size_t i)
{
	return marks[i].word;
}

uint32_t restricted_flag_of(const char *word)
{
	for (size_t i = 0; i < restricted_count(); i++)
		if (!strcmp(marks[i].word, word))
			return marks[i].flag;
	return 0;
}

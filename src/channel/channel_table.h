/* channel_table.h — building channels: find-or-add a channel by its object key, add endpoints
 * (one per process and channel, merging the access of several descriptors), then pack the
 * endpoints into the snapshot. Used by the resolvers of each kind. */
#ifndef IPCTOP_CHANNEL_TABLE_H
#define IPCTOP_CHANNEL_TABLE_H

#include "model/snapshot.h"
#include "util/u64map.h"

/* The identity of an IPC object: kind plus two words (device and inode, namespace and tuple
 * hash, ...). */
struct chan_key {
	enum chan_kind kind;
	uint64_t a, b;
};

struct pending_ep {
	int32_t chan;
	struct endpoint ep;
};

struct chan_table {
	struct snapshot *s;
	struct u64map by_key;         /* hash of chan_key -> channel index (the key is checked) */
	struct chan_key *keys;        /* per channel */
	size_t cap_keys;
	struct u64map by_chan_pid;    /* channel << 32 | pid -> pending endpoint index */
	struct pending_ep *eps;
	size_t n_eps, cap_eps;
};

void chan_table_init(struct chan_table *t, struct snapshot *s);
/* Index of the channel for key, created (with id text made by the caller) when new. */
int32_t chan_table_get(struct chan_table *t, struct chan_key key, bool *created);
/* Index of the channel for key, or -1. */
int32_t chan_table_find(const struct chan_table *t, struct chan_key key);
/* Add an endpoint; a second one of the same process merges into the first (a descriptor is
 * preferred over a mapping, the lowest fd kept, access OR-ed). Off-host peers (pid 0) are
 * never merged. */
void chan_table_add_ep(struct chan_table *t, int32_t chan, const struct endpoint *ep);
/* Move the endpoints into s->chans[i].ep (arena), count channels per process, free the table. */
void chan_table_finish(struct chan_table *t);

#endif

/* channel_table.h — building channels: find-or-add a channel by its object key, add endpoints
 * (one per process and channel, merging the access of several descriptors), then pack the
 * endpoints into the snapshot. Used by the resolvers of each kind. */
#ifndef IPCTOP_CHANNEL_TABLE_H
#define IPCTOP_CHANNEL_TABLE_H

#include "model/snapshot.h"

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

/* Open addressing with linear probing: a 64-bit tag per slot and the index it leads to, plus
 * one (0 marks an empty slot, so a zeroed table is empty). Sized once from the snapshot's
 * counts so it does not grow during a resolution (it still can). */
struct tag_slot {
	uint64_t tag;
	int32_t val_plus1;
};

struct tag_table {
	struct tag_slot *slots;
	size_t mask, len;
};

struct chan_table {
	struct snapshot *s;
	struct tag_table by_key;      /* hash of chan_key -> channel index (the key is checked) */
	struct chan_key *keys;        /* per channel */
	size_t cap_keys;
	struct tag_table by_chan_pid; /* channel << 32 | pid -> pending endpoint index */
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

/* snap_json_get.h — typed, bounded member access for the snapshot reader: each getter checks
 * the JSON type and range of one member and, when it fails, writes the error naming the file
 * and the member's path, so that the reader never acts on a value it did not check. */
#ifndef IPCTOP_SNAP_JSON_GET_H
#define IPCTOP_SNAP_JSON_GET_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

struct rd {
	struct snapshot *s;
	struct strbuf *err;
	const char *name;         /* the file, for messages */
	char where[96];           /* path of the object being read, e.g. "channels[2].endpoints[0]" */
};

/* Error about member key (NULL: the object itself) of the current object; returns false. */
bool rd_fail(struct rd *r, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void rd_where(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

enum { OPT = 0, REQ = 1 };
/* An integer in [lo, hi]; absent (OPT) leaves *out. */
bool get_int(struct rd *r, json_t *o, const char *key, int req, int64_t lo, int64_t hi, int64_t *out);
/* An integer in [lo, hi] or null (then *out = dflt). */
bool get_int_null(struct rd *r, json_t *o, const char *key, int64_t lo, int64_t hi, int64_t dflt,
                  int64_t *out);
bool get_u64(struct rd *r, json_t *o, const char *key, int req, uint64_t *out);
bool get_num(struct rd *r, json_t *o, const char *key, int req, double *out);
bool get_bool(struct rd *r, json_t *o, const char *key, int req, bool *out);
/* A string (copied into the snapshot's arena) or, if nullable, null (*out = NULL). */
bool get_str(struct rd *r, json_t *o, const char *key, int req, bool nullable, char **out);
/* The string v (the member key, for messages), decoded and copied into the arena. */
bool take_str(struct rd *r, json_t *v, const char *key, char **out);
/* An object or an array of at most SNAP_JSON_MAX_ITEMS; absent (OPT): *out = NULL. */
bool get_obj(struct rd *r, json_t *o, const char *key, int req, json_t **out);
bool get_arr(struct rd *r, json_t *o, const char *key, int req, json_t **out);
/* A name from names[0..n) (NULL entries skipped) or, if numbers_ok, a number in [0, 255]. */
bool get_name(struct rd *r, json_t *o, const char *key, const char *(*name_of)(unsigned),
              unsigned n, bool numbers_ok, unsigned *out);

#endif

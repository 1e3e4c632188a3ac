/* snap_json.h — reads ipctop's own --json snapshot (data/ipctop-snapshot.schema.json) back into
 * the snapshot model, for --merge and a file source. Input from outside: strict and bounded
 * (document size, nesting, counts, string lengths); a bad, truncated or foreign document is an
 * error naming the file and the byte offset (syntax) or the member path (content). */
#ifndef IPCTOP_SNAP_JSON_H
#define IPCTOP_SNAP_JSON_H

#include <stddef.h>

#include "model/snapshot.h"
#include "util/strbuf.h"

#define SNAP_JSON_MAX_BYTES   (256u << 20)   /* whole document */
#define SNAP_JSON_MAX_DEPTH   16             /* the schema nests 6 deep */
#define SNAP_JSON_MAX_ITEMS   (1u << 20)     /* processes, channels, endpoints per channel, notes */
#define SNAP_JSON_MAX_STRING  (1u << 20)     /* one string (a command line) */

/* Parse len bytes (any bytes: NUL, invalid UTF-8 are errors) named name in messages into s,
 * which must be freshly initialised. 0, or -1 with the reason in err (s is then to be freed). */
int snap_json_read(struct snapshot *s, const char *buf, size_t len, const char *name,
                   struct strbuf *err);
/* Read a whole file ("-": standard input), bounded by SNAP_JSON_MAX_BYTES, and parse it. */
int snap_json_load(struct snapshot *s, const char *path, struct strbuf *err);

#endif

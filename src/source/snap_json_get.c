/* snap_json_get.c — typed, bounded member access for the snapshot reader (see snap_json_get.h). */
#include "source/snap_json_get.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "source/snap_json.h"
#include "util/text_escape.h"

bool rd_fail(struct rd *r, const char *key, const char *fmt, ...)
{
	va_list ap;
	sb_reset(r->err);
	sb_printf(r->err, "%s: %s%s%s: ", r->name, r->where[0] ? r->where : "(document)",
	          key ? "." : "", key ? key : "");
	va_start(ap, fmt);
	sb_vprintf(r->err, fmt, ap);
	va_end(ap);
	return false;
}

void rd_where(struct rd *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->where, sizeof(r->where), fmt, ap);
	va_end(ap);
}

/* The member, or NULL; a missing required member is the error. */
static json_t *member(struct rd *r, json_t *o, const char *key, int req, bool *ok)
{
	json_t *v = json_object_get(o, key);
	*ok = v || !req;
	if (!v && req)
		rd_fail(r, key, "missing");
	return v;
}

bool get_int(struct rd *r, json_t *o, const char *key, int req, int64_t lo, int64_t hi, int64_t *out)
{
	bool ok;
	json_t *v = member(r, o, key, req, &ok);
	if (!v)
		return ok;
	if (!json_is_integer(v))
		return rd_fail(r, key, "expected an integer");
	json_int_t n = json_integer_value(v);
	if (n < lo || n > hi)
		return rd_fail(r, key, "%lld out of range [%lld, %lld]", (long long)n, (long long)lo,
		               (long long)hi);
	*out = n;
	return true;
}

bool get_int_null(struct rd *r, json_t *o, const char *key, int64_t lo, int64_t hi, int64_t dflt,
                  int64_t *out)
{
	json_t *v = json_object_get(o, key);
	if (v && json_is_null(v)) {
		*out = dflt;
		return true;
	}
	return get_int(r, o, key, REQ, lo, hi, out);
}

/* jansson keeps integers as long long: the u64 figures of a snapshot above 2^63 do not occur
 * (counters, inodes, sizes), and a document with one is refused rather than wrapped. */
bool get_u64(struct rd *r, json_t *o, const char *key, int req, uint64_t *out)
{
	int64_t v;
	if (!get_int(r, o, key, req, 0, INT64_MAX, &v))
		return false;
	if (json_object_get(o, key))
		*out = (uint64_t)v;
	return true;
}

bool get_num(struct rd *r, json_t *o, const char *key, int req, double *out)
{
	bool ok;
	json_t *v = member(r, o, key, req, &ok);
	if (!v)
		return ok;
	if (!json_is_number(v))
		return rd_fail(r, key, "expected a number");
	*out = json_number_value(v);
	return true;
}

bool get_bool(struct rd *r, json_t *o, const char *key, int req, bool *out)
{
	bool ok;
	json_t *v = member(r, o, key, req, &ok);
	if (!v)
		return ok;
	if (!json_is_boolean(v))
		return rd_fail(r, key, "expected true or false");
	*out = json_is_true(v);
	return true;
}

bool take_str(struct rd *r, json_t *v, const char *key, char **out)
{
	if (!json_is_string(v))
		return rd_fail(r, key, "expected a string");
	size_t n = json_string_length(v);
	if (n > SNAP_JSON_MAX_STRING)
		return rd_fail(r, key, "string of %zu bytes (limit %u)", n, SNAP_JSON_MAX_STRING);
	/* the exporter wrote it by text_escape's rule: take back the original bytes */
	struct strbuf raw = STRBUF_INIT;
	bool good = esc_decode(&raw, json_string_value(v), n);
	if (good)
		*out = arena_strndup(&r->s->arena, sb_str(&raw), raw.len);
	sb_free(&raw);
	return good || rd_fail(r, key, "text that ipctop's escaping cannot have written");
}

bool get_str(struct rd *r, json_t *o, const char *key, int req, bool nullable, char **out)
{
	bool ok;
	json_t *v = member(r, o, key, req, &ok);
	if (!v)
		return ok;
	if (nullable && json_is_null(v)) {
		*out = NULL;
		return true;
	}
	if (!json_is_string(v))
		return rd_fail(r, key, nullable ? "expected a string or null" : "expected a string");
	return take_str(r, v, key, out);
}

static bool get_typed(struct rd *r, json_t *o, const char *key, int req, bool want_array, json_t **out)
{
	bool ok;
	json_t *v = member(r, o, key, req, &ok);
	*out = NULL;
	if (!v)
		return ok;
	if (want_array ? !json_is_array(v) : !json_is_object(v))
		return rd_fail(r, key, want_array ? "expected an array" : "expected an object");
	size_t n = want_array ? json_array_size(v) : json_object_size(v);
	if (n > SNAP_JSON_MAX_ITEMS)
		return rd_fail(r, key, "%zu items (limit %u)", n, SNAP_JSON_MAX_ITEMS);
	*out = v;
	return true;
}

bool get_obj(struct rd *r, json_t *o, const char *key, int req, json_t **out)
{
	return get_typed(r, o, key, req, false, out);
}

bool get_arr(struct rd *r, json_t *o, const char *key, int req, json_t **out)
{
	return get_typed(r, o, key, req, true, out);
}

bool get_name(struct rd *r, json_t *o, const char *key, const char *(*name_of)(unsigned),
              unsigned n, bool numbers_ok, unsigned *out)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return rd_fail(r, key, "missing");
	if (numbers_ok && json_is_integer(v)) {
		int64_t k;
		if (!get_int(r, o, key, REQ, 0, 255, &k))
			return false;
		*out = (unsigned)k;
		return true;
	}
	if (!json_is_string(v))
		return rd_fail(r, key, "expected a name");
	for (unsigned i = 0; i < n; i++) {
		const char *nm = name_of(i);
		if (nm && strcmp(nm, json_string_value(v)) == 0) {
			*out = i;
			return true;
		}
	}
	struct strbuf sb = STRBUF_INIT;
	esc_append(&sb, json_string_value(v), json_string_length(v) > 40 ? 40 : json_string_length(v));
	rd_fail(r, key, "unknown name \"%s\"", sb_str(&sb));
	sb_free(&sb);
	return false;
}

/* fuzz_snap_json.c — libFuzzer target: the --merge reader (snap_json_read) on any bytes: a
 * document read from another host is input from outside. Either it is refused with a message
 * naming the file, or the snapshot it gives holds together (indices in range). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "source/snap_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_indices(const struct snapshot *s)
{
	for (size_t c = 0; c < s->n_chans; c++)
		for (size_t e = 0; e < s->chans[c].n_ep; e++) {
			const struct endpoint *ep = &s->chans[c].ep[e];
			if (ep->proc >= (int32_t)s->n_procs || ep->sock >= (int32_t)s->n_socks)
				abort();
			if (ep->proc >= 0 && s->procs[ep->proc].pid != ep->pid)
				abort();
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot s;
	struct strbuf err = STRBUF_INIT;
	snapshot_init(&s);
	int rc = snap_json_read(&s, (const char *)data, size, "f.json", &err);
	if (rc < 0 && strncmp(sb_str(&err), "f.json: ", 8) != 0)
		abort();
	if (rc == 0)
		check_indices(&s);
	snapshot_free(&s);
	sb_free(&err);
	return 0;
}

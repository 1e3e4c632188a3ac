/* addr_space.h — geometry of the address-space figure (pure, no curses): which mappings share
 * a band, how many rows each band gets, and where the unmapped gaps go. The Memory tab draws it. */
#ifndef IPCTOP_ADDR_SPACE_H
#define IPCTOP_ADDR_SPACE_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

enum as_row_type { AS_SEG, AS_GAP };

/* One band of the figure. out[] is in address order (out[0] holds the lowest addresses) and
 * y grows downwards: out[0] has the largest y. Rows fill y = 0 .. (sum of heights - 1). */
struct as_row {
	enum as_row_type type;
	size_t first_map, n_maps;   /* maps[first_map ..] grouped into this band; a gap: 0 maps,
	                               first_map = the mapping above it */
	uint64_t start, end;        /* address range [start, end) */
	int y, height;
	enum segment seg;           /* the class holding most bytes of the band (SEG_ANON for a gap) */
};

/* Smallest hole between two mappings drawn as a gap. */
#define AS_GAP_MIN (1024 * 1024)

/* Lay out maps (sorted by start) from low addresses (bottom) to high (top) into `height` rows;
 * sizes log-scaled; every segment class present gets at least one row (when height allows);
 * unmapped holes appear as AS_GAP rows; consecutive mappings of one class and one file are
 * grouped. Returns the number of rows written to out (≤ max). */
size_t addr_space_layout(const struct map_info *maps, size_t n, int height, struct as_row *out, size_t max);

#endif

/* addr_space.h — geometry of the address-space figure (pure, no curses): which mappings share
 * a band, how many rows each band gets, where the unmapped gaps go, kernel space on top, and
 * two figures side by side with their shared segments on the same rows. The Memory tab draws
 * it. */
#ifndef IPCTOP_ADDR_SPACE_H
#define IPCTOP_ADDR_SPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* AS_SEG: mappings; AS_GAP: an unmapped hole; AS_KERNEL: kernel space, above the user address
 * limit; AS_PAD: blank rows that line a figure up with the other one in compare mode. */
enum as_row_type { AS_SEG, AS_GAP, AS_KERNEL, AS_PAD };

/* One band of the figure. out[] is in address order (out[0] holds the lowest addresses) and
 * y grows downwards: out[0] has the largest y. Rows fill y = 0 .. (sum of heights - 1). */
struct as_row {
	enum as_row_type type;
	size_t first_map, n_maps;   /* maps[first_map ..] grouped into this band; a gap: 0 maps,
	                               first_map = the mapping above it */
	uint64_t start, end;        /* address range [start, end); kernel space: end 0 (2^64) */
	uint64_t bytes;             /* mapped bytes of the band; a gap, kernel space: its size */
	int y, height;
	enum segment seg;           /* the class holding most bytes of the band (SEG_ANON for a gap) */
	unsigned n_libs;            /* a lib band: how many libraries it holds */
	bool shared;                /* compare mode: this band is mapped by both processes */
};

struct as_opts {
	bool expand_libs;           /* one band per library; else all libraries as one band (cut
	                               only where a band of another class lies between them) */
	bool kernel;                /* draw kernel space (and maps above the limit) on top */
	uint64_t user_limit;        /* first address above user space; 0: this machine's */
};

/* Smallest hole between two mappings drawn as a gap. */
#define AS_GAP_MIN (1024 * 1024)

/* The first address above user space: 2^47 on x86-64 (2^56 when a mapping lies above, with
 * 5-level page tables), 2^48 on arm64, else the power of two above the highest user map. */
uint64_t addr_space_user_limit(const struct map_info *maps, size_t n);

/* Lay out maps (sorted by start) from low addresses (bottom) to high (top) into `height` rows;
 * sizes log-scaled; every segment class present gets at least one row (when height allows);
 * unmapped holes appear as AS_GAP rows; consecutive mappings of one class and one file are
 * grouped. Returns the number of rows written to out (≤ max). */
size_t addr_space_layout(const struct map_info *maps, size_t n, int height, const struct as_opts *o,
			 struct as_row *out, size_t max);

/* Set y of rows[0..n) from their heights (rows[n - 1] at y 0); returns the total height. */
int addr_space_stack(struct as_row *rows, size_t n);

/* Two figures of `height` rows each for compare mode: the shared segments of a and b (a SysV,
 * POSIX or anonymous shared mapping of the same object: SEG_SHM with one dev and inode) that
 * come in the same address order in both get the same rows and `shared`. */
struct as_pair_out { struct as_row *rows; size_t n, max; };
void addr_space_pair(const struct map_info *a, size_t na, const struct map_info *b, size_t nb,
		     int height, const struct as_opts *o, struct as_pair_out *out_a,
		     struct as_pair_out *out_b);

#endif

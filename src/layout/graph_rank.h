/* graph_rank.h — ranks (columns) of an acyclic directed graph by network simplex (Gansner,
 * Koutsofios, North, Vo, "A technique for drawing directed graphs", 1993): every edge spans
 * at least one rank and the sum of the spans is the least possible. Pure, no terminal. */
#ifndef IPCTOP_GRAPH_RANK_H
#define IPCTOP_GRAPH_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Ranks of n nodes joined by m edges from[i] → to[i] (the graph must have no cycle; edges whose
 * ends are equal or out of range are ignored). Each connected part is ranked on its own and
 * starts at rank 0; nodes whose in- and out-edges are as many move to the least crowded rank
 * they may take (dot's balance). At most max_iter exchanges are made per part (0: no limit);
 * returns false when a part stopped at that limit: its ranks are then valid but may not be
 * the shortest. */
bool gl_rank_simplex(size_t n, const uint32_t *from, const uint32_t *to, size_t m, int *rank, long max_iter);

/* Sum over edges of rank[to] - rank[from] (for tests and the bench). */
long gl_rank_length(const uint32_t *from, const uint32_t *to, size_t m, const int *rank);

#endif

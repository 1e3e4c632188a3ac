/* human_size.h — byte counts in binary units for people ("512 B", "6.9 GiB"). */
#ifndef IPCTOP_HUMAN_SIZE_H
#define IPCTOP_HUMAN_SIZE_H

#include <stddef.h>

/* Write v bytes as "N B" below 1 KiB, else one decimal and the largest fitting unit up to EiB
 * (2^64 bytes: "16.0 EiB"). */
void human_bytes(char *out, size_t n, double v);

/* A rate or size in at most 5 cells for a table column, binary units without "B": "512",
 * "4.0K", "12.5M", "980M", "1.2G" ("?" for NAN or a negative value). */
void human_short(char *out, size_t n, double v);

#endif

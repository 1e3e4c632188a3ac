/* proc_names.h — words for the numbers and letters of a PCB: states, policies; sizes and
 * durations (terminal names: model/proc_figures.h, for --json too). */
#ifndef IPCTOP_PROC_NAMES_H
#define IPCTOP_PROC_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* "running", "sleeping (interruptible)", ... for a state letter; "unknown" otherwise. */
const char *state_meaning(char state);
/* "OTHER", "FIFO", "RR", "BATCH", "IDLE", "DLINE", or "?" */
const char *policy_name(int policy);
/* Human size of a KiB count, 5 cells at most: "812K", "12.3M", "1.2G". */
void human_kib(uint64_t kib, char *buf, size_t size);
/* Human duration of ns: "1h02m", "3m05s", "12.345s", "870ms". */
void human_ns(uint64_t ns, char *buf, size_t size);

#endif

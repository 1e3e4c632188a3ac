/* test_collect_io.c — /proc/PID/io is read only when asked (collect_opts.read_io): without it
 * no process of a whole-machine snapshot has io; with it this process has, its rchar no more
 * than the kernel's count read just after, and no kernel thread has (their io is not read). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect.h"
#include "../tap.h"

/* rchar of this process, from the kernel after the snapshot (0: unreadable). */
static uint64_t kernel_rchar(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	uint64_t v = 0;
	if (f && fscanf(f, "rchar: %" SCNu64, &v) != 1)
		v = 0;
	if (f)
		fclose(f);
	return v;
}

int main(void)
{
	struct snapshot s;
	struct collect_opts o = { 0 };
	snapshot_init(&s);
	int rc = snapshot_take(&s, &o);
	size_t with_io = 0;
	for (size_t i = 0; i < s.n_procs; i++)
		with_io += s.procs[i].has_io;
	ok(rc == 0 && s.n_procs > 1 && with_io == 0, "not asked: no process has io (%zu of %zu)", with_io,
	   s.n_procs);
	snapshot_free(&s);

	o.read_io = true;
	snapshot_init(&s);
	rc = snapshot_take(&s, &o);
	uint64_t after = kernel_rchar();
	const struct proc_info *me = snapshot_find_proc(&s, getpid());
	ok(rc == 0 && me && me->has_io && me->io.rchar > 0 && me->io.rchar <= after,
	   "asked: this process has io, rchar %" PRIu64 " <= the kernel's %" PRIu64 " just after",
	   me && me->has_io ? me->io.rchar : 0, after);
	size_t kthreads = 0, kio = 0;
	for (size_t i = 0; i < s.n_procs; i++)
		if (s.procs[i].flags & PF_KTHREAD) {
			kthreads++;
			kio += s.procs[i].has_io;
		}
	if (kthreads)
		ok(kio == 0, "asked: no kernel thread has io (%zu of %zu)", kio, kthreads);
	else
		skip(1, "no kernel thread in this /proc (a private PID namespace)");
	snapshot_free(&s);
	return tap_done();
}

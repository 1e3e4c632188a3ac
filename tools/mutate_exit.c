/* tools/mutate_exit.c — linked into every program of tools/mutate_map.sh's coverage build, with
 * -Wl,--wrap=_exit: a forked child that ends by _exit writes its gcov counts first, so that the
 * map also knows the lines that only a test's children run. (src/ children end by proc_exit,
 * which does the same in any coverage build; tests' children call _exit directly.) */
extern void __gcov_dump(void);
extern void __real__exit(int status) __attribute__((noreturn));

void __wrap__exit(int status) __attribute__((noreturn));
void __wrap__exit(int status)
{
	__gcov_dump();
	__real__exit(status);
}

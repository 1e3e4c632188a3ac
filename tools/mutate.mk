# tools/mutate.mk — `make mutate` (included by Makefile.am): one-line mutations of src/channel
# and src/collect, each built in a copy of the tree (in MUTATE_DIR) and run against the unit
# tests (UNIT_CHECKS), the integration tests and tests/unit's scripts that reach its line (a
# map made with gcov by tools/mutate_map.sh, in MUTATE_DIR/map, made again when the sources or
# tests change); prints how many the tests kill and lists the survivors. MUTATE_SAMPLE=N tries
# N mutants drawn with MUTATE_SEED (0: all of them, several hours on two CPUs: a survivor runs
# every test that reaches its line, history_limits.sh alone takes a minute); MUTATE_ONLY=REGEX
# keeps the mutants whose row (FILE TAB LINE TAB ...) matches; MUTATE_JOBS copies build and
# test side by side; MUTATE_RESUME=1 goes on with a run that was stopped (its results kept in
# MUTATE_DIR/done, or else the record in bench/mutate-done.tsv); MUTATE_SANITIZE=1 tries the
# survivors recorded so far again in copies built with the sanitizers (their C unit tests).
# Mutants listed in tools/mutate_known.tsv (read before: harmless, or for the sanitizer build)
# are recorded as it says, not run.
EXTRA_DIST += tools/mutate.mk tools/mutate.sh tools/mutate_map.sh tools/mutate_lines.py \
	tools/mutate_exit.c tools/mutate_known.tsv bench/mutate-done.tsv
MUTATE_SAMPLE = 0
MUTATE_SEED = 1
MUTATE_JOBS = 2
MUTATE_RESUME = 0
MUTATE_SANITIZE = 0
MUTATE_DIR = $(abs_top_builddir)/mutate
mutate:
	t=; for x in $(TESTS); do case $$x in tests/integration/*|tests/unit/*.sh) t="$$t $$x" ;; esac; done; \
	MUTATE_UNIT='$(UNIT_CHECKS)' MUTATE_INTEGRATION="$$t" MUTATE_ONLY='$(MUTATE_ONLY)' \
	MUTATE_JOBS='$(MUTATE_JOBS)' MUTATE_RESUME='$(MUTATE_RESUME)' \
	MUTATE_SANITIZE='$(MUTATE_SANITIZE)' \
		$(SHELL) $(top_srcdir)/tools/mutate.sh \
		$(top_srcdir) '$(MUTATE_DIR)' $(MUTATE_SAMPLE) $(MUTATE_SEED)
mutate-clean:
	-rm -rf '$(MUTATE_DIR)'
clean-local: mutate-clean
.PHONY: mutate mutate-clean

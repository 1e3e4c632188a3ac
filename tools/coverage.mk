# tools/coverage.mk — `make coverage` (included by Makefile.am): in a build configured with
# --enable-coverage, run the unit, integration and TUI tests (not tests/hardening, bench or
# fuzz: too slow under gcov, and CI does not run this) and print line coverage per folder of
# src/ and in total. The tests run with umask 0 and the object folders open to all, so the
# tests run as nobody can record their counts too.
EXTRA_DIST += tools/coverage.mk tools/coverage_report.sh
CLEANFILES += coverage.info

if COVERAGE
coverage: all
	$(LCOV) -q --zerocounters --directory .
	find . -type d -exec chmod a+rwx {} +
	-t=; for x in $(TESTS); do case $$x in tests/hardening/*|bench/*|fuzz/*) ;; *) t="$$t $$x" ;; esac; done; \
	umask 0 && $(MAKE) $(AM_MAKEFLAGS) check TESTS="$$t"
	$(LCOV) -q --capture --directory . --output-file coverage.info --rc lcov_branch_coverage=0
	$(SHELL) $(top_srcdir)/tools/coverage_report.sh coverage.info "`cd $(top_srcdir) && pwd -P`"
else
coverage:
	@echo "make coverage: configure with --enable-coverage (and CFLAGS='-O0 -g') first" >&2; exit 1
endif
.PHONY: coverage
clean-local: coverage-clean
coverage-clean:
	-find . -name '*.gcda' -delete -o -name '*.gcno' -delete
.PHONY: coverage-clean

# tests/unit/serve.mk — tests of src/serve that need no server (included by tests/local.mk;
# the HTTP server itself is tested in tests/servers/prometheus.sh)
check_PROGRAMS += tests/unit/test_serve_addr
TESTS += tests/unit/test_serve_addr
tests_unit_test_serve_addr_LDADD = $(IPCTOP_LIBS)

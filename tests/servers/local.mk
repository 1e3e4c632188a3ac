# tests/servers/local.mk — tests against real servers from Debian's packages (PostgreSQL,
# nginx, redis), each started once per test file (included by tests/local.mk)
TESTS += tests/servers/postgres.sh tests/servers/nginx.sh tests/servers/prometheus.sh \
	tests/servers/redis.sh tests/servers/together.sh
EXTRA_DIST += tests/servers/postgres.sh tests/servers/nginx.sh tests/servers/prometheus.sh \
	tests/servers/redis.sh tests/servers/together.sh tests/servers/hold_client.py \
	tests/servers/servers_lib.sh tests/servers/prom_host_lib.sh \
	tests/servers/check_servers.py tests/servers/check_prom_traffic.py

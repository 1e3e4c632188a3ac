# om_lib.sh — om_strict_ok LABEL FILE: an OpenMetrics page checked by check_om_strict.py (the
# strict OpenMetrics parser of python3-prometheus-client, then promtool's verdict: no parse
# error, no complaint but "NAME_total no help text" for the page's own counters; the why is
# at the top of check_om_strict.py). Sourced after fixture_lib.sh. A missing parser or promtool
# is a skip, a failure under CI=true.
om_strict_ok() {
	if ! "$PYTHON3" -c 'import prometheus_client.openmetrics.parser' 2>/dev/null; then
		ci_skip "$1: no prometheus_client for $PYTHON3 (Debian package python3-prometheus-client)"
		return
	fi
	if ! command -v promtool >/dev/null 2>&1; then
		ci_skip "$1: promtool not installed (Debian package prometheus)"
		fx_py check_om_strict.py "$1" "$2"
		return
	fi
	local st
	promtool check metrics <"$2" >"$FX_TMP/om_strict.out" 2>&1
	st=$?
	fx_py check_om_strict.py "$1" "$2" "$st" "$FX_TMP/om_strict.out"
}

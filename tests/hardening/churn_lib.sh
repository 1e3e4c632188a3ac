# churn_lib.sh — the churner (churner.c) in the background, for the churn tests. Source after
# tap.sh; the test ends it with churn_stop, and its cleanup ends $churn_pid if that is still set.
churner=$TESTS_BIN/hardening/churner

# churn_start OUT ARGS...: start the churner with ARGS, its output to the file OUT; sets
# churn_pid. True once it says it is ready (within 10 s).
churn_start() {
	churn_out=$1; shift
	"$churner" "$@" > "$churn_out" 2>&1 &
	churn_pid=$!
	i=0
	while ! grep -q ready "$churn_out" && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q ready "$churn_out"
}

# churn_stop: end the churner (unless already reaped), reap it, empty churn_pid and say (as a TAP comment) how many
# processes it started.
churn_stop() {
	if [ -n "$churn_pid" ]; then
		kill "$churn_pid" 2>/dev/null
		wait "$churn_pid"
	fi
	churn_pid=
	sed -n 's/^started /# churn: started /p' "$churn_out"
}

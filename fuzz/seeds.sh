# seeds.sh — sourced by run.sh and regress.sh: seed_corpus TARGET DIR fills DIR with the
# seed inputs of one fuzz target: real /proc text from tests/fixtures/proc/ shaped the way the
# target reads its input, plus everything in fuzz/corpus/TARGET/. Needs $fuzz_dir and $top.

# seed_put DIR NAME FILE...: concatenate FILEs into DIR/NAME when they all exist.
seed_put() {
	local dir=$1 name=$2; shift 2
	for f in "$@"; do [ -f "$f" ] || return 0; done
	cat "$@" > "$dir/$name"
}

# seed_lines DIR PREFIX FILE: one seed per line of FILE, the text after its first tab
# (fd_links.txt lists "fd<TAB>link").
seed_lines() {
	local dir=$1 prefix=$2 file=$3 i=0 line
	[ -f "$file" ] || return 0
	while IFS= read -r line; do
		i=$((i + 1))
		printf '%s' "${line#*	}" > "$dir/$prefix-$i"
	done < "$file"
}

seed_corpus() {
	local t=$1 dir=$2 fx=$top/tests/fixtures/proc nul
	mkdir -p "$dir"
	nul=$dir/.nul
	printf '\000' > "$nul"
	case $t in
	status)    for f in "$fx"/status*.txt; do seed_put "$dir" "fx-${f##*/}" "$f"; done ;;
	maps)      seed_put "$dir" fx-maps "$fx/maps.txt"
	           seed_put "$dir" fx-maps-exe "$fx/maps.txt" "$nul" "$fx/exe.txt" ;;
	smaps)     seed_put "$dir" fx-smaps "$fx/maps.txt" "$nul" "$fx/smaps.txt" ;;
	fdinfo)    for f in "$fx"/fdinfo_*.txt; do seed_put "$dir" "fx-${f##*/}" "$f"; done ;;
	sysv_shm|sysv_msg|sysv_sem)
	           seed_put "$dir" fx-sysvipc "$fx/sysvipc_${t#sysv_}.txt" ;;
	schedstat) seed_put "$dir" fx-schedstat "$fx/schedstat.txt" ;;
	fdlink|escape)
	           seed_lines "$dir" fx-link "$fx/fd_links.txt" ;;
	esac
	rm -f "$nul"
	if [ -d "$fuzz_dir/corpus/$t" ]; then
		for f in "$fuzz_dir/corpus/$t"/*; do
			[ -f "$f" ] && cp "$f" "$dir/corpus-${f##*/}"
		done
	fi
	return 0
}

#!/bin/sh
# lesson_addrspace.sh — ipctop --lesson address-space at 120x40 and 80x24: grower's Memory
# tab draws its heap and stack bands with the sizes the kernel gives them in /proc/PID/maps
# ([heap], [stack]), the stack above the heap; n grows the heap by 64 MiB (the band follows
# the kernel), n deepens the stack by some 2 MiB (the band follows). The end: q, or SIGHUP with
# grower stopped; grower is gone.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require
tmux_setup lesson-addrspace
trap 'lesson_cleanup; tmux_cleanup' EXIT

# vma_size PID NAME: the size of the [NAME] mapping in binary units, as "64.1 MiB"
vma_size() {
	r=$(awk -v n="[$2]" '$6 == n { sub("-", " 0x", $1); print "0x" $1 }' "/proc/$1/maps")
	[ -n "$r" ] || return 0
	# shellcheck disable=SC2086
	set -- $r
	awk -v b=$(($2 - $1)) 'BEGIN { split("B KiB MiB GiB TiB", u, " "); k = 1
		while (b >= 1024 && k < 5) { b /= 1024; k++ }
		printf(k > 1 ? "%.1f %s\n" : "%.0f %s\n", b, u[k]) }'
}
# band_is PID NAME: the figure's NAME band shows the kernel's size of [NAME] (waits 30 s)
band_is() {
	want_size=$(vma_size "$1" "$2")
	[ -n "$want_size" ] && wait_re "│ $2 $want_size " 300
}
# band_bytes NAME: the size on the figure's NAME band, in bytes (the screen in $screen)
band_bytes() {
	printf '%s\n' "$screen" | sed -n "s/.*│ $1 \([0-9.]*\) \([KMG]*i*B\) .*/\1 \2/p" | head -n 1 |
		awk '{ m = 1; if ($2 == "KiB") m = 1024; if ($2 == "MiB") m = 1048576
			if ($2 == "GiB") m = 1073741824; printf("%.0f\n", $1 * m) }'
}
# vma_bytes PID NAME: the size of [NAME] in bytes
vma_bytes() {
	r=$(awk -v n="[$2]" '$6 == n { sub("-", " 0x", $1); print "0x" $1 }' "/proc/$1/maps")
	# shellcheck disable=SC2086
	set -- $r
	echo $(($2 - $1))
}
# band_holds PID NAME: the NAME band's size (rounded to 0.1 of its unit) is at least the
# kernel's [NAME]: at 24 rows the figure may join a small neighbour to the band (waits 30 s)
band_holds() {
	band=$2
	want_bytes=$(vma_bytes "$1" "$2")
	wait_until holds 300
}
holds() { screen=$1; b=$(band_bytes "$band"); [ -n "$b" ] && [ "$b" -ge $((want_bytes * 95 / 100)) ]; }
# rec_count ROLE FACT: how many record lines of ROLE have FACT
rec_count() { awk -v r="$1" -v f="$2" '$2 == r && $3 == f' "$rec" | wc -l; }

for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	set -- $size
	lesson_start address-space "$1" "$2"
	ok $? "$1x$2: the lesson starts"
	screen_has_text "grower's address space, low addresses at the bottom: text (code), read-only data, data, bss, heap, the mmap area, the stack, kernel space on top; its real sizes."
	ok $? "$1x$2: the banner is shown whole"
	lesson_record
	g=$(rec_pid grower)
	wait_for "PID $g " 300 && band_is "$g" heap && band_is "$g" stack
	ok $? "$1x$2: the figure shows heap and stack with the kernel's sizes" ||
		printf '%s\n' "$screen" | sed 's/^/# /'
	sl=$(printf '%s\n' "$screen" | grep -n "│ stack " | cut -d: -f1)
	hl=$(printf '%s\n' "$screen" | grep -n "│ heap " | cut -d: -f1)
	[ -n "$sl" ] && [ -n "$hl" ] && [ "$sl" -lt "$hl" ]
	ok $? "$1x$2: the stack (high addresses) is drawn above the heap"
	before=$(vma_size "$g" heap)
	step 2
	i=0
	while [ "$(rec_count grower heap-grown)" -lt 1 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(vma_size "$g" heap)" != "$before" ] && band_is "$g" heap
	ok $? "$1x$2: the heap grew ($before to $(vma_size "$g" heap)) and the band shows it"
	before=$(vma_size "$g" stack)
	step 3
	i=0
	while [ "$(rec_count grower stack-deepened)" -lt 1 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	if [ "$1" = 120 ]; then
		[ "$(vma_size "$g" stack)" != "$before" ] && band_is "$g" stack
	else
		[ "$(vma_size "$g" stack)" != "$before" ] && band_holds "$g" stack
	fi
	ok $? "$1x$2: the stack deepened ($before to $(vma_size "$g" stack)) and the band shows it" ||
		printf '%s\n' "$screen" | sed 's/^/# /'

	if [ "$1" = 120 ]; then
		T send-keys -t "$session" q
	else
		kill -STOP "$g"
		kill -HUP "$ipctop_pid"
	fi
	wait_gone
	ok $? "$1x$2: ipctop ended"
	lesson_gone
	ok $? "$1x$2: grower is gone"
	lesson_procs=''
done
tap_done

#!/bin/sh
# graph_fade.sh — a service box that fades keeps its own port and service word: a server (the
# fixture and its child, both holding a listener on the first free named TCP port, NAME from
# getent) with one client connected; the graph, focused on the client, the server's box
# selected and names shown (N), titles the box ":PORT (NAME), 2 processes from PID". Then the
# server ends (its listener closes with it) and, at the next refresh (the client's connection
# now drawn to the address "127.0.0.1:PORT (closed)"), while the server's box fades, the title
# still says ":PORT (NAME), 2 processes from PID": the word comes from the box's own port, not
# from whatever socket of the new snapshot sits at the index the listener had in the old one.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
[ -r /etc/services ] || skip_all "no /etc/services"
command -v getent >/dev/null || skip_all "getent not found"
export LC_ALL=C.UTF-8
tmux_setup fade server child client

py_fixture fadesrv <<'PY'
sys.dont_write_bytecode = True   # nothing written into the source tree
sys.path.insert(0, sys.argv[1])
from named_listener import listen_named, fork_holder
s, port = listen_named()
child = fork_holder()   # a second holder of the listener: one service box for both
record(os.getpid(), child, port)
a, _ = s.accept()
time.sleep(600)
PY
py_fixture fadecli <<'PY'
import socket
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
record(os.getpid())
time.sleep(600)
PY
"$PYTHON3" "$tmp/fadesrv.py" "$TESTS_SRC/tui" "$tmp/srv" </dev/null >/dev/null 2>&1 &
server=$!
wait_file "$tmp/srv" 300; ok $? "a server of two processes on a free named port"
read -r spid child port < "$tmp/srv"
name=$(getent services "$port/tcp" | awk '{ print $1 }')
"$PYTHON3" "$tmp/fadecli.py" "$port" "$tmp/cli" </dev/null >/dev/null 2>&1 &
client=$!
wait_file "$tmp/cli" 300; ok $? "a client connected to 127.0.0.1:$port ($name)"
show() { printf '%s\n' "$screen" | sed 's/^/#   /'; }

# a refresh every 3 s: the fading box stays two refreshes, time to see it
start fade -d 30 -p "$spid,$child,$client"
T resize-window -t fade -x 200 -y 40
# the graph focused on the client (the server's end would take the focus away), the server's
# box selected by its pid (/ jumps to a pid's box)
wait_for "$child" 300 && T send-keys -t fade / && T send-keys -t fade -l fadecli &&
	T send-keys -t fade Enter
keys_done && T send-keys -t fade g
wait_for "Graph: " 300 && T send-keys -t fade / && T send-keys -t fade -l "$spid" &&
	T send-keys -t fade Enter
title="Graph: python3 :$port ($name), 2 processes from $spid"
keys_done && T send-keys -t fade N
wait_for "$title" 300; ok $? "the server's box, names shown: $title" || show
kill "$server" && wait "$server" 2>/dev/null
server=
# faded: the same title on a screen of the snapshot after the server's end
closed="127.0.0.1:$port (closed)"
faded() { case $1 in *"$title"*"$closed"*) return 0 ;; esac; return 1; }
wait_until faded 100
ok $? "the server ended (\"$closed\"), its box fading: still \"$title\""
T send-keys -t fade F10
wait_gone; ok $? "ipctop quits"
kill "$client" && wait "$client" 2>/dev/null
client= child=
tap_done

#!/bin/sh
# export_json_valid.sh — the --json export of the hand-built snapshot parses with Python's
# json module (compact and pretty alike), has every key of the schema, and its hostile names
# decode back to the original bytes (JSON decoding, then the ipctop escape). The exports are
# valid against data/ipctop-snapshot.schema.json, and the schema check can fail: each way of
# breaking a document (a member too many, one missing, a wrong type, a kind, role or state the
# schema does not know, a channel id of another kind, a UNIX channel without its netns) and a
# document that is not JSON are rejected.
. "$TESTS_SRC/tap.sh"

[ -n "$PYTHON3" ] || skip_all "python3 not found by configure"
dump="$TESTS_BIN/unit/test_export_json"
[ -x "$dump" ] || skip_all "test_export_json not built"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$dump" --dump >"$tmp/full.json"; ok $? "compact export written"
"$dump" --dump --pretty >"$tmp/pretty.json"; ok $? "pretty export written"
"$dump" --dump 200 >"$tmp/p200.json"; ok $? "-p 200 export written"

cat >"$tmp/check.py" <<'PY'
import json, re, sys

def unescape(text):
    """Reverse of the ipctop escape (text_escape.h): gives the original bytes."""
    out, i = bytearray(), 0
    while i < len(text):
        c = text[i]
        if c != '\\':
            out += c.encode(); i += 1
        elif text[i + 1] == '\\':
            out += b'\\'; i += 2
        elif text[i + 1] == 'x':
            out.append(int(text[i + 2:i + 4], 16)); i += 4
        elif text[i + 1] == 'u':
            out += chr(int(text[i + 2:i + 6], 16)).encode(); i += 6
        else:
            raise ValueError("bad escape in %r" % text)
    return bytes(out)

PROC = {"pid", "ppid", "pgid", "sid", "tty_nr", "comm", "cmdline", "state", "state_name", "uid",
        "user", "uids", "gids", "threads", "nice", "priority", "policy", "rt_priority", "processor",
        "utime_ticks", "stime_ticks", "start_ticks", "vsize_bytes", "rss_kib", "ctxt_switches",
        "signals", "netns", "kthread", "restricted", "n_fds", "n_channels"}
MAP = {"start", "end", "size_kib", "perms", "offset", "dev", "inode", "path", "deleted", "segment",
       "rss_kib", "pss_kib", "swap_kib"}
FD = {"fd", "kind", "target", "access", "inode"}
SCHED = {"policy", "priority", "nice", "rt_priority", "affinity", "processor", "run_ns", "wait_ns",
         "timeslices", "wchan", "ctxt_switches"}
SOCK = {"inode", "netns", "family", "type", "state", "rqueue", "wqueue"}
CHAN = {"kind", "id", "label", "endpoints"}
EP = {"pid", "comm", "fd", "access", "role"}
failures = []

def need(keys, obj, what):
    missing = keys - set(obj)
    if missing:
        failures.append("%s lacks %s" % (what, sorted(missing)))

def check_sock(sk):
    need(SOCK, sk, "socket")
    extra = {"unix": {"name", "peer"}, "inet": {"local", "remote"}, "inet6": {"local", "remote"},
             "netlink": {"protocol", "portid"}}
    need(extra.get(sk["family"], set()), sk, "socket " + str(sk["family"]))

def check_doc(doc):
    need({"ipctop", "taken_at_ms", "host", "viewer", "processes", "channels", "ipc", "notes"}, doc, "document")
    need({"version", "schema"}, doc["ipctop"], "ipctop")
    need({"ncpu", "load", "mem_total_kib", "mem_available_kib", "uptime_s", "clock_ticks"}, doc["host"], "host")
    need({"euid", "root", "netns"}, doc["viewer"], "viewer")
    need({"sysv_shm", "sysv_msg", "sysv_sem"}, doc["ipc"], "ipc")
    for p in doc["processes"]:
        need(PROC, p, "process %d" % p["pid"])
        need({"pending", "blocked", "ignored", "caught"}, p["signals"], "signals")
        for v in p["signals"].values():
            if not re.fullmatch(r"0x[0-9a-f]{16}", v):
                failures.append("signal mask %r" % v)
        if "detail" in p:
            d = p["detail"]
            need({"maps", "fds", "sched", "signals"}, d, "detail")
            for m in d["maps"]: need(MAP, m, "map")
            for f in d["fds"]:
                need(FD, f, "fd")
                if "socket" in f: check_sock(f["socket"])
            need(SCHED, d["sched"], "sched")
    for c in doc["channels"]:
        need(CHAN, c, "channel " + c["id"])
        for e in c["endpoints"]:
            need(EP, e, "endpoint")
            if "socket" in e: check_sock(e["socket"])

full = json.load(open(sys.argv[1], encoding="utf-8"))
pretty = json.load(open(sys.argv[2], encoding="utf-8"))
p200 = json.load(open(sys.argv[3], encoding="utf-8"))
check_doc(full); check_doc(p200)
if full != pretty: failures.append("pretty and compact differ")
evil = [p for p in full["processes"] if p["pid"] == 300][0]
if unescape(evil["comm"]) != b'ev"il\\n\n\x1b[31m\xff': failures.append("comm round trip: %r" % evil["comm"])
if unescape(evil["cmdline"]) != "evil \u202ecod.exe".encode(): failures.append("cmdline round trip")
if [p["pid"] for p in p200["processes"]] != [100, 200, 300]: failures.append("-p 200 processes")
if any("detail" in p for p in p200["processes"]): failures.append("-p 200 peers with detail")
if sorted(c["kind"] for c in p200["channels"]) != ["pipe", "pipe", "sysv_shm", "udp", "unix"]:
    failures.append("-p 200 channels: %r" % [c["kind"] for c in p200["channels"]])
if [p["pid"] for p in full["processes"]] != [1, 2, 100, 200, 300, 400]: failures.append("all processes")
for f in failures: print(f)
sys.exit(1 if failures else 0)
PY
check "schema keys, round trip of hostile names, -p selection" -- "$PYTHON3" "$tmp/check.py" "$tmp/full.json" "$tmp/pretty.json" "$tmp/p200.json"
check "output is valid UTF-8 without control bytes" -- "$PYTHON3" -c '
import sys
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    data.decode("utf-8")
    assert not [b for b in data if b < 0x20 and b not in (0x0a, 0x20)], path
' "$tmp/full.json" "$tmp/p200.json"
schema_ok "the three exports are valid against the snapshot schema" "$tmp/full.json" \
	"$tmp/pretty.json" "$tmp/p200.json"

# break_doc NAME PYTHON-STATEMENT: a copy of pretty.json with d changed by the statement
break_doc() {
	"$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
chan = lambda kind: [c for c in d["channels"] if c["kind"] == kind][0]
exec(sys.argv[2])
json.dump(d, open(sys.argv[3], "w"))
' "$tmp/pretty.json" "$2" "$tmp/$1.json"
}

rejects() {
	name=$1; shift
	break_doc "$name" "$1"; shift
	out=$("$PYTHON3" "$TESTS_SRC/schema_check.py" "$TESTS_SRC/../data/ipctop-snapshot.schema.json" \
		"$tmp/$name.json" 2>&1)
	st=$?
	[ "$st" -eq 1 ] && printf '%s' "$out" | grep -q -- "$1"
	ok $? "rejected: $name (exit $st)"
	[ "$st" -eq 1 ] || printf '%s\n' "$out" | sed 's/^/#   /'
}

rejects extra_member 'd["processes"][0]["colour"] = "red"' "colour"
rejects missing_pid 'del d["processes"][0]["pid"]' "pid"
rejects pid_as_text 'd["processes"][0]["pid"] = "100"' "processes/0/pid"
rejects unknown_kind 'd["channels"][0]["kind"] = "carrier_pigeon"' "channels/0/kind"
rejects unknown_role 'chan("pipe")["endpoints"][0]["role"] = "reader"' "role"
rejects unknown_state 'chan("tcp")["endpoints"][0]["socket"]["state"] = "half-open"' "state"
rejects id_of_other_kind 'chan("pipe")["id"] = "unix:1"' "does not match"
rejects unix_without_netns 'del chan("unix")["netns"]' "netns"
rejects pipe_with_netns 'chan("pipe")["netns"] = 1' "channels"
rejects negative_size 'd["ipc"]["sysv_shm"][0]["size"] = -1' "size"
rejects missing_notes 'del d["notes"]' "notes"
rejects one_ended_text 'd["channels"][0]["one_ended"] = "yes"' "one_ended"

printf '{"ipctop":' >"$tmp/cut.json"
"$PYTHON3" "$TESTS_SRC/schema_check.py" "$TESTS_SRC/../data/ipctop-snapshot.schema.json" \
	"$tmp/cut.json" 2>/dev/null
st=$?
[ "$st" -eq 1 ]; ok $? "rejected: a cut document (exit $st)"
tap_done

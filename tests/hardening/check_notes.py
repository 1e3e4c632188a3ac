#!/usr/bin/env python3
"""check_notes.py — the notes and the viewer of an ipctop --json snapshot, for notes.sh and
hidepid.sh. Problems are printed as TAP comments; exit status 1 when there is one.

  check_notes.py root FILE          viewer.root true; no note of a user id, user namespace,
                                    hidepid or missing /proc/sysvipc; what the restricted marks
                                    count is in one note, or no such note when none
  check_notes.py user UID FILE      viewer.euid UID, root false; one note "running as uid UID
                                    (not root): ..." with the counts of the restricted marks,
                                    descriptors of at least one process among them
  check_notes.py userns FILE        euid 0, root false; the user namespace note, and the counts
                                    as "running as uid 0 of a user namespace (...)"
  check_notes.py sysvipc FILE       the note "no /proc/sysvipc: SysV IPC not shown", once, and
                                    no SysV rows
  check_notes.py hidepid N FILE     the note "/proc is mounted with hidepid=N: ..." (the
                                    man page's words), once
  check_notes.py fds FILE           (run as the same user as the snapshot) each process still
                                    there whose descriptors are marked unreadable cannot be
                                    listed by the kernel now, and each other one can"""
import json
import os
import sys

WORDS = (("fds", "descriptors"), ("maps", "mappings"), ("status", "status"),
         ("netns", "network namespaces"))
USERNS = "running in a user namespace: root here is not root of the machine"
HIDEPID = {"1": "other users' processes are listed, but their files cannot be read",
           "2": "other users' processes are hidden",
           "4": "only the processes ipctop may trace are shown"}


def counted(snap):
    """The text the restricted marks give: "descriptors of 3 processes, mappings of 1 process"."""
    parts = []
    for word, name in WORDS:
        n = sum(1 for p in snap["processes"] if word in (p.get("restricted") or []))
        if n:
            parts.append("%s of %d process%s" % (name, n, "" if n == 1 else "es"))
    return ", ".join(parts)


def denied_note(snap, prefix):
    what = counted(snap)
    return prefix + what + " could not be read" if what else None


def once(notes, text):
    return [] if notes.count(text) == 1 else ["note %r not there once in %r" % (text, notes)]


def check_root(snap, notes):
    out = [] if snap["viewer"]["root"] is True else ["viewer.root is not true"]
    for bad in ("not root", "user namespace", "hidepid", "/proc/sysvipc"):
        out += ["note %r mentions %s" % (n, bad) for n in notes if bad in n]
    want = denied_note(snap, "")
    if want:
        out += once(notes, want)
    else:
        out += ["note %r without restricted marks" % n for n in notes if "could not be read" in n]
    return out


def check_user(snap, notes, uid):
    out = []
    if snap["viewer"]["euid"] != uid or snap["viewer"]["root"] is not False:
        out.append("viewer %r, want euid %d and root false" % (snap["viewer"], uid))
    if "descriptors of" not in counted(snap):
        out.append("no process has unreadable descriptors")
    return out + once(notes, denied_note(snap, "running as uid %d (not root): " % uid))


def check_userns(snap, notes):
    out = []
    if snap["viewer"]["euid"] != 0 or snap["viewer"]["root"] is not False:
        out.append("viewer %r, want euid 0 and root false" % snap["viewer"])
    if sum(1 for n in notes if n.startswith(USERNS)) != 1:
        out.append("no single user namespace note in %r" % notes)
    want = denied_note(snap, "running as uid 0 of a user namespace (not root of the machine): ")
    return out + (once(notes, want) if want else [])


def check_fds(snap):
    """The kernel's answer now, for the processes that are still there."""
    out = []
    for p in snap["processes"]:
        if p.get("kthread"):
            continue
        try:
            os.listdir("/proc/%d/fd" % p["pid"])
            readable = True
        except PermissionError:
            readable = False
        except OSError:
            continue   # gone since
        if readable == ("fds" in (p.get("restricted") or [])):
            out.append("pid %d (%s): marked %s, the kernel says %s" % (
                p["pid"], p.get("comm"), p.get("restricted"), "readable" if readable else "denied"))
    return out[:10]


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    with open(args[-1]) as f:
        snap = json.load(f)
    notes = snap.get("notes") or []
    if mode == "root":
        problems = check_root(snap, notes)
    elif mode == "user":
        problems = check_user(snap, notes, int(args[0]))
    elif mode == "userns":
        problems = check_userns(snap, notes)
    elif mode == "sysvipc":
        problems = once(notes, "no /proc/sysvipc: SysV IPC not shown")
        problems += ["SysV rows listed"] if any(snap["ipc"].values()) else []
    elif mode == "hidepid":
        problems = once(notes, "/proc is mounted with hidepid=%s: %s" % (args[0], HIDEPID[args[0]]))
    elif mode == "fds":
        problems = check_fds(snap)
    else:
        problems = ["unknown mode " + mode]
    for p in problems:
        print("#   " + p)
    sys.exit(1 if problems else 0)


main()

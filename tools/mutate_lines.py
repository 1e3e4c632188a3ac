#!/usr/bin/env python3
"""tools/mutate_lines.py — which lines of src/channel and src/collect one test ran, from gcov.

usage: mutate_lines.py BUILD [GCDA_ROOT]

BUILD is a build tree configured with --enable-coverage (its .gcno files); GCDA_ROOT is where
the test's counts were written (the GCOV_PREFIX it ran with: the .gcda files sit under
GCDA_ROOT + BUILD's absolute path). Without GCDA_ROOT every instrumented line is printed with
count 0 (gcov reads no counts): that is the list of lines that can be reached at all.
Prints FILE<TAB>LINE<TAB>COUNT, FILE relative to the source tree (src/collect/x.c), for the
lines gcov instruments in those folders' .c files; a line with no entry (a declaration, a
static table, a macro's body) is not printed. Used by tools/mutate_map.sh."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

FOLDERS = ("src/channel", "src/collect")


def gcov_json(gcno, gcda, tmp):
    """gcov's JSON for one object: its .gcno (and .gcda, when the test wrote one) copied to tmp."""
    base = os.path.basename(gcno)[:-len(".gcno")]
    for name in os.listdir(tmp):
        os.unlink(os.path.join(tmp, name))
    shutil.copy(gcno, tmp)
    if gcda and os.path.exists(gcda):
        shutil.copy(gcda, tmp)
    out = subprocess.run(["gcov", "-t", "-j", base + ".gcno"], cwd=tmp,
                         capture_output=True, text=True, check=False).stdout
    return json.loads(out) if out.strip() else {"files": []}


def lines_of(build, root):
    build = os.path.realpath(build)
    with tempfile.TemporaryDirectory() as tmp:
        for folder in FOLDERS:
            objdir = os.path.join(build, folder)
            for name in sorted(os.listdir(objdir)):
                if not name.endswith(".gcno"):
                    continue
                gcda = None
                if root:
                    gcda = root + os.path.join(objdir, name[:-len(".gcno")] + ".gcda")
                doc = gcov_json(os.path.join(objdir, name), gcda, tmp)
                for f in doc["files"]:
                    src = f["file"]
                    cut = src.rfind(folder + "/")
                    if cut < 0 or not src.endswith(".c"):
                        continue
                    rel = src[cut:]
                    for ln in f["lines"]:
                        yield rel, ln["line_number"], ln["count"]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: mutate_lines.py BUILD [GCDA_ROOT]")
    root = sys.argv[2] if len(sys.argv) == 3 else None
    seen = {}
    for rel, line, count in lines_of(sys.argv[1], root):
        seen[(rel, line)] = seen.get((rel, line), 0) + count   # a line may be listed twice
    for (rel, line), count in sorted(seen.items()):
        print(f"{rel}\t{line}\t{count}")


if __name__ == "__main__":
    main()

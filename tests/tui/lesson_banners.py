#!/usr/bin/env python3
"""lesson_banners.py LESSON_TABLE_C: the banners of every lesson's steps, as the lesson table
(src/lesson/lesson_table.c) writes them, one line each: NAME<TAB>STEP<TAB>TEXT, in order. The
table is data: each lesson is { name, summary, { start roles }, { steps } }, and a step's
banner is the first string of its braces (adjacent C literals joined, escapes undone)."""
import re, sys
src = open(sys.argv[1]).read()
src = src[src.index("lessons[] = {") + len("lessons[] = "):]
toks = []
for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|([{}])|/\*.*?\*/|(\s+)|([^"{}\s]+)', src, re.S):
    if m.group(1) is not None:
        s = re.sub(r'\\(.)', r'\1', m.group(1))
        if toks and toks[-1][0] == "S":
            toks[-1] = ("S", toks[-1][1] + s)
        else:
            toks.append(("S", s))
    elif m.group(2):
        toks.append((m.group(2), None))
    elif m.group(4):
        toks.append(("O", None))
depth = groups = 0
name = None
want_banner = False
for kind, val in toks:
    if kind == "{":
        depth += 1
        if depth == 2:
            name, groups, step = None, 0, 0
        elif depth == 3:
            groups += 1
        elif depth == 4 and groups == 2:
            step += 1
            want_banner = True
    elif kind == "}":
        depth -= 1
        if depth == 0:
            break
    elif kind == "S":
        if depth == 2 and name is None:
            name = val
        elif depth == 4 and want_banner:
            print("%s\t%d\t%s" % (name, step, val))
            want_banner = False

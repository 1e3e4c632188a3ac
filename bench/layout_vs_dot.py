#!/usr/bin/env python3
"""layout_vs_dot.py — ipctop's graph layout beside Graphviz dot on the same graphs: edge
crossings and edge length, both counted the same way from the -Tplain form of each layout
(bench/layout_bench --plain writes ipctop's), and the time of each, side by side under
hyperfine.

  layout_vs_dot.py --bench BIN [--runs R] [--keep DIR] [--out FILE] NAME=SOURCE...

SOURCE is what bench/layout_bench takes (an `ipctop --json` snapshot, ungrouped:FILE, or
random:N[:SEED]). --runs 0: no timing (crossings and length alone).

How crossings are counted (for both layouts alike): the ranks are the distinct x of the node
centres (dot's rankdir=LR ranks; ipctop's layers, written at their middle); each edge is taken
at the x of every rank from its tail's to its head's (its y there read off its polyline: dot's
spline control points, ipctop's routed segments; before the first point or past the last, the
end's y; dot's cubic pieces followed along the curve); two edges cross in the gap between two ranks when their order swaps across it. Edges
within one rank are not counted. Length: the polyline's length over the median node height
(cells for ipctop, inches for dot), so that the two units meet.
"""
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile


def bezier(pts, steps=12):
    """dot's spline (cubic pieces: 3k + 1 control points) as a polyline through the curve."""
    out = [pts[0]]
    for i in range(0, len(pts) - 3, 3):
        p0, p1, p2, p3 = pts[i:i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def read_plain(path, splines):
    """Nodes {name: (x, y, h)} and edges [(tail, head, [(x, y), ...])] of a -Tplain file; with
    splines, each edge's control points are taken as dot's cubic pieces."""
    nodes, edges = {}, []
    with open(path) as f:
        for line in f:
            w = shlex.split(line)
            if not w:
                continue
            if w[0] == "node":
                nodes[w[1]] = (float(w[2]), float(w[3]), float(w[5]))
            elif w[0] == "edge":
                n = int(w[3])
                pts = [(float(w[4 + 2 * k]), float(w[5 + 2 * k])) for k in range(n)]
                edges.append((w[1], w[2], bezier(pts) if splines and n % 3 == 1 else pts))
    return nodes, edges


def y_at(pts, x):
    """The polyline's y where it passes x (the first such stretch); an end's y outside it."""
    xs = [p[0] for p in pts]
    if x <= min(xs) or x >= max(xs):
        near = min(pts, key=lambda p: abs(p[0] - x))
        return near[1]
    for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
        if min(x1, x2) <= x <= max(x1, x2):
            return y1 if x1 == x2 else y1 + (y2 - y1) * (x - x1) / (x2 - x1)
    return pts[-1][1]


def inversions(pairs):
    """Pairs (a, b) of pairs with a1 < b1 and a2 > b2 (strictly), in O(k log k)."""
    ys = sorted({p[1] for p in pairs})
    rank = {y: i + 1 for i, y in enumerate(ys)}
    tree = [0] * (len(ys) + 1)

    def add(i):
        while i <= len(ys):
            tree[i] += 1
            i += i & -i

    def upto(i):
        s = 0
        while i > 0:
            s += tree[i]
            i -= i & -i
        return s

    count, seen = 0, 0
    pairs = sorted(pairs)
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        for k in range(i, j):        # earlier (smaller first y) with a larger second y
            count += seen - upto(rank[pairs[k][1]])
        for k in range(i, j):
            add(rank[pairs[k][1]])
            seen += 1
        i = j
    return count


def measure(path, splines):
    nodes, edges = read_plain(path, splines)
    xs = sorted({round(x, 2) for x, _, _ in nodes.values()})
    rank_of = {n: xs.index(round(v[0], 2)) for n, v in nodes.items()}
    gaps = {}
    length = 0.0
    for tail, head, pts in edges:
        length += sum(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 for (x1, y1), (x2, y2) in zip(pts, pts[1:]))
        (a, ya), (b, yb) = sorted(((rank_of[tail], nodes[tail][1]), (rank_of[head], nodes[head][1])))
        ys = [ya] + [y_at(pts, xs[r]) for r in range(a + 1, b)] + [yb]
        for r in range(a, b):
            gaps.setdefault(r, []).append((ys[r - a], ys[r - a + 1]))
    crossings = sum(inversions(p) for p in gaps.values())
    h = statistics.median(v[2] for v in nodes.values()) if nodes else 1
    return crossings, length / h if h else 0.0


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def hyperfine(cmds, runs, out):
    """Mean seconds of each command, side by side in one hyperfine run (None without it, or
    with no runs: --runs 0 counts crossings and length alone, as the tests do)."""
    if runs <= 0 or not shutil.which("hyperfine"):
        return [None] * len(cmds)
    run(["hyperfine", "-N", "--warmup", "1", "--runs", str(runs), "--export-json", out] + cmds)
    with open(out) as f:
        return [r["mean"] for r in json.load(f)["results"]]


def one(bench, name, src, tmp, runs):
    dot_in, ours, theirs = (os.path.join(tmp, name + ext) for ext in (".dot", ".ours.plain", ".dot.plain"))
    info = run([bench, "--dot", dot_in, "--plain", ours, "--repeat", "3", src]).split()
    info = dict(zip(info[::2], info[1::2]))
    run(["dot", "-Tplain", dot_in, "-o", theirs])
    oc, ol = measure(ours, False)
    dc, dl = measure(theirs, True)
    t_ours, t_dot = hyperfine([shlex.join([bench, src]), shlex.join(["dot", "-Tplain", dot_in, "-o", "/dev/null"])],
                              runs, os.path.join(tmp, name + ".hf.json"))
    return {"graph": name, "nodes": int(info["nodes"]), "edges": int(info["edges"]),
            "ours_crossings": oc, "dot_crossings": dc, "ours_length": ol, "dot_length": dl,
            "ours_layout_ms": float(info["layout_ms"]),
            "ours_s": t_ours, "dot_s": t_dot}


def ms(v):
    return "-" if v is None else "%.1f" % (v * 1000)


def table(rows):
    out = ["| graph | nodes | edges | crossings ipctop | crossings dot | length ipctop | length dot "
           "| ipctop ms (layout alone) | dot ms |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append("| %s | %d | %d | %d | %d | %.0f | %.0f | %s (%.2f) | %s |" % (
            r["graph"], r["nodes"], r["edges"], r["ours_crossings"], r["dot_crossings"], r["ours_length"],
            r["dot_length"], ms(r["ours_s"]), r["ours_layout_ms"], ms(r["dot_s"])))
    return "\n".join(out) + "\n"


def main(argv):
    bench, runs, keep, out, graphs = None, 10, None, None, []
    it = iter(argv)
    for a in it:
        if a == "--bench":
            bench = next(it)
        elif a == "--runs":
            runs = int(next(it))
        elif a == "--keep":
            keep = next(it)
        elif a == "--out":
            out = next(it)
        elif "=" in a:
            graphs.append(a.split("=", 1))
        else:
            sys.exit("usage: layout_vs_dot.py --bench BIN [--runs R] [--keep DIR] [--out FILE] NAME=SOURCE...")
    if not bench or not graphs:
        sys.exit("usage: layout_vs_dot.py --bench BIN [--runs R] [--keep DIR] [--out FILE] NAME=SOURCE...")
    tmp = keep or tempfile.mkdtemp(prefix="ipctop-layout-")
    os.makedirs(tmp, exist_ok=True)
    try:
        rows = [one(bench, name, src, tmp, runs) for name, src in graphs]
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    text = table(rows)
    if out:
        with open(out, "w") as f:
            f.write(text)
    sys.stdout.write(text)
    worse = [r["graph"] for r in rows if r["ours_crossings"] > r["dot_crossings"]]
    if worse:
        print("more crossings than dot on: " + ", ".join(worse))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

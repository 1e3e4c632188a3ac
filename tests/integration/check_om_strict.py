"""check_om_strict.py LABEL OM [PROMTOOL_STATUS PROMTOOL_OUTPUT] — an OpenMetrics page (ipctop
--openmetrics, or --serve's page) checked by parsers that are not ipctop's, printing TAP lines
(each ending in "(LABEL)") for fx_py.

Why two checks: Prometheus's `promtool check metrics` (2.42, Debian 12) lints with the older
text-format parser only. An OpenMetrics counter family is named without `_total` in its # HELP
and # TYPE lines and its samples with it, so promtool reads each counter sample as a family
of its own and says "NAME_total no help text" (known upstream, prometheus-net/prometheus-net
issue 477); --prometheus writes the older format, which promtool passes (tested apart).
So the page is checked:
1. by a STRICT OpenMetrics parser, prometheus_client.openmetrics.parser (python3-prometheus-
   client): every family parses, each counter's samples end in _total (or _created), the last
   line is "# EOF";
2. by promtool: no parse error (status 1 fails), and its only complaints are "NAME_total no
   help text" for a NAME that this same page declares with "# HELP NAME" and
   "# TYPE NAME counter"; any other lint message fails."""

import re
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families


LABEL = sys.argv[1]


def say(good, desc):
    print("%s - %s (%s)" % ("ok" if good else "not ok", desc, LABEL), flush=True)


def strict(text):
    """The page's counter family names; TAP lines for the strict parse."""
    try:
        fams = list(text_string_to_metric_families(text))
    except Exception as e:  # the parser raises ValueError and others on bad input
        say(False, "the strict OpenMetrics parser reads every family (%s)" % e)
        return None
    say(len(fams) > 0 and any(f.name == "ipctop_channels" for f in fams),
        "the strict OpenMetrics parser reads every family (%d, ipctop_channels among them)" % len(fams))
    counters = [f for f in fams if f.type == "counter"]
    bad = ["%s: %s" % (f.name, s.name) for f in counters for s in f.samples
           if s.name not in (f.name + "_total", f.name + "_created")]
    say(not bad and len(counters) > 0,
        "%d counter families, every sample named FAMILY_total %s" % (len(counters), bad[:3]))
    say(text.endswith("\n# EOF\n") and text.count("# EOF") == 1, "# EOF is the last line, once")
    return {f.name for f in counters}


def promtool(text, status, path, counters):
    """TAP lines for promtool's verdict on the same page."""
    say(status in (0, 3), "promtool reads the page without a parse error (status %d)" % status)
    helps = set(re.findall(r"^# HELP (\S+) ", text, re.M))
    typed = set(re.findall(r"^# TYPE (\S+) counter$", text, re.M))
    with open(path, encoding="utf-8") as f:
        lines = [ln for ln in f.read().splitlines() if ln.strip()]
    other = []
    named = set()
    for ln in lines:
        m = re.fullmatch(r"(\S+)_total no help text", ln)
        if m and m.group(1) in helps and m.group(1) in typed:
            named.add(m.group(1))
        else:
            other.append(ln)
    for ln in other:
        print("#   promtool: %s" % ln)
    say(not other, "promtool's only complaints are NAME_total no help text for a counter "
        "NAME with # HELP and # TYPE on the page (%d other)" % len(other))
    say(status == (3 if named else 0) and (counters is None or named == counters),
        "promtool names each counter family (%d of %d), its status is 3 for them alone"
        % (len(named), len(counters or ())))


def main():
    with open(sys.argv[2], encoding="utf-8") as f:
        text = f.read()
    counters = strict(text)
    if len(sys.argv) > 4:
        promtool(text, int(sys.argv[3]), sys.argv[4], counters)


main()

#!/usr/bin/env python3
"""schema_check.py — validate ipctop --json documents against data/ipctop-snapshot.schema.json.

Usage: schema_check.py SCHEMA [FILE...]   (no FILE, or "-": standard input)
Exit 0 when every document is valid; 1 with each error (path and message) on stderr when one
is not; 2 when the schema or python3-jsonschema cannot be used."""
import json
import sys


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("schema_check: python3-jsonschema is missing (tools/deps.sh installs it)",
              file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    bad = 0
    for name in argv[2:] or ["-"]:
        try:
            if name == "-":
                doc = json.load(sys.stdin)
            else:
                with open(name, encoding="utf-8") as f:
                    doc = json.load(f)
        except (OSError, ValueError) as e:
            print("%s: not JSON: %s" % (name, e), file=sys.stderr)
            bad += 1
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            path = "/".join(str(p) for p in e.absolute_path)
            print("%s: /%s: %s" % (name, path, e.message[:300]), file=sys.stderr)
        if errors:
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

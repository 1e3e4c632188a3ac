#!/usr/bin/env python3
"""schema_check.py — validate ipctop --json documents against data/ipctop-snapshot.schema.json.

Usage: schema_check.py SCHEMA [FILE...]   (no FILE, or "-": standard input)
Exit 0 when every document is valid; 1 with each error (path and message) on stderr when one
is not; 2 when the schema or python3-jsonschema cannot be used. Python tests import it:
schema_problems(doc) gives the errors of a parsed document against the schema of this tree."""
import json
import os
import sys

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "data",
                      "ipctop-snapshot.schema.json")
_validators = {}


def validator(schema_path=SCHEMA):
    """The validator of the schema at schema_path (checked against its meta-schema once)."""
    if schema_path not in _validators:
        import jsonschema
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _validators[schema_path] = cls(schema)
    return _validators[schema_path]


def schema_problems(doc, schema_path=SCHEMA, limit=20):
    """Up to limit texts "/path: message", one per way doc breaks the schema; [] when valid."""
    errors = sorted(validator(schema_path).iter_errors(doc), key=lambda e: list(e.absolute_path))
    return ["/%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300])
            for e in errors[:limit]]


def load(name):
    if name == "-":
        return json.load(sys.stdin)
    with open(name, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        validator(argv[1])
    except ImportError:
        print("schema_check: python3-jsonschema is missing (tools/deps.sh installs it)",
              file=sys.stderr)
        return 2
    bad = 0
    for name in argv[2:] or ["-"]:
        try:
            doc = load(name)
        except (OSError, ValueError) as e:
            print("%s: not JSON: %s" % (name, e), file=sys.stderr)
            bad += 1
            continue
        problems = schema_problems(doc, argv[1])
        for p in problems:
            print("%s: %s" % (name, p), file=sys.stderr)
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""bench_files.py — reading what bench/run leaves in its results folder: text and JSON files,
any of which may be missing (bench/report.py and bench/report_profile.py)."""

import json


def read(path, default=""):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def read_json(path):
    try:
        with open(path, "rb") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None

#!/usr/bin/env python3
"""Validate data/demo/agencies.csv (the demo province's agencies).

Usage: python3 data/demo/check.py [path/to/agencies.csv]
Exits 0 when every check passes, 1 otherwise. Reads only the CSV given.
"""
import collections
import csv
import os
import re
import sys

COLUMNS = ["key", "parent_key", "kind", "level", "name", "short_name", "unit_code", "gso_code"]
# kind -> (level, expected count, kind the parent must have or None for a root)
KINDS = {
    "party_office":   ("province", 1,   None),
    "ppc_office":     ("province", 1,   None),
    "department":     ("province", 19,  None),
    "sub_department": ("province", 9,   "department"),
    "district_pc":    ("district", 8,   None),
    "commune_pc":     ("commune",  126, "district_pc"),
    "vertical":       ("vertical", 3,   None),
}
KEY_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
UNIT_CODE_RE = re.compile(r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.H[0-9]{2}$")  # V1V2V3.Z1Z2.Y1Y2.MX1X2
GSO_RE = {"district_pc": re.compile(r"^[0-9]{3}$"), "commune_pc": re.compile(r"^[0-9]{5}$")}


def check(path):
    errors = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            return [f"header is {reader.fieldnames}, expected {COLUMNS}"]
        rows = list(reader)

    by_key = {}
    for n, r in enumerate(rows, start=2):
        where = f"line {n} ({r.get('key')})"
        if None in r or any(v is None for v in r.values()):
            errors.append(f"{where}: wrong number of fields")
            continue
        for col in ("key", "kind", "level", "name", "short_name", "unit_code"):
            if not r[col].strip():
                errors.append(f"{where}: empty {col}")
        if not KEY_RE.match(r["key"]):
            errors.append(f"{where}: key is not a lowercase slug")
        if r["key"] in by_key:
            errors.append(f"{where}: duplicate key")
        by_key[r["key"]] = r
        if r["kind"] not in KINDS:
            errors.append(f"{where}: unknown kind {r['kind']!r}")
            continue
        level = KINDS[r["kind"]][0]
        if r["level"] != level:
            errors.append(f"{where}: level {r['level']!r}, kind {r['kind']} needs {level!r}")
        if not UNIT_CODE_RE.match(r["unit_code"]):
            errors.append(f"{where}: unit_code {r['unit_code']!r} is not of the shape 000.00.00.H00")
        gso_re = GSO_RE.get(r["kind"])
        if gso_re and not gso_re.match(r["gso_code"]):
            errors.append(f"{where}: gso_code {r['gso_code']!r} is not a GSO code of this level")
        if not gso_re and r["gso_code"]:
            errors.append(f"{where}: gso_code must be empty for kind {r['kind']}")

    for kind_col in ("unit_code", "gso_code"):
        seen = collections.Counter(r[kind_col] for r in rows if r[kind_col])
        for value, count in seen.items():
            if count > 1:
                errors.append(f"{kind_col} {value!r} used {count} times")

    for r in rows:
        spec = KINDS.get(r["kind"])
        if not spec:
            continue
        parent_kind = spec[2]
        if parent_kind is None:
            if r["parent_key"]:
                errors.append(f"{r['key']}: a {r['kind']} must be a root, has parent {r['parent_key']!r}")
            continue
        parent = by_key.get(r["parent_key"])
        if parent is None:
            errors.append(f"{r['key']}: parent {r['parent_key']!r} does not exist")
        elif parent["kind"] != parent_kind:
            errors.append(f"{r['key']}: parent {parent['key']} is a {parent['kind']}, expected {parent_kind}")
        else:
            # the code hierarchy follows the agency hierarchy: same Y1Y2 and province segment
            if r["unit_code"].split(".")[2:] != parent["unit_code"].split(".")[2:]:
                errors.append(f"{r['key']}: unit_code {r['unit_code']} is not under parent's {parent['unit_code']}")
            if r["kind"] == "commune_pc" and r["key"] != "x-" + r["gso_code"]:
                errors.append(f"{r['key']}: key should be x-{r['gso_code']}")

    counts = collections.Counter(r["kind"] for r in rows)
    for kind, (_, expected, _) in KINDS.items():
        if counts[kind] != expected:
            errors.append(f"kind {kind}: {counts[kind]} rows, expected {expected}")
    expected_total = sum(spec[1] for spec in KINDS.values())
    if len(rows) != expected_total:
        errors.append(f"{len(rows)} rows, expected {expected_total}")

    for kind, (_, expected, _) in KINDS.items():
        print(f"{kind:15} {counts[kind]:4d}  (expected {expected})")
    print(f"{'total':15} {len(rows):4d}  (expected {expected_total})")
    return errors


def main():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "agencies.csv")
    path = sys.argv[1] if len(sys.argv) > 1 else default
    errors = check(path)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

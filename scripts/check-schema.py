#!/usr/bin/env python3
"""Validates summary.json files against schemas/summary.schema.json with the `jsonschema` package
(an implementation independent of the test suite's own validator).

    python3 scripts/check-schema.py results/summary.json [more.json …]
"""
import json
import pathlib
import sys

import jsonschema

schema_path = pathlib.Path(__file__).resolve().parent.parent / "schemas" / "summary.schema.json"
schema = json.loads(schema_path.read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for name in sys.argv[1:]:
    errors = sorted(validator.iter_errors(json.loads(pathlib.Path(name).read_text())), key=lambda e: list(e.path))
    for error in errors:
        print(f"{name}: {'/'.join(map(str, error.path)) or '(root)'}: {error.message}", file=sys.stderr)
    failed = failed or bool(errors)
    if not errors:
        print(f"{name}: valid against {schema_path.name}")
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""Validates report.json files against reports/report.schema.json with
python3-jsonschema (Debian), the reference JSON Schema validator.

Usage: check_report_json.py SCHEMA REPORT_JSON...
Prints one line per error ("FILE: $.rules[1].cases: -7 is less than the
minimum of 0") and exits 1 when any file is invalid, 0 when all are valid.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("check_report_json: python3-jsonschema is missing: run tools/setup.sh")


def load_validator(schema_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def json_path(error):
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def errors_of(validator, document):
    """The document's errors as 'PATH: message' lines, in document order."""
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{json_path(e)}: {e.message}" for e in errors]


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    validator = load_validator(argv[1])
    invalid = 0
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
        except (OSError, ValueError) as error:
            print(f"{path}: not JSON: {error}")
            invalid += 1
            continue
        errors = errors_of(validator, document)
        for line in errors:
            print(f"{path}: {line}")
        invalid += bool(errors)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

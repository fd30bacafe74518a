#!/usr/bin/env python3
"""report.json against its documented schema (reports/report.schema.json),
validated by python3-jsonschema. The end-to-end tests validate real runs'
report.json with the same schema (check_report_json.py); this one covers
every optional part at once and shows that the schema rejects what it must.

Usage: report_schema_test.py JSON_SAMPLE_BINARY REPORT_SCHEMA CHECK_REPORT_JSON_PY
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

SAMPLE_BINARY, SCHEMA, CHECKER = sys.argv[1:4]
spec = importlib.util.spec_from_file_location("check_report_json", CHECKER)
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)


def sample(name):
    out = os.environ.get("TEST_TMPDIR") or tempfile.mkdtemp()
    subprocess.run([SAMPLE_BINARY, out], check=True)
    with open(os.path.join(out, name), encoding="utf-8") as f:
        return f.read()


class ReportSchemaTest(unittest.TestCase):
    validator = check.load_validator(SCHEMA)

    def errors(self, text):
        return check.errors_of(self.validator, json.loads(text))

    def replaced(self, old, new):
        text = sample("sample.json")
        self.assertIn(old, text)
        return text.replace(old, new, 1)

    def test_the_sample_reports_validate(self):
        for name in ["sample.json", "full.json", "paired.json", "no-requirements.json"]:
            with self.subTest(name=name):
                self.assertEqual(self.errors(sample(name)), [])

    def test_the_largest_seed_is_kept_exactly(self):
        self.assertEqual(json.loads(sample("full.json"))["seed"], 18446744073709551615)

    def test_rejects_what_it_must(self):
        cases = [
            ('"schema": "pdconform-report/1"', '"schema": "pdconform-report/2"', "$.schema: 'pdconform-report/1' was expected"),
            ('"verdict": "violated"', '"verdict": "maybe"', "$.rules[1].verdict: "),
            ('"cases": 7', '"cases": -7', "$.rules[1].cases: -7 is less than the minimum of 0"),
            ('"reached": 7,', "", "$.rules[1]: 'reached' is a required property"),
            ('"skipped": 0,', '"skipped": -1,', "$.rules[0].skipped: -1 is less than the minimum of 0"),
            ('"impl": ', '"extra": 1, "impl": ', "$: Additional properties are not allowed ('extra' was unexpected)"),
            ('"kind": "signal"', '"kind": 3', "$.rules[1].counterexample.timeline[6].kind: 3 is not of type 'string'"),
            ('"id": "first-notify"', '"id": "First Notify"', "$.rules[1].id: "),
            ('"class": "caller-obligation"', '"class": "optional"', "$.requirements.pages[0].entries[1].class: 'optional' is not one of"),
            ('"id": "REGISTER-2"', '"id": "register 2"', "$.requirements.pages[0].entries[1].id: "),
            ('"partly_by": ["change-only"]', '"partly_by": ["Change Only"]', "$.requirements.pages[0].entries[2].partly_by[0]: "),
            ('"quote": "The OVERLAPPED', '"note": "x", "quote": "The OVERLAPPED',
             "$.requirements.pages[0].entries[1]: Additional properties are not allowed ('note' was unexpected)"),
            ('"checked_by": ["first-notify"],', "",
             "$.requirements.pages[0].entries[0]: 'checked_by' is a required property"),
        ]
        for old, new, want in cases:
            with self.subTest(change=new or "remove " + old):
                errors = self.errors(self.replaced(old, new))
                self.assertEqual(len(errors), 1, errors)
                self.assertTrue(errors[0].startswith(want), errors)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])

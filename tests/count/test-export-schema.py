#!/usr/bin/python3
"""test-export-schema.py: real exports validate against docs/export-schema.json.

Imports shared Pabulib files (approval, cumulative, ordinal) into a fresh
database with `pbtool import`, exports them with `pbtool export --format
json` under several rules, and validates every export against the schema,
and every `pbtool tally --format json` result against its "result"
definition.  Checks that keys come out in the order the schema lists them
and that exporting twice gives the same bytes, and that the schema does
reject a broken export (so that this test can fail).

Usage: test-export-schema.py PBTOOL SCHEMA SHARED_DIR
Exit status 77 (skipped) when python3-jsonschema is not installed.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("1..0 # SKIP python3-jsonschema is not installed")
    sys.exit(77)

PBTOOL, SCHEMA_PATH, SHARED = sys.argv[1:4]
FILES = [
    ("Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb", ["greedy-cost", "mes-cost", "mes-cost-add1", "phragmen"]),
    ("Poland_Czestochowa_2020_Grabowka.pb", ["greedy-points", "mes-points", "utilitarian-max", "mes-card"]),
    ("US_Stanford_Dataset_PB_Chicago_47th_Ward_2021_vote_rankings.pb", ["greedy-card", "mes-cost-add1-greedy"]),
]

with open(SCHEMA_PATH, encoding="utf-8") as f:
    SCHEMA = json.load(f)
jsonschema.Draft202012Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
RESULT_VALIDATOR = jsonschema.Draft202012Validator({"$ref": "#/$defs/result", "$defs": SCHEMA["$defs"]})

n_tests = 0
failures = 0


def report(ok, name, detail=""):
    global n_tests, failures
    n_tests += 1
    if not ok:
        failures += 1
        for line in str(detail).splitlines():
            print("# " + line)
    print(("ok" if ok else "not ok") + " %d %s" % (n_tests, name))


def pbtool(*args):
    run = subprocess.run([PBTOOL, *args], capture_output=True)
    if run.returncode != 0:
        raise RuntimeError("pbtool %s: exit %d: %s" % (" ".join(args), run.returncode, run.stderr.decode()))
    return run.stdout


def resolve(schema):
    while "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].split("/")[-1]]
    return schema


def key_order_errors(value, schema, where="$"):
    """Keys of every object must follow the order of the schema's properties."""
    errors = []
    schema = resolve(schema)
    if "oneOf" in schema:
        for option in schema["oneOf"]:
            option = resolve(option)
            if option.get("type") == "object" or "properties" in option:
                schema = option
    if isinstance(value, dict) and "properties" in schema:
        listed = list(schema["properties"])
        present = [k for k in value if k in listed]
        expected = [k for k in listed if k in value]
        if present != expected:
            errors.append("%s: keys %s, expected %s" % (where, present, expected))
        for k, v in value.items():
            if k in schema["properties"]:
                errors += key_order_errors(v, schema["properties"][k], where + "." + k)
    elif isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value[:50]):
            errors += key_order_errors(v, schema["items"], "%s[%d]" % (where, i))
    return errors


def validate(validator, document):
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    return "\n".join("%s: %s" % ("/".join(map(str, e.path)), e.message) for e in errors[:5])


with tempfile.TemporaryDirectory() as tmp:
    database = os.path.join(tmp, "pb.db")
    last_export = None
    for process, (name, rules) in enumerate(FILES, start=1):
        path = os.path.join(SHARED, "pabulib", name)
        if not os.path.exists(path):
            report(True, "%s # SKIP not available" % name)
            continue
        pbtool("import", path, "--database", database)
        for rule in rules:
            raw = pbtool("export", "--database", database, "--process", str(process), "--format", "json",
                         "--rule", rule)
            document = json.loads(raw)
            report(not validate(VALIDATOR, document), "export of %s under %s is valid" % (name, rule),
                   validate(VALIDATOR, document))
            errors = key_order_errors(document, SCHEMA)
            report(not errors, "export of %s under %s has its keys in schema order" % (name, rule),
                   "\n".join(errors[:5]))
            again = pbtool("export", "--database", database, "--process", str(process), "--format", "json",
                           "--rule", rule)
            report(raw == again, "export of %s under %s gives the same bytes twice" % (name, rule))
            report(document["results"][0]["rule"] == rule and len(document["ballots"]) > 0,
                   "export of %s holds its ballots and the %s result" % (name, rule))
            last_export = document

            for tie_break in ("lexico", "default"):
                result = json.loads(pbtool("tally", path, "--rule", rule, "--tie-break", tie_break,
                                           "--format", "json"))
                report(not validate(RESULT_VALIDATOR, result),
                       "tally of %s under %s (%s) is a valid result" % (name, rule, tie_break),
                       validate(RESULT_VALIDATOR, result))

    # The schema is not a formality: broken exports are refused.
    if last_export is not None:
        broken = []
        doc = copy.deepcopy(last_export)
        del doc["ballots"]
        broken.append(("without ballots", doc))
        doc = copy.deepcopy(last_export)
        doc["ballots"][0]["voter_code"] = "K7MX-Q4PR"
        broken.append(("with a voter code on a ballot", doc))
        doc = copy.deepcopy(last_export)
        doc["results"][0]["total_cost"] = 1234.5
        broken.append(("with money as a floating-point number", doc))
        doc = copy.deepcopy(last_export)
        doc["results"][0]["projects"][0]["fate"] = "lucky"
        broken.append(("with an unknown fate", doc))
        doc = copy.deepcopy(last_export)
        doc["results"][0]["tie_breaking"]["seed"] = -3
        broken.append(("with a numeric seed", doc))
        for what, doc in broken:
            report(not VALIDATOR.is_valid(doc), "an export %s is refused" % what)

print("1..%d" % n_tests)
sys.exit(1 if failures else 0)

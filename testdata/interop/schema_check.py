"""schema_check.py SCHEMA [--valid FILE...] [--invalid FILE...]: check TOML
specs against contentplan's JSON Schema with Python's jsonschema, a
validator that is not ours, the way a TOML editor does: each spec is read
with tomllib and its dates and times become the strings TOML writes them as.

The schema must be a valid draft 4 schema; each --valid file must validate
and each --invalid file must not. Prints one line per file and exits 1 on
any surprise.
"""
import datetime
import json
import sys
import tomllib

import jsonschema


def to_json(v):
    if isinstance(v, dict):
        return {k: to_json(e) for k, e in v.items()}
    if isinstance(v, list):
        return [to_json(e) for e in v]
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    return v


def main(argv):
    with open(argv[0], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    want, failed = None, False
    for arg in argv[1:]:
        if arg in ("--valid", "--invalid"):
            want = arg == "--valid"
            continue
        with open(arg, "rb") as f:
            doc = to_json(tomllib.load(f))
        errors = list(validator.iter_errors(doc))
        if (not errors) == want:
            print("ok %s" % arg)
            continue
        failed = True
        if want:
            for e in errors:
                print("FAIL %s: at /%s: %s" % (arg, "/".join(map(str, e.absolute_path)), e.message))
        else:
            print("FAIL %s: validates, want an error" % arg)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

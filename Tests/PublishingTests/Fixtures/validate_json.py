"""Validate a JSON document against a JSON Schema (Draft 2020-12).

Usage: validate_json.py SCHEMA INSTANCE
Exit status: 0 valid, 1 invalid (one error per line on stdout), 2 cannot validate
(jsonschema or its uri format checker, rfc3987, missing; unreadable files; or
an invalid schema; reason on stderr).
"""
import json
import pathlib
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:
    sys.stderr.write(
        "python3 module jsonschema is missing: apt-get install python3-jsonschema\n")
    sys.exit(2)


def main() -> int:
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f:
            instance = json.load(f)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as error:
        sys.stderr.write(f"cannot validate: {error}\n")
        return 2
    checker = Draft202012Validator.FORMAT_CHECKER
    if "uri" not in checker.checkers:
        sys.stderr.write(
            "jsonschema cannot check format uri without rfc3987: python3 -m pip install rfc3987\n")
        return 2
    validator = Draft202012Validator(schema, format_checker=checker, **beside(sys.argv[1], schema))
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    for error in errors:
        path = "/" + "/".join(str(p) for p in error.absolute_path)
        print(f"{path}: {error.message}")
    return 1 if errors else 0


def beside(path, schema):
    """Resolves the schema's relative references (definitions.schema.json#/$defs/…)
    to the files beside it, as a reader fetching it from /schema/ would: the
    schema's base URI is its file's, and referenced files are read from disk."""
    base = pathlib.Path(path).resolve().as_uri()
    schema.setdefault("$id", base)

    def load(uri):
        with open(uri.removeprefix("file://").split("#")[0], encoding="utf-8") as f:
            return json.load(f)

    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
    except ImportError:
        return {"resolver": jsonschema.RefResolver(base, schema, handlers={"file": load})}
    return {"registry": Registry(retrieve=lambda uri: Resource.from_contents(load(uri), default_specification=DRAFT202012))}


if __name__ == "__main__":
    sys.exit(main())

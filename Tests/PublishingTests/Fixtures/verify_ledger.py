"""An independent verifier of an exported Insyn ledger, written from Data/docs/ledger-hashing.md alone.

Usage: verify_ledger.py FILE [public|auditor]. Prints "ok N HASH" or "fail SEQ REASON"; exits 0 or 1.
"""
import hashlib
import json
import re
import sys

TYPES = {f"{e}.{a}" for e in ("unit", "official", "organisation", "issue") for a in ("added", "updated", "redacted")}
TYPES |= {f"meeting.{a}" for a in ("drafted", "draft-updated", "submitted", "returned", "published", "corrected",
                                       "withdrawn", "released", "redacted")}
HEX64 = re.compile(r"[0-9a-f]{64}")
AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
MAX = 2**53 - 1


def jcs(value):
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        out = ['"']
        for ch in value:
            code = ord(ch)
            out.append({'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}.get(
                ch, f"\\u{code:04x}" if code < 0x20 else ch))
        out.append('"')
        return "".join(out)
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    names = sorted(value, key=lambda n: n.encode("utf-16-be"))
    return "{" + ",".join(jcs(n) + ":" + jcs(value[n]) for n in names) + "}"


def no_duplicates(pairs):
    names = [n for n, _ in pairs]
    if len(names) != len(set(names)):
        raise ValueError("duplicate member")
    return dict(pairs)


def check_numbers(value):
    if isinstance(value, float):
        raise ValueError("a number with a fraction or exponent")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX:
        raise ValueError("an integer beyond 2^53 - 1")
    for child in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else []):
        check_numbers(child)


def commitments(value, pointer=""):
    if isinstance(value, dict) and "$commitment" in value:
        if len(value) != 1 or not isinstance(value["$commitment"], str) or not HEX64.fullmatch(value["$commitment"]):
            raise ValueError(f"malformed commitment at {pointer}")
        return {pointer: value["$commitment"]}
    found = {}
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        found.update(commitments(child, pointer + "/" + str(key).replace("~", "~0").replace("/", "~1")))
    return found


def is_actor(actor):
    return (isinstance(actor, dict) and set(actor) == {"kind", "role", "who"}
            and actor["kind"] in ("account", "token", "shell")
            and actor["role"] in ("recorder", "registrar", "auditor", "admin")
            and isinstance(actor["who"], dict) and set(actor["who"]) == {"$commitment"})


def verify(path, view):
    expected, previous = 1, "0" * 64
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            try:
                if not line.strip():
                    raise ValueError("blank line")
                entry = json.loads(line, object_pairs_hook=no_duplicates)
                check_numbers(entry)
                digest = entry.pop("hash")
                openings = entry.pop("openings")
                if not isinstance(digest, str) or not HEX64.fullmatch(digest) or not isinstance(openings, dict):
                    raise ValueError("hash or openings")
                if not set(entry) <= {"seq", "prev", "at", "type", "entity", "id", "data", "reason", "redacts", "actor"}:
                    raise ValueError("unknown member")
                if not {"seq", "prev", "at", "type", "entity", "id", "data"} <= set(entry):
                    raise ValueError("missing member")
                if entry["seq"] != expected or entry["prev"] != previous:
                    raise ValueError("chain")
                if not AT.fullmatch(entry["at"]) or entry["type"] not in TYPES or entry["entity"] != entry["type"].split(".")[0]:
                    raise ValueError("at, type or entity")
                if not isinstance(entry["id"], int):
                    raise ValueError("id")
                if "actor" in entry and not is_actor(entry["actor"]):
                    raise ValueError("actor")
                committed = commitments(entry)
                if hashlib.sha256(jcs(entry).encode("utf-8")).hexdigest() != digest:
                    raise ValueError("hash mismatch")
                for pointer, opening in openings.items():
                    if pointer not in committed or not isinstance(opening, dict) or set(opening) != {"salt", "value"}:
                        raise ValueError(f"opening at {pointer}")
                    if not isinstance(opening["salt"], str) or not HEX64.fullmatch(opening["salt"]):
                        raise ValueError(f"salt at {pointer}")
                    if hashlib.sha256((opening["salt"] + jcs(opening["value"])).encode("utf-8")).hexdigest() != committed[pointer]:
                        raise ValueError(f"opening mismatch at {pointer}")
                if view == "auditor" and set(committed) - set(openings):
                    raise ValueError("unopened commitment")
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                print(f"fail {expected} {error}")
                return 1
            previous, expected = digest, expected + 1
    print(f"ok {expected - 1} {previous}")
    return 0


if __name__ == "__main__":
    sys.exit(verify(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "public"))

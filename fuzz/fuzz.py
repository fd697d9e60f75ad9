"""A mutation fuzzer for argmap's reader, importers, checks, drawing, writing and evaluation.

    python fuzz/fuzz.py --seconds 60 [--seed N]

It starts from a corpus of real maps (maps/, the invalid fixtures of tests/invalid/, the
examples of docs/semantics/) and mutates them: flipped bytes, YAML punctuation and keys of the
format inserted, lines duplicated, deleted and swapped, files spliced together. Every input
must be read without an exception, every diagnostic must be located, and every map read
without errors must draw, evaluate and write back to YAML that reads to the same map; `argmap
fmt` must lay it out so that it reads to the same map with as many comments, and leave that
layout as it is when run on it again.

The importers (Argdown, AIF, xAIF, argmap JSON, GraphML) are fuzzed alike, from the maps
exported to each format and the Argdown of the tests, with the markup of each format inserted:
every input must be imported without an exception, every diagnostic must be located, and every
map imported without errors must pass argmap's checks and read back from its YAML the same.

An input that breaks any of that is saved under tests/fuzz-regressions/ (a map as ``.yaml``,
an importer's input with its format's suffix; the test suite runs every file there) and the
run exits 1. The run is bounded by --seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.checks import run_checks  # noqa: E402
from argmap.evaluation import evaluate  # noqa: E402
from argmap.formatting import comments, formatted  # noqa: E402

REGRESSIONS = ROOT / "tests" / "fuzz-regressions"
TOKENS = [
    "argmap: 1\n",
    "claims:\n",
    "links:\n",
    "thesis: ",
    "expect:\n",
    "  grounded:\n",
    "- from: ",
    "  supports: ",
    "  attacks: ",
    "  contradicts: ",
    "  id: ",
    "text: ",
    "quote: ",
    "implicit: ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\n",
    "  ",
    "\t",
    "&a ",
    "*a",
    "!!str ",
    "!!python/name:x ",
    "'",
    '"',
    "#",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "~",
    "null",
    "true",
    "2019-03-01",
    "1e3",
    "\\",
    "\x00",
    "\ufeff",
    "\u2028",
    "\U0001f389",
    "<<: ",
    "? ",
    "%YAML 1.2\n",
]


def corpus() -> list[bytes]:
    files = [
        *ROOT.glob("maps/*.yaml"),
        *ROOT.glob("tests/invalid/*.yaml"),
        *ROOT.glob("docs/semantics/*.yaml"),
        *REGRESSIONS.glob("*.yaml"),
    ]
    return [p.read_bytes() for p in sorted(files)]


def mutate(
    rng: random.Random, data: bytes, seeds: list[bytes], tokens: list[str] = TOKENS
) -> bytes:
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        position = rng.randint(0, len(data))
        if choice == 0 and data:  # flip a byte
            i = rng.randrange(len(data))
            data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]
        elif choice == 1:  # insert a token
            data = data[:position] + rng.choice(tokens).encode() + data[position:]
        elif choice == 2 and data:  # delete a range
            end = min(len(data), position + rng.randint(1, 40))
            data = data[:position] + data[end:]
        elif choice == 3:  # duplicate, delete or swap lines
            lines = data.split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            action = rng.randrange(3)
            if action == 0:
                lines.insert(j, lines[i])
            elif action == 1 and len(lines) > 1:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif choice == 4:  # splice with another file
            other = rng.choice(seeds)
            cut = rng.randint(0, len(other))
            data = data[:position] + other[cut:]
        elif choice == 5:  # change indentation of a line
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            lines[i] = b" " * rng.randrange(8) + lines[i].lstrip()
            data = b"\n".join(lines)
        else:  # replace an id-like word with another seen in the file
            words = [w for w in data.replace(b":", b" ").split() if w.isalnum()]
            if words:
                old, new = rng.choice(words), rng.choice(words)
                data = data.replace(old, new, 1)
    return data


def exercise(data: bytes) -> str:
    """Everything a user may do with an input; raises on any broken promise. Returns how far
    the input got: "not UTF-8", "not YAML", "errors", or "valid"."""
    text, problem = argmap.loading.decode(data, "fuzz.yaml")
    if text is None:
        assert problem is not None
        assert problem.line is not None
        return "not UTF-8"
    loaded = argmap.parse(text, "fuzz.yaml")
    found = run_checks(loaded, source_text=text)
    for diagnostic in found:
        assert (diagnostic.line or 0) >= 1, diagnostic
        assert (diagnostic.column or 0) >= 1, diagnostic
        assert diagnostic.message
    if loaded.map is None or any(d.is_error for d in found):
        return "not YAML" if any(d.code == "yaml-syntax" for d in found) else "errors"
    m = loaded.map
    argmap.to_dot(m)
    assert argmap.loads(argmap.dumps(m)) == m, "YAML round trip"
    layout = formatted(text)  # a map without errors is always formatted
    assert argmap.parse(layout).map == m, "fmt changed the map"
    assert len(comments(layout)) == len(comments(text)), "fmt lost or added a comment"
    assert formatted(layout) == layout, "fmt formats its own output again"
    if len(m.claims) + len(m.links) <= 60:
        evaluate(m, "grounded")
        evaluate(m, "preferred", limit=20)
    return "valid"


# --- importers ------------------------------------------------------------------------------

IMPORT_SUFFIXES = {
    "argdown": ".argdown",
    "aif": ".aif.json",
    "xaif": ".xaif.json",
    "json": ".argmap.json",
    "graphml": ".graphml",
}
"""Each importer and the suffix its inputs are saved with (``argmap.formats.guess`` knows it)."""
_JSON_TOKENS = [
    *'{}[]",:',
    "null",
    "true",
    "1e999",
    "-0",
    "1.5",
    '"\\ud800"',
    '"\\ud83d\\ude00"',
    '"\\u0000"',
    "NaN",
    '"nodes": [',
    '"edges": [',
    '"locutions": [',
    '"participants": [',
    '"AIF": {',
    '"type": "CA"',
    '"type": "RA"',
    '"type": "I"',
    '"type": "L"',
    '"type": "YA"',
    '"type": "MA"',
    '"nodeID": ',
    '"edgeID": ',
    '"fromID": ',
    '"toID": ',
    '"text": ',
    '"scheme": ',
    '"personID": ',
    '"participantID": ',
    '"argmap": 1',
    '"claims": {',
    '"links": [',
    '"from": ',
    '"supports": ',
    '"attacks": ',
    '"contradicts": ',
    '"id": ',
    '"thesis": ',
    '"expect": {',
    "\\",
    "\x00",
    "\ufeff",
    "\n",
]
IMPORT_TOKENS = {
    "argdown": [
        "[a]: ",
        "[b]",
        "<c>: ",
        "<c>",
        "\n  + ",
        "\n  - ",
        "\n    +> ",
        "\n  -> ",
        "\n  <_ ",
        "\n  _> ",
        "\n  >< ",
        "\n  <+ ",
        "\n\n",
        "\n(1) ",
        "\n(2) ",
        "\n----\n",
        "\n-- rule --\n",
        "{",
        "}",
        "{negates: a}",
        "{id: x, note: n}",
        "{by: x, quote: [q]}",
        "{a: [[[",
        "]]]}",
        "#tag ",
        "#(two words) ",
        "===\n",
        "model:\n  mode: strict\n",
        "argmap: {thesis: [a]}\n",
        "title: T\n",
        "# Heading\n",
        "//",
        "/*",
        "*/",
        "<!--",
        "-->",
        "*",
        "_",
        "**",
        "\\",
        "@[a]",
        "[x](y)",
        '"\\ud83d\\ude00"',
        '"\\ud800"',
        "&a ",
        "*a",
        "* ",
        "1. ",
        "  ",
        "\t",
        "\x00",
        "\u2028",
        "\ufeff",
        "\r",
    ],
    "aif": _JSON_TOKENS,
    "xaif": _JSON_TOKENS,
    "json": _JSON_TOKENS,
    "graphml": [
        '<node id="n9">',
        "</node>",
        '<edge source="a" target="b">',
        "</edge>",
        '<data key="n_kind">link</data>',
        '<data key="n_kind">claim</data>',
        '<data key="n_text">',
        '<data key="n_relation">attacks</data>',
        '<data key="e_role">target</data>',
        '<data key="n_quote">["q"]</data>',
        '<data key="g_thesis">["a"]</data>',
        '<data key="g_source">{"title": 1}</data>',
        "</data>",
        "supports",
        "contradicts",
        '["\\ud800"]',
        "&amp;",
        "&#xD800;",
        "&#x1F600;",
        "&#0;",
        '<!DOCTYPE g [<!ENTITY a "b">]>',
        "&a;",
        "<![CDATA[",
        "]]>",
        '<?xml version="1.0"?>',
        "<",
        ">",
        '"',
        "\x00",
        "\ufeff",
    ],
}


def import_corpus() -> list[tuple[str, bytes]]:
    """Inputs of every importer: the maps of maps/ and docs/semantics/ exported to each format,
    the Argdown of the tests, and the importer inputs the fuzzer saved before."""
    from argmap import formats

    seeds: list[tuple[str, bytes]] = []
    maps = [argmap.load(p) for p in sorted(ROOT.glob("maps/*.yaml"))]
    maps += [
        loaded.map
        for loaded in (argmap.read(p) for p in sorted(ROOT.glob("docs/semantics/*.yaml")))
        if loaded.ok and loaded.map is not None
    ]
    for fmt in IMPORT_SUFFIXES:
        seeds += [(fmt, formats.export(m, fmt).encode()) for m in maps]
    seeds += [("argdown", p.read_bytes()) for p in sorted(ROOT.glob("tests/argdown/*.argdown"))]
    for path in sorted(REGRESSIONS.iterdir()):
        fmt = import_format(path)
        if fmt is not None:
            seeds.append((fmt, path.read_bytes()))
    return seeds


def import_format(path: Path) -> str | None:
    """The importer a saved input is for, by its suffix; None for a map (``.yaml``)."""
    from argmap import formats

    if path.suffix == ".yaml":
        return None
    found = formats.guess(path)
    return found.name if found is not None else None


def exercise_import(fmt: str, data: bytes) -> str:
    """An input of an importer, imported as ``argmap import`` does it: it must not raise, every
    diagnostic must be located, and a map imported without errors must pass argmap's checks
    and read back from its YAML as the same map. Returns "not UTF-8", "errors" or "valid"."""
    from argmap import formats, pipeline

    name = "fuzz" + IMPORT_SUFFIXES[fmt]
    text, problem = argmap.loading.decode(data, name)
    if text is None:
        assert problem is not None
        assert problem.line is not None
        return "not UTF-8"
    importer = formats.get(fmt).import_
    assert importer is not None
    loaded = pipeline.check_import(importer(text, name))
    for diagnostic in loaded.diagnostics:
        assert (diagnostic.line or 0) >= 1, diagnostic
        assert (diagnostic.column or 0) >= 1, diagnostic
        assert diagnostic.message
    if not loaded.ok or loaded.map is None:
        return "errors"
    m = loaded.map
    yaml_text = argmap.dumps(m)
    again = argmap.parse(yaml_text, "fuzz.yaml")
    assert again.map == m, "the imported map read back from its YAML is another map"
    errors = [d for d in run_checks(again, references=False) if d.is_error]
    assert not errors, f"the imported map is not valid: {errors[0]}"
    return "valid"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    # Said first, so that a run the interpreter does not survive (a crash in a C library)
    # can be repeated with --seed.
    print(f"fuzz: seed {seed}", flush=True)
    rng = random.Random(seed)
    seeds = corpus()
    import_seeds = import_corpus()
    by_format: dict[str | None, list[bytes]] = {None: seeds}
    for fmt, data in import_seeds:
        by_format.setdefault(fmt, []).append(data)
    pool: list[tuple[str | None, bytes]] = [(None, data) for data in seeds] + list(import_seeds)
    deadline = time.monotonic() + args.seconds
    runs = 0
    outcomes: dict[str, int] = {}
    while time.monotonic() < deadline:
        fmt, data = rng.choice(pool)
        tokens = IMPORT_TOKENS[fmt] if fmt is not None else TOKENS
        data = mutate(rng, data, by_format[fmt], tokens)
        runs += 1
        try:
            outcome = exercise(data) if fmt is None else exercise_import(fmt, data)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        except Exception:
            suffix = IMPORT_SUFFIXES[fmt] if fmt is not None else ".yaml"
            name = hashlib.sha256(data).hexdigest()[:16] + suffix
            REGRESSIONS.mkdir(parents=True, exist_ok=True)
            (REGRESSIONS / name).write_bytes(data)
            traceback.print_exc()
            print(f"fuzz: seed {seed}: input {runs} failed; saved as tests/fuzz-regressions/{name}")
            return 1
        if outcome in ("errors", "valid") and len(pool) < 5000 and len(data) <= 2**17:
            pool.append((fmt, data))  # inputs that got far seed further mutations
    summary = ", ".join(f"{count} {what}" for what, count in sorted(outcomes.items()))
    print(f"fuzz: seed {seed}: {runs} inputs in {args.seconds:g} s ({summary}), 0 failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())

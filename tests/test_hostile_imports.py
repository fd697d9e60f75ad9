"""Hostile input to the importers (Argdown, AIF, xAIF, argmap JSON, GraphML): every file is
answered with a map or located diagnostics, never a traceback, in time linear in its size.

The inputs that grow faster than linearly are those that once took minutes (a relation list
searched once per relation, a pattern read to the end of the line at each opening bracket):
each case is sized so that the old way took far longer than the bound here, which is only a
guard (benchmarks/ and the report of issue 28 give times)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap import formats, pipeline
from argmap.cli import main
from argmap.loading import MAX_BYTES

GUARD_SECONDS = 20.0
"""Far more than any case takes (a few seconds at most on a loaded machine), far less than
any took before."""


def timed_import(text: str, fmt: str, file: str = "hostile") -> argmap.Loaded:
    start = time.perf_counter()
    loaded = formats.import_text(text, fmt, file)
    assert time.perf_counter() - start < GUARD_SECONDS
    for diagnostic in loaded.diagnostics:
        assert (diagnostic.line or 0) >= 1, diagnostic
        assert (diagnostic.column or 0) >= 1, diagnostic
    return loaded


def first(loaded: argmap.Loaded) -> tuple[str, int | None, int | None, str]:
    d = loaded.diagnostics[0]
    return (d.code, d.line, d.column, d.message)


# --- time linear in the input ---------------------------------------------------------------


def _relations(n: int) -> str:
    lines = ["[root]: The root."]
    lines += [f"  {'+' if i % 2 else '-'} [s{i}]: Premise {i}." for i in range(n)]
    return "\n".join(lines) + "\n"


def _tangle(n: int) -> str:
    """One claim that n claims support and that supports each of them: n cycles in one group."""
    lines = ["[hub]: The hub."]
    for i in range(n):
        lines += [f"  + [s{i}]: Spoke {i}.", "    + [hub]"]
    return "\n".join(lines) + "\n"


def _aif(nodes: list[dict[str, str]], edges: list[tuple[str, str]]) -> str:
    return json.dumps(
        {
            "nodes": nodes,
            "edges": [
                {"edgeID": f"e{i}", "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)
            ],
        }
    )


def _one_way_conflicts(n: int) -> str:
    """n CA nodes, each from one claim to the next: none has a partner going the other way."""
    nodes = [{"nodeID": f"c{i}", "text": f"Claim {i}.", "type": "I"} for i in range(n)]
    nodes += [{"nodeID": f"x{i}", "text": "Default Conflict", "type": "CA"} for i in range(n)]
    edges = [e for i in range(n) for e in ((f"c{i}", f"x{i}"), (f"x{i}", f"c{(i + 1) % n}"))]
    return _aif(nodes, edges)


def _undercut_chain(n: int) -> str:
    """CA nodes each attacking the next, the last attacking a node that is not there."""
    nodes = [{"nodeID": "c", "text": "C.", "type": "I"}]
    nodes += [{"nodeID": f"x{i}", "text": "Default Conflict", "type": "CA"} for i in range(n)]
    edges = [e for i in range(n) for e in (("c", f"x{i}"), (f"x{i}", f"x{i + 1}"))]
    return _aif(nodes, edges)


def _same_slug(i: int) -> str:
    return "a" + "!" * (i % 100) + "?" * (i // 100)


LINEAR: dict[str, tuple[str, Callable[[], str], int, int, int]] = {
    # name: format, text, claims, links, diagnostics
    "Argdown relations (a list searched once per relation)": (
        "argdown",
        lambda: _relations(30_000),
        30_001,
        30_000,
        0,
    ),
    "Argdown support cycles in one group (the links dropped one at a time)": (
        "argdown",
        lambda: _tangle(10_000),
        10_001,
        10_000,
        10_000,
    ),
    "Argdown opening braces (data read to the end of the line at each)": (
        "argdown",
        lambda: "[a]: A " + "{" * 200_000 + "\n",
        1,
        0,
        0,
    ),
    "Argdown links without an end": (
        "argdown",
        lambda: "[a]: A " + "[x](" * 100_000 + "\n",
        1,
        0,
        0,
    ),
    "Argdown mentions without an end": (
        "argdown",
        lambda: "[a]: A " + "@[" * 100_000 + "\n",
        1,
        0,
        0,
    ),
    "Argdown tags without an end": ("argdown", lambda: "[a]: A " + "#(" * 100_000 + "\n", 1, 0, 0),
    "Argdown comment markers among titles": (
        "argdown",
        lambda: "[a]: A " + "<x //[" * 50_000 + "\n",
        1,
        0,
        0,
    ),
    "Argdown lines that open data never closed": (
        "argdown",
        lambda: "".join(f"[s{i}]: S {{\n\n" for i in range(20_000)),
        20_000,
        0,
        0,
    ),
    "Argdown text over many lines": ("argdown", lambda: "[a]: A\n" + "more\n" * 100_000, 1, 0, 0),
    "Argdown many tags": (
        "argdown",
        lambda: "[a]: A " + " ".join(f"#t{i}" for i in range(50_000)) + "\n",
        1,
        0,
        0,
    ),
    "Argdown titles that make one id": (
        "argdown",
        lambda: "".join(f"[{_same_slug(i)}]: S.\n\n" for i in range(20_000)),
        20_000,
        0,
        0,
    ),
    "Argdown negations": (
        "argdown",
        lambda: "".join(
            f"[n{i}]: N. {{negates: s{i}}}\n  -> [s{i}]: S.\n\n" for i in range(15_000)
        ),
        30_000,
        15_000,
        0,
    ),
    "AIF conflicts without partners (each paired by a search of the rest)": (
        "aif",
        lambda: _one_way_conflicts(20_000),
        20_000,
        20_000,
        0,
    ),
    "AIF chain of undercuts of a missing node (one pass each)": (
        "aif",
        lambda: _undercut_chain(20_000),
        1,
        0,
        20_001,
    ),
    "AIF node ids that make one id": (
        "aif",
        lambda: _aif(
            [{"nodeID": _same_slug(i), "text": "C.", "type": "I"} for i in range(20_000)], []
        ),
        20_000,
        0,
        0,
    ),
}


@pytest.mark.parametrize("name", list(LINEAR))
def test_inputs_that_once_took_minutes_import_quickly(name: str) -> None:
    fmt, text, claims, links, diagnostics = LINEAR[name]
    loaded = timed_import(text(), fmt)
    assert loaded.map is not None
    assert (len(loaded.map.claims), len(loaded.map.links)) == (claims, links)
    assert len(loaded.diagnostics) == diagnostics


def test_support_cycles_in_one_group_are_each_dropped_with_their_cycle() -> None:
    loaded = timed_import(_tangle(10_000), "argdown")
    assert loaded.diagnostics[:2] == tuple(
        argmap.Diagnostic.warning(
            "argdown-unsupported",
            f"support links form a cycle: hub -> s{i} -> hub: this link is not kept",
        ).locate({(): (2 + 2 * i, 3)}, "hostile")
        for i in range(2)
    )
    assert loaded.map is not None
    assert pipeline.check_import(loaded).diagnostics == loaded.diagnostics  # no cycle left


# --- deep nesting ---------------------------------------------------------------------------


DEEP = 100_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[a]: A. {a: " + "[" * 150 + "]" * 150 + "}\n",
            (1, 112, "data is nested more than 100 levels deep: argmap reads no deeper"),
        ),
        (  # deeper than libyaml's own limit (1,000 levels): reported where libyaml stops
            "[a]: A. {a: " + "[" * DEEP + "]" * DEEP + "}\n",
            (1, 1012, "data is nested more than 100 levels deep: argmap reads no deeper"),
        ),
        (
            "<a>: A. {a: " + "[" * DEEP + "]" * DEEP + "}\n\n(1) [p]: P.\n----\n(2) [q]: Q.\n",
            (1, 1012, "data is nested more than 100 levels deep: argmap reads no deeper"),
        ),
        (
            "===\na: " + "{a: " * DEEP + "}" * DEEP + "\n===\n\n[a]: A.\n",
            (2, 4000, "front matter is nested more than 100 levels deep: argmap reads no deeper"),
        ),
        (
            "[a]: A. {\n" + "".join("  " * i + "a:\n" for i in range(1, 150)) + "}\n",
            (102, 203, "data is nested more than 100 levels deep: argmap reads no deeper"),
        ),
        (
            "[a]: A.\n\n<b>\n\n(1) [a]\n-- {a: " + "[" * DEEP + "]" * DEEP + "} --\n(2) [c]: C.\n",
            (6, 1007, "data is nested more than 100 levels deep: argmap reads no deeper"),
        ),
    ],
    ids=["statement", "statement-deeper", "argument", "front-matter", "block", "inference"],
)
def test_deeply_nested_argdown_data_is_one_located_error_at_once(
    text: str, expected: tuple[int, int, str]
) -> None:
    start = time.perf_counter()
    loaded = formats.import_text(text, "argdown", "deep.argdown")
    assert time.perf_counter() - start < 2.0  # it once took 35 s to end in a RecursionError
    errors = [(d.line, d.column, d.message) for d in loaded.diagnostics if d.is_error]
    assert errors == [expected]
    assert {d.code for d in loaded.diagnostics if d.is_error} == {"argdown-syntax"}


def test_data_of_a_hundred_levels_is_read() -> None:
    loaded = formats.import_text("[a]: A. {x: " + "[" * 99 + "]" * 99 + "}\n", "argdown", None)
    assert [d.message for d in loaded.diagnostics] == [
        "data 'x' of [a] has no place in an argmap claim: not kept"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[s0]: S.\n" + "".join("  " * i + f"+ [s{i}]: S.\n" for i in range(1, 2_500)),
        "[a]: " + "*a " * 100_000 + "\n",
        "[a]: " + "[" * 100_000 + "\n",
        "[a]: " + "/*" * 100_000 + "\n",
    ],
    ids=["relations", "emphasis", "brackets", "comments"],
)
def test_nothing_deep_makes_the_argdown_reader_recurse(text: str) -> None:
    timed_import(text, "argdown")


def test_deeply_nested_json_is_one_error() -> None:
    loaded = timed_import("[" * DEEP + "]" * DEEP, "json")
    assert [first(loaded)] == [("json-syntax", 1, 1, "the JSON is nested too deeply to be read")]


# --- the size of a file -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["argdown", "aif", "xaif", "json", "graphml"])
def test_a_text_over_the_limit_of_map_files_is_refused_before_it_is_parsed(fmt: str) -> None:
    start = time.perf_counter()
    loaded = formats.import_text("[" * (MAX_BYTES + 1), fmt, "big")
    assert time.perf_counter() - start < 1.0
    assert loaded.map is None
    assert [first(loaded)] == [
        ("limit-exceeded", 1, 1, "the file is 16.0 MiB; argmap imports files of up to 16 MiB")
    ]


def test_the_limit_counts_bytes() -> None:
    """Characters of two bytes in UTF-8: a text of fewer characters than the limit is over it."""
    loaded = formats.import_text("é" * (MAX_BYTES // 2 + 1), "json", "big")
    assert [d.code for d in loaded.diagnostics] == ["limit-exceeded"]
    loaded = formats.import_text(" " * (MAX_BYTES - 10) + "[]", "json", "big")
    assert [d.code for d in loaded.diagnostics] == ["aif-structure"] or loaded.map is None
    assert "limit-exceeded" not in {d.code for d in loaded.diagnostics}


# --- halves of surrogate pairs ----------------------------------------------------------------


def test_a_surrogate_pair_from_json_imports_as_its_character(tmp_path: Path) -> None:
    path = tmp_path / "emoji.json"
    path.write_text(json.dumps({"argmap": 1, "claims": {"a": "Smile \U0001f600"}}), "utf-8")
    assert "\\ud83d\\ude00" in path.read_text("utf-8")
    result = CliRunner().invoke(main, ["import", "--from", "json", str(path)])
    assert result.exit_code == 0, result.output
    assert argmap.load(tmp_path / "emoji.yaml").claim("a").text == "Smile \U0001f600"


LONE = "half of a UTF-16 surrogate pair, without its other half"


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        (
            "json",
            '{"argmap": 1,\n "claims": {"a": "Lone \\ud800 half"}}',
            ("json-syntax", 2, 24, f"not valid JSON: the escape '\\ud800' is {LONE}"),
        ),
        (
            "json",
            '{"argmap": 1, "claims": {"a": "Backwards \\ude00\\ud83d"}}',
            ("json-syntax", 1, 42, f"not valid JSON: the escape '\\ude00' is {LONE}"),
        ),
        (
            "aif",
            '{"nodes": [{"nodeID": "a", "type": "I", "text": "\\udc00"}], "edges": []}',
            ("json-syntax", 1, 50, f"not valid JSON: the escape '\\udc00' is {LONE}"),
        ),
        (
            "xaif",
            '{"AIF": {"nodes": [{"nodeID": "a\\ud800", "type": "I", "text": "A"}]}}',
            ("json-syntax", 1, 33, f"not valid JSON: the escape '\\ud800' is {LONE}"),
        ),
        (
            "argdown",
            '[a]: A. {by: "Lone \\ud800 half"}\n',
            ("argdown-syntax", 1, 20, f"data is not YAML: the escape '\\ud800' is {LONE}"),
        ),
        (
            "argdown",
            '===\ntitle: "\\udfff"\n===\n\n[a]: A.\n',
            ("argdown-syntax", 2, 9, f"front matter is not YAML: the escape '\\udfff' is {LONE}"),
        ),
    ],
)
def test_half_a_surrogate_pair_is_a_located_error(
    fmt: str, text: str, expected: tuple[str, int, int, str]
) -> None:
    loaded = timed_import(text, fmt)
    assert [first(loaded)] == [expected]
    assert not loaded.ok


def test_half_a_surrogate_pair_in_graphml_data_is_left_out_with_a_warning() -> None:
    m = argmap.ArgumentMap(claims=[argmap.Claim("a", "A.", quote=["q"])], links=[])
    text = formats.export(m, "graphml").replace('["q"]', '["\\ud800"]')
    loaded = timed_import(text, "graphml")
    assert [(d.code, d.message) for d in loaded.diagnostics] == [
        (
            "graphml-data",
            "'quote': a string holds half of a UTF-16 surrogate pair (an escape such as "
            "\\ud800 alone)",
        )
    ]
    assert loaded.map is not None
    assert loaded.map.claim("a").quote == ()


def test_surrogate_pairs_in_argdown_data_are_their_characters() -> None:
    loaded = timed_import(
        "[a]: A. {by: \"Smile \\ud83d\\ude00\", note: 'as written: \\ud83d\\ude00'}\n", "argdown"
    )
    assert loaded.diagnostics == ()
    assert loaded.map is not None
    claim = loaded.map.claim("a")
    assert (claim.by, claim.note) == ("Smile \U0001f600", "as written: \\ud83d\\ude00")


@pytest.mark.parametrize(
    ("fmt", "code"),
    [
        ("argdown", "argdown-syntax"),
        ("aif", "json-syntax"),
        ("xaif", "json-syntax"),
        ("json", "json-syntax"),
        ("graphml", "xml-syntax"),
    ],
)
def test_a_string_holding_half_a_pair_is_refused_by_every_importer(fmt: str, code: str) -> None:
    """No file holds one, but a string from Python may (read with 'surrogateescape')."""
    loaded = timed_import("[a]: A.\r\n  - [b]: B\udcff\n", fmt)
    assert [first(loaded)] == [
        (
            code,
            2,
            11,
            "the text holds U+DCFF, half of a UTF-16 surrogate pair without its other half, "
            "which no UTF-8 file can hold",
        )
    ]


def test_the_cli_reports_half_a_pair_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "lone.json"
    path.write_text('{"argmap": 1, "claims": {"a": "\\ud800"}}', "utf-8")
    result = CliRunner().invoke(main, ["import", "--from", "json", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{path}:1:32: error[json-syntax]: not valid JSON: the escape '\\ud800'" in result.output
    assert not (tmp_path / "lone.yaml").exists()


# --- what the fuzzer found ------------------------------------------------------------------


def test_blank_text_in_argdown_data_is_left_out_as_the_map_reader_would_refuse_it() -> None:
    loaded = timed_import(
        '===\ntitle: " "\nargmap: {thesis: [a, [b], {c: d}], description: ""}\n===\n\n'
        '[a]: A. #( ) {quote: ["", q], by: " ", tags: [""]}\n  + [\x0b]\n',
        "argdown",
    )
    assert [(d.line, d.column, d.message) for d in loaded.diagnostics] == [
        (1, 1, "thesis ['b'] names no statement: not kept"),
        (1, 1, "thesis {'c': 'd'} names no statement: not kept"),
        (6, 1, "data 'tags' of [a] is not a list of non-empty strings: not kept"),
        (
            6,
            1,
            "data 'quote' of [a] must be a non-empty string or a list of them, found "
            "['', 'q']: not kept",
        ),
        (6, 1, "data 'by' of [a] must be a non-empty string, found ' ': not kept"),
        (6, 9, "an empty tag is not kept"),
        (7, 5, "statement [] has no text: its id is its text"),
    ]
    assert loaded.map is not None
    assert argmap.parse(argmap.dumps(loaded.map)).map == loaded.map
    assert [(c.id, c.text) for c in loaded.map.claims] == [("a", "A."), ("statement", "statement")]
    assert (loaded.map.title, loaded.map.description, loaded.map.thesis) == (None, None, ("a",))


def test_empty_graphml_data_is_no_value_and_a_link_to_no_id_a_located_error() -> None:
    m = argmap.ArgumentMap(
        claims=[argmap.Claim("a", "A.", by="B", quote=["q"]), argmap.Claim("b", "B.")],
        links=[argmap.support("a", "b", id="L")],
    )
    text = formats.export(m, "graphml")
    text = text.replace('"n_by">B<', '"n_by"> <').replace('["q"]', '["", "q"]')
    loaded = timed_import(text, "graphml")
    assert [(d.code, d.message) for d in loaded.diagnostics] == [
        ("graphml-data", "'quote' must be a JSON list of non-empty strings")
    ]
    assert loaded.map is not None
    assert (loaded.map.claim("a").by, loaded.map.claim("a").quote) == (None, ())
    loaded = timed_import(text.replace('source="L" target="b"', 'source="L" target=""'), "graphml")
    assert [d.code for d in loaded.diagnostics] == ["graphml-data", "graphml-data"]
    assert loaded.diagnostics[1].message.startswith("link node 'L': 'target' must be an id")
    assert not loaded.ok


def test_names_longer_than_an_id_make_ids_cut_to_the_longest_an_id_may_be() -> None:
    """Argdown titles and AIF node ids become claim ids; a map's ids are at most 1,024
    characters (MAX_ID_LENGTH), and two long names that agree on those are numbered."""
    from argmap.model import MAX_ID_LENGTH

    argdown = f"[{'a' * 2000}]: A.\n\n[{'a' * 2001}]: B.\n\n[{'a!' * 700}]: C.\n"
    aif = _aif([{"nodeID": "x" * 2000 + str(i), "text": "C.", "type": "I"} for i in range(2)], [])
    for text, fmt, ids in [
        (argdown, "argdown", ["a" * 1024, "a" * 1022 + "-2", "a-" * 512]),
        (aif, "aif", ["x" * 1024, "x" * 1022 + "-2"]),
    ]:
        loaded = timed_import(text, fmt)
        assert loaded.map is not None
        assert [c.id for c in loaded.map.claims] == ids
        assert max(len(i) for i in ids) == MAX_ID_LENGTH
        assert argmap.parse(argmap.dumps(loaded.map)).map == loaded.map

"""Loading: exact diagnostics for bad input, the one exception, and what loads unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap import Diagnostic, MapError, Severity, loading
from tests.conftest import SMALL_MAP


def located(text: str) -> list[tuple[int, int, str, str]]:
    loaded = argmap.parse(text, "m.yaml")
    return [(d.line, d.column, d.code, d.message) for d in argmap.run_checks(loaded)]  # type: ignore[misc]


def test_small_map_loads() -> None:
    m = argmap.loads(SMALL_MAP)
    assert m.title == "A small map"
    assert m.thesis == ("t",)
    assert m.claim("p").quote == ("a quoted premise",)
    assert m.claim("p").by == "Someone"
    assert m.link("main").premises == ("p", "q")
    assert m.attackers("main")[0].premises == ("o",)


def test_invalid_map_raises_one_error_with_every_diagnostic() -> None:
    text = "argmap: 1\nclaims:\n  a: A.\n  a: again\nlinks:\n  - from: x\n    supports: y\n"
    with pytest.raises(MapError) as caught:
        argmap.loads(text, "m.yaml")
    found = [(d.line, d.column, d.code) for d in caught.value.diagnostics]
    assert found == [(4, 3, "duplicate-id"), (6, 11, "unknown-ref"), (7, 15, "unknown-ref")]
    assert str(caught.value).startswith("3 errors in map:\nm.yaml:4:3: error[duplicate-id]")
    assert isinstance(caught.value, ValueError)


def test_warnings_do_not_stop_loading() -> None:
    m = argmap.loads("argmap: 1\nclaims:\n  a: A lone claim.\n")
    assert [d.code for d in argmap.check(m)] == ["no-thesis", "orphan-claim"]


def test_load_reads_a_file(small_map_file: Path) -> None:
    assert argmap.load(small_map_file) == argmap.loads(SMALL_MAP)


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL_MAP.replace("\n", "\r\n").encode())
    assert argmap.load(path) == argmap.loads(SMALL_MAP)


@pytest.mark.parametrize("marks", [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf" * 2])
def test_a_file_is_read_quickly_from_its_bytes_with_or_without_a_mark(
    tmp_path: Path, marks: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The quick reader (the fast extra) takes the bytes read (without the mark) in place of
    # the text encoded
    pytest.importorskip("ryml")
    pytest.importorskip("msgspec")
    monkeypatch.setattr(loading, "QUICK_FROM", 0)
    path = tmp_path / "m.yaml"
    path.write_bytes(marks + SMALL_MAP.encode())
    loaded = argmap.read(path)
    assert loaded.map == argmap.loads(SMALL_MAP)
    assert loaded.diagnostics == ()
    assert isinstance(loaded.positions, loading.PositionsOnDemand)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "",
            [
                (
                    1,
                    1,
                    "missing-field",
                    "the map is empty; it needs at least 'argmap: 1' and 'claims'",
                )
            ],
        ),
        ("- a\n- b\n", [(1, 1, "wrong-type", "the map must be a mapping, found a list")]),
        (
            "just text\n",
            [(1, 1, "wrong-type", "the map must be a mapping, found the string 'just text'")],
        ),
        (
            "argmap: 1\nclaims:\n  a: x\n\tb: y\n",
            [
                (
                    4,
                    1,
                    "yaml-syntax",
                    "not valid YAML: while scanning a plain scalar (at line 3, column 6), "
                    "found a tab character that violates indentation",
                )
            ],
        ),
        (
            "argmap: 1\nclaims: {}\n",
            [(2, 9, "wrong-type", "'claims' must hold at least one claim, found none")],
        ),
        (
            "argmap: 1\nclaims:\n  a:\n",
            [(3, 5, "missing-field", "claim 'a' has no text")],
        ),
        (
            "argmap: 1\nclaims:\n  a: ''\n",
            [
                (
                    3,
                    6,
                    "wrong-type",
                    "the text of claim 'a' must be a non-empty string, found an empty one",
                )
            ],
        ),
        (
            "argmap: 1\nclaims:\n  2019: 42\nthesis: 2019\n",
            [(4, 9, "unsupported-thesis", "thesis '2019' is supported by no link")],
        ),
        (
            "argmap: 1.0\nclaims:\n  a: A.\n",
            [
                (
                    1,
                    9,
                    "wrong-type",
                    "'argmap' (the format version) must be the integer 1, found the number 1.0",
                )
            ],
        ),
        (
            "argmap: 1\nclaims:\n  a:\n    text: A.\n    implicit: 'yes'\n",
            [
                (
                    5,
                    15,
                    "wrong-type",
                    "'implicit' of claim 'a' must be true or false, found the string 'yes'",
                )
            ],
        ),
        (
            "argmap: 1\nclaims:\n  a: A.\nlinks:\n  - from: []\n    supports: a\n",
            [
                (
                    5,
                    11,
                    "wrong-type",
                    "'from' of link 1 must be a claim id or a list of claim ids, found a list",
                )
            ],
        ),
        (
            "argmap: 1\nclaims:\n  a: A.\nlinks: {from: a}\n",
            [(4, 8, "wrong-type", "'links' must be a list of links, found a mapping")],
        ),
        (
            "argmap: 1\nclaims:\n  a: A.\nsource:\n  date: 2019-03-01\n  file: [x]\n",
            [(6, 9, "wrong-type", "'file' of the source must be a string, found a list")],
        ),
    ],
)
def test_exact_diagnostics(text: str, expected: list[tuple[int, int, str, str]]) -> None:
    found = [d for d in located(text) if d[2] not in ("no-thesis", "orphan-claim")]
    assert found == expected


def test_numbers_and_dates_are_taken_as_the_text_typed() -> None:
    m = argmap.loads(
        "argmap: 1\nthesis: '2019'\nsource:\n  date: 2019-03-01\nclaims:\n  '2019': 42.50\n"
    )
    assert m.claim("2019").text == "42.50"
    assert m.source is not None
    assert m.source.date == "2019-03-01"


def test_an_alias_is_reported_where_it_stands() -> None:
    text = "argmap: 1\nclaims:\n  a: &x A.\n  b: *x\n"
    assert located(text)[0] == (
        4,
        6,
        "wrong-type",
        "the alias '*x' repeats another value; maps take no YAML aliases",
    )


def test_an_alias_bomb_is_refused_quickly() -> None:
    lines = ["argmap: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append("claims:\n  c: *a29")
    codes = {d[2] for d in located("\n".join(lines) + "\n")}
    assert codes == {"unknown-field", "wrong-type"}


def test_deep_nesting_is_a_diagnostic_not_a_crash() -> None:
    text = "argmap: 1\nclaims:\n  a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    found = located(text)
    assert found[0][2] in ("yaml-syntax", "wrong-type")


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"argmap: 1\nclaims:\n  a: caf\xe9\n")
    found = argmap.check_file(path)
    assert [(d.line, d.column, d.code) for d in found] == [(3, 9, "yaml-syntax")]


def test_unreadable_file_is_a_diagnostic(tmp_path: Path) -> None:
    found = argmap.check_file(tmp_path / "absent.yaml")
    assert found[0].code == "yaml-syntax"
    assert "cannot read the file" in found[0].message


def test_broken_claims_do_not_cascade_into_unknown_refs() -> None:
    text = (
        "argmap: 1\nthesis: a\nclaims:\n  a: {text: [x]}\n  b: B.\n"
        "links:\n  - from: b\n    supports: a\n"
    )
    assert [d[2] for d in located(text)] == ["wrong-type"]


def test_positions_stay_right_after_a_dropped_link() -> None:
    text = (
        "argmap: 1\nthesis: a\nclaims:\n  a: A.\n  b: B.\nlinks:\n"
        "  - from: b\n  - from: b\n    supports: a\n  - from: zz\n    supports: a\n"
    )
    assert located(text) == [
        (
            7,
            5,
            "missing-field",
            "link 1 has no relation: it needs one of 'supports', 'attacks', 'contradicts'",
        ),
        (10, 11, "unknown-ref", "'from' of a link names no claim: 'zz'"),
    ]


def test_diagnostic_json_and_text_forms() -> None:
    d = Diagnostic(
        Severity.WARNING, "orphan-claim", "claim 'x' is not linked", (), "link it", "m.yaml", 3, 5
    )
    assert str(d) == "m.yaml:3:5: warning[orphan-claim]: claim 'x' is not linked"
    assert d.to_dict() == {
        "file": "m.yaml",
        "line": 3,
        "column": 5,
        "severity": "warning",
        "code": "orphan-claim",
        "message": "claim 'x' is not linked",
        "hint": "link it",
    }
    assert argmap.format_text(d, ["", "", "\tx: y"]) == (
        "m.yaml:3:5: warning[orphan-claim]: claim 'x' is not linked\n"
        " 3 | \tx: y\n"
        "   | \t   ^\n"
        "  = hint: link it"
    )


def test_a_supporting_link_sharing_a_claim_id_is_no_self_attack() -> None:
    text = (
        "argmap: 1\nthesis: a\nclaims:\n  a: A.\n  d: D.\n"
        "links:\n  - from: d\n    supports: a\n    id: a\n"
    )
    assert [d[2] for d in located(text)] == ["duplicate-id"]


@pytest.mark.parametrize(
    ("version", "read"),
    [("1_", True), ("0b1", True), ("017", False), ("0x2", False), ("1:0", False)],
)
def test_format_version_is_read_as_pyyaml_reads_an_integer(version: str, read: bool) -> None:
    # YAML 1.1 integers in forms Python's int() does not take: read, never a traceback.
    loaded = argmap.parse(f"argmap: {version}\nclaims: {{a: A.}}\n", "v.yaml")
    if read:
        assert not loaded.diagnostics
        assert loaded.map is not None
    else:
        assert [str(d) for d in loaded.diagnostics] == [
            f"v.yaml:1:9: error[unsupported-version]: format version {version} is not one this "
            "release reads (it reads 1)"
        ]
        assert loaded.map is None


@pytest.mark.parametrize("first", ["]", "}", "@", "`"])
def test_a_plain_value_yaml_refuses_is_a_located_syntax_error(first: str) -> None:
    # plain scalars cannot start with these; YAML refuses the file, and so does argmap
    text = f"argmap: 1\nthesis: t\nclaims:\n  t: The thesis.\n  p: {first}x\n"
    (found,) = argmap.parse(text, "m.yaml").diagnostics
    assert (found.code, found.line, found.column) == ("yaml-syntax", 5, 6)

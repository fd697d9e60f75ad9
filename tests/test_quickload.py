"""The quick reader (the 'fast' extra) against the located one: it answers only for valid
maps, and alike. Skipped where the extra is not installed."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import loading
from argmap.dumping import to_data
from argmap.formatting import FormatError, formatted
from argmap.model import ArgumentMap
from tests.strategies import valid_maps

ryml = pytest.importorskip("ryml")
pytest.importorskip("msgspec")
from argmap import quickload  # noqa: E402 - after the extra is known to be installed

SLOW = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
ROOT = Path(__file__).parent.parent


@contextlib.contextmanager
def _pieces_of(size: int) -> Iterator[None]:
    """The quick reader parses links in pieces of ``size`` bytes at the least meanwhile."""
    saved = quickload._PIECE
    quickload._PIECE = size
    try:
        yield
    finally:
        quickload._PIECE = saved


def _layouts(m: ArgumentMap) -> list[str]:
    """The map written in several YAML layouts: argmap's own, block, flow, narrow, quoted."""
    data = to_data(m)
    return [
        argmap.dumps(m),
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False),
        yaml.safe_dump(data, sort_keys=False, allow_unicode=False, default_flow_style=True),
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=20),
        yaml.safe_dump(data, sort_keys=False, default_style='"'),
        yaml.safe_dump(data, sort_keys=False, default_style="'", allow_unicode=True),
        yaml.safe_dump(data, sort_keys=False, default_style="|", allow_unicode=True),
    ]


def _alike(text: str) -> ArgumentMap | None:
    """The quick reader's map, after checking that the located reader reads the text alike,
    and that parsing the links a piece at a time (every item a piece) changes nothing."""
    quick = quickload.read_quickly(text)
    with _pieces_of(1):
        assert quickload.read_quickly(text) == quick
    if quick is not None:
        located = loading._located(text, "m.yaml")
        assert located.diagnostics == ()
        assert located.map == quick
    return quick


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _changed_by_json(value: str) -> bool:
    """Whether rapidyaml's JSON holds something else than ``value`` written plain: a number
    (``1E0``), a rewritten word (``inf``), or what is not JSON at all (``+1``)."""
    try:
        with quickload._quiet_stderr():
            tree = ryml.parse_in_arena(f"- {value}\n".encode())
    except Exception:
        return False  # it cannot be written plain: it is quoted, and the JSON keeps it
    try:
        found = json.loads(ryml.emit_json_malloc(tree, tree.root_id()), strict=False)
    except ValueError:
        return True
    return isinstance(found, list) and len(found) == 1 and found[0] != value


def _plainly_quick(m: ArgumentMap, text: str) -> bool:
    """Whether nothing in the map sends it to the located reader by design."""
    strings = _strings(to_data(m))
    return (
        not any(s in quickload._DOUBTFUL or s[:1] in quickload._INDICATORS for s in strings)
        and not any(_changed_by_json(s) for s in strings)
        and not any(c < " " and c not in "\n\t" for s in strings for c in s)  # control chars
        and not quickload.may_mark_nodes(text)
        and not quickload._SURROGATE_ESCAPE.search(text)
        and not quickload._unusual(text.encode("utf-8", "surrogatepass"))
        and "{}" not in text
    )


@SLOW
@given(valid_maps())
def test_quick_and_located_readers_agree_in_any_layout(m: ArgumentMap) -> None:
    for text in _layouts(m):
        _alike(text)
    with contextlib.suppress(FormatError):
        _alike(formatted(argmap.dumps(m)))


@SLOW
@given(valid_maps())
def test_valid_maps_take_the_quick_path(m: ArgumentMap) -> None:
    text = argmap.dumps(m)
    if _plainly_quick(m, text):
        assert _alike(text) == m


@SLOW
@given(st.text(max_size=300))
def test_quick_reader_takes_no_text_the_located_reader_faults(text: str) -> None:
    _alike(text)


_SCALARS = [
    "text",
    "yes",
    "No",
    "on",
    "null",
    "Null",
    "NULL",
    "~",
    "nan",
    "NaN",
    ".nan",
    "inf",
    "-inf",
    ".Inf",
    "infinity",
    "1",
    "01",
    "1.0",
    "1.",
    ".5",
    "1e3",
    "0x1F",
    "0o7",
    "1_000",
    "1:20",
    "2019-02-28",
    "2019-02-28 10:00:00",
    "<<",
    "=",
    "?x",
    ":x",
    "-x",
    "x y",
    "a#b",
    "a # comment",
    "'quoted'",
    '"double"',
    '"\\u00e9"',
    '"a\\nb"',
    "'it''s'",
    "|\n    block",
    ">-\n    folded\n    text",
    "[a, b]",
    "[a]",
    "[]",
    "{a: b}",
    "{}",
    "&a x",
    "*a",
    "!!str x",
    "!x y",
    "true",
    "False",
    "'  '",
    '""',
    "c0",
    "c0 ",
    "é",
    '"\\t"',
    "'#'",
    "x: y",
]
_scalars = st.sampled_from(_SCALARS)


@st.composite
def _risky_maps(draw: st.DrawFn) -> str:
    """Maps in block style whose values and keys are taken from scalars that YAML readers may
    type, rewrite or refuse, each written as it stands."""
    claim_ids = draw(
        st.lists(
            st.sampled_from(["c0", "c1", "yes", "1", "null", "nan", "x.y"]), min_size=1, max_size=3
        )
    )
    version = draw(st.sampled_from(["1", "1.0", '"1"', "01", "true", "0x1"]))
    lines = [f"argmap: {version}"]
    if draw(st.booleans()):
        lines.append(f"title: {draw(_scalars)}")
    if draw(st.booleans()):
        lines.append(f"thesis: {draw(st.sampled_from([*claim_ids, *_SCALARS]))}")
    lines.append("claims:")
    for claim_id in claim_ids:
        if draw(st.booleans()):
            lines.append(f"  {claim_id}: {draw(_scalars)}")
        else:
            lines.append(f"  {claim_id}:")
            lines.append(f"    text: {draw(_scalars)}")
            for field in draw(
                st.lists(
                    st.sampled_from(
                        ["quote", "by", "implicit", "tags", "note", "url", "ref", "bogus"]
                    ),
                    max_size=2,
                    unique=True,
                )
            ):
                lines.append(f"    {field}: {draw(_scalars)}")
    if draw(st.booleans()):
        lines.append("links:")
        for _ in range(draw(st.integers(0, 3))):
            relation = draw(st.sampled_from(["supports", "attacks", "contradicts"]))
            premise = draw(st.sampled_from([*claim_ids, *_SCALARS]))
            target = draw(st.sampled_from([*claim_ids, *_SCALARS]))
            lines.append(f"- from: {premise}")
            lines.append(f"  {relation}: {target}")
            if draw(st.booleans()):
                lines.append(
                    f"  {draw(st.sampled_from(['id', 'note', 'scheme', 'from']))}: {draw(_scalars)}"
                )
    return "\n".join(lines) + "\n"


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_risky_maps())
def test_quick_and_located_readers_agree_on_risky_scalars(text: str) -> None:
    _alike(text)


def _project_maps() -> list[Path]:
    return sorted([*ROOT.glob("maps/*.yaml"), *ROOT.glob("examples/**/*.yaml")])


@pytest.mark.parametrize("path", _project_maps(), ids=lambda p: p.name)
def test_project_maps_take_the_quick_path(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _alike(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "argmap: 1\nclaims:\n  a: &t Text\n  b: *t\n",  # anchor and alias
        "argmap: 1\nclaims:\n  a: !!str Text\n",  # tag
        "argmap: 1\nclaims:\n  a: Text\n  a: Again\n",  # a claim twice
        "argmap: 1\nclaims:\n  a:\n    text: T\n    text: U\n",  # a field twice
        "argmap: 1\nclaims:\n  a: nan\n",  # rapidyaml's JSON writes .nan
        "argmap: 1\nclaims:\n  a: null\n",  # no text
        "argmap: 1\nclaims:\n  a: Null\n",  # no text either, though the JSON holds "Null"
        "argmap: 1\nclaims:\n  a: 1e3\n",  # a number the JSON changes
        'argmap: "1"\nclaims:\n  a: Text\n',  # a quoted version
        "argmap: 1\nclaims:\n  a: Text\nlinks:\n- from: [a, a]\n  contradicts: a\n",
        "argmap: 1\nclaims:\n  a: Text\nlinks:\n- from: a\n  supports: a\n  attacks: a\n",
        "argmap: 1\nclaims:\n  a: Text\nlinks:\n- {from: a, supports: b, bogus: 1}\n",
        "argmap: 1\nclaims:\n  a: Text\nlinks:\n- from: [[a]]\n  supports: a\n",
        "argmap: 1\nclaims:\n  a: Text\nlinks:\n- supports: a\n",
        "argmap: 1\nclaims:\n  a b: Text\n",  # not an id
        "argmap: 1\nclaims: {}\n",
        "--- \nargmap: 1\nclaims:\n  a: T\n--- \nargmap: 1\n",
        "argmap: 1\r\nclaims:\r\n  a: T\r\n",
        "argmap: 1\nclaims:\n  a: T\u2028U\n",
        "%YAML 1.1\n---\nargmap: 1\nclaims:\n  a: T\n",
        "argmap: 1\nclaims:\n  a: [T\n",
        "",
    ],
)
def test_texts_left_to_the_located_reader(text: str) -> None:
    assert quickload.read_quickly(text) is None


def test_a_quick_map_finds_its_positions_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "argmap: 1\nthesis: t\nclaims:\n  t: The thesis.\n  p: A premise.\n  lone: Alone.\n"
    text += "links:\n- from: p\n  supports: t\n"
    monkeypatch.setattr(loading, "QUICK_FROM", 0)  # small texts are read by the located reader
    loaded = argmap.parse(text, "m.yaml")
    assert isinstance(loaded.positions, loading.PositionsOnDemand)
    found = [(d.code, d.line, d.column) for d in argmap.run_checks(loaded)]
    assert found == [("orphan-claim", 6, 3)]
    assert dict(loaded.positions) == dict(loading._located(text, "m.yaml").positions)


def test_the_synthetic_benchmark_map_takes_the_quick_path() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import synthetic_map
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))

    m = synthetic_map(300)
    assert _alike(argmap.dumps(m)) == m


def test_control_characters_written_as_escapes_read_quickly() -> None:
    # rapidyaml leaves them unescaped in its JSON, which msgspec refuses and json takes
    text = 'argmap: 1\nclaims:\n  a: "a bell \\a and a tab \\t"\n  b: Plain.\n'
    quick = _alike(text)
    assert quick is not None
    assert [c.text for c in quick.claims] == ["a bell \a and a tab \t", "Plain."]


def test_json_longer_than_the_first_buffer() -> None:
    # Escapes that JSON writes longer than YAML does: the buffer is made again, of the size asked
    text = "argmap: 1\nclaims:\n  a: '" + '""' * 500 + "'\n"
    tree = ryml.parse_in_arena(text.encode())
    written = bytes(quickload._json_of(tree, tree.root_id(), 16))
    assert json.loads(written) == {"argmap": 1, "claims": {"a": '""' * 500}}
    assert _alike(text) is not None


def test_deep_nesting_is_left_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    text = "argmap: 1\nclaims:\n  a: " + "{a: " * 100 + "x" + "}" * 100 + "\n"
    assert quickload.read_quickly(text) is None
    assert capfd.readouterr().err == ""


@settings(max_examples=500)
@given(st.lists(st.text(st.sampled_from("aZ09_.-\n é#"), max_size=4)))
def test_ids_checked_at_once_as_the_pattern_checks_them(values: list[str]) -> None:
    assert quickload._all_ids(values) == quickload._all_match(quickload._IDS, values)


def _one_by_one(texts: list[str]) -> bool:
    """What _Builder.string says of each text."""
    builder = quickload._Builder()
    try:
        for text in texts:
            builder.string(text)
    except quickload._NotQuick:
        return False
    return True


_DOUBTFUL_TEXTS = st.sampled_from(sorted(quickload._DOUBTFUL))


@settings(max_examples=500)
@given(st.lists(st.text(st.sampled_from("a?: \t\u3000\n.~n"), max_size=5) | _DOUBTFUL_TEXTS))
def test_texts_checked_at_once_as_one_by_one(texts: list[str]) -> None:
    assert quickload._plain_texts(texts) == _one_by_one(texts)


@pytest.mark.parametrize(
    ("texts", "plain"),
    [
        ([], True),
        (["a claim", ""], False),
        (["a claim", "  \t"], False),
        (["a claim", " a claim"], True),
        (["a claim", "? a claim"], False),
        (["a claim", ": a claim"], False),
        (["a claim", "null"], False),
        (["a claim", ".inf"], False),
        (["a claim", "nulls"], True),
    ],
)
def test_plain_texts(texts: list[str], plain: bool) -> None:
    assert quickload._plain_texts(texts) is plain
    assert _one_by_one(texts) is plain


def test_the_quick_reader_s_shapes_have_the_format_s_fields() -> None:
    import msgspec

    from argmap.fields import CLAIM_FIELDS, LINK_FIELDS, SOURCE_FIELDS, TOP_FIELDS

    def names(cls: type) -> set[str]:
        return {field.encode_name for field in msgspec.structs.fields(cls)}

    assert names(quickload._Document) == set(TOP_FIELDS)
    assert names(quickload._Source) == set(SOURCE_FIELDS)
    assert names(quickload._Claim) == set(CLAIM_FIELDS)
    assert names(quickload._Link) == set(LINK_FIELDS)


# --- links parsed apart ------------------------------------------------------------------------

_TWO_CLAIMS = "argmap: 1\nclaims:\n  a: A.\n  b: B.\n"


@pytest.mark.parametrize(
    ("text", "apart"),
    [
        (_TWO_CLAIMS + "links:\n- {from: a, supports: b}\n- from: b\n  attacks: a\n", True),
        (_TWO_CLAIMS + "links:\n# first\n\n- {from: a, supports: b}\n", False),  # not an item
        (_TWO_CLAIMS + "links:\n- {from: a, supports: b}\n# c\n\n-\n  from: b\n  attacks: a", True),
        (_TWO_CLAIMS + "links:\n  - {from: a, supports: b}\n  - from: b\n    attacks: a\n", True),
        (
            _TWO_CLAIMS
            + "links:\n    - {from: a, supports: b}\n# c\n  # d\n\n    - {from: b, attacks: a}",
            True,
        ),
        (_TWO_CLAIMS + "links:\n  - {from: a, supports: b}\nexpect:\n  grounded: {a: in}\n", False),
        (_TWO_CLAIMS + "links:\n- {from: a, supports: b}\nexpect:\n  grounded: {a: in}\n", False),
        (_TWO_CLAIMS + "links: # the links\n- {from: a, supports: b}\n", False),
    ],
)
def test_links_parsed_apart_where_the_text_allows(
    text: str, apart: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    pieces: list[int] = []
    in_pieces = quickload._links_in_pieces

    def spied(data: bytes, start: int, item: bytes) -> tuple[list[Any], int] | None:
        pieces.append(start)
        return in_pieces(data, start, item)

    monkeypatch.setattr(quickload, "_links_in_pieces", spied)
    quick = _alike(text)
    assert quick is not None
    assert len(quick.links) == text.count("from")
    assert bool(pieces) is apart


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # 'links:' inside a quoted scalar that the rest of the text closes
        (
            _TWO_CLAIMS + "title: 'T\nlinks:\n- {from: a, supports: b}'\n",
            "title T links: - {from: a, supports: b}",
        ),
        (_TWO_CLAIMS + 'title: "T\nlinks:\n- x"\n', "title T links: - x"),
        # ... and inside a flow collection
        ("argmap: 1\nclaims: {a: A.,\nlinks:\n- b}\n", "yaml-syntax 4:1"),
        # an item cut inside a quoted scalar or a flow collection
        (_TWO_CLAIMS + "links:\n- from: a\n  supports: b\n  note: 'n\n- m'\n", "note n - m"),
        (_TWO_CLAIMS + "links:\n- {from: a,\n- supports: b}\n", "yaml-syntax 7:1"),
    ],
)
def test_links_read_whole_where_a_line_is_inside_a_value(
    text: str, read: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read in parts, these texts would read otherwise; a part fails to parse, and the text is
    # parsed whole, as the located reader reads it (or reports it).
    tried: list[int] = []
    parsed_from = quickload._parsed_from

    def spied(head: bytes, data: bytes = b"", start: int = 0, item: bytes = b"") -> Any:
        tried.append(start)
        return parsed_from(head, data, start, item)

    monkeypatch.setattr(quickload, "_parsed_from", spied)
    quick = _alike(text)
    assert tried[:2] == [text.index("\nlinks:\n") + len("\nlinks:\n"), 0]
    located = loading._located(text, "m.yaml")
    if located.diagnostics:
        assert quick is None
        found = located.diagnostics[0]
        assert f"{found.code} {found.line}:{found.column}" == read
    else:
        assert located.map is not None
        notes = [link.note for link in located.map.links]
        assert read in (f"title {located.map.title}", f"note {notes[0] if notes else None}")


@pytest.mark.parametrize(
    "text",
    [
        _TWO_CLAIMS + "links:\n",  # links: null
        _TWO_CLAIMS + "links:\n-\n",  # an item that is null
        _TWO_CLAIMS + "links: []\nlinks:\n- {from: a, supports: b}\n",  # links given twice
        _TWO_CLAIMS + "links:\n  - {from: a, supports: b}\n - {from: b, attacks: a}\n",
        _TWO_CLAIMS + "links:\n- {from: a, supports: b}\n- {from: a, from: b, supports: b}\n",
    ],
)
def test_links_apart_left_to_the_located_reader(text: str) -> None:
    with _pieces_of(1):
        assert quickload.read_quickly(text) is None
    assert quickload.read_quickly(text) is None
    assert loading._located(text, "m.yaml").diagnostics


_FRAGMENTS = st.sampled_from(
    [
        *("\n", "- ", "-", "'", '"', "{", "}", "[", "]", "#", " ", ":", ",", "x", "a", "|", ">"),
        *("\nlinks:\n", "\n- ", "\n#c\n", "\n---\n", "\n...\n", "\n-\n", "\n  ", "\nexpect:\n"),
    ]
)


@SLOW
@given(
    valid_maps(),
    st.booleans(),
    st.lists(st.tuples(st.floats(0, 1), _FRAGMENTS | st.just("\n  - ")), max_size=4),
)
def test_links_apart_read_alike_when_the_text_is_changed(
    m: ArgumentMap, indented: bool, changes: list[tuple[float, str]]
) -> None:
    # argmap.dumps writes the items at the left edge, argmap format indents them
    text = argmap.dumps(m)
    if indented:
        with contextlib.suppress(FormatError):
            text = formatted(text)
    start = text.find("\nlinks:\n")
    if start < 0:
        start = len(text)
        text += "links:\n" + ("  " if indented else "") + "- {from: a, supports: b}\n"
    for where, fragment in changes:
        at = start + int(where * (len(text) - start))
        text = text[:at] + fragment + text[at:]
    _alike(text)


def test_small_texts_and_texts_it_refuses_are_read_by_the_located_reader() -> None:
    text = "argmap: 1\nclaims:\n  t: The thesis.\n"
    assert not isinstance(argmap.parse(text).positions, loading.PositionsOnDemand)
    large = text + "".join(f"  c{i}: Claim {i}.\n" for i in range(loading.QUICK_FROM // 16))
    assert isinstance(argmap.parse(large).positions, loading.PositionsOnDemand)
    # a plain scalar YAML refuses: the quick reader leaves it, the located reader reports it
    refused = large + "  bad: ]x\n"
    assert quickload.read_quickly(refused) is None
    assert [(d.code, d.line) for d in argmap.parse(refused).diagnostics] == [
        ("yaml-syntax", refused.count("\n"))
    ]

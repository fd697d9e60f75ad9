"""Argdown: the export read by the real Argdown tool, and argmap's own reading of Argdown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import formats
from argmap.cli import main
from argmap.formats.argdown import escape, flow
from argmap.model import ArgumentMap, Relation
from tests.argdown_tool import Relation as Triple
from tests.argdown_tool import run_argdown, statement_text, statements, understood
from tests.conftest import ROOT
from tests.strategies import argdown_documents, argdown_noise, valid_maps

MAPS = sorted((ROOT / "maps").glob("*.yaml"))


def relations_of(m: ArgumentMap) -> set[Triple]:
    """The map's links in the terms of tests.argdown_tool.understood."""
    found: set[Triple] = set()
    for link in m.links:
        if link.relation is Relation.CONTRADICTS:
            found.add(("contradicts", frozenset({link.premises[0], link.target}), None))
        else:
            found.add((link.relation.value, frozenset(link.premises), link.target))
    return found


def expected_data(claim: argmap.Claim) -> dict[str, Any] | None:
    data: dict[str, Any] = {}
    if claim.quote:
        data["quote"] = list(claim.quote)
    if claim.by is not None:
        data["by"] = claim.by
    if claim.implicit:
        data["implicit"] = True
    for name in ("note", "url", "ref"):
        if getattr(claim, name) is not None:
            data[name] = getattr(claim, name)
    if claim.same:
        data["same"] = list(claim.same)
    return data or None


@pytest.mark.needs_argdown
def test_every_map_is_read_by_argdown_with_the_same_statements_and_relations(
    tmp_path: Path,
) -> None:
    maps = {path.stem: argmap.load(path) for path in MAPS}
    exported = {name: formats.export(m, "argdown") for name, m in maps.items()}
    read = run_argdown(exported, tmp_path)
    for name, m in maps.items():
        data = read[name]
        found = statements(data)
        assert sorted(found) == sorted(c.id for c in m.claims), name
        for claim in m.claims:
            statement = found[claim.id]
            shown = " ".join([claim.label, *(f"#{t}" for t in claim.tags)])
            assert statement_text(statement) == shown, (name, claim.id)
            assert statement.get("tags", []) == list(claim.tags), (name, claim.id)
            assert statement.get("data") == expected_data(claim), (name, claim.id)
        assert understood(data) == relations_of(m), name
        assert {"support", "attack", "undercut", "contradictory"} <= {
            r["relationType"] for d in read.values() for r in d["relations"]
        }


def test_text_is_escaped_where_argdown_would_read_markup() -> None:
    assert escape("U.S. a_b *c* [d] <e> {f} #g @h a//b 2.5 x:y:") == (
        "U\\.S. a\\_b \\*c\\* \\[d\\] \\<e\\> \\{f\\} \\#g \\@h a\\/\\/b 2.5 x\\:y:"
    )
    assert escape("a === b") == "a \\=\\=\\= b"


def test_data_is_one_line_that_braces_and_front_matter_cannot_cut() -> None:
    assert flow({"quote": ["a } b {", "==="], "implicit": True, "n": 2}) == (
        '{"quote": ["a \\x7d b \\x7b", "\\x3d\\x3d\\x3d"], "implicit": true, "n": 2}'
    )
    assert flow("line\nbreak\u2028\U000e0001") == '"line\\x0abreak\\u2028\\U000e0001"'


SMALL = """\
argmap: 1
title: Small
thesis: t
claims:
  t: The thesis.
  p:
    text: A premise.
    tags: [evidence, two words]
  q: A second premise.
  o: An objection.
  u: An undercutter.
links:
  - from: [p, q]
    supports: t
    id: main
    scheme: causal argument
  - from: o
    attacks: t
  - from: u
    attacks: main
  - from: o
    contradicts: q
"""


def test_a_small_map_reads_as_an_argdown_user_would_write_it() -> None:
    text = formats.export(argmap.loads(SMALL), "argdown")
    assert text == (
        "===\n"
        'title: "Small"\n'
        "model:\n"
        "  mode: loose\n"
        'argmap: {"thesis": ["t"]}\n'
        "===\n"
        "\n"
        "[t]: The thesis.\n"
        "  - [o]\n"
        "\n"
        "[p]: A premise. #evidence #(two words)\n"
        "\n"
        "[q]: A second premise.\n"
        "\n"
        "[o]: An objection.\n"
        "  >< [q]\n"
        "\n"
        "[u]: An undercutter.\n"
        "\n"
        "<main>\n"
        "  <_ [u]\n"
        "\n"
        "(1) [p]\n"
        "(2) [q]\n"
        "-- causal argument --\n"
        "(3) [t]\n"
    )


def test_cli_exports_every_map_of_a_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--to", "argdown", "-o", str(tmp_path), "maps/"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p.stem}.argdown" for p in MAPS)
    text = (tmp_path / "hanoi-walkout-leverage.argdown").read_text(encoding="utf-8")
    assert "[not lost-to-regained]: The inference of lost-to-regained does not hold." in text


# --- import ------------------------------------------------------------------------------------

HAND_WRITTEN = sorted((ROOT / "tests" / "argdown").glob("*.argdown"))
CROSS_CHECKED = [p for p in HAND_WRITTEN if p.stem != "unsupported"]


def imported(text: str, file: str = "x.argdown") -> argmap.Loaded:
    return formats.import_text(text, "argdown", file)


def sorted_links(m: ArgumentMap) -> list[str]:
    return sorted(repr(link) for link in m.links)


def test_every_exported_map_imports_back_whole_but_for_the_order_of_links() -> None:
    for path in MAPS:
        m = argmap.load(path)
        back = imported(formats.export(m, "argdown"))
        assert back.diagnostics == (), path
        assert back.map is not None
        assert back.map.claims == m.claims
        assert sorted_links(back.map) == sorted_links(m)
        assert (back.map.title, back.map.description, back.map.source, back.map.thesis) == (
            m.title,
            m.description,
            m.source,
            m.thesis,
        )
        assert back.map.expect == m.expect


@pytest.mark.needs_argdown
def test_hand_written_files_are_read_as_argdown_reads_them(tmp_path: Path) -> None:
    """An independent implementation cross-check: argmap's importer and the Argdown tool
    find the same statements and the same relations in each file."""
    read = run_argdown({p.stem: p.read_text(encoding="utf-8") for p in HAND_WRITTEN}, tmp_path)
    for path in CROSS_CHECKED:
        ours = imported(path.read_text(encoding="utf-8"), str(path))
        assert ours.diagnostics == ()
        assert ours.ok
        assert ours.map is not None
        data = read[path.stem]
        theirs = set(statements(data)) | {
            t for t, a in data["arguments"].items() if not a.get("pcs")
        }
        assert {c.id for c in ours.map.claims} == theirs, path.name
        for claim in ours.map.claims:
            if claim.id in statements(data):  # Argdown keeps the tags in the text
                text = re.sub(r"#\([^)]*\)|#[\w-]+", "", statement_text(statements(data)[claim.id]))
                assert claim.text == " ".join(text.split()), (path.name, claim.id)
        assert relations_of(ours.map) == understood(data), path.name
        assert {"support", "attack", "undercut", "contradictory", "entails", "contrary"} <= {
            r["relationType"] for d in read.values() for r in d["relations"]
        }


def test_hand_written_files_become_maps_that_pass_argmap_check(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["import", "-o", str(tmp_path), *(str(p) for p in HAND_WRITTEN)]
    )
    assert result.exit_code == 0, result.output
    for path in HAND_WRITTEN:
        target = tmp_path / f"{path.stem}.yaml"
        assert [d for d in argmap.check_file(target) if d.is_error] == []


def test_loose_mode_reads_fields_tags_and_relations_both_ways() -> None:
    m = imported((ROOT / "tests" / "argdown" / "loose.argdown").read_text()).map
    assert m is not None
    assert m.title == "Walking away in Hanoi"
    assert m.claim("leverage").tags == ("thesis-like", "trade talks")
    assert m.claim("resolve") == argmap.Claim(
        "resolve", "The US showed resolve by walking away.", quote="walk away", by="the article"
    )
    assert m.claim("influence").text == "China has great influence over North Korea."
    assert m.claim("influence").implicit
    assert m.claim("trade-share").text.endswith("North Korea's trade.")
    assert relations_of(m) == {
        ("supports", frozenset({"resolve"}), "leverage"),
        ("supports", frozenset({"walked"}), "resolve"),
        ("attacks", frozenset({"unrelated"}), "leverage"),
        ("attacks", frozenset({"privately"}), "unrelated"),
        ("supports", frozenset({"leverage"}), "markets"),
        ("supports", frozenset({"influence"}), "leverage"),
        ("supports", frozenset({"trade-share"}), "influence"),
        ("attacks", frozenset({"walked"}), "deal"),
    }


def test_pcs_become_linked_supports_with_schemes_ids_and_undercuts() -> None:
    m = imported((ROOT / "tests" / "argdown" / "pcs.argdown").read_text()).map
    assert m is not None
    main_link = m.link("main")
    assert main_link.premises == ("influence", "resolve")
    assert (main_link.target, main_link.scheme) == ("leverage", "practical reasoning")
    assert main_link.note == "Linked premises support only together."
    assert m.attackers("main")[0].premises == ("unrelated",)
    chain = m.link("chain")  # an id is given to an argument that is undercut
    assert chain.premises == ("influence", "stake")
    assert chain.scheme == "argument from sign, causal argument"
    assert [link.premises for link in m.supporters("influence")] == [("trade-share", "ally")]
    assert m.attackers("chain")[0].premises == ("unrelated",)
    assert m.contradictions("watching") == ["indifferent"]


def test_strict_mode_reads_entailment_as_support_and_contrariety_as_contradiction() -> None:
    m = imported((ROOT / "tests" / "argdown" / "strict.argdown").read_text()).map
    assert m is not None
    assert relations_of(m) == {
        ("supports", frozenset({"a"}), "t"),
        ("contradicts", frozenset({"b", "t"}), None),
        ("contradicts", frozenset({"c", "t"}), None),
        ("supports", frozenset({"w", "r"}), "a"),
    }


def test_what_a_map_cannot_hold_is_a_located_warning() -> None:
    path = ROOT / "tests" / "argdown" / "unsupported.argdown"
    loaded = imported(path.read_text(), "unsupported.argdown")
    assert loaded.ok
    assert [(d.code, d.line, d.column, d.message) for d in loaded.diagnostics] == [
        (
            "argdown-unsupported",
            3,
            1,
            "heading 'A second heading' is not kept: argmap maps have no sections",
        ),
        (
            "argdown-unsupported",
            5,
            1,
            "argument <Plain argument> has no premise-conclusion structure: it is read as a claim",
        ),
        (
            "argdown-unsupported",
            10,
            5,
            "data 'color' of [p] has no place in an argmap claim: not kept",
        ),
        ("argdown-unsupported", 13, 3, "relation '-' of a claim to itself is not kept"),
        (
            "argdown-unsupported",
            16,
            3,
            "an attack of argument <linked> names none of its premises: argmap cannot say "
            "what it bears on, so it is not kept",
        ),
        ("argdown-unsupported", 18, 1, "list items are not read: argmap maps have no lists"),
    ]
    assert loaded.map is not None
    assert loaded.map.claim("Plain-argument").text == (
        "An argument with no premise-conclusion structure."
    )


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "[a]: A.\n[b]: B.\n",
            2,
            1,
            "expected an empty line before a new statement or argument",
        ),
        ("[a]: 5*3 is fifteen.\n", 1, 7, "'*' opens emphasis that is never closed"),
        ("[a]: A. {by: [unclosed}\n", 1, 23, "data is not YAML: expected ',' or ']', but got '}'"),
        ("+ [a]: A.\n", 1, 1, "relation '+' is not indented below a statement or argument"),
        ("[a]: A. {by: x}\nmore text\n", 2, 1, "text after the data of a statement or argument"),
        (
            "<a>\n\n(1) [p]: P.\n\n----\n(2) [q]: Q.\n",
            4,
            1,
            "an empty line inside a premise-conclusion structure",
        ),
        (
            "<a>\n\n(1) [p]: P.\n(2) [q]: Q.\n",
            3,
            1,
            "the premise-conclusion structure of <a> must end with an inference line (----) "
            "and a conclusion",
        ),
        (
            "===\ntitle: [x\n===\n[a]: A.\n",
            2,
            10,
            "front matter is not YAML: expected ',' or ']', but got '<stream end>'",
        ),
        (
            "===\ntitle: x\n[a]: A.\n",
            1,
            1,
            "the front matter opened here is never closed with '==='",
        ),
    ],
)
def test_text_that_is_not_argdown_is_a_located_error(
    text: str, line: int, column: int, message: str
) -> None:
    loaded = imported(text)
    errors = [d for d in loaded.diagnostics if d.is_error]
    assert [(d.code, d.line, d.column, d.message) for d in errors] == [
        ("argdown-syntax", line, column, message)
    ]
    assert not loaded.ok


def test_cli_imports_an_argdown_file_beside_it(tmp_path: Path) -> None:
    source = tmp_path / "debate.argdown"
    source.write_text("[t]: The thesis.\n  + [p]: A premise.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 0, result.output
    m = argmap.load(tmp_path / "debate.yaml")
    assert [c.id for c in m.claims] == ["t", "p"]
    assert m.supporters("t")[0].premises == ("p",)
    bad = tmp_path / "bad.argdown"
    bad.write_text("[a]: A.\n[b]: B.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2:1: error[argdown-syntax]: expected an empty line" in result.output
    assert not (tmp_path / "bad.yaml").exists()


# --- properties --------------------------------------------------------------------------------


def argdown_keeps(m: ArgumentMap) -> tuple[object, ...]:
    """What docs/formats.md says an Argdown round trip keeps: everything but the order of the
    links, a contradiction's id, scheme and note, and repeats of a plain relation."""
    links: set[str] = set()
    repeated: list[str] = []
    for link in m.links:
        if link.relation is Relation.CONTRADICTS:
            link = attrs.evolve(link, id=None, scheme=None, note=None)
        plain = link.relation is Relation.CONTRADICTS or (
            len(link.premises) == 1 and link.id is link.scheme is link.note is None
        )
        if plain and repr(link) in links:
            continue
        links.add(repr(link))
        repeated.append(repr(link))
    return (m.claims, sorted(repeated), m.thesis, m.title, m.description, m.source, m.expect)


@given(valid_maps())
@settings(max_examples=100, deadline=None)
def test_argdown_round_trip_keeps_what_the_docs_say(m: ArgumentMap) -> None:
    back = imported(formats.export(m, "argdown"))
    assert back.diagnostics == ()
    assert back.map is not None
    assert argdown_keeps(back.map) == argdown_keeps(m)


@pytest.mark.needs_argdown
@given(st.lists(valid_maps(), min_size=12, max_size=12))
@settings(
    max_examples=3,
    deadline=None,
    # twelve maps a run, so that the slow Argdown command starts only three times
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
def test_argdown_reads_random_maps_with_their_statements_and_relations(
    tmp_path_factory: pytest.TempPathFactory, maps: list[ArgumentMap]
) -> None:
    folder = tmp_path_factory.mktemp("random")
    read = run_argdown({f"m{i}": formats.export(m, "argdown") for i, m in enumerate(maps)}, folder)
    for i, m in enumerate(maps):
        assert set(statements(read[f"m{i}"])) == {c.id for c in m.claims}
        assert understood(read[f"m{i}"]) == relations_of(m)


@given(argdown_noise)
@settings(max_examples=300, deadline=None)
def test_any_text_is_read_without_an_exception_and_every_diagnostic_is_located(
    text: str,
) -> None:
    loaded = imported(text)
    assert all(d.line is not None and d.column is not None for d in loaded.diagnostics)
    assert all(
        d.code in {"argdown-syntax", "argdown-unsupported", "missing-field"}
        for d in loaded.diagnostics
    )


@given(argdown_documents)
@settings(max_examples=300, deadline=None)
def test_every_map_imported_without_errors_passes_argmap_check(text: str) -> None:
    loaded = imported(text)
    if loaded.ok:
        assert loaded.map is not None
        assert [d for d in argmap.check(loaded.map) if d.is_error] == []


def test_links_that_argmap_refuses_are_dropped_with_a_warning() -> None:
    loaded = imported("[a]: A.\n  + [b]: B.\n    + [a]\n  - [b]\n")
    assert [(d.code, d.line, d.column, d.message) for d in loaded.diagnostics] == [
        (
            "argdown-unsupported",
            2,
            3,
            "support links form a cycle: a -> b -> a: this link is not kept",
        ),
    ]
    assert loaded.map is not None
    assert relations_of(loaded.map) == {
        ("supports", frozenset({"a"}), "b"),
        ("attacks", frozenset({"b"}), "a"),
    }


def test_an_undercut_of_an_attack_with_an_id_comes_back() -> None:
    m = ArgumentMap(
        claims=[argmap.Claim(c, f"Claim {c}.") for c in ("t", "a", "u")],
        links=[argmap.attack("a", "t", id="objection"), argmap.attack("u", "objection")],
    )
    text = formats.export(m, "argdown")
    assert "<objection>\n  <_ [u]\n\n(1) [a]\n----\n(2) [not t]\n" in text
    back = imported(text)
    assert back.diagnostics == ()
    assert back.map is not None
    assert sorted_links(back.map) == sorted_links(m)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "<objection>\n\n(1) [b]: B.\n----\n(2) [not b]: Not B. {negates: b}\n",
            [(5, 5, "link 'objection' attacks 'b', one of its own premises")],
        ),
        (
            "<L>\n\n(1) [p]: P.\n----\n(2) [not L]: L fails. {negates: L}\n",
            [(5, 5, "link 'L' attacks itself")],
        ),
        (
            "[a]: A.\n  + [b]: B.\n  - [b]\n",
            [(3, 3, "a link attacks 'a', which the same premises ('b') support")],
        ),
        (
            "<L>\n  <_ [c]: C.\n\n(1) [a]: A.\n----\n(2) [not a]: Not A. {negates: a}\n",
            [
                (2, 3, "'attacks' of a link names no claim or link: 'L'"),
                (6, 5, "link 'L' attacks 'a', one of its own premises"),
            ],
        ),
    ],
)
def test_each_kind_of_refused_link_is_dropped_with_its_reason(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    loaded = imported(text)
    assert [(d.code, d.line, d.column, d.message) for d in loaded.diagnostics] == [
        ("argdown-unsupported", line, column, f"{reason}: this link is not kept")
        for line, column, reason in expected
    ]


_CLAIM_IDS = ("a", "b", "c", "d")
_LINK_IDS = ("L1", "L2", "L3")


@st.composite
def _links_a_builder_may_make(draw: st.DrawFn) -> list[argmap.Link]:
    """Links over the claims a to d, some with ids, that may name unknown things, aim at
    themselves, go round in circles or support and attack with the same premises."""
    names = st.sampled_from([*_CLAIM_IDS, *_LINK_IDS, "zz"])
    claims = st.sampled_from(_CLAIM_IDS)
    links: list[argmap.Link] = []
    for position in range(draw(st.integers(0, 8))):
        relation = draw(st.sampled_from(list(Relation)))
        premises = (
            (draw(claims | names),)
            if relation is Relation.CONTRADICTS
            else tuple(draw(st.lists(claims | names, min_size=1, max_size=3)))
        )
        link_id = f"L{position + 1}" if position < 3 and draw(st.booleans()) else None
        links.append(argmap.Link(premises, relation, draw(claims | names), id=link_id))
    return links


@given(_links_a_builder_may_make())
@settings(max_examples=500, deadline=None)
def test_the_links_the_builder_refuses_are_those_argmap_checks_refuse_first(
    links: list[argmap.Link],
) -> None:
    """Link after link, as the builder drops them: the same link, for the same reason."""
    from argmap.checks import CHECKS, check
    from argmap.formats.argdown_building import _refused

    claims = [argmap.Claim(c, f"Claim {c}.") for c in _CLAIM_IDS]
    chosen = {
        c: CHECKS[c]
        for c in ("self-reference", "circular-support", "conflicting-links", "unknown-ref")
    }
    while True:
        found = [
            (d.path[1], d.message)
            for d in check(ArgumentMap(claims=claims, links=links), checks=chosen)
            if d.is_error and len(d.path) > 1 and d.path[0] == "links"
        ]
        refused = _refused(claims, links)
        assert refused == (found[0] if found else None)
        if refused is None:
            return
        del links[refused[0]]


def test_reading_argdown_runs_no_checks() -> None:
    code = (
        "import sys\n"
        "from argmap.formats.argdown_building import read_argdown\n"
        "read_argdown('[a]: A.\\n  + [b]: B.\\n    + [a]\\n  - [b]\\n')\n"
        "print('argmap.checks' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "False"


@given(_links_a_builder_may_make())
@settings(max_examples=500, deadline=None)
def test_the_builder_drops_at_once_what_it_would_drop_one_link_at_a_time(
    links: list[argmap.Link],
) -> None:
    """argmap.formats.argdown_building.refusals, in near linear time, against dropping the first
    link _refused names again and again (which took time quadratic in the links)."""
    from argmap.formats.argdown_building import _refused, refusals

    claims = [argmap.Claim(c, f"Claim {c}.") for c in _CLAIM_IDS]
    left = list(enumerate(links))
    one_at_a_time = []
    while (refused := _refused(claims, [link for _, link in left])) is not None:
        position, reason = refused
        one_at_a_time.append((left[position][0], reason))
        del left[position]
    assert sorted(refusals(claims, links)) == sorted(one_at_a_time)


_OLD_SKIP = {  # what Argdown's lexer steps over, as argmap's reader once matched it
    "[": re.compile(r"\[[^\]]+?\]\([^)]+?\)|\[.+?\]:|\[[^-].*?\]"),
    "<": re.compile(r"<.+?>:|<[^-].*?>"),
}


@given(st.text(st.sampled_from("[]()<>{}:,-@#( \ta}\u2028"), max_size=24))
@settings(max_examples=2000, deadline=None)
def test_the_line_matchers_match_what_argdowns_patterns_match(line: str) -> None:
    """The matchers that look up where closing brackets are (linear in a line) against the
    patterns of Argdown's lexer (read to the end of the line at each opening bracket)."""
    from argmap.formats import argdown_parsing as parsing

    marks = parsing._Line(line)

    def end(match: re.Match[str] | None) -> int | None:
        return match.end() if match else None

    for i, char in enumerate(line):
        if char == "{":
            assert marks.data(i) == end(parsing._DATA.match(line, i))
        if char == "[":
            assert marks.link(i) == end(parsing._LINK.match(line, i))
        if char in "[<":
            assert marks.title(i) == end(_OLD_SKIP[char].match(line, i))
        if char == "@":
            assert marks.mention(i) == end(parsing._MENTION.match(line, i))
        if char == "#":
            assert end(marks.tag(i)) == end(parsing._TAG.match(line, i))

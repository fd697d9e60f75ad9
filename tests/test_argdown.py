"""Argdown: the export read by the real Argdown tool, and argmap's own reading of Argdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap import formats
from argmap.cli import main
from argmap.formats.argdown import escape, flow
from argmap.model import ArgumentMap, Relation
from tests.argdown_tool import Relation as Triple
from tests.argdown_tool import run_argdown, statement_text, statements, understood
from tests.conftest import ROOT

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
    for name in ("note", "url"):
        if getattr(claim, name) is not None:
            data[name] = getattr(claim, name)
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
            shown = " ".join([claim.text, *(f"#{t}" for t in claim.tags)])
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

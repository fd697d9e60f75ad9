"""xAIF: AIF in its wrapper, cross-checked both ways against arguebuf's xAIF reader and writer."""

from __future__ import annotations

import json
from pathlib import Path

import arguebuf as ab
import pytest
from click.testing import CliRunner
from hypothesis import given

import argmap
from argmap import formats, pipeline
from argmap.cli import main
from argmap.model import ArgumentMap
from tests.conftest import ROOT
from tests.strategies import valid_maps
from tests.test_format_aif import SLOW, built_with_arguebuf, claims_of, shape

MAPS = sorted((ROOT / "maps").glob("*.yaml"))


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_arguebuf_reads_every_map_from_xaif_with_the_same_nodes_and_edges(path: Path) -> None:
    m = argmap.load(path)
    data = json.loads(formats.export(m, "xaif"))
    assert data["text"].startswith(m.title or "")
    graph = ab.load.xaif(data)
    assert {n.id: n.plain_text for n in graph.atom_nodes.values()} == {
        c.id: c.label for c in m.claims
    }
    aif = data["AIF"]
    kept = {n["nodeID"] for n in aif["nodes"] if n["type"] in ("I", "RA", "CA")}
    assert set(graph.nodes) == kept
    assert {(e.source.id, e.target.id) for e in graph.edges.values()} == {
        (e["fromID"], e["toID"]) for e in aif["edges"] if {e["fromID"], e["toID"]} <= kept
    }
    back = pipeline.import_text(json.dumps(data), "xaif", "x.xaif.json")
    assert back.ok
    assert back.map is not None
    assert claims_of(back.map) == claims_of(m)


@given(valid_maps())
@SLOW
def test_xaif_through_arguebuf_and_back_keeps_the_graph(m: ArgumentMap) -> None:
    ours = formats.export(m, "xaif")
    theirs = json.dumps(ab.dump.xaif(ab.load.xaif(json.loads(ours))))
    back = pipeline.import_text(theirs, "xaif")
    assert back.ok, [str(d) for d in back.diagnostics]
    assert back.map is not None
    assert claims_of(back.map, by=False) == claims_of(m, by=False)
    assert shape(json.loads(theirs)["AIF"], schemes=False) == shape(
        json.loads(ours)["AIF"], schemes=False
    )


def test_a_graph_written_by_arguebuf_as_xaif_imports() -> None:
    text = json.dumps(ab.dump.xaif(built_with_arguebuf()))
    result = pipeline.import_text(text, "xaif", "built.xaif.json")
    assert result.ok
    assert result.map is not None
    assert result.map.links[:3] == (
        argmap.support(["p1", "p2"], "t", id="ra1", scheme="Expert Opinion"),
        argmap.attack("o", "t", id="ca1"),
        argmap.attack("u", "ra1", id="ca2"),
    )
    assert [d.code for d in result.diagnostics] == ["aif-unsupported"]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            '{"nodes": [], "edges": []}',
            1,
            1,
            "an xAIF document is a JSON object with the AIF graph under 'AIF'; found no 'AIF'",
        ),
        (
            '{"AIF": {"nodes": []},\n "text": ""}',
            1,
            9,
            "'AIF' of the xAIF document has no 'edges' list",
        ),
    ],
)
def test_what_is_not_xaif_is_a_located_error(
    text: str, line: int, column: int, message: str
) -> None:
    result = pipeline.import_text(text, "xaif", "bad.xaif.json")
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("aif-structure", line, column, message)
    ]


def test_the_cli_exports_and_imports_xaif(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--to", "xaif", "-o", str(tmp_path), "maps/"])
    assert result.exit_code == 0, result.output
    exported = tmp_path / "hanoi-walkout-leverage.xaif.json"
    result = runner.invoke(main, ["import", "-o", str(tmp_path / "back"), str(exported)])
    assert result.exit_code == 0, result.output
    back = argmap.load(tmp_path / "back" / "hanoi-walkout-leverage.yaml")
    assert claims_of(back) == claims_of(argmap.load("maps/hanoi-walkout-leverage.yaml"))

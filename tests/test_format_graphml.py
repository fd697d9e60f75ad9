"""GraphML export, read back by NetworkX's GraphML reader; the NetworkX graph and its way back."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import attrs
import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import formats, pipeline
from argmap.cli import main
from argmap.formats import from_networkx, to_networkx
from argmap.formats.networkx_graph import NetworkXMissing
from argmap.model import ArgumentMap
from tests.conftest import ROOT, SMALL_MAP
from tests.strategies import valid_maps

MAPS = sorted((ROOT / "maps").glob("*.yaml"))
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(text: str) -> nx.DiGraph:
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert isinstance(graph, nx.DiGraph)
    return graph


def xml_safe(text: str) -> str:
    """What an XML reader gives back: control characters XML cannot hold become U+FFFD and line
    ends are normalised to newlines."""
    out = "".join(
        "\ufffd" if (ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff" else c for c in text
    )
    return out.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_networkx_reads_every_map_from_graphml_as_we_built_it(path: Path) -> None:
    m = argmap.load(path)
    theirs = read(formats.export(m, "graphml"))
    ours = to_networkx(m)
    assert set(theirs.nodes) == set(ours.nodes)
    assert set(theirs.edges) == set(ours.edges)
    for claim in m.claims:
        data = theirs.nodes[claim.id]
        # a claim with only a ref (maps/debate.yaml) has no text of its own to export
        assert (data["kind"], data.get("text"), data["role"]) == (
            "claim",
            claim.text,
            m.role(claim.id).value,
        )
        assert json.loads(data.get("quote", "[]")) == list(claim.quote)
    for source, target, role in theirs.edges(data="role"):
        assert ours.edges[source, target]["role"] == role


@given(valid_maps())
@FAST
def test_any_map_exports_to_graphml_that_networkx_reads(m: ArgumentMap) -> None:
    theirs = read(formats.export(m, "graphml"))
    ours = to_networkx(m)
    assert set(theirs.edges) == set(ours.edges)
    assert {n: d["label"] for n, d in theirs.nodes(data=True) if d["kind"] == "claim"} == {
        c.id: xml_safe(c.label) for c in m.claims
    }
    assert [n for n, d in theirs.nodes(data=True) if d["kind"] == "link"] == [
        link.id or f"_link{i}" for i, link in enumerate(m.links)
    ]


def test_graphml_carries_yed_graphics() -> None:
    text = formats.export(argmap.loads(SMALL_MAP), "graphml")
    assert 'yfiles.type="nodegraphics"' in text
    assert "<y:NodeLabel" in text
    assert '<y:LineStyle color="#B2182B" type="dashed"' in text  # the attack
    assert read(text).nodes["t"]["label"] == "The thesis."


@given(valid_maps())
@FAST
def test_the_networkx_graph_gives_back_the_identical_map(m: ArgumentMap) -> None:
    assert from_networkx(to_networkx(m)) == m


def test_the_networkx_graph_has_claims_and_link_junctions() -> None:
    g = to_networkx(argmap.loads(SMALL_MAP))
    assert g.nodes["t"]["role"] == "thesis"
    assert g.nodes["main"]["kind"] == "link"
    assert g.nodes["main"]["relation"] == "supports"
    assert sorted(g.predecessors("main")) == ["_link1", "p", "q"]  # the undercut comes in too
    assert list(g.successors("main")) == ["t"]
    assert g.edges["_link1", "main"]["role"] == "target"
    assert g.graph["thesis"] == ["t"]


def test_a_clear_error_without_networkx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "networkx", None)
    with pytest.raises(NetworkXMissing, match=r"pip install 'argmap\[networkx\]'"):
        to_networkx(argmap.loads(SMALL_MAP))


def test_graphml_needs_no_networkx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "networkx", None)
    assert formats.export(argmap.loads(SMALL_MAP), "graphml").startswith("<?xml")


def test_the_cli_exports_graphml(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--to", "graphml", "-o", str(tmp_path), "maps/"])
    assert result.exit_code == 0, result.output
    for path in MAPS:
        graph = nx.read_graphml(tmp_path / (path.stem + ".graphml"))
        assert graph.number_of_nodes() == len(argmap.load(path).claims) + len(
            argmap.load(path).links
        )


# --- import ---------------------------------------------------------------------------------


def as_xml_reads(m: ArgumentMap) -> ArgumentMap:
    """The map as it comes back from GraphML: texts as XML keeps them, no expectations."""

    def fix(value: str | None) -> str | None:
        return None if value is None else xml_safe(value)

    def in_json(value: str) -> str:  # JSON escapes control characters, but not these two
        return value.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")

    claims = [
        attrs.evolve(
            c,
            text=fix(c.text),
            quote=[in_json(q) for q in c.quote],
            by=fix(c.by),
            tags=[in_json(t) for t in c.tags],
            same=[in_json(r) for r in c.same],
            note=fix(c.note),
        )
        for c in m.claims
    ]
    links = [attrs.evolve(lk, scheme=fix(lk.scheme), note=fix(lk.note)) for lk in m.links]
    source = m.source and attrs.evolve(
        m.source, **{k: v and in_json(v) for k, v in attrs.asdict(m.source).items()}
    )
    return attrs.evolve(
        m,
        claims=claims,
        links=links,
        expect=(),
        title=fix(m.title),
        description=fix(m.description),
        source=source,
    )


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_map_reads_back_from_graphml(path: Path) -> None:
    m = argmap.load(path)
    imported = pipeline.import_text(formats.export(m, "graphml"), "graphml", "x.graphml")
    assert imported.diagnostics == ()
    assert imported.map == attrs.evolve(m, expect=())


@given(valid_maps())
@FAST
def test_graphml_round_trip_keeps_all_but_expectations(m: ArgumentMap) -> None:
    imported = pipeline.import_text(formats.export(m, "graphml"), "graphml")
    assert imported.map == as_xml_reads(m)


def test_a_graph_written_by_networkx_imports() -> None:
    g = nx.DiGraph()
    g.add_node("t", label="The thesis.")
    g.add_node("p", label="A premise.")
    g.add_node("q", label="An aside.")
    g.add_edge("p", "t", relation="supports")
    g.add_edge("q", "t")
    out = io.BytesIO()
    nx.write_graphml(g, out)
    text = out.getvalue().decode("utf-8")
    imported = pipeline.import_text(text, "graphml", "nx.graphml")
    assert imported.map == ArgumentMap(
        claims={"t": "The thesis.", "p": "A premise.", "q": "An aside."},
        links=[argmap.support("p", "t")],
    )
    line = next(n for n, s in enumerate(text.splitlines(), 1) if 'source="q"' in s)
    assert [(d.code, d.line, d.message) for d in imported.diagnostics] == [
        (
            "graphml-unsupported",
            line,
            "edge q -> t is not a link of the map (it needs a 'relation' between two claims); "
            "it is left out",
        )
    ]


def test_xml_that_is_not_well_formed_is_a_located_error() -> None:
    imported = pipeline.import_text('<graphml>\n  <graph><node id="a">\n</graphml>', "graphml")
    assert [(d.code, d.line, d.column, d.message) for d in imported.diagnostics] == [
        ("xml-syntax", 3, 3, "not valid XML: mismatched tag")
    ]


def test_the_cli_imports_graphml(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--to", "graphml", "-o", str(tmp_path), "maps/"])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back"
    result = runner.invoke(main, ["import", "-o", str(back), *map(str, tmp_path.glob("*.graphml"))])
    assert result.exit_code == 0, result.output
    for path in MAPS:
        assert argmap.load(back / (path.stem + ".yaml")) == attrs.evolve(
            argmap.load(path), expect=()
        )

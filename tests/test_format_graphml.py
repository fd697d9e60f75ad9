"""GraphML export, read back by NetworkX's GraphML reader; the NetworkX graph and its way back."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import formats
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

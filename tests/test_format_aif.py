"""AIF: export and import, cross-checked both ways against arguebuf, an independent AIF reader
and writer."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import arguebuf as ab
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import formats, pipeline
from argmap.cli import main
from argmap.formats.aif import NO_SCHEME
from argmap.model import ID_PATTERN, ArgumentMap, Relation
from tests.conftest import ROOT
from tests.strategies import valid_maps

MAPS = sorted((ROOT / "maps").glob("*.yaml"))
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def shape(graph: dict[str, Any], *, schemes: bool = True) -> Counter[Any]:
    """What an AIF graph says, whatever its scheme nodes are called: each RA and CA node as
    (type, premises, what it points at, its id where that is an argmap id, its scheme)."""
    nodes = {str(n["nodeID"]): n for n in graph["nodes"]}
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for edge in graph["edges"]:
        into.setdefault(str(edge["toID"]), []).append(str(edge["fromID"]))
        out.setdefault(str(edge["fromID"]), []).append(str(edge["toID"]))

    def key(node_id: str) -> Any:
        node = nodes[node_id]
        if node["type"] == "I":
            return node_id
        label = node.get("scheme", node["text"])
        return (
            node["type"],
            tuple(sorted(p for p in into.get(node_id, []) if nodes[p]["type"] == "I")),
            tuple(key(t) for t in out.get(node_id, []) if nodes[t]["type"] in ("I", "RA", "CA")),
            node_id if ID_PATTERN.fullmatch(node_id) else None,
            None if not schemes or label.lower() in NO_SCHEME else label,
        )

    return Counter(key(n) for n, node in nodes.items() if node["type"] in ("I", "RA", "CA"))


def claims_of(m: ArgumentMap, *, by: bool = True) -> list[tuple[str, str, str | None]]:
    return [(c.id, c.label, c.by if by else None) for c in m.claims]


def imported(text: str, file: str = "x.aif.json") -> ArgumentMap:
    result = pipeline.import_text(text, "aif", file)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.map is not None
    return result.map


def no_mutual_attacks(m: ArgumentMap) -> bool:
    """AIF writes a contradiction as two CA nodes, one each way: two single-premise attacks
    each way between the same claims read back as one contradiction (docs/formats.md)."""
    attacks = {
        (link.premises[0], link.target)
        for link in m.links
        if link.relation is Relation.ATTACKS and len(link.premises) == 1
    }
    contradictions = {
        frozenset((link.premises[0], link.target))
        for link in m.links
        if link.relation is Relation.CONTRADICTS
    }
    return not any((b, a) in attacks or frozenset((a, b)) in contradictions for a, b in attacks)


# --- our export, read by arguebuf ---------------------------------------------------------


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_arguebuf_reads_every_map_with_the_same_nodes_and_edges(path: Path) -> None:
    m = argmap.load(path)
    data = json.loads(formats.export(m, "aif"))
    graph = ab.load.aif(data)
    assert {n.id: n.plain_text for n in graph.atom_nodes.values()} == {
        c.id: c.label for c in m.claims
    }
    ours = {n["nodeID"]: n["type"] for n in data["nodes"] if n["type"] in ("RA", "CA")}
    theirs = {
        n.id: "RA" if isinstance(n.scheme, ab.Support) else "CA"
        for n in graph.scheme_nodes.values()
    }
    assert theirs == ours
    assert len(ours) == len(m.links) + sum(lk.relation is Relation.CONTRADICTS for lk in m.links)
    kept = set(ours) | {c.id for c in m.claims}
    assert {(e.source.id, e.target.id) for e in graph.edges.values()} == {
        (e["fromID"], e["toID"]) for e in data["edges"] if {e["fromID"], e["toID"]} <= kept
    }
    # and the map's links are all there: every premise and target, by id
    for link in m.links:
        node = graph.scheme_nodes[link.id] if link.id else None
        if node is not None:
            premises = {p.id for p in graph.incoming_nodes(node) if isinstance(p, ab.AtomNode)}
            assert premises == set(link.premises)
            assert [t.id for t in graph.outgoing_nodes(node)] == [link.target]


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_map_reads_back_from_aif_with_the_same_graph(path: Path) -> None:
    m = argmap.load(path)
    text = formats.export(m, "aif")
    back = imported(text)
    assert claims_of(back) == claims_of(m)
    assert shape(json.loads(formats.export(back, "aif"))) == shape(json.loads(text))


@given(valid_maps())
@SLOW
def test_aif_round_trip_keeps_the_graph(m: ArgumentMap) -> None:
    text = formats.export(m, "aif")
    back = imported(text)
    assert claims_of(back) == claims_of(m)
    if no_mutual_attacks(m):
        assert shape(json.loads(formats.export(back, "aif"))) == shape(json.loads(text))
        assert [(lk.premises, lk.relation, lk.target) for lk in back.links] == [
            (lk.premises, lk.relation, lk.target) for lk in m.links
        ]


@given(valid_maps())
@SLOW
def test_through_arguebuf_and_back_gives_an_equivalent_map(m: ArgumentMap) -> None:
    """Our AIF, loaded by arguebuf and written by arguebuf's AIF writer, imports to the same
    claims and links (arguebuf keeps ids, texts and edges; not speakers or free scheme names)."""
    ours = formats.export(m, "aif")
    theirs = json.dumps(ab.dump.aif(ab.load.aif(json.loads(ours))))
    back = imported(theirs)
    assert claims_of(back, by=False) == claims_of(m, by=False)
    assert shape(json.loads(theirs), schemes=False) == shape(json.loads(ours), schemes=False)
    if no_mutual_attacks(m):  # else which of the pair keeps its id depends on the schemes
        assert shape(json.loads(formats.export(back, "aif")), schemes=False) == shape(
            json.loads(ours), schemes=False
        )


# --- graphs built with arguebuf, read by us ---------------------------------------------


def built_with_arguebuf() -> ab.Graph:
    g = ab.Graph()
    atoms = {
        key: ab.AtomNode(text, id=key)
        for key, text in [
            ("t", "Walking away regained leverage."),
            ("p1", "China trades most with North Korea."),
            ("p2", "Trade is leverage."),
            ("o", "The talks are unrelated."),
            ("u", "Trade figures are unreliable."),
            ("x", "China has no influence."),
            ("r", "Walking out regained leverage."),
        ]
    }
    for atom in atoms.values():
        g.add_node(atom)
    schemes = {
        "ra1": ab.SchemeNode(ab.Support.EXPERT_OPINION, id="ra1"),
        "ca1": ab.SchemeNode(ab.Attack.DEFAULT, id="ca1"),
        "ca2": ab.SchemeNode(ab.Attack.DEFAULT, id="ca2"),
        "ca3": ab.SchemeNode(ab.Attack.DEFAULT, id="ca3"),
        "ca4": ab.SchemeNode(ab.Attack.DEFAULT, id="ca4"),
        "ma1": ab.SchemeNode(ab.Rephrase.DEFAULT, id="ma1"),
    }
    for node in schemes.values():
        g.add_node(node)
    for source, target in [
        ("p1", "ra1"),  # a linked support: two premises, one RA
        ("p2", "ra1"),
        ("ra1", "t"),
        ("o", "ca1"),  # a rebuttal
        ("ca1", "t"),
        ("u", "ca2"),  # an undercut: a CA pointing at the RA
        ("ca2", "ra1"),
        ("p1", "ca3"),  # a contradiction: a CA each way
        ("ca3", "x"),
        ("x", "ca4"),
        ("ca4", "p1"),
        ("r", "ma1"),  # a rephrase, which a map cannot hold
        ("ma1", "t"),
    ]:
        nodes = {**atoms, **schemes}
        g.add_edge(ab.Edge(nodes[source], nodes[target], id=f"{source}-{target}"))
    return g


def test_a_graph_built_with_arguebuf_imports_with_the_same_structure() -> None:
    text = json.dumps(ab.dump.aif(built_with_arguebuf()), indent=1)
    result = pipeline.import_text(text, "aif", "built.aif.json")
    assert result.ok
    assert result.map is not None
    m = result.map
    assert [c.id for c in m.claims] == ["t", "p1", "p2", "o", "u", "x", "r"]
    assert m.links == (
        argmap.support(["p1", "p2"], "t", id="ra1", scheme="Expert Opinion"),
        argmap.attack("o", "t", id="ca1"),
        argmap.attack("u", "ra1", id="ca2"),
        argmap.contradiction("p1", "x", id="ca3"),
    )
    lines = text.splitlines()
    line = next(n for n, s in enumerate(lines) if '"nodeID": "ma1"' in s)  # 0-based: the "{" above
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        (
            "aif-unsupported",
            line,
            lines[line - 1].index("{") + 1,
            "node 'ma1' of type 'MA' has no place in a map; it is left out",
        )
    ]


def test_the_cli_imports_an_arguebuf_graph_into_a_map_that_passes_check(tmp_path: Path) -> None:
    source = tmp_path / "built.aif.json"
    source.write_text(json.dumps(ab.dump.aif(built_with_arguebuf())), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(source)])
    assert result.exit_code == 0, result.output
    assert "warning[aif-unsupported]: node 'ma1' of type 'MA'" in result.output
    assert f"{source} -> {tmp_path / 'built.yaml'}" in result.output
    check = runner.invoke(main, ["check", str(tmp_path / "built.yaml")])
    assert check.exit_code == 0, check.output
    assert argmap.load(tmp_path / "built.yaml").links[2] == argmap.attack("u", "ra1", id="ca2")


def test_the_cli_exports_every_map_to_aif(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--to", "aif", "-o", str(tmp_path), "maps/"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.stem + ".aif.json" for p in MAPS]
    for path in MAPS:
        data = json.loads((tmp_path / (path.stem + ".aif.json")).read_text(encoding="utf-8"))
        assert len(ab.load.aif(data).atom_nodes) == len(argmap.load(path).claims)


# --- what we write ------------------------------------------------------------------------


def test_links_become_scheme_nodes_as_aif_draws_them() -> None:
    m = ArgumentMap(
        claims={"t": "T.", "p": "P.", "q": "Q.", "o": "O.", "u": "U."},
        links=[
            argmap.support(["p", "q"], "t", id="main", scheme="sign"),
            argmap.attack("o", "t"),
            argmap.attack("u", "main"),
            argmap.contradiction("p", "o"),
        ],
    )
    m = ArgumentMap(
        claims=(*m.claims[:-1], argmap.Claim("u", "U.", by="An Official")), links=m.links
    )
    data = json.loads(formats.export(m, "aif"))
    assert [(n["nodeID"], n["type"], n["text"]) for n in data["nodes"]] == [
        ("t", "I", "T."),
        ("p", "I", "P."),
        ("q", "I", "Q."),
        ("o", "I", "O."),
        ("u", "I", "U."),
        ("main", "RA", "sign"),
        ("_s2", "CA", "Default Conflict"),
        ("_s3", "CA", "Default Conflict"),
        ("_s4", "CA", "Default Conflict"),
        ("__s4-back", "CA", "Default Conflict"),
        ("_l1", "L", "An Official : U."),
        ("_ya1", "YA", "Asserting"),
    ]
    assert [(e["fromID"], e["toID"]) for e in data["edges"]] == [
        ("p", "main"),
        ("q", "main"),
        ("main", "t"),
        ("o", "_s2"),
        ("_s2", "t"),
        ("u", "_s3"),
        ("_s3", "main"),
        ("p", "_s4"),
        ("_s4", "o"),
        ("o", "__s4-back"),
        ("__s4-back", "p"),
        ("_l1", "_ya1"),
        ("_ya1", "u"),
    ]
    assert data["locutions"] == [{"nodeID": "_l1", "personID": 1}]
    assert data["participants"] == [{"participantID": 1, "firstname": "An Official", "surname": ""}]
    assert imported(formats.export(m, "aif")) == m


# --- what does not fit: located diagnostics --------------------------------------------------

BAD = """\
{"nodes": [
  {"nodeID": "a", "text": "A.", "type": "I"},
  {"nodeID": "b", "text": "B.", "type": "I"},
  {"nodeID": "s", "text": "Default Inference", "type": "RA"},
  {"nodeID": "c", "text": "Default Conflict", "type": "CA"},
  {"nodeID": "a", "text": "Again.", "type": "I"},
  {"nodeID": "t", "text": "Default Transition", "type": "TA"},
  {"nodeID": 7, "text": "", "type": "I"}
 ],
 "edges": [
  {"edgeID": "e1", "fromID": "a", "toID": "b"},
  {"edgeID": "e2", "fromID": "s", "toID": "b"},
  {"edgeID": "e3", "fromID": "a", "toID": "c"},
  {"edgeID": "e4", "fromID": "a", "toID": "nowhere"}
 ]}
"""


def test_aif_that_breaks_the_shape_rules_is_reported_where_it_stands() -> None:
    result = pipeline.import_text(BAD, "aif", "bad.aif.json")
    assert [
        (d.severity.value, d.code, d.line, d.column, d.message) for d in result.diagnostics
    ] == [
        (
            "warning",
            "aif-scheme-shape",
            4,
            3,
            "an RA node 's' has no premise (an edge from an I-node); it is left out",
        ),
        ("warning", "aif-scheme-shape", 5, 3, "a CA node 'c' has no conclusion; it is left out"),
        ("error", "aif-structure", 6, 3, "the nodeID 'a' is used twice (first on line 2)"),
        (
            "warning",
            "aif-unsupported",
            7,
            3,
            "node 't' of type 'TA' has no place in a map; it is left out",
        ),
        ("error", "aif-structure", 8, 3, "I-node '7' has no text"),
        (
            "warning",
            "aif-i-to-i",
            11,
            3,
            "edge e1 joins I-node 'a' to I-node 'b' directly; "
            "AIF relates I-nodes only through a scheme node (RA, CA); the edge is left out",
        ),
        (
            "warning",
            "aif-unknown-node",
            14,
            3,
            "edge e4 names the node 'nowhere', which is not in 'nodes'; the edge is left out",
        ),
    ]
    assert not result.ok


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "message"),
    [
        ('{"nodes": []', "json-syntax", 1, 13, "not valid JSON: Expecting ',' delimiter"),
        ("[1, 2]", "aif-structure", 1, 1, "the AIF graph must be a JSON object, found a list"),
        ('{"nodes": []}', "aif-structure", 1, 1, "the AIF graph has no 'edges' list"),
        (
            '{"nodes": [{"text": "A.", "type": "I"}], "edges": []}',
            "aif-structure",
            1,
            12,
            "node 1 has no 'nodeID'",
        ),
        (
            '{"nodes": [], "edges": []}',
            "aif-structure",
            1,
            1,
            "the AIF graph has no I-nodes: a map needs at least one claim",
        ),
    ],
)
def test_what_is_not_an_aif_graph_is_one_located_error(
    text: str, code: str, line: int, column: int, message: str
) -> None:
    result = pipeline.import_text(text, "aif", "bad.aif.json")
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        (code, line, column, message)
    ]
    assert not result.ok


def test_a_support_cycle_in_aif_is_located_at_its_scheme_node() -> None:
    text = """{"nodes": [
 {"nodeID": "a", "text": "A.", "type": "I"},
 {"nodeID": "b", "text": "B.", "type": "I"},
 {"nodeID": "r1", "text": "Default Inference", "type": "RA"},
 {"nodeID": "r2", "text": "Default Inference", "type": "RA"}],
 "edges": [{"fromID": "a", "toID": "r1"}, {"fromID": "r1", "toID": "b"},
           {"fromID": "b", "toID": "r2"}, {"fromID": "r2", "toID": "a"}]}"""
    result = pipeline.import_text(text, "aif", "cycle.aif.json")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("circular-support", 4, 2)]


def test_speakers_come_from_participants_or_the_locution_text() -> None:
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": 1, "text": "A.", "type": "I"},
                {"nodeID": 2, "text": "Bob : A.", "type": "L"},
                {"nodeID": 3, "text": "Asserting", "type": "YA"},
                {"nodeID": 4, "text": "B.", "type": "I"},
                {"nodeID": 5, "text": "anything", "type": "L"},
                {"nodeID": 6, "text": "Asserting", "type": "YA"},
            ],
            "edges": [
                {"edgeID": 1, "fromID": 2, "toID": 3},
                {"edgeID": 2, "fromID": 3, "toID": 1},
                {"edgeID": 3, "fromID": 5, "toID": 6},
                {"edgeID": 4, "fromID": 6, "toID": 4},
            ],
            "locutions": [{"nodeID": 5, "personID": 9}],
            "participants": [{"participantID": 9, "firstname": "Ann", "surname": "Lee"}],
        }
    )
    m = imported(text)
    assert [(c.id, c.text, c.by) for c in m.claims] == [("1", "A.", "Bob"), ("4", "B.", "Ann Lee")]


def test_the_aif_reader_leaves_argmap_checks_to_the_pipeline() -> None:
    graph = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "A."},
            {"nodeID": "2", "type": "I", "text": "B."},
            {"nodeID": "3", "type": "RA"},
            {"nodeID": "4", "type": "RA"},
        ],
        "edges": [
            {"fromID": "1", "toID": "3"},
            {"fromID": "3", "toID": "2"},
            {"fromID": "2", "toID": "4"},
            {"fromID": "4", "toID": "1"},
        ],
    }
    source = json.dumps(graph)
    assert [d.code for d in formats.import_text(source, "aif", "c.aif.json").diagnostics] == []
    checked = pipeline.import_text(source, "aif", "c.aif.json")
    assert [d.code for d in checked.diagnostics] == ["circular-support"]
    assert not checked.ok

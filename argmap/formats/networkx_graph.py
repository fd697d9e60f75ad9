"""NetworkX: a map as a :class:`networkx.DiGraph`, and back.

Each claim is a node named by its id; each link is a *junction* node of its own, with an edge
from every premise to the junction and one from the junction to the target (a claim, or the
junction of the link an undercut attacks), so that linked premises stay together. Every field
of the model is an attribute, so :func:`from_networkx` gives back an equal map::

    import argmap
    from argmap.formats.networkx_graph import to_networkx, from_networkx

    g = to_networkx(m)                 # needs the optional extra: pip install 'argmap[networkx]'
    g.nodes["china-influence"]["text"], g.nodes["china-influence"]["role"]
    assert from_networkx(g) == m

Claim nodes have ``kind="claim"``, ``text``, ``role`` (thesis, premise, intermediate,
conclusion), ``quote``, ``tags`` and ``same`` (lists), ``by``, ``implicit``, ``note``, ``url``,
``ref``. Junction
nodes have ``kind="link"``, ``relation`` (supports, attacks, contradicts), ``id`` (the link's
id or None), ``scheme``, ``note`` and ``index`` (the link's place in the map); they are named
by the link id, or ``_link<index>`` (no argmap id starts with ``_``). Edges have ``role``:
``premise`` into a junction, ``target`` out of it. The graph's attributes hold ``title``,
``description``, ``thesis``, ``source`` (a dict) and ``expect`` (a list of dicts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from argmap.model import ArgumentMap, Claim, Expectation, Link, Relation, Source

if TYPE_CHECKING:  # pragma: no cover - only for the type checker
    import networkx


class NetworkXMissing(ImportError):
    """NetworkX is not installed."""


def _networkx() -> Any:
    try:
        import networkx
    except ImportError as error:
        raise NetworkXMissing(
            "this needs NetworkX, which is not installed: pip install 'argmap[networkx]'"
        ) from error
    return networkx


def junction(argument_map: ArgumentMap, index: int) -> str:
    """The node name of the link at ``index``: its id, or ``_link<index>``."""
    return argument_map.links[index].id or f"_link{index}"


def to_networkx(argument_map: ArgumentMap) -> networkx.DiGraph:
    """The map as a directed graph of claims and link junctions (see the module's docs)."""
    nx = _networkx()
    graph = nx.DiGraph(
        title=argument_map.title,
        description=argument_map.description,
        thesis=list(argument_map.thesis),
        source=attrs.asdict(argument_map.source) if argument_map.source else None,
        expect=[attrs.asdict(e) for e in argument_map.expect],
    )
    for claim in argument_map.claims:
        fields = attrs.asdict(claim)
        fields.update(quote=list(claim.quote), tags=list(claim.tags), same=list(claim.same))
        del fields["id"]
        graph.add_node(claim.id, kind="claim", role=argument_map.role(claim.id).value, **fields)
    names = {
        link.id: junction(argument_map, i) for i, link in enumerate(argument_map.links) if link.id
    }
    for index, link in enumerate(argument_map.links):
        name = junction(argument_map, index)
        graph.add_node(
            name,
            kind="link",
            relation=link.relation.value,
            id=link.id,
            scheme=link.scheme,
            note=link.note,
            index=index,
        )
        for premise in link.premises:
            graph.add_edge(premise, name, role="premise")
        graph.add_edge(name, names.get(link.target, link.target), role="target")
    return graph


def from_networkx(graph: networkx.DiGraph) -> ArgumentMap:
    """A map from a graph in the shape :func:`to_networkx` makes; ValueError if it is not."""
    claims: list[Claim] = []
    junctions: list[tuple[int, str, dict[str, Any]]] = []
    for name, data in graph.nodes(data=True):
        if data.get("kind") == "claim":
            names = ("quote", "by", "implicit", "tags", "note", "url", "ref", "same")
            fields = {k: data[k] for k in names}
            claims.append(Claim(name, data["text"], **fields))
        elif data.get("kind") == "link":
            junctions.append((data["index"], name, data))
        else:
            raise ValueError(f"node {name!r} has kind {data.get('kind')!r}: not a claim or link")
    ids = {name: data["id"] for _, name, data in junctions}
    links: list[Link] = []
    for _, name, data in sorted(junctions, key=lambda item: item[0]):
        premises = [p for p, _, role in graph.in_edges(name, data="role") if role == "premise"]
        (target,) = [t for _, t, role in graph.out_edges(name, data="role") if role == "target"]
        links.append(
            Link(
                tuple(premises),
                Relation(data["relation"]),
                ids.get(target) or target,
                id=data["id"],
                scheme=data["scheme"],
                note=data["note"],
            )
        )
    info = graph.graph
    return ArgumentMap(
        claims=claims,
        links=links,
        thesis=info.get("thesis", ()),
        title=info.get("title"),
        description=info.get("description"),
        source=Source(**info["source"]) if info.get("source") else None,
        expect=[Expectation(**e) for e in info.get("expect", ())],
    )

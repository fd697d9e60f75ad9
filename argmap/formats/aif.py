"""AIF: the Argument Interchange Format in the JSON of AIFdb and OVA, export and import.

An AIF graph has nodes (``nodeID``, ``text``, ``type``) and edges (``edgeID``, ``fromID``,
``toID``). A claim is an I-node whose ``nodeID`` is the claim id. A link is a scheme node: a
support is one RA node with an edge from each premise (so a linked support is one RA with
several premises) and an edge to its conclusion; an attack is a CA node; an undercut is a CA
node whose edge points at the RA (or CA) node of the link it attacks; a contradiction is a pair
of CA nodes, one each way. A link's id is its scheme node's ``nodeID`` (links without one get an
id starting with ``_``, which no argmap id can, so they come back without one); its scheme is
the node's ``text`` and ``scheme`` (``Default Inference`` or ``Default Conflict`` without one).
Who asserts a claim (``by``) is written as AIF's dialogue layer does: a participant, a locution
(an L-node "Name : text") and a YA node ("Asserting") anchoring it in the I-node.

Import reads the same shapes back, and reports what breaks the shape rules of AIF or does not fit
a map as located warnings (the part is left out, never silently); see docs/formats.md.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import yaml

from argmap.diagnostics import Diagnostic, sort_key
from argmap.formats import Format, Ids, limited, register
from argmap.formats.argmap_json import decode
from argmap.loading import Loaded, Positions
from argmap.model import ID_PATTERN, ArgumentMap, Claim, Link, Relation

DEFAULT_TEXT = {"RA": "Default Inference", "CA": "Default Conflict"}
NO_SCHEME = {"", "default", "default inference", "default conflict", "unknown"}
"""Scheme node texts that name no particular scheme (AIFdb's, OVA's and arguebuf's defaults)."""
SCHEME_TYPES = ("RA", "CA")


def to_aif(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as an AIF graph (plain data: nodes, edges, locutions, participants)."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(source: str, target: str) -> None:
        edges.append(
            {"edgeID": f"_e{len(edges) + 1}", "fromID": source, "toID": target, "formEdgeID": None}
        )

    for claim in argument_map.claims:
        nodes.append({"nodeID": claim.id, "text": claim.label, "type": "I"})
    node_of: dict[str, str] = {}  # link id -> its (first) scheme node
    names: list[str] = []
    for index, link in enumerate(argument_map.links, 1):
        name = link.id or f"_s{index}"
        names.append(name)
        if link.id is not None:
            node_of.setdefault(link.id, name)
    for link, name in zip(argument_map.links, names, strict=True):
        kind = "RA" if link.relation is Relation.SUPPORTS else "CA"
        node: dict[str, Any] = {"nodeID": name, "text": link.scheme or DEFAULT_TEXT[kind]}
        node["type"] = kind
        if link.scheme is not None:
            node["scheme"] = link.scheme
        nodes.append(node)
        for premise in link.premises:
            edge(premise, name)
        edge(name, node_of.get(link.target, link.target))
        if link.relation is Relation.CONTRADICTS:
            back = dict(node, nodeID=f"_{name}-back")
            nodes.append(back)
            edge(link.target, back["nodeID"])
            edge(back["nodeID"], link.premises[0])
    participants: dict[str, int] = {}
    locutions: list[dict[str, Any]] = []
    for claim in argument_map.claims:
        if claim.by is None:
            continue
        person = participants.setdefault(claim.by, len(participants) + 1)
        said, asserting = f"_l{len(locutions) + 1}", f"_ya{len(locutions) + 1}"
        nodes.append({"nodeID": said, "text": f"{claim.by} : {claim.label}", "type": "L"})
        nodes.append({"nodeID": asserting, "text": "Asserting", "type": "YA"})
        edge(said, asserting)
        edge(asserting, claim.id)
        locutions.append({"nodeID": said, "personID": person})
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": [
            {"participantID": number, "firstname": name, "surname": ""}
            for name, number in participants.items()
        ],
    }


def export_aif(argument_map: ArgumentMap) -> str:
    """The map as AIF JSON text."""
    return json.dumps(to_aif(argument_map), indent=2, ensure_ascii=False) + "\n"


# --- import ----------------------------------------------------------------------------------


def _where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


@attrs.define
class _Node:
    """One AIF node as read: its id, type, text and where it stands."""

    id: str
    type: str
    text: str
    at: yaml.Node
    scheme: str | None = None


@attrs.define
class _Reader:
    file: str | None
    diagnostics: list[Diagnostic] = attrs.Factory(list)

    def report(
        self,
        make: Callable[..., Diagnostic],
        code: str,
        message: str,
        at: yaml.Node,
        hint: str | None = None,
    ) -> None:
        self.diagnostics.append(make(code, message, hint=hint).locate({(): _where(at)}, self.file))

    def error(self, message: str, at: yaml.Node, hint: str | None = None) -> None:
        self.report(Diagnostic.error, "aif-structure", message, at, hint)

    def warn(self, code: str, message: str, at: yaml.Node, hint: str | None = None) -> None:
        self.report(Diagnostic.warning, code, message, at, hint)

    def fields(self, node: yaml.Node, what: str) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(f"{what} must be a JSON object, found {_kind(node)}", node)
            return None
        return {str(key.value): value for key, value in node.value}

    def items(self, parent: dict[str, yaml.Node], key: str, what: str) -> list[yaml.Node]:
        node = parent.get(key)
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith("null")):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(f"'{key}' of {what} must be a list, found {_kind(node)}", node)
            return []
        return list(node.value)

    def records(
        self, parent: dict[str, yaml.Node], key: str, what: str
    ) -> Iterator[tuple[int, yaml.Node, dict[str, yaml.Node]]]:
        """The objects of the list ``key``, numbered from 1; other items are reported."""
        for index, item in enumerate(self.items(parent, key, "the AIF graph"), 1):
            fields = self.fields(item, f"{what} {index}")
            if fields is not None:
                yield index, item, fields

    def string(
        self, fields: dict[str, yaml.Node], key: str, what: str, at: yaml.Node, *, needed: bool
    ) -> str | None:
        """A string field; ids may be JSON numbers too (AIFdb and OVA write them so)."""
        node = fields.get(key)
        if node is None:
            if needed:
                self.error(f"{what} has no '{key}'", at)
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag.rsplit(":", 1)[-1] in ("str", "int"):
            return str(node.value)
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith("null") and not needed:
            return None
        self.error(f"'{key}' of {what} must be a string, found {_kind(node)}", node)
        return None


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "an object"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    return {"null": "null", "bool": f"the boolean {node.value}"}.get(
        tag, f"the number {node.value}" if tag in ("int", "float") else f"the string {node.value!r}"
    )


def _claim_ids(nodes: list[_Node]) -> dict[str, str]:
    """An argmap id for each I-node: its nodeID where that is a valid id, else one made from it."""
    made = Ids("claim")
    return {node.id: made.make(node.id) for node in nodes}


def read_aif(root: yaml.Node, file: str | None, text: str, what: str = "the AIF graph") -> Loaded:
    """An AIF graph (decoded JSON nodes) to a map; ``what`` names the graph in messages."""
    reader = _Reader(file)
    top = reader.fields(root, what)
    if top is None:
        return Loaded(None, {}, tuple(reader.diagnostics), file, text)
    for key in ("nodes", "edges"):
        if key not in top:
            reader.error(f"{what} has no '{key}' list", root, "AIF JSON has 'nodes' and 'edges'")
    if reader.diagnostics:
        return Loaded(None, {}, tuple(reader.diagnostics), file, text)

    nodes: dict[str, _Node] = {}
    for index, item, fields in reader.records(top, "nodes", "node"):
        node_id = reader.string(fields, "nodeID", f"node {index}", item, needed=True)
        kind = reader.string(fields, "type", f"node {node_id or index}", item, needed=True)
        body = reader.string(fields, "text", f"node {node_id or index}", item, needed=kind == "I")
        scheme = reader.string(fields, "scheme", f"node {node_id or index}", item, needed=False)
        if node_id is None or kind is None:
            continue
        if node_id in nodes:
            first = _where(nodes[node_id].at)[0]
            reader.error(f"the nodeID '{node_id}' is used twice (first on line {first})", item)
            continue
        if kind == "I" and (body is None or not body.strip()):
            reader.error(f"I-node '{node_id}' has no text", item)
            continue
        nodes[node_id] = _Node(node_id, kind, body or "", item, scheme)

    into: dict[str, list[tuple[str, yaml.Node]]] = {node_id: [] for node_id in nodes}
    out_of: dict[str, list[tuple[str, yaml.Node]]] = {node_id: [] for node_id in nodes}
    for index, item, fields in reader.records(top, "edges", "edge"):
        label = reader.string(fields, "edgeID", f"edge {index}", item, needed=False) or str(index)
        source = reader.string(fields, "fromID", f"edge {label}", item, needed=True)
        target = reader.string(fields, "toID", f"edge {label}", item, needed=True)
        if source is None or target is None:
            continue
        missing = [n for n in (source, target) if n not in nodes]
        if missing:
            reader.warn(
                "aif-unknown-node",
                f"edge {label} names the node '{missing[0]}', which is not in 'nodes'; "
                "the edge is left out",
                item,
            )
            continue
        if nodes[source].type == "I" and nodes[target].type == "I":
            reader.warn(
                "aif-i-to-i",
                f"edge {label} joins I-node '{source}' to I-node '{target}' directly; AIF "
                "relates I-nodes only through a scheme node (RA, CA); the edge is left out",
                item,
                "put an RA node (support) or a CA node (attack) between them",
            )
            continue
        out_of[source].append((target, item))
        into[target].append((source, item))

    speakers = _speakers(reader, top, nodes, into, out_of)
    claim_nodes = [n for n in nodes.values() if n.type == "I"]
    ids = _claim_ids(claim_nodes)
    claims = [Claim(ids[n.id], n.text, by=speakers.get(n.id)) for n in claim_nodes]
    positions: Positions = {("claims", ids[n.id]): _where(n.at) for n in claim_nodes}

    links = _links(reader, nodes, into, out_of, ids, speakers)
    link_list: list[Link] = []
    for index, (link, at) in enumerate(links):
        link_list.append(link)
        for path in (("links", index), ("links", index, "from")):
            positions[path] = _where(at)
    argument_map = ArgumentMap(claims=claims, links=link_list) if claims else None
    if argument_map is None and not any(d.is_error for d in reader.diagnostics):
        reader.error(f"{what} has no I-nodes: a map needs at least one claim", root)
    # argmap's checks of the map built are run by the caller (argmap.pipeline.check_import)
    found = tuple(sorted(reader.diagnostics, key=sort_key))
    return Loaded(argument_map, positions, found, file, text)


def _speakers(
    reader: _Reader,
    top: dict[str, yaml.Node],
    nodes: dict[str, _Node],
    into: dict[str, list[tuple[str, yaml.Node]]],
    out_of: dict[str, list[tuple[str, yaml.Node]]],
) -> dict[str, str]:
    """Who asserts each I-node: L-node -> YA -> I, named by the locution's participant (or the
    "Name : text" form of the L-node). Other dialogue nodes are reported and left out."""
    people: dict[str, str] = {}
    for _, item, fields in reader.records(top, "participants", "participant"):
        number = reader.string(fields, "participantID", "a participant", item, needed=True)
        first = reader.string(fields, "firstname", "a participant", item, needed=False) or ""
        last = reader.string(fields, "surname", "a participant", item, needed=False) or ""
        if number is not None:
            people[number] = f"{first} {last}" if first and last else first or last
    said_by: dict[str, str] = {}
    for _, item, fields in reader.records(top, "locutions", "locution"):
        node_id = reader.string(fields, "nodeID", "a locution", item, needed=True)
        person = reader.string(fields, "personID", "a locution", item, needed=False)
        if node_id is not None and person in people and people[person]:
            said_by[node_id] = people[person]
    speakers: dict[str, str] = {}
    used: set[str] = set()
    for node in nodes.values():
        if node.type != "YA":
            continue
        sources = [s for s, _ in into[node.id] if nodes[s].type == "L"]
        targets = [t for t, _ in out_of[node.id] if nodes[t].type == "I"]
        if len(sources) != 1 or len(targets) != 1:
            continue
        said = nodes[sources[0]]
        name = said_by.get(said.id) or (said.text.split(" : ", 1)[0] if " : " in said.text else "")
        if name.strip() and targets[0] not in speakers:
            speakers[targets[0]] = name
            used.update((node.id, said.id))
    for node in nodes.values():
        if node.type in ("I", *SCHEME_TYPES) or node.id in used:
            continue
        reader.warn(
            "aif-unsupported",
            f"node '{node.id}' of type '{node.type}' has no place in a map; it is left out"
            + (
                " (only an L-node asserting one I-node through a YA node gives a claim's 'by')"
                if node.type in ("L", "YA")
                else ""
            ),
            node.at,
        )
    return speakers


def _links(
    reader: _Reader,
    nodes: dict[str, _Node],
    into: dict[str, list[tuple[str, yaml.Node]]],
    out_of: dict[str, list[tuple[str, yaml.Node]]],
    ids: dict[str, str],
    speakers: dict[str, str],
) -> list[tuple[Link, yaml.Node]]:
    """Links from the RA and CA nodes, in the order of the nodes."""
    shapes: dict[str, tuple[list[str], str]] = {}  # node id -> (premises, conclusion node)
    for node in nodes.values():
        if node.type not in SCHEME_TYPES:
            continue
        premises = [s for s, _ in into[node.id] if nodes[s].type == "I"]
        for source, edge in into[node.id]:
            if nodes[source].type == "RA":
                reader.warn(
                    "aif-unsupported",
                    f"RA node '{source}' concludes scheme node '{node.id}' (an inference about "
                    "an inference), which a map cannot hold; the edge is left out",
                    edge,
                )
        conclusions = [
            t
            for t, _ in out_of[node.id]
            if nodes[t].type == "I" or (node.type == "CA" and nodes[t].type in SCHEME_TYPES)
        ]
        kind = "an RA" if node.type == "RA" else "a CA"
        if not premises or not conclusions:
            lacking = "premise (an edge from an I-node)" if not premises else "conclusion"
            reader.warn(
                "aif-scheme-shape",
                f"{kind} node '{node.id}' has no {lacking}; it is left out",
                node.at,
                "every RA and CA node needs at least one premise and one conclusion",
            )
            continue
        if len(conclusions) > 1:
            reader.warn(
                "aif-scheme-shape",
                f"{kind} node '{node.id}' has {len(conclusions)} conclusions; only the first, "
                f"'{conclusions[0]}', is kept",
                node.at,
            )
        shapes[node.id] = (premises, conclusions[0])

    # Undercuts of dropped scheme nodes go too, and the undercuts of those, and so on.
    attackers: dict[str, list[str]] = {}
    for node_id, (_, target) in shapes.items():
        if nodes[target].type != "I":
            attackers.setdefault(target, []).append(node_id)
    dropped = [target for target in attackers if target not in shapes]
    while dropped:
        target = dropped.pop()
        for node_id in attackers.get(target, ()):
            reader.warn(
                "aif-scheme-shape",
                f"CA node '{node_id}' attacks scheme node '{target}', which is left out; "
                "so is the attack",
                nodes[node_id].at,
            )
            del shapes[node_id]
            dropped.append(node_id)

    undercut = {target for _, target in shapes.values() if nodes[target].type != "I"}
    # Pairs of single CA nodes, one each way between two I-nodes, are one contradiction.
    seconds: set[str] = set()
    firsts: set[str] = set()
    alias: dict[str, str] = {}
    singles = [
        n
        for n in shapes
        if nodes[n].type == "CA"
        and len(shapes[n][0]) == 1
        and nodes[shapes[n][1]].type == "I"
        and n not in undercut
    ]
    # Each single is paired with the first single after it that goes the other way with the
    # same scheme and is not paired yet: found in a queue of the singles of each way.
    ways: dict[tuple[str, str, str | None], deque[int]] = {}
    for position, node_id in enumerate(singles):
        (a,), b = shapes[node_id]
        ways.setdefault((a, b, _scheme(nodes[node_id])), deque()).append(position)
    for position, first in enumerate(singles):
        if first in seconds or first in firsts:
            continue
        (a,), b = shapes[first]
        back = ways.get((b, a, _scheme(nodes[first])), deque())
        while back and (back[0] <= position or singles[back[0]] in seconds):
            back.popleft()
        if back:
            second = singles[back.popleft()]
            firsts.add(first)
            seconds.add(second)
            if not ID_PATTERN.fullmatch(first):  # the pair's id: either one's
                alias[first] = second

    taken = set(ids.values())
    link_ids: dict[str, str | None] = {}
    n = 1  # the numbers of link-N before it are taken
    for node_id in shapes:
        if node_id in seconds:
            continue
        named = alias.get(node_id, node_id)
        wanted = named if ID_PATTERN.fullmatch(named) and named not in taken else None
        if wanted is None and node_id in undercut:
            while f"link-{n}" in taken:
                n += 1
            wanted = f"link-{n}"
        if wanted is not None:
            taken.add(wanted)
        link_ids[node_id] = wanted
    links: list[tuple[Link, yaml.Node]] = []
    for node_id, (premises, target) in shapes.items():
        if node_id in seconds:
            continue
        node = nodes[node_id]
        relation = (
            Relation.SUPPORTS
            if node.type == "RA"
            else Relation.CONTRADICTS
            if node_id in firsts
            else Relation.ATTACKS
        )
        goal = ids[target] if nodes[target].type == "I" else link_ids[target]
        assert goal is not None  # undercut scheme nodes were given ids above
        link = Link(
            tuple(ids[p] for p in premises),
            relation,
            goal,
            id=link_ids[node_id],
            scheme=_scheme(node),
        )
        links.append((link, node.at))
    return links


def _scheme(node: _Node) -> str | None:
    label = node.scheme if node.scheme is not None else node.text
    return None if label.strip().lower() in NO_SCHEME else label


@limited("json-syntax")
def import_aif(text: str, file: str | None = None) -> Loaded:
    """AIF JSON text to a map, with what does not fit reported at its line and column."""
    text = text.removeprefix("\ufeff")
    root = decode(text, file)
    if isinstance(root, Diagnostic):
        return Loaded(None, {}, (root,), file, text)
    return read_aif(root, file, text)


register(
    Format(
        "aif",
        (".aif.json", ".aif"),
        "AIF (Argument Interchange Format) JSON, as AIFdb and OVA read and write it",
        export=export_aif,
        import_=import_aif,
    )
)

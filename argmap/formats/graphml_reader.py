"""GraphML import: graphs in the shape argmap's GraphML export writes, from yEd, Gephi or NetworkX.

Nodes with ``kind=claim`` are claims and nodes with ``kind=link`` link junctions (see
:mod:`argmap.formats.graphml`); data are found by their keys' ``attr.name``, so files that
yEd or Gephi saved again read back too. A node without ``kind`` is taken for a claim (its
``text``, ``label`` or yEd label is its text); an edge between two claims is a link only when
it has a ``relation`` (supports, attacks, contradicts), otherwise it is reported and left out.
The XML is read with expat, which keeps every element's line and column for the diagnostics.
"""

from __future__ import annotations

import json
import xml.parsers.expat
from typing import Any

import attrs

from argmap.diagnostics import Diagnostic, sort_key
from argmap.formats import limited
from argmap.formats.surrogates import SURROGATE
from argmap.loading import Loaded, Positions
from argmap.model import ID_PATTERN, ArgumentMap, Claim, Link, Relation, Source

Where = tuple[int, int]
_LISTS = ("quote", "tags", "same")
_HALF = "a string holds half of a UTF-16 surrogate pair (an escape such as \\ud800 alone)"


@attrs.define
class _Element:
    """A node or an edge as read: its attributes, its data by name, and where it starts."""

    attributes: dict[str, str]
    where: Where
    data: dict[str, str] = attrs.Factory(dict)
    label: str = ""


@attrs.define
class _Document:
    keys: dict[str, str] = attrs.Factory(dict)  # key id -> attr.name
    graph: dict[str, str] = attrs.Factory(dict)
    nodes: list[_Element] = attrs.Factory(list)
    edges: list[_Element] = attrs.Factory(list)


def _given(value: object) -> str | None:
    """A string of data that is not blank (tools write empty data for a value not set), else
    None: a map holds no empty text."""
    return value if isinstance(value, str) and value.strip() else None


def _parse(text: str, file: str | None) -> _Document | Diagnostic:
    document = _Document()
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    stack: list[str] = []
    current: list[_Element] = []
    data_key: list[str | None] = [None]
    buffer: list[str] = []

    def where() -> Where:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        stack.append(local)
        if local == "key" and "id" in attributes:
            document.keys[attributes["id"]] = attributes.get("attr.name", attributes["id"])
        elif local in ("node", "edge"):
            element = _Element(dict(attributes), where())
            (document.nodes if local == "node" else document.edges).append(element)
            current.append(element)
        elif local == "data":
            data_key[0] = attributes.get("key")
            buffer.clear()
        elif local == "NodeLabel":
            buffer.clear()

    def end(name: str) -> None:
        local = stack.pop()
        if local == "data" and data_key[0] is not None and "data" not in stack:
            name = document.keys.get(data_key[0], data_key[0])
            target = current[-1].data if current else document.graph
            target.setdefault(name, "".join(buffer))
            data_key[0] = None
        elif local == "NodeLabel" and current and not current[-1].label:
            current[-1].label = "".join(buffer)
        elif local in ("node", "edge") and current:
            current.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = buffer.append
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as error:
        message = xml.parsers.expat.ErrorString(error.code)
        diag = Diagnostic.error("xml-syntax", f"not valid XML: {message}")
        return diag.locate({(): (error.lineno, error.offset + 1)}, file)
    finally:  # the handlers refer to the parser: a cycle, left to a collection that may be late
        parser.StartElementHandler = parser.EndElementHandler = None
        parser.CharacterDataHandler = None
    return document


@limited("xml-syntax")
def import_graphml(text: str, file: str | None = None) -> Loaded:
    """GraphML text to a map, with what does not fit reported at its line and column."""
    text = text.removeprefix("\ufeff")
    document = _parse(text, file)
    if isinstance(document, Diagnostic):
        return Loaded(None, {}, (document,), file, text)
    found: list[Diagnostic] = []

    def report(code: str, message: str, where: Where, *, error: bool = False) -> None:
        make = Diagnostic.error if error else Diagnostic.warning
        found.append(make(code, message).locate({(): where}, file))

    def values(element: _Element, name: str) -> Any:
        raw = element.data.get(name)
        if raw is None or name not in _LISTS:
            return raw
        try:
            loaded = json.loads(raw)
        except ValueError:
            loaded = None
        if not isinstance(loaded, list) or not all(_given(v) for v in loaded):
            report(
                "graphml-data", f"'{name}' must be a JSON list of non-empty strings", element.where
            )
            return ()
        if any(SURROGATE.search(v) for v in loaded):
            report("graphml-data", f"'{name}': {_HALF}", element.where)
            return ()
        return tuple(loaded)

    claims: list[Claim] = []
    positions: Positions = {}
    junctions: dict[str, _Element] = {}
    seen: set[str] = set()
    for node in document.nodes:
        node_id = node.attributes.get("id", "")
        if node_id in seen or not node_id:
            report(
                "graphml-structure",
                f"a node id is missing or repeated: '{node_id}'",
                node.where,
                error=True,
            )
            continue
        seen.add(node_id)
        if node.data.get("kind") == "link":
            junctions[node_id] = node
            continue
        body = node.data.get("text")
        if node.data.get("kind") != "claim":  # drawn elsewhere: any label will do
            body = body or node.data.get("label") or node.label or None
        ref = _given(node.data.get("ref"))
        if not ID_PATTERN.fullmatch(node_id) or (body is None and ref is None):
            problem = "is not an argmap id" if body or ref else "has no text"
            report("graphml-structure", f"claim node '{node_id}' {problem}", node.where, error=True)
            continue
        try:
            claim = Claim(
                node_id,
                body if body is None or body.strip() else None,
                quote=values(node, "quote") or (),
                by=_given(node.data.get("by")),
                implicit=node.data.get("implicit", "false").strip().lower() == "true",
                tags=values(node, "tags") or (),
                note=_given(node.data.get("note")),
                url=_given(node.data.get("url")),
                ref=ref,
                same=values(node, "same") or (),
            )
        except ValueError as error:
            report("graphml-data", f"claim node '{node_id}': {error}", node.where, error=True)
            continue
        claims.append(claim)
        positions[("claims", node_id)] = node.where

    into: dict[str, list[tuple[str, _Element]]] = {name: [] for name in junctions}
    out_of: dict[str, list[tuple[str, _Element]]] = {name: [] for name in junctions}
    claim_ids = {c.id for c in claims}
    loose: list[Link] = []
    for edge in document.edges:
        source = edge.attributes.get("source", "")
        target = edge.attributes.get("target", "")
        if source in junctions or target in junctions:
            if target in junctions and edge.data.get("role") != "target":
                into[target].append((source, edge))
            if source in junctions:
                out_of[source].append((target, edge))
            continue
        relation = edge.data.get("relation")
        if (
            source in claim_ids
            and target in claim_ids
            and relation in ("supports", "attacks", "contradicts")
        ):
            loose.append(Link((source,), Relation(relation), target))
            positions[("links", len(loose) - 1)] = edge.where
            continue
        report(
            "graphml-unsupported",
            f"edge {source} -> {target} is not a link of the map "
            "(it needs a 'relation' between two claims); it is left out",
            edge.where,
        )

    links = list(loose)
    names: dict[str, str | None] = {n: j.data.get("link_id") or None for n, j in junctions.items()}
    for name, node in junctions.items():
        relation = node.data.get("relation", "")
        premises = [s for s, _ in into[name] if s in claim_ids]
        targets = [t for t, _ in out_of[name]]
        if (
            relation not in ("supports", "attacks", "contradicts")
            or not premises
            or (len(targets) != 1)
        ):
            report(
                "graphml-structure",
                f"link node '{name}' needs a relation, premises and one target",
                node.where,
                error=True,
            )
            continue
        target = targets[0]
        goal = names.get(target) if target in junctions else target
        if goal is None:
            report(
                "graphml-structure",
                f"link node '{name}' points at a link without an id",
                node.where,
                error=True,
            )
            continue
        try:
            link = Link(
                tuple(premises),
                Relation(relation),
                goal,
                id=names[name],
                scheme=_given(node.data.get("scheme")),
                note=_given(node.data.get("note")),
            )
        except ValueError as error:  # a target or link_id that is no argmap id
            report("graphml-data", f"link node '{name}': {error}", node.where, error=True)
            continue
        links.append(link)
        positions[("links", len(links) - 1)] = node.where
    thesis: list[str] = []
    if "thesis" in document.graph:
        try:
            thesis = [str(t) for t in json.loads(document.graph["thesis"])]
        except (ValueError, TypeError):
            report("graphml-data", "the graph's 'thesis' must be a JSON list of ids", (1, 1))
    origin = None
    if document.graph.get("source"):
        try:
            fields = json.loads(document.graph["source"])
            if not isinstance(fields, dict):
                raise TypeError(fields)
            origin = Source(**{k: v for k, v in fields.items() if v is None or _given(v)})
        except (ValueError, TypeError):
            report("graphml-data", "the graph's 'source' must be a JSON object", (1, 1))
        if origin is not None and any(SURROGATE.search(v or "") for v in attrs.astuple(origin)):
            report("graphml-data", f"the graph's 'source': {_HALF}", (1, 1))
            origin = None
    if not claims:
        report("graphml-structure", "the graph has no claim nodes", (1, 1), error=True)
        return Loaded(None, {}, tuple(found), file, text)
    argument_map = ArgumentMap(
        claims=claims,
        links=links,
        thesis=[t for t in thesis if ID_PATTERN.fullmatch(t)],
        title=_given(document.graph.get("title")),
        description=_given(document.graph.get("description")),
        source=origin,
    )
    # argmap's checks of the map built are run by the caller (argmap.pipeline.check_import)
    kept = tuple(sorted(found, key=sort_key))
    return Loaded(argument_map, positions, kept, file, text)

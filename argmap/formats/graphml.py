"""GraphML export (and import, :mod:`argmap.formats.graphml_reader`), for yEd, Gephi,
Cytoscape and NetworkX.

The graph is the one of :mod:`argmap.formats.networkx_graph`: a node per claim, a junction
node per link, edges from premises into the junction and from the junction to the target.
Every node and edge carries plain GraphML data (``label``, ``kind``, ``text``, ``role``,
``relation``, ``scheme``, ...; lists such as ``quote``, ``tags`` and ``same`` as JSON text),
which Gephi and NetworkX read as attributes, and yEd's own graphics (``y:ShapeNode`` with the
label, a fill colour and shape by role; edges coloured and dashed by relation), so the file
opens in yEd as a readable diagram after a layout (Layout > Hierarchic). Characters XML 1.0
cannot hold (most control characters) are written as U+FFFD.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import attrs

from argmap.formats import Format, register
from argmap.formats.graphml_reader import import_graphml
from argmap.formats.networkx_graph import junction
from argmap.model import ArgumentMap, Relation

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
YWORKS = "http://www.yworks.com/xml/graphml"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

NODE_KEYS = (
    ("label", "string"),
    ("kind", "string"),
    ("text", "string"),
    ("role", "string"),
    ("quote", "string"),
    ("by", "string"),
    ("implicit", "boolean"),
    ("tags", "string"),
    ("note", "string"),
    ("url", "string"),
    ("ref", "string"),
    ("same", "string"),
    ("relation", "string"),
    ("link_id", "string"),
    ("scheme", "string"),
)
EDGE_KEYS = (("role", "string"), ("relation", "string"))
GRAPH_KEYS = (
    ("title", "string"),
    ("description", "string"),
    ("thesis", "string"),
    ("source", "string"),
)

FILL = {"thesis": "#C6DBEF", "premise": "#FFFFFF", "intermediate": "#F0F0F0"}
EDGE_STYLE = {
    Relation.SUPPORTS: ("#1B7837", "line"),
    Relation.ATTACKS: ("#B2182B", "dashed"),
    Relation.CONTRADICTS: ("#762A83", "dotted"),
}


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _data(parent: ET.Element, key: str, value: Any) -> None:
    if value is None or value == [] or value == ():
        return
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        text = json.dumps(list(value), ensure_ascii=False)
    else:
        text = str(value)
    ET.SubElement(parent, f"{{{GRAPHML}}}data", key=key).text = _xml(text)


def _shape(node: ET.Element, label: str, fill: str, shape: str, width: float) -> None:
    graphics = ET.SubElement(node, f"{{{GRAPHML}}}data", key="y_node")
    shape_node = ET.SubElement(graphics, f"{{{YWORKS}}}ShapeNode")
    ET.SubElement(shape_node, f"{{{YWORKS}}}Geometry", width=str(width), height="60.0")
    ET.SubElement(shape_node, f"{{{YWORKS}}}Fill", color=fill, transparent="false")
    ET.SubElement(shape_node, f"{{{YWORKS}}}BorderStyle", color="#000000", type="line")
    text = ET.SubElement(shape_node, f"{{{YWORKS}}}NodeLabel", autoSizePolicy="content")
    text.text = _xml(label)
    ET.SubElement(shape_node, f"{{{YWORKS}}}Shape", type=shape)


def _edge(graph: ET.Element, source: str, target: str, role: str, relation: Relation) -> None:
    edge = ET.SubElement(graph, f"{{{GRAPHML}}}edge", source=_xml(source), target=_xml(target))
    _data(edge, "e_role", role)
    _data(edge, "e_relation", relation.value)
    colour, line = EDGE_STYLE[relation]
    graphics = ET.SubElement(edge, f"{{{GRAPHML}}}data", key="y_edge")
    poly = ET.SubElement(graphics, f"{{{YWORKS}}}PolyLineEdge")
    ET.SubElement(poly, f"{{{YWORKS}}}LineStyle", color=colour, type=line, width="1.5")
    arrow = "standard" if role == "target" else "none"
    ET.SubElement(poly, f"{{{YWORKS}}}Arrows", source="none", target=arrow)


def to_graphml(argument_map: ArgumentMap) -> str:
    """The map as GraphML text."""
    ET.register_namespace("", GRAPHML)
    ET.register_namespace("y", YWORKS)
    root = ET.Element(f"{{{GRAPHML}}}graphml")
    for scope, keys, prefix in (("graph", GRAPH_KEYS, "g_"), ("node", NODE_KEYS, "n_")):
        for name, kind in keys:
            ET.SubElement(
                root,
                f"{{{GRAPHML}}}key",
                {"id": prefix + name, "for": scope, "attr.name": name, "attr.type": kind},
            )
    for name, kind in EDGE_KEYS:
        ET.SubElement(
            root,
            f"{{{GRAPHML}}}key",
            {"id": "e_" + name, "for": "edge", "attr.name": name, "attr.type": kind},
        )
    ET.SubElement(root, f"{{{GRAPHML}}}key", {"id": "y_node", "for": "node"}).set(
        "yfiles.type", "nodegraphics"
    )
    ET.SubElement(root, f"{{{GRAPHML}}}key", {"id": "y_edge", "for": "edge"}).set(
        "yfiles.type", "edgegraphics"
    )
    graph = ET.SubElement(root, f"{{{GRAPHML}}}graph", id="argmap", edgedefault="directed")
    _data(graph, "g_title", argument_map.title)
    _data(graph, "g_description", argument_map.description)
    _data(graph, "g_thesis", list(argument_map.thesis))
    if argument_map.source is not None:
        source = {k: v for k, v in attrs.asdict(argument_map.source).items() if v is not None}
        _data(graph, "g_source", json.dumps(source, ensure_ascii=False))
    for claim in argument_map.claims:
        node = ET.SubElement(graph, f"{{{GRAPHML}}}node", id=_xml(claim.id))
        role = argument_map.role(claim.id).value
        fields = {
            "label": claim.label,
            "kind": "claim",
            "text": claim.text,
            "role": role,
            "quote": claim.quote,
            "by": claim.by,
            "implicit": claim.implicit,
            "tags": claim.tags,
            "note": claim.note,
            "url": claim.url,
            "ref": claim.ref,
            "same": claim.same,
        }
        for name, value in fields.items():
            _data(node, "n_" + name, value)
        shape = "parallelogram" if claim.implicit else "roundrectangle"
        _shape(node, claim.label, FILL.get(role, "#FFFFFF"), shape, 240.0)
    names = {
        link.id: junction(argument_map, i) for i, link in enumerate(argument_map.links) if link.id
    }
    for index, link in enumerate(argument_map.links):
        name = junction(argument_map, index)
        node = ET.SubElement(graph, f"{{{GRAPHML}}}node", id=_xml(name))
        label = link.scheme or ""
        for key, value in (
            ("label", label),
            ("kind", "link"),
            ("relation", link.relation.value),
            ("link_id", link.id),
            ("scheme", link.scheme),
            ("note", link.note),
        ):
            _data(node, "n_" + key, value)
        _shape(node, label, EDGE_STYLE[link.relation][0], "ellipse", 20.0)
        for premise in link.premises:
            _edge(graph, premise, name, "premise", link.relation)
        _edge(graph, name, names.get(link.target, link.target), "target", link.relation)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


register(
    Format(
        "graphml",
        (".graphml",),
        "GraphML, for yEd, Gephi, Cytoscape and NetworkX (claims and link junctions)",
        export=to_graphml,
        import_=import_graphml,
    )
)

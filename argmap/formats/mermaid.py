"""Mermaid flowchart export: maps that GitHub, GitLab and many Markdown editors draw.

Put the text in a fenced ``mermaid`` code block. The chart runs bottom to top (``flowchart BT``)
like ``argmap render``: premises below, arrows up to what they bear on.

- Claims are nodes ``c1``, ``c2``, ... (Mermaid ids cannot be any argmap id: ``end`` and dots
  break its parser), each with a ``%%`` comment naming its claim id; the label is the text
  (or, for a claim that only refers to another map's claim, the reference).
  Classes mark the thesis (thick border), implicit premises (dashed border) and the rest.
- A support with one premise is an arrow ``-->`` (its scheme, if any, as the arrow's label); an
  attack an arrow with a cross ``--x``; a contradiction a dotted line with a cross at both
  ends ``x-.-x``. A support or attack with several premises, or one that an undercut attacks,
  goes through a small junction circle ``j1(( ))``: lines from each premise, one arrow on.
  An undercut points at the junction of the link it attacks (a contradiction that is undercut
  gets one too, with a dotted line to each side). ``linkStyle`` colours supports
  green, attacks red and contradictions purple.
- Labels are quoted, with ``"``, ``#``, ``<``, ``>``, ``&`` and the backtick written as Mermaid
  entity codes (so no text can close a label, start markup or become a Markdown string), line
  breaks as ``<br>`` and control characters as spaces.
"""

from __future__ import annotations

import json

from argmap.formats import Format, register
from argmap.model import ArgumentMap, Link, Relation

_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
}
_COLOURS = {
    Relation.SUPPORTS: "stroke:#1b7837,stroke-width:2px",
    Relation.ATTACKS: "stroke:#b2182b,stroke-width:2px",
    Relation.CONTRADICTS: "stroke:#762a83,stroke-width:2px",
}
CLASSES = (
    "classDef claim fill:#ffffff,stroke:#333333,color:#000000",
    "classDef thesis fill:#c6dbef,stroke:#08306b,stroke-width:3px,color:#000000",
    "classDef implicit fill:#ffffff,stroke:#333333,stroke-dasharray:5 5,color:#000000",
    "classDef junction fill:#333333,stroke:#333333",
)


def label(text: str) -> str:
    """Text as a quoted Mermaid label."""
    out: list[str] = []
    for char in text.replace("\r\n", "\n").replace("\r", "\n"):
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char == "\n":
            out.append("<br>")
        elif ord(char) < 32 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
            out.append(" ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _comment(text: str) -> str:
    return " ".join(text.split())


def to_mermaid(argument_map: ArgumentMap) -> str:
    """The map as Mermaid flowchart text."""
    lines: list[str] = []
    if argument_map.title:
        lines += ["---", f"title: {json.dumps(_comment(argument_map.title))}", "---"]
    lines.append("flowchart BT")
    lines += ["  " + line for line in CLASSES]
    node: dict[str, str] = {}
    for number, claim in enumerate(argument_map.claims, 1):
        name = f"c{number}"
        node.setdefault(claim.id, name)
        kind = (
            "thesis"
            if claim.id in argument_map.thesis
            else "implicit"
            if claim.implicit
            else "claim"
        )
        lines.append(f"  %% {name}: {_comment(claim.id)}")
        lines.append(f"  {name}[{label(claim.label)}]:::{kind}")
    undercut = {link.target for link in argument_map.links if link.relation is Relation.ATTACKS}
    junctions: dict[int, str] = {}
    for index, link in enumerate(argument_map.links):
        if link.is_linked or (link.id is not None and link.id in undercut):
            junctions[index] = f"j{len(junctions) + 1}"
            lines.append(f"  {junctions[index]}(( )):::junction")
    by_id = {link.id: junctions[i] for i, link in enumerate(argument_map.links) if i in junctions}
    styles: dict[Relation, list[int]] = {relation: [] for relation in Relation}
    edges = 0

    def edge(source: str, arrow: str, target: str, link: Link, text: str | None) -> None:
        nonlocal edges
        shown = f"|{label(text)}|" if text else ""
        lines.append(f"  {source} {arrow}{shown} {target}")
        styles[link.relation].append(edges)
        edges += 1

    for index, link in enumerate(argument_map.links):
        target = node.get(link.target) or by_id[link.target]
        arrow = {Relation.SUPPORTS: "-->", Relation.ATTACKS: "--x"}.get(link.relation, "x-.-x")
        if index in junctions and link.relation is Relation.CONTRADICTS:  # undercut
            edge(junctions[index], "-.-x", node[link.premises[0]], link, link.scheme)
            edge(junctions[index], "-.-x", target, link, None)
        elif index in junctions:
            for premise in link.premises:
                edge(node[premise], "---", junctions[index], link, None)
            edge(junctions[index], arrow, target, link, link.scheme)
        else:
            edge(node[link.premises[0]], arrow, target, link, link.scheme)
    for relation, numbers in styles.items():
        if numbers:
            lines.append(f"  linkStyle {','.join(map(str, numbers))} {_COLOURS[relation]}")
    return "\n".join(lines) + "\n"


register(
    Format(
        "mermaid",
        (".mmd", ".mermaid"),
        "Mermaid flowchart, drawn by GitHub, GitLab and Markdown editors (export only)",
        export=to_mermaid,
    )
)

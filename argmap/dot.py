"""Drawing a map: the model to Graphviz DOT text. No processes here; see :mod:`argmap.rendering`.

The layout reads top-down from the theses: edges run from premise to conclusion with
``rankdir=BT``. Linked premises meet at a small junction from which one arrow leaves; a link that
is undercut gets a junction too, which the undercut points at. Support and attack differ by line
style and arrowhead as well as by colour (Okabe-Ito palette, safe for colour-blind readers).

Drawn as SVG, every part has a stable id, which :mod:`argmap.html` relies on: a claim's box is
``claim-<id>``; link number *i* (its position in the map's ``links``) is drawn as ``link-<i>``
(the arrow into its target), with ``link-<i>-junction`` and ``link-<i>-from-<k>`` (the line from
its *k*-th premise) when it has a junction.
"""

from __future__ import annotations

import textwrap
import urllib.parse
from collections.abc import Iterable

import attrs
import graphviz

from argmap.bulk import paused_gc
from argmap.evaluation import Evaluation, Status
from argmap.model import ArgumentMap, Claim, Link, Relation, Role

# Okabe-Ito colours.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#555555"

FILL = {
    Role.THESIS: "#D6E9F8",
    Role.INTERMEDIATE: "#EEF5FB",
    Role.CONCLUSION: "#EEF5FB",
    Role.PREMISE: "#FFFFFF",
}
CAPTION = {
    Role.THESIS: "THESIS",
    Role.INTERMEDIATE: "INTERMEDIATE CONCLUSION",
    Role.CONCLUSION: "CONCLUSION",
    Role.PREMISE: "PREMISE",
}
EDGE_STYLE = {
    Relation.SUPPORTS: {"color": BLUE, "style": "solid", "arrowhead": "normal", "penwidth": "1.4"},
    Relation.ATTACKS: {
        "color": VERMILLION,
        "style": "dashed",
        "arrowhead": "tee",
        "penwidth": "1.6",
    },
}
SAFE_URL_SCHEMES = ("http://", "https://", "mailto:")
DEFAULT_WIDTH = 28
"""Characters per line of a claim's text in a node."""


def _visible(text: str) -> str:
    """Text as Graphviz must be given it to draw it as written: control characters shown as
    their Unicode pictures, and '&' written as an entity (Graphviz reads entities in labels)."""
    return "".join(_VISIBLE.get(ch, ch) for ch in text)


_VISIBLE = {
    **{chr(c): chr(0x2400 + c) for c in range(0x20) if c != 0x0A},
    "\x7f": "\u2421",
    **{chr(c): "\ufffd" for c in range(0xD800, 0xE000)},  # lone surrogates cannot be encoded
    "&": "&amp;",
}


def wrap(text: str, width: int = DEFAULT_WIDTH) -> list[str]:
    """Lines of at most ``width`` characters; the text's own line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    return lines


def label_text(lines: Iterable[str]) -> str:
    """Lines as a Graphviz label: backslashes and '<...>' taken literally, lines centred."""
    label: str = graphviz.nohtml("\\n".join(graphviz.escape(_visible(line)) for line in lines))
    return label


def tooltip_text(text: str) -> str:
    """Text for a tooltip attribute. Graphviz unescapes tooltips twice (once as a string, once
    for its \\N, \\G, \\E substitutions), so backslashes are doubled twice to come out as
    written."""
    once: str = graphviz.escape(_visible(text))
    twice: str = graphviz.escape(once)
    return twice


def safe_url(url: str | None) -> str | None:
    """The URL if it is http, https or mailto; anything else (javascript:, file:) is dropped."""
    if url is None:
        return None
    cleaned = url.strip()
    if not cleaned.lower().startswith(SAFE_URL_SCHEMES):
        return None
    # Characters that would end an attribute or open a tag are percent-encoded; '&' is written
    # as an entity, which Graphviz 2.43 copies into SVG as it is and newer releases leave alone.
    return urllib.parse.quote(cleaned, safe=":/?#[]@!$&()*+,;=%~.-_").replace("&", "&amp;")


def tooltip(claim: Claim, role: Role | None = None) -> str:
    """The hover text of a claim: its role and id, its quotes and who asserts it."""
    caption = ("implicit " if claim.implicit else "") + CAPTION[role].lower() if role else ""
    parts = [f"{caption} [{claim.id}]".strip()]
    parts += [f"\u201c{q}\u201d" for q in claim.quote]
    if claim.by:
        parts.append(f"\u2014 {claim.by}")
    if claim.implicit:
        parts.append("(implicit: reconstructed, not stated in the source)")
    if claim.note:
        parts.append(f"Note: {claim.note}")
    if claim.ref:
        parts.append(f"refers to {claim.ref}")
    if claim.same:
        parts.append(f"the same as {', '.join(claim.same)}")
    return "\n".join(parts)


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _pairs(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(value)


def _claims(value: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(value)


@attrs.frozen
class Cluster:
    """A box drawn around some nodes: the claims a map takes from one other map."""

    label: str
    members: tuple[str, ...] = attrs.field(converter=_names)
    """Node names: claim ids of the map drawn, or ids of :attr:`Grouping.others`."""


def _clusters(value: Iterable[Cluster]) -> tuple[Cluster, ...]:
    return tuple(value)


@attrs.frozen
class Grouping:
    """What a map's references to other maps add to its drawing (see :mod:`argmap.overview`)."""

    clusters: tuple[Cluster, ...] = attrs.field(default=(), converter=_clusters)
    others: tuple[Claim, ...] = attrs.field(default=(), converter=_claims)
    """Claims of other maps drawn beside the map's own (their ids are their node names)."""
    same: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    """Pairs of node names declared the same claim, drawn joined by a grey double line."""


def _cluster(index: int, cluster: Cluster) -> graphviz.Digraph:
    sub = graphviz.Digraph(name=f"cluster_{index}")
    sub.attr(
        label=label_text(wrap(cluster.label, 2 * DEFAULT_WIDTH)),
        labeljust="l",
        labelloc="b",
        fontsize="11",
        fontcolor=GREY,
        style="rounded,filled",
        fillcolor="#F4F4F4",
        color="#BBBBBB",
        margin="10",
    )
    return sub


def _same_edge(graph: graphviz.Digraph, one: str, other: str) -> None:
    graph.edge(
        one,
        other,
        color=f"{GREY}:invis:{GREY}",
        dir="none",
        style="solid",
        penwidth="1",
        constraint="false",
        xlabel="same",
        fontcolor=GREY,
        tooltip="declared the same claim",
    )


def _junction_ids(m: ArgumentMap) -> dict[int, str]:
    """Links drawn through a junction: linked premises, and links that something undercuts."""
    undercut = {link.target for link in m.links if link.relation is Relation.ATTACKS}
    return {
        index: f"_link{index}"
        for index, link in enumerate(m.links)
        if link.relation is not Relation.CONTRADICTS
        and (link.is_linked or (link.id is not None and link.id in undercut))
    }


STATUS_STYLE = {
    # Okabe-Ito hues, told apart by border style as well as colour.
    Status.IN: {"fillcolor": "#CDEBE0", "color": "#009E73", "style": "rounded,filled"},
    Status.OUT: {"fillcolor": "#F9D9C5", "color": VERMILLION, "style": "rounded,filled,dashed"},
    Status.UNDECIDED: {
        "fillcolor": "#FBEFC5",
        "color": "#E69F00",
        "style": "rounded,filled,dotted",
    },
}
STATUS_LEGEND = {
    Status.IN: "in: accepted",
    Status.OUT: "out: rejected",
    Status.UNDECIDED: "undecided",
}


def _legend(graph: graphviz.Digraph, evaluation: Evaluation) -> None:
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(
            label=f"{evaluation.semantics} semantics", fontsize="10", color=GREY, style="rounded"
        )
        for status, text in STATUS_LEGEND.items():
            legend.node(
                f"_legend_{status.value}",
                id=f"legend-{status.value}",
                label=text,
                penwidth="2",
                fontsize="9",
                tooltip=text,
                **STATUS_STYLE[status],
            )


def to_graph(
    m: ArgumentMap,
    *,
    width: int = DEFAULT_WIDTH,
    evaluation: Evaluation | None = None,
    grouping: Grouping | None = None,
) -> graphviz.Digraph:
    """The map as a :class:`graphviz.Digraph`; with an evaluation, claims coloured by status;
    with a grouping, the claims taken from other maps boxed by map."""
    graph = graphviz.Digraph("argmap")
    graph.attr(
        rankdir="BT",
        fontname="Helvetica",
        nodesep="0.18",
        ranksep="0.35",
        newrank="true",
        forcelabels="true",
    )
    if m.title:
        graph.attr(label=label_text(m.title.split("\n")), labelloc="t", fontsize="18")
    graph.attr(
        "node",
        shape="box",
        style="rounded,filled",
        fontname="Helvetica",
        fontsize="10.5",
        margin="0.22,0.08",
        color=GREY,
        penwidth="1",
    )
    graph.attr("edge", fontname="Helvetica", fontsize="9")

    claims = {claim.id for claim in m.claims}
    nodes: dict[str, dict[str, str]] = {}
    for claim in m.claims:
        role = m.role(claim.id)
        attrs = {
            "label": label_text(wrap(claim.label, width)),
            "fillcolor": FILL[role],
            "tooltip": tooltip_text(tooltip(claim, role)),
            "id": graphviz.escape(f"claim-{claim.id}"),
        }
        if role is Role.THESIS:
            attrs.update(penwidth="2.6", color=BLUE, fontsize="12")
        if claim.implicit:
            attrs["style"] = "rounded,filled,dashed"
        if evaluation is not None and claim.id in evaluation.claims:
            status = evaluation.claims[claim.id]
            attrs.update(STATUS_STYLE[status], penwidth="3" if role is Role.THESIS else "2")
            attrs["tooltip"] = tooltip_text(
                f"{tooltip(claim, role)}\nstatus: {status.value} ({evaluation.semantics})"
            )
        url = safe_url(claim.url)
        if url:
            attrs.update(URL=graphviz.escape(url), target="_blank")
        nodes[claim.id] = attrs
    _place_nodes(graph, nodes, grouping or Grouping(), width)

    junctions = _junction_ids(m)
    link_nodes = {m.links[i].id: name for i, name in junctions.items() if m.links[i].id}
    for index, link in enumerate(m.links):
        faded = evaluation is not None and evaluation.links.get(index) is Status.OUT
        _draw_link(graph, m, index, link, claims, junctions, link_nodes, faded)
    for one, other in grouping.same if grouping else ():
        _same_edge(graph, one, other)
    if evaluation is not None:
        _legend(graph, evaluation)
    # Final theses (those that are no premise of anything) share the top rank.
    # (Not across boxes: a rank shared by boxes makes Graphviz draw them overlapping.)
    boxed = {name for cluster in grouping.clusters for name in cluster.members} if grouping else ()
    final = [
        t for t in dict.fromkeys(m.thesis) if t in claims and not m.links_from(t) and t not in boxed
    ]
    if len(final) > 1:
        with graph.subgraph() as top:
            top.attr(rank="same")
            for thesis in final:
                top.node(thesis)
    return graph


def _place_nodes(
    graph: graphviz.Digraph, nodes: dict[str, dict[str, str]], grouping: Grouping, width: int
) -> None:
    """Declare the nodes: the claims of each cluster inside its box, the others outside."""
    for claim in grouping.others:  # claims of other maps, drawn plainly
        nodes.setdefault(
            claim.id,
            {
                "label": label_text(wrap(claim.label, width)),
                "fillcolor": "#FFFFFF",
                "color": "#999999",
                "tooltip": tooltip_text(tooltip(claim)),
                "id": graphviz.escape(f"claim-{claim.id}"),
            },
        )
    placed: set[str] = set()
    for index, cluster in enumerate(grouping.clusters):
        sub = _cluster(index, cluster)
        for member in cluster.members:
            if member in nodes and member not in placed:
                placed.add(member)
                sub.node(member, **nodes[member])
        graph.subgraph(sub)
    for name, node in nodes.items():
        if name not in placed:
            graph.node(name, **node)


def _draw_link(
    graph: graphviz.Digraph,
    m: ArgumentMap,
    index: int,
    link: Link,
    claims: set[str],
    junctions: dict[int, str],
    link_nodes: dict[str | None, str],
    faded: bool = False,
) -> None:
    target = link.target if link.target in claims else link_nodes.get(link.target)
    if target is None or any(p not in claims for p in link.premises):
        return  # an unresolved reference: reported by the checks, not drawn
    title = link.scheme or ""
    if link.relation is Relation.CONTRADICTS:
        graph.edge(
            link.premises[0],
            target,
            id=f"link-{index}",
            color=PURPLE,
            style="dotted",
            penwidth="2",
            dir="both",
            arrowhead="tee",
            arrowtail="tee",
            constraint="false",
            tooltip=tooltip_text(title or "contradicts"),
        )
        return
    style = EDGE_STYLE[link.relation]
    if faded:  # a link that does not hold under the evaluation is drawn pale
        style = {**style, "color": style["color"] + "66"}
    label = {"xlabel": label_text(link.scheme.split("\n"))} if link.scheme else {}
    if index in junctions:
        junction = junctions[index]
        graph.node(
            junction,
            id=f"link-{index}-junction",
            label="",
            shape="point",
            width="0.09",
            color=style["color"],
            tooltip=tooltip_text(title or link.relation.value),
        )
        for number, premise in enumerate(link.premises):
            graph.edge(
                premise,
                junction,
                id=f"link-{index}-from-{number}",
                **{**style, "arrowhead": "none"},
            )
        graph.edge(junction, target, id=f"link-{index}", **style, **label)
    else:
        graph.edge(link.premises[0], target, id=f"link-{index}", **style, **label)


def to_dot(
    m: ArgumentMap,
    *,
    width: int = DEFAULT_WIDTH,
    evaluation: Evaluation | None = None,
    grouping: Grouping | None = None,
) -> str:
    """The map as Graphviz DOT source text; with an evaluation, claims coloured by status;
    with a grouping, the claims taken from other maps boxed by map."""
    with paused_gc():  # many small strings, none in cycles: see argmap.bulk
        source: str = to_graph(m, width=width, evaluation=evaluation, grouping=grouping).source
    return source

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

import re
import textwrap
import urllib.parse
from collections.abc import Iterable, Mapping

import attrs
import graphviz
from graphviz.quoting import ID, KEYWORDS, NoHtml, quote, quote_edge

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
    return text.translate(_VISIBLE) if _SHOWN_OTHERWISE.search(text) else text


_SHOWN_OTHERWISE = re.compile("[\x00-\x09\x0b-\x1f\x7f\ud800-\udfff&]")


_VISIBLE = {
    **{c: chr(0x2400 + c) for c in range(0x20) if c != 0x0A},
    0x7F: "\u2421",
    **dict.fromkeys(range(0xD800, 0xE000), "\ufffd"),  # lone surrogates cannot be encoded
    ord("&"): "&amp;",
}


LABEL_LIMIT = 800
"""The most characters of a claim's text drawn in its box; a longer text is cut at a word
with an ellipsis, and shown at more length in the tooltip."""
TOOLTIP_LIMIT = 4000
"""The most characters of a tooltip: Graphviz's reader refuses a string of more than 16,384
characters, which escaping may make of 4,000."""


def shortened(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text``, or for a text longer than ``limit``, its start cut at a word, with '…'."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit].rstrip() + " \u2026"


def wrap(text: str, width: int = DEFAULT_WIDTH) -> list[str]:
    """Lines of at most ``width`` characters; the text's own line breaks are kept.

    The lines are those of :func:`textwrap.wrap` (words broken only where longer than a line,
    no breaks at hyphens). Paragraphs of words parted by single spaces, the usual case, are
    wrapped here directly; any other spacing goes through :mod:`textwrap`."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if width > 0 and _PLAIN.fullmatch(paragraph):
            _wrap_plain(paragraph, width, lines)
        else:
            lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    return lines


_PLAIN = re.compile(r"\S+(?: \S+)*")
"""Words parted by single spaces, no other white space (which textwrap treats specially)."""


def _wrap_plain(text: str, width: int, lines: list[str]) -> None:
    """Append to ``lines`` what :func:`textwrap.wrap` makes of ``text``, words parted by single
    spaces: as many words on a line as fit; a word longer than a line fills the rest of the line
    it starts on (after its space) and then whole lines. When only that space fits, textwrap
    leaves it at the end of the line, and so does this."""
    start, end = 0, len(text)
    while end - start > width:
        space = text.rfind(" ", start, start + width + 1)
        if space < 0:  # a word longer than a line at its start
            lines.append(text[start : start + width])
            start += width
            continue
        after = text.find(" ", space + 1)
        room = width - (space - start) - 1
        if (end if after < 0 else after) - space - 1 > width and room >= 0:
            lines.append(text[start : space + 1 + room])  # and the long word goes on
            start = space + 1 + room
        else:
            lines.append(text[start:space])
            start = space + 1
    lines.append(text[start:])


def label_text(lines: Iterable[str]) -> str:
    """Lines (with no line breaks in them) as a Graphviz label: backslashes and '<...>' taken
    literally, lines centred."""
    joined = "\n".join(lines)
    if len(joined) > 2 * LABEL_LIMIT:  # any label, wrapped or not: Graphviz's reader has limits
        joined = shortened(joined, 2 * LABEL_LIMIT)
    escaped: str = graphviz.escape(_visible(joined))
    label: str = graphviz.nohtml(escaped.replace("\n", "\\n"))
    return label


def tooltip_text(text: str) -> str:
    """Text for a tooltip attribute. Graphviz unescapes tooltips twice (once as a string, once
    for its \\N, \\G, \\E substitutions), so backslashes are doubled twice to come out as
    written."""
    once: str = graphviz.escape(_visible(shortened(text, TOOLTIP_LIMIT)))
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
    if len(claim.label) > LABEL_LIMIT:  # the box shows only its start
        parts.append(claim.label)
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


def _quoted(value: str) -> str:
    """``graphviz.quoting.quote(value)``, quicker for text with no quote mark and no final
    backslash, as nearly every label, tooltip and id is: such text is kept as it is if it is a
    DOT identifier and put between quote marks if not (what graphviz's ``quote`` does with it
    after checks that cannot apply). Any other text goes through ``quote`` itself."""
    if '"' in value or value[-1:] == "\\" or (value[:1] == "<" and not isinstance(value, NoHtml)):
        return str(quote(value))
    if _is_id(value) and value.lower() not in KEYWORDS:
        return value
    return f'"{value}"'


_is_id = ID.match


class _Writer:
    """Node and edge statements written into a graph's body as graphviz's ``Digraph.node`` and
    ``Digraph.edge`` write them: the label first, the other attributes sorted by name, every
    name and value quoted as by graphviz's ``quote``.

    A map repeats a few colours and styles on thousands of nodes and edges: these are quoted
    once. Labels, tooltips and ids are ``graphviz.nohtml`` strings (which quote differently from
    plain strings of the same text); they differ from node to node and are quoted each time, as
    are names, so that nothing grows with the map but the statements themselves."""

    def __init__(self) -> None:
        self._pairs: dict[tuple[str, str], str] = {}
        self._keys: dict[str, str] = {}

    def attr_list(self, attrs: Mapping[str, str]) -> str:
        """The attribute list graphviz writes for ``node(name, **attrs)`` or ``edge(tail, head,
        **attrs)``: the label first (it is a parameter of its own there), the others sorted."""
        pairs = self._pairs
        quoted_keys = self._keys
        parts = []
        keys = sorted(attrs)
        if "label" in attrs:
            keys.remove("label")
            keys.insert(0, "label")
        for key in keys:
            value = attrs[key]
            if type(value) is str:  # a colour, style or size: the same few again and again
                part = pairs.get((key, value))
                if part is None:
                    part = pairs[key, value] = f"{_quoted(key)}={_quoted(value)}"
            else:
                quoted_key = quoted_keys.get(key)
                if quoted_key is None:
                    quoted_key = quoted_keys[key] = _quoted(key)
                part = f"{quoted_key}={_quoted(value)}"
            parts.append(part)
        return f" [{' '.join(parts)}]" if parts else ""

    def node_line(self, name: str, attrs: Mapping[str, str]) -> str:
        return f"\t{_quoted(name)}{self.attr_list(attrs)}\n"

    def node(self, graph: graphviz.Digraph, name: str, attrs: Mapping[str, str]) -> None:
        graph.body.append(self.node_line(name, attrs))

    def edge(self, graph: graphviz.Digraph, tail: str, head: str, attrs: Mapping[str, str]) -> None:
        tail = _quoted(tail) if ":" not in tail else quote_edge(tail)
        head = _quoted(head) if ":" not in head else quote_edge(head)
        graph.body.append(f"\t{tail} -> {head}{self.attr_list(attrs)}\n")


def _cluster(index: int, cluster: Cluster) -> graphviz.Digraph:
    sub = graphviz.Digraph(name=f"cluster_{index}")
    sub.attr(
        label=label_text(wrap(shortened(cluster.label), 2 * DEFAULT_WIDTH)),
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


SAME_EDGE = {
    "color": f"{GREY}:invis:{GREY}",
    "dir": "none",
    "style": "solid",
    "penwidth": "1",
    "constraint": "false",
    "xlabel": "same",
    "fontcolor": GREY,
    "tooltip": "declared the same claim",
}


CONTRADICTION = {
    "color": PURPLE,
    "style": "dotted",
    "penwidth": "2",
    "dir": "both",
    "arrowhead": "tee",
    "arrowtail": "tee",
    "constraint": "false",
}
JUNCTION = {"label": "", "shape": "point", "width": "0.09"}


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


SPEAKER_LIMIT = 200
"""The most characters of a claim's speaker (``by``) drawn in its box."""


def _node_label(claim: Claim, width: int) -> str:
    """A claim's box: its text, then who asserts it (``by``) on lines of its own after a dash,
    so that attribution shows in print as well as in the tooltip."""
    label = label_text(wrap(shortened(claim.label), width))
    if not claim.by:
        return label
    # The speaker's lines set flush right (each ends with \r), the text's centred (\n).
    speaker = wrap(shortened(f"\u2014 {claim.by}", SPEAKER_LIMIT), width)
    right = "".join(f"{label_text([line])}\\r" for line in speaker)
    by: str = graphviz.nohtml(f"{label}\\n{right}")  # never an HTML-like label
    return by


LEGEND_TEXT = {
    "shape": "plaintext",
    "style": "solid",
    "fontsize": "9",
    "fontcolor": GREY,
    "margin": "0.15,0.02",
    "height": "0.2",
}
LEGEND_START = {"shape": "box", "style": "invis", "label": "", "width": "0.45", "height": "0.1"}
LEGEND_BOX = {"fontsize": "9", "margin": "0.1,0.04", "height": "0.25", "fillcolor": "#FFFFFF"}
PALE = "66"
"""Appended to a link's colour when the link does not hold under the evaluation."""


def _used(m: ArgumentMap, evaluation: Evaluation | None, grouping: Grouping | None) -> list[str]:
    """The legend's items: the styles this drawing uses, in the legend's order."""
    link_ids = {link.id for link in m.links if link.id}
    used: set[str] = set()
    for index, link in enumerate(m.links):
        if link.relation is Relation.CONTRADICTS:
            used.add("contradicts")
        elif link.relation is Relation.SUPPORTS:
            used.add("linked" if link.is_linked else "supports")
        else:
            used.add("undercuts" if link.target in link_ids else "attacks")
        if evaluation is not None and evaluation.links.get(index) is Status.OUT:
            used.add("pale")
    if any(claim.implicit for claim in m.claims):
        used.add("implicit")
    if grouping is not None:
        if grouping.same:
            used.add("same")
        if grouping.clusters or grouping.others:
            used.add("other")
    if evaluation is not None:
        used.update(status.value for status in evaluation.claims.values())
    order = [*LEGEND_LINKS, "implicit", "other", *(status.value for status in STATUS_LEGEND)]
    return [item for item in order if item in used]


LEGEND_LINKS = {
    "supports": "supports",
    "linked": "linked premises: support together",
    "attacks": "attacks (rebuts)",
    "undercuts": "undercuts: attacks an inference",
    "contradicts": "contradict each other",
    "same": "the same claim (another map)",
    "pale": "link that does not hold",
}


def _legend(
    graph: graphviz.Digraph, writer: _Writer, items: list[str], evaluation: Evaluation | None
) -> str:
    """A box of the styles the drawing uses, in one row; every part's id starts with
    ``legend-`` and every node's name with ``_legend_``, apart from the map's. Returns the name
    of the row's first node."""
    sub = graphviz.Digraph(name="cluster_legend")
    title = "legend" if evaluation is None else f"legend \u00b7 {evaluation.semantics} semantics"
    sub.attr(label=title, fontsize="10", fontcolor=GREY, color="#BBBBBB", style="rounded")
    sub.attr(labelloc="b", labeljust="l")  # rankdir=BT: "b" is the top
    row = graphviz.Digraph(name="_legend_row")  # on the lowest rank
    row.attr(rank="same")
    previous: str | None = None
    for item in items:
        name = f"_legend_{item}"
        first = name
        if item in LEGEND_LINKS:
            first = _legend_link(row, writer, item, name)
        elif item == "implicit":
            box = {**LEGEND_BOX, "style": "rounded,filled,dashed", "label": "implicit premise"}
            writer.node(row, name, {**box, "id": "legend-implicit", "tooltip": "implicit premise"})
        elif item == "other":
            other = {**LEGEND_BOX, "color": "#999999", "label": "claim of another map"}
            writer.node(row, name, {**other, "id": "legend-other", "tooltip": "from another map"})
        else:
            status = Status(item)
            text = STATUS_LEGEND[status]
            status_box = {**LEGEND_BOX, **STATUS_STYLE[status], "penwidth": "2", "label": text}
            writer.node(row, name, {**status_box, "id": f"legend-{item}", "tooltip": text})
        if previous is not None:  # the items in the legend's order, left to right
            writer.edge(row, previous, first, {"style": "invis", "id": f"legend-{item}-order"})
        previous = name
    sub.subgraph(row)
    graph.subgraph(sub)
    return f"_legend_{items[0]}" + ("_start" if items[0] in LEGEND_LINKS else "")


def _legend_link(sub: graphviz.Digraph, writer: _Writer, item: str, name: str) -> str:
    """One item of the legend: a short line drawn as the links of its kind, into its text;
    returns the name of the line's start."""
    start = f"{name}_start"
    writer.node(sub, start, {**LEGEND_START, "id": f"legend-{item}-start"})
    writer.node(sub, name, {**LEGEND_TEXT, "label": LEGEND_LINKS[item], "id": f"legend-{item}"})
    tip = tooltip_text(LEGEND_LINKS[item])
    line: dict[str, str] = {"tailclip": "false", "tooltip": tip, "id": f"legend-{item}-line"}
    if item == "contradicts":
        line.update(CONTRADICTION, constraint="true")
    elif item == "same":
        line.update({k: v for k, v in SAME_EDGE.items() if k not in ("xlabel", "tooltip")})
        line["constraint"] = "true"
    elif item == "pale":
        support = EDGE_STYLE[Relation.SUPPORTS]
        line.update({**support, "color": support["color"] + PALE})
    else:
        relation = Relation.SUPPORTS if item in ("supports", "linked") else Relation.ATTACKS
        line.update(EDGE_STYLE[relation])
    if item in ("linked", "undercuts"):  # through a junction drawn as in the map
        point = f"{name}_junction"
        junction = {**JUNCTION, "color": BLUE, "id": f"legend-{item}-junction", "tooltip": tip}
        writer.node(sub, point, junction)
        if item == "linked":
            writer.edge(sub, start, point, {**line, "arrowhead": "none"})
            writer.edge(sub, point, name, {**line, "id": f"legend-{item}-line-2", "minlen": "3"})
        else:
            writer.edge(sub, start, point, line)
            writer.edge(sub, point, name, {"style": "invis", "id": f"legend-{item}-line-2"})
    else:
        writer.edge(sub, start, name, {**line, "minlen": "2"})
    return start


def to_graph(
    m: ArgumentMap,
    *,
    width: int = DEFAULT_WIDTH,
    evaluation: Evaluation | None = None,
    grouping: Grouping | None = None,
    legend: bool = True,
) -> graphviz.Digraph:
    """The map as a :class:`graphviz.Digraph`; with an evaluation, claims coloured by status;
    with a grouping, the claims taken from other maps boxed by map; with ``legend``, a box
    that says what each style the drawing uses means."""
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
    writer = _Writer()
    nodes: dict[str, str] = {}  # node statements by name, placed once all are known
    for claim in m.claims:
        role = m.role(claim.id)
        tip = tooltip(claim, role)
        attrs = {
            "label": _node_label(claim, width),
            "fillcolor": FILL[role],
            "id": graphviz.escape(f"claim-{claim.id}"),
        }
        if role is Role.THESIS:
            attrs.update(penwidth="2.6", color=BLUE, fontsize="12")
        if claim.implicit:
            attrs["style"] = "rounded,filled,dashed"
        if evaluation is not None and claim.id in evaluation.claims:
            status = evaluation.claims[claim.id]
            attrs.update(STATUS_STYLE[status], penwidth="3" if role is Role.THESIS else "2")
            tip += f"\nstatus: {status.value} ({evaluation.semantics})"
        attrs["tooltip"] = tooltip_text(tip)
        url = safe_url(claim.url)
        if url:
            attrs.update(URL=graphviz.escape(url), target="_blank")
        nodes[claim.id] = writer.node_line(claim.id, attrs)
    _place_nodes(graph, writer, nodes, grouping or Grouping(), width)

    junctions = _junction_ids(m)
    link_nodes = {m.links[i].id: name for i, name in junctions.items() if m.links[i].id}
    for index, link in enumerate(m.links):
        faded = evaluation is not None and evaluation.links.get(index) is Status.OUT
        _draw_link(graph, writer, m, index, link, claims, junctions, link_nodes, faded)
    for one, other in grouping.same if grouping else ():
        writer.edge(graph, one, other, SAME_EDGE)
    if legend:
        items = _used(m, evaluation, grouping)
        if items:
            first = _legend(graph, writer, items, evaluation)
            _under(graph, writer, first, m, nodes)
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


LEGEND_ANCHORS = 300
"""The most claims the legend is tied under: a map with more lowest claims has its legend
beside its lowest rank, as Graphviz places it, so that the layout stays quick."""


def _under(
    graph: graphviz.Digraph,
    writer: _Writer,
    first: str,
    m: ArgumentMap,
    nodes: Mapping[str, str],
) -> None:
    """Tie the legend under the map (rankdir=BT: below the claims nothing points into), by
    invisible edges that do not pull it sideways (weight 0), so that it does not widen it."""
    into = {lk.target for lk in m.links if lk.relation is not Relation.CONTRADICTS}
    lowest = [name for name in nodes if name not in into]
    if len(lowest) > LEGEND_ANCHORS:
        return
    for number, name in enumerate(lowest):
        anchor = {"style": "invis", "weight": "0", "id": f"legend-anchor-{number}"}
        writer.edge(graph, first, name, anchor)


def _place_nodes(
    graph: graphviz.Digraph,
    writer: _Writer,
    nodes: dict[str, str],
    grouping: Grouping,
    width: int,
) -> None:
    """Declare the nodes: the claims of each cluster inside its box, the others outside."""
    for claim in grouping.others:  # claims of other maps, drawn plainly
        if claim.id not in nodes:
            other = {
                "label": _node_label(claim, width),
                "fillcolor": "#FFFFFF",
                "color": "#999999",
                "tooltip": tooltip_text(tooltip(claim)),
                "id": graphviz.escape(f"claim-{claim.id}"),
            }
            nodes[claim.id] = writer.node_line(claim.id, other)
    placed: set[str] = set()
    for index, cluster in enumerate(grouping.clusters):
        sub = _cluster(index, cluster)
        for member in cluster.members:
            if member in nodes and member not in placed:
                placed.add(member)
                sub.body.append(nodes[member])
        graph.subgraph(sub)
    graph.body += [line for name, line in nodes.items() if name not in placed]


def _draw_link(
    graph: graphviz.Digraph,
    writer: _Writer,
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
    drawn_id = graphviz.nohtml(f"link-{index}")  # one of a kind: see _Writer
    if link.relation is Relation.CONTRADICTS:
        contradiction = {
            "id": drawn_id,
            **CONTRADICTION,
            "tooltip": tooltip_text(title or "contradicts"),
        }
        writer.edge(graph, link.premises[0], target, contradiction)
        return
    style = EDGE_STYLE[link.relation]
    if faded:  # a link that does not hold under the evaluation is drawn pale
        style = {**style, "color": style["color"] + PALE}
    label = {"xlabel": label_text(link.scheme.split("\n"))} if link.scheme else {}
    if index in junctions:
        junction = junctions[index]
        point = {
            "id": graphviz.nohtml(f"link-{index}-junction"),
            **JUNCTION,
            "color": style["color"],
            "tooltip": tooltip_text(title or link.relation.value),
        }
        writer.node(graph, junction, point)
        into = {**style, "arrowhead": "none"}
        for number, premise in enumerate(link.premises):
            from_id = graphviz.nohtml(f"link-{index}-from-{number}")
            writer.edge(graph, premise, junction, {**into, "id": from_id})
        writer.edge(graph, junction, target, {**style, "id": drawn_id, **label})
    else:
        writer.edge(graph, link.premises[0], target, {**style, "id": drawn_id, **label})


def to_dot(
    m: ArgumentMap,
    *,
    width: int = DEFAULT_WIDTH,
    evaluation: Evaluation | None = None,
    grouping: Grouping | None = None,
    legend: bool = True,
) -> str:
    """The map as Graphviz DOT source text; with an evaluation, claims coloured by status;
    with a grouping, the claims taken from other maps boxed by map; with ``legend`` (the
    default), a box that says what each style the drawing uses means."""
    with paused_gc():  # many small strings, none in cycles: see argmap.bulk
        graph = to_graph(m, width=width, evaluation=evaluation, grouping=grouping, legend=legend)
        source: str = graph.source
    return source

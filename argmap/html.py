"""Interactive HTML: one self-contained page per map, and an index page linking several.

A page holds the map's SVG drawing inline, the map as JSON data, and the style sheet and script
of ``argmap/assets/`` inline: it opens from a file with no network, and its Content Security
Policy lets nothing else load or run (the inline script and style are allowed by their hashes).
The script adds zoom and pan, a panel with the selected claim's quotes, speaker, source and
note, highlighting of everything that bears on the selected claim, and a search box. Without
JavaScript the page still shows the drawing with its native tooltips.

Map text is untrusted: in HTML it is escaped, in the JSON data ``<``, ``>``, ``&`` and the line
separators U+2028 and U+2029 are written as ``\\u`` escapes, so no text can close the script
element or open a comment. The SVG comes from Graphviz, which escapes every text it draws (see
:mod:`argmap.dot`); its XML prolog and comments are dropped.

No processes run here: :func:`page` takes the SVG that :func:`argmap.rendering.render` drew.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

import attrs

from argmap import __version__
from argmap.evaluation import Evaluation
from argmap.model import ArgumentMap

SAFE_URL_SCHEMES = ("http://", "https://", "mailto:")
INDEX_NAME = "index.html"
"""The name of the index page written beside the pages of several maps."""


def _asset(name: str) -> str:
    return files("argmap").joinpath("assets", name).read_text(encoding="utf-8")


def _safe_url(url: str | None) -> str | None:
    """The URL if it is http, https or mailto (a link the page may offer); otherwise None."""
    if url is None:
        return None
    cleaned = url.strip()
    return cleaned if cleaned.lower().startswith(SAFE_URL_SCHEMES) else None


def script_json(data: object) -> str:
    """JSON that can stand inside a ``<script>`` element whatever its strings hold: ``<``,
    ``>`` and ``&`` are written as ``\\u`` escapes (no ``</script>``, no ``<!--``), and so are
    U+2028 and U+2029. ``JSON.parse`` of the element's text gives the data back unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    return text


_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def map_data(m: ArgumentMap, evaluation: Evaluation | None = None) -> dict[str, Any]:
    """What the page's script knows of a map: its claims and links (by position, as in the
    drawing's ids), roles, source, and each claim's status under ``evaluation``."""
    source = attrs.asdict(m.source) if m.source is not None else None
    if source is not None:
        source["url"] = _safe_url(source["url"])
    return {
        "title": m.title,
        "description": m.description,
        "source": source,
        "thesis": list(m.thesis),
        "semantics": evaluation.semantics if evaluation is not None else None,
        "claims": [
            {
                "id": claim.id,
                "text": claim.label,
                "role": m.role(claim.id).value,
                "implicit": claim.implicit,
                "quote": list(claim.quote),
                "by": claim.by,
                "tags": list(claim.tags),
                "note": claim.note,
                "url": _safe_url(claim.url),
                "ref": claim.ref,
                "same": list(claim.same),
                "status": (
                    evaluation.claims[claim.id].value
                    if evaluation is not None and claim.id in evaluation.claims
                    else None
                ),
            }
            for claim in m.claims
        ],
        "links": [
            {
                "index": index,
                "id": link.id,
                "relation": link.relation.value,
                "premises": list(link.premises),
                "target": link.target,
                "scheme": link.scheme,
                "note": link.note,
                "status": (
                    evaluation.links[index].value
                    if evaluation is not None and index in evaluation.links
                    else None
                ),
            }
            for index, link in enumerate(m.links)
        ],
    }


_PROLOG = re.compile(r"\A.*?(?=<svg[\s>])", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def inline_svg(svg: bytes | str, label: str) -> str:
    """Graphviz's SVG as an element to put inside HTML: without its XML prolog, doctype and
    comments, labelled for screen readers with ``label``."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = _COMMENT.sub("", _PROLOG.sub("", text, count=1))
    if not text.startswith("<svg"):
        raise ValueError("not an SVG drawing: no <svg> element found")
    attributes = f' role="img" aria-label="{html.escape(label)}" class="argmap-drawing"'
    return "<svg" + attributes + text[len("<svg") :]


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _policy(script: str | None, style: str) -> str:
    """A Content Security Policy that lets only our inline script and style run, images only
    from data: URIs, and nothing load from the network."""
    scripts = _hash(script) if script is not None else "'none'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src {_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _head(title: str, style: str, script: str | None) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_policy(script, style)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="argmap {html.escape(__version__)}">\n'
        f"<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n"
    )


def map_title(m: ArgumentMap, fallback: str = "Argument map") -> str:
    """The title a page shows: the map's title, else its source's, else ``fallback``."""
    if m.title:
        return m.title
    if m.source is not None and m.source.title:
        return m.source.title
    return fallback


def page(
    m: ArgumentMap,
    svg: bytes | str,
    *,
    evaluation: Evaluation | None = None,
    name: str = "Argument map",
    index_href: str | None = None,
) -> str:
    """A self-contained interactive HTML page of a map drawn as ``svg`` (by
    :func:`argmap.rendering.render`, with the same ``evaluation``). ``name`` is the title used
    when the map has none; ``index_href`` adds a link back to an index page."""
    title = map_title(m, name)
    style = _asset("page.css")
    script = _asset("page.js")
    back = (
        f'<a class="back" href="{html.escape(index_href)}">All maps</a>'
        if index_href is not None
        else ""
    )
    return (
        _head(title, style, script)
        + '<body>\n<header class="bar">\n'
        + back
        + f"<h1>{html.escape(title)}</h1>\n"
        + '<div class="search" role="search">'
        + '<label for="search" class="sr-only">Search claims by text or id</label>'
        + '<input id="search" type="search" placeholder="Search claims ( / )" autocomplete="off"'
        + ' aria-controls="results" aria-expanded="false" aria-autocomplete="list" disabled>'
        + '<ul id="results" role="listbox" aria-label="Matching claims" hidden></ul>'
        + '<span id="search-count" class="count" aria-live="polite"></span></div>\n'
        + '<div class="zoom" role="toolbar" aria-label="Zoom">'
        + '<button type="button" data-zoom="in" title="Zoom in (+)" aria-label="Zoom in">+'
        + "</button>"
        + '<button type="button" data-zoom="out" title="Zoom out (-)" aria-label="Zoom out">'
        + "\u2212</button>"
        + '<button type="button" data-zoom="fit" title="Fit to screen (0)">Fit</button>'
        + '<button type="button" data-zoom="actual" title="Actual size (1)">1:1</button>'
        + "</div>\n</header>\n<main>\n"
        + '<div id="stage" class="stage" tabindex="0" aria-label="Diagram: drag or use the arrow'
        + ' keys to pan, the wheel or + and - to zoom">\n'
        + inline_svg(svg, f"Argument map: {title}")
        + "\n</div>\n"
        + '<aside id="panel" class="panel" aria-live="polite" aria-label="Details"></aside>\n'
        + "</main>\n"
        + '<div id="tooltip" class="tooltip" role="tooltip" hidden></div>\n'
        + '<noscript><p class="noscript">Without JavaScript the diagram is shown as drawn; '
        + "hover over a claim for its quotes and speaker.</p></noscript>\n"
        + '<script type="application/json" id="argmap-data">'
        + script_json(map_data(m, evaluation))
        + "</script>\n"
        + f"<script>{script}</script>\n</body>\n</html>\n"
    )


@attrs.frozen
class IndexEntry:
    """One map on an index page: where its page is (relative to the index), and what it shows."""

    href: str
    map: ArgumentMap
    svg: bytes
    name: str


def _source_line(m: ArgumentMap) -> str:
    if m.source is None:
        return ""
    parts = [m.source.title, m.source.outlet, m.source.author, m.source.date]
    return " \u00b7 ".join(html.escape(part) for part in parts if part)


def index_page(entries: Sequence[IndexEntry], title: str = "Argument maps") -> str:
    """A page linking every map's page, with a thumbnail of its drawing (an SVG data URI, in
    which nothing runs), its title, source, and numbers of claims and links."""
    style = _asset("index.css")
    cards = []
    for entry in entries:
        m = entry.map
        thumbnail = "data:image/svg+xml;base64," + base64.b64encode(entry.svg).decode("ascii")
        heading = html.escape(map_title(m, entry.name))
        numbers = (
            f"{len(m.claims)} claim{'' if len(m.claims) == 1 else 's'} \u00b7 "
            f"{len(m.links)} link{'' if len(m.links) == 1 else 's'}"
        )
        source = _source_line(m)
        cards.append(
            '<li class="card">'
            f'<a href="{html.escape(entry.href)}">'
            f'<img class="thumbnail" src="{thumbnail}" alt="Diagram of {heading}" loading="lazy">'
            f"<h2>{heading}</h2></a>"
            + (f'<p class="source">{source}</p>' if source else "")
            + f'<p class="numbers">{numbers}</p>'
            f'<p class="file">{html.escape(entry.href)}</p></li>'
        )
    count = f"{len(entries)} map{'' if len(entries) == 1 else 's'}"
    return (
        _head(title, style, None)
        + f'<body>\n<header><h1>{html.escape(title)}</h1><p class="count">{count}</p></header>\n'
        + '<main>\n<ul class="cards">\n'
        + "\n".join(cards)
        + "\n</ul>\n</main>\n</body>\n</html>\n"
    )

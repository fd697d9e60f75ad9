"""Drawing: DOT text, quoting of any text, and both Graphviz engines."""

from __future__ import annotations

import os
import sys
import textwrap
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import graphviz
import pytest
from graphviz.quoting import KEYWORDS, nohtml, quote
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.dot import _VISIBLE, _quoted, _visible, _Writer, safe_url, tooltip, wrap
from argmap.evaluation import evaluate
from argmap.model import ArgumentMap, Claim, Relation, Role, attack, contradiction, support
from argmap.overview import drawing
from argmap.pipeline import load_corpus
from argmap.rendering import RenderError, choose_engine, render_dot
from tests.conftest import ROOT
from tests.strategies import valid_maps

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import synthetic_map

MAPS = ROOT / "maps"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

CRAFTED = [
    'He said "no"',
    'back\\slash\\n and \\"',
    "<b>bold</b> & <i>",
    "{a|b} [x] <>",
    "line1\nline2",
    "emoji \U0001f389 \u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "bell\x07 nul\x00 tab\tend",
    "two  spaces",
    "]]> --> <!--",
    "&amp; &#945; &lt;b&gt; &",
    "\\",
    "ends with backslash\\",
    "label=x] ; node [shape=circle",
    '"; evil -> graph; "',
]


def crafted_map() -> ArgumentMap:
    claims = [Claim(f"c{i}", t, quote=[t], by=t) for i, t in enumerate(CRAFTED)]
    links = [support(f"c{i}", "c0", scheme=CRAFTED[i]) for i in range(1, len(CRAFTED))]
    # A title with a line break once crashed the embedded Graphviz: kept as a regression test.
    return ArgumentMap(claims=claims, links=links, thesis="c0", title=CRAFTED[4] + CRAFTED[1])


def same(text: str) -> str:
    """Graphviz writes runs of spaces with no-break spaces and trims line ends; control
    characters are drawn as their pictures: compare so."""
    shown = _visible(text).replace("&amp;", "&").replace("\xa0", " ")
    return "\n".join(line.strip() for line in shown.split("\n"))


def svg_texts(svg: bytes) -> tuple[list[str], list[str]]:
    root = ET.fromstring(svg)
    texts = [same(t.text or "") for t in root.iter(f"{SVG}text")]
    tips = [same(a.get(f"{XLINK}title") or "") for a in root.iter(f"{SVG}a")]
    return texts, tips


def assert_drawn_as_written(svg: bytes, m: ArgumentMap) -> None:
    texts, tips = svg_texts(svg)
    for claim in m.claims:
        for line in wrap(claim.label):
            if same(line):
                assert same(line) in texts, line
        assert same(tooltip(claim, m.role(claim.id))) in tips
    for link in m.links:
        drawn = link.relation is not Relation.CONTRADICTS
        for line in link.scheme.split("\n") if drawn and link.scheme else ():
            if same(line):
                assert same(line) in texts, link.scheme
    for line in m.title.split("\n") if m.title else ():
        if same(line):
            assert same(line) in texts, m.title
    assert len([t for t in texts if t]) >= len(m.claims)


def test_crafted_texts_draw_as_written_with_the_embedded_engine() -> None:
    m = crafted_map()
    assert_drawn_as_written(render_dot(argmap.to_dot(m), "svg", "embedded"), m)


@pytest.mark.needs_dot
def test_crafted_texts_draw_as_written_with_system_dot() -> None:
    m = crafted_map()
    assert_drawn_as_written(render_dot(argmap.to_dot(m), "svg", "system"), m)


@pytest.mark.needs_dot
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps(max_claims=5))
def test_any_valid_map_draws_as_written_with_system_dot(m: ArgumentMap) -> None:
    assert_drawn_as_written(render_dot(argmap.to_dot(m), "svg", "system"), m)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps(max_claims=5))
def test_any_valid_map_draws_with_the_embedded_engine(m: ArgumentMap) -> None:
    assert_drawn_as_written(render_dot(argmap.to_dot(m), "svg", "embedded"), m)


def test_layout_edges_and_junctions() -> None:
    m = ArgumentMap(
        claims={"t": "T.", "a": "A.", "b": "B.", "c": "C.", "d": "D."},
        links=[
            support(["a", "b"], "t", id="ab"),
            support("c", "t", id="c-t"),
            attack("d", "ab"),
            contradiction("c", "d"),
        ],
        thesis="t",
    )
    dot = argmap.to_dot(m)
    assert "rankdir=BT" in dot
    # linked premises meet at a junction; the undercut points at that junction
    assert "a -> _link0 [arrowhead=none" in dot
    assert "b -> _link0 [arrowhead=none" in dot
    assert "_link0 -> t [" in dot
    assert "d -> _link0 [" in dot
    assert "arrowhead=tee" in dot
    # a single support that nothing undercuts is drawn straight
    assert "c -> t [" in dot
    # contradiction: both ends, not constraining the ranks
    assert "c -> d [" in dot
    assert "dir=both" in dot
    assert "constraint=false" in dot


def test_implicit_claims_are_dashed_and_thesis_is_bold() -> None:
    m = ArgumentMap(
        claims=[Claim("t", "T."), Claim("p", "P.", implicit=True)],
        links=[support("p", "t")],
        thesis="t",
    )
    dot = argmap.to_dot(m)
    assert 'style="rounded,filled,dashed"' in dot
    assert "penwidth=2.6" in dot


def legend_ids(svg: bytes) -> set[str]:
    return {
        g.get("id", "")
        for g in ET.fromstring(svg).iter(f"{SVG}g")
        if g.get("id", "").startswith("legend-")
    }


def test_the_legend_shows_the_styles_the_drawing_uses_and_no_others() -> None:
    m = ArgumentMap(
        claims=[Claim("t", "T."), Claim("p", "P.", implicit=True)]
        + [Claim(name, f"{name.upper()}.") for name in "abc"],
        links=[support(["a", "b"], "t", id="ab"), attack("c", "ab"), support("p", "t")],
        thesis="t",
    )
    svg = render_dot(argmap.to_dot(m), "svg", "embedded")
    items = {i for i in legend_ids(svg) if i.count("-") == 1}
    assert items == {"legend-supports", "legend-linked", "legend-undercuts", "legend-implicit"}
    texts, _ = svg_texts(svg)
    assert "linked premises: support together" in texts
    assert "legend" in texts
    evaluated = argmap.to_dot(m, evaluation=evaluate(m))
    assert "legend · grounded semantics" in evaluated
    assert 'id="legend-in"' in evaluated  # every claim stands:
    assert 'id="legend-out"' not in evaluated
    assert 'id="legend-undecided"' not in evaluated
    assert 'id="legend-pale"' in evaluated  # the undercut link does not hold
    assert argmap.to_dot(m) == argmap.to_dot(m)  # deterministic


def test_no_legend_leaves_the_drawing_as_the_map_alone() -> None:
    m = ArgumentMap(claims={"t": "T.", "a": "A."}, links=[support("a", "t")], thesis="t")
    for evaluation in (None, evaluate(m)):
        assert "legend" not in argmap.to_dot(m, evaluation=evaluation, legend=False)
        assert "cluster_legend" in argmap.to_dot(m, evaluation=evaluation)
    lone = ArgumentMap(claims={"t": "T."}, thesis="t")
    assert "legend" not in argmap.to_dot(lone)  # nothing to explain


def test_the_speaker_is_shown_in_the_box_flush_right() -> None:
    m = ArgumentMap(
        claims=[Claim("t", "T."), Claim("p", "The premise.", by="<b>unnamed</b> \\ officials")],
        links=[support("p", "t")],
        thesis="t",
    )
    dot = argmap.to_dot(m)
    assert 'p [label="The premise.\\n— <b>unnamed</b> \\\\ officials\\r"' in dot
    svg = render_dot(dot, "svg", "embedded")
    root = ET.fromstring(svg)
    (box,) = [g for g in root.iter(f"{SVG}g") if g.get("id") == "claim-p"]
    lines = [(t.text, t.get("text-anchor")) for t in box.iter(f"{SVG}text")]
    assert lines == [("The premise.", "middle"), ("— <b>unnamed</b> \\ officials", "end")]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org", True),
        ("http://example.org", True),
        ("mailto:a@example.org", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,x", False),
    ],
)
def test_only_safe_urls_are_linked(url: str, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept
    m = ArgumentMap(claims=[Claim("t", "T.", url=url)], thesis="t")
    assert ("URL=" in argmap.to_dot(m)) is kept


def test_roles_appear_in_tooltips() -> None:
    claim = Claim("p", "P.", quote=["q1", "q2"], by="Someone", implicit=True)
    assert tooltip(claim, Role.PREMISE) == (
        "implicit premise [p]\n\u201cq1\u201d\n\u201cq2\u201d\n\u2014 Someone\n"
        "(implicit: reconstructed, not stated in the source)"
    )


def test_embedded_engine_refuses_png_with_a_clear_message() -> None:
    with pytest.raises(RenderError, match="only SVG"):
        choose_engine("png", "embedded")


def test_dot_format_needs_no_engine() -> None:
    m = crafted_map()
    assert render_dot(argmap.to_dot(m), "dot") == argmap.to_dot(m).encode()


@pytest.mark.needs_dot
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_system_dot_draws_png_and_pdf(fmt: str, magic: bytes) -> None:
    m = crafted_map()
    assert argmap.render(m, fmt, "system").startswith(magic)  # type: ignore[arg-type]


# --- the DOT text itself: golden files, and the fast paths against graphviz and textwrap --------

GOLDEN_DOT = Path(__file__).parent / "dot"


def golden_drawings() -> dict[str, str]:
    """DOT texts that must not change by a byte: quoting of crafted texts, at the usual and a
    narrow wrapping width; a map of the corpus evaluated, and with the claims it takes from
    other maps boxed by map; a synthetic map with linked premises, undercuts and contradictions,
    plain and evaluated (links that do not hold drawn pale)."""
    corpus = load_corpus(MAPS)
    debate = corpus.maps()["debate"]
    drawn, grouping = drawing(corpus, "debate", debate)
    crafted = crafted_map()
    synthetic = synthetic_map(60)
    return {
        "crafted": argmap.to_dot(crafted),
        "crafted-narrow": argmap.to_dot(crafted, width=7),
        "evaluated": argmap.to_dot(debate, evaluation=evaluate(debate)),
        "boxed": argmap.to_dot(drawn, grouping=grouping),
        "synthetic": argmap.to_dot(synthetic),
        "synthetic-evaluated": argmap.to_dot(synthetic, evaluation=evaluate(synthetic)),
    }


@pytest.mark.parametrize("name", sorted(golden_drawings()))
def test_dot_text_is_unchanged(name: str) -> None:
    path = GOLDEN_DOT / f"{name}.dot"
    text = golden_drawings()[name]
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


# Text in which textwrap's special cases are likely: runs of spaces, other white space (tabs
# expand, Unicode spaces count as white space when alone), long words, hyphens, line breaks.
wrap_texts = st.text(
    st.sampled_from("ab \u00a0\t\r\x0b\u2003-\n") | st.characters(exclude_categories=("Cs",)),
    max_size=90,
) | st.lists(st.text(st.sampled_from("abcdefghé-"), min_size=1, max_size=40), max_size=12).map(
    " ".join
)


@settings(max_examples=1500)
@given(wrap_texts, st.integers(min_value=1, max_value=45))
def test_wrap_gives_the_lines_of_textwrap(text: str, width: int) -> None:
    expected = []
    for paragraph in text.split("\n"):
        expected += textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    assert wrap(text, width) == expected


def test_wrap_refuses_a_width_below_one_as_textwrap_does() -> None:
    with pytest.raises(ValueError, match="invalid width 0"):
        wrap("some words", 0)


@given(
    st.text(
        st.characters(exclude_categories=())
        | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
        | st.characters(max_codepoint=0x7F)
    )
)
def test_visible_replaces_character_by_character(text: str) -> None:
    assert _visible(text) == "".join(_VISIBLE.get(ord(ch), ch) for ch in text)


quotable = st.text(st.sampled_from('ab1_.-<>"\\ :\n') | st.characters(), max_size=30) | (
    st.sampled_from(sorted(KEYWORDS)).map(str.upper)
)


@given(quotable, st.booleans())
def test_quoted_is_graphviz_quote(text: str, no_html: bool) -> None:
    value = nohtml(text) if no_html else text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # graphviz warns of a final odd backslash
        assert _quoted(value) == quote(value)


attribute_names = st.sampled_from(["label", "URL", "color", "id", "tooltip", "xlabel", "dir"])
attribute_values = st.builds(
    lambda text, html: nohtml(text) if html else text, quotable, st.booleans()
)


@given(
    st.lists(
        st.tuples(
            st.booleans(),
            quotable,
            quotable,
            st.dictionaries(attribute_names, attribute_values, max_size=5),
        ),
        max_size=12,
    )
)
def test_writer_writes_what_graphviz_writes(
    statements: list[tuple[bool, str, str, dict[str, str]]],
) -> None:
    ours, theirs = graphviz.Digraph("g"), graphviz.Digraph("g")
    writer = _Writer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for is_edge, one, other, attrs in statements:
            if is_edge:
                writer.edge(ours, one, other, attrs)
                theirs.edge(one, other, **attrs)
            else:
                writer.node(ours, one, attrs)
                theirs.node(one, **attrs)
    assert ours.source == theirs.source

"""The interactive HTML page, the index page and ``render -f html``, without a browser (see
test_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.evaluation import evaluate
from argmap.html import IndexEntry, index_page, inline_svg, map_data, page, script_json
from argmap.model import ArgumentMap, Claim, Source, attack, contradiction, support
from argmap.rendering import render
from tests.conftest import ROOT, SMALL_MAP

HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT >",
    "<!-- <script>",
    "line\u2028separator\u2029paragraph",
    '"quotes" & <b>tags</b> ]]> -->',
    "{{template}} ${expr} `tick`",
    "\\u003c already escaped",
]


class Elements(HTMLParser):
    """The elements of a page as the browser's HTML parser sees them, and script contents."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


def hostile_map() -> ArgumentMap:
    claims = [
        Claim(f"c{i}", text, quote=[text], by=text, note=text, tags=[text])
        for i, text in enumerate(HOSTILE)
    ]
    links = [support(f"c{i}", "c0", scheme=HOSTILE[i]) for i in range(1, len(HOSTILE))]
    return ArgumentMap(
        claims=claims,
        links=links,
        thesis="c0",
        title=HOSTILE[0],
        description=HOSTILE[2],
        source=Source(title=HOSTILE[1], outlet=HOSTILE[3], url="javascript:alert(1)"),
    )


def small_map() -> ArgumentMap:
    return ArgumentMap(
        thesis="t",
        title="Small",
        claims={
            "t": "The thesis.",
            "p": Claim("p", "A premise.", quote="quoted", by="Someone", url="https://x.org/a"),
            "q": "Another premise.",
            "o": Claim("o", "An objection.", url="javascript:alert(1)"),
            "r": "A rival claim.",
        },
        links=[
            support(["p", "q"], "t", id="main"),
            attack("o", "main"),
            contradiction("r", "t"),
        ],
    )


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_script_json_round_trips_and_cannot_end_the_script(data: object) -> None:
    text = script_json(data)
    assert json.loads(text) == data
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def test_hostile_text_stays_data() -> None:
    m = hostile_map()
    svg = render(m, "svg", "embedded")
    text = page(m, svg)
    found = parse(text)
    scripts = [attrs for tag, attrs in found.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "argmap-data"}, {}]
    assert json.loads(found.scripts[0]) == map_data(m)
    # Nothing a map says became an element, an attribute or a link.
    assert {tag for tag, _ in found.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "div", "label",
        "input", "ul", "button", "main", "svg", "g", "polygon", "text", "path",
        "ellipse", "polyline", "a", "aside", "noscript", "p", "script", "span",
    }  # fmt: skip
    hrefs = {attrs.get("href") or attrs.get("xlink:href") for _, attrs in found.tags} - {None}
    assert hrefs == set()
    assert "javascript:" not in text
    assert all(not name.startswith("on") for _, attrs in found.tags for name in attrs)


def test_unsafe_urls_are_dropped_from_the_data() -> None:
    m = small_map()
    data = map_data(m)
    urls = {c["id"]: c["url"] for c in data["claims"]}
    assert urls == {"t": None, "p": "https://x.org/a", "q": None, "o": None, "r": None}
    hostile = map_data(hostile_map())
    assert hostile["source"]["url"] is None
    assert hostile["source"]["title"] == HOSTILE[1]


def test_map_data_describes_claims_links_and_statuses() -> None:
    m = small_map()
    ev = evaluate(m, "grounded")
    data = map_data(m, ev)
    assert data["semantics"] == "grounded"
    assert [(c["id"], c["role"], c["status"]) for c in data["claims"]] == [
        (c.id, m.role(c.id).value, ev.claims[c.id].value) for c in m.claims
    ]
    assert data["links"][0] == {
        "index": 0,
        "id": "main",
        "relation": "supports",
        "premises": ["p", "q"],
        "target": "t",
        "scheme": None,
        "note": None,
        "status": ev.links[0].value,
    }
    assert [link["relation"] for link in data["links"]] == ["supports", "attacks", "contradicts"]


def test_the_policy_allows_exactly_the_inline_script_and_style() -> None:
    m = small_map()
    text = page(m, render(m, "svg", "embedded"))
    found = parse(text)
    policy = next(
        attrs["content"]
        for tag, attrs in found.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None
    script = found.scripts[1]
    style = re.search(r"<style>(.*?)</style>", text, re.S)
    assert style is not None

    def digest(body: str) -> str:
        return base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(script)}';" in policy
    assert f"style-src 'sha256-{digest(style.group(1))}';" in policy
    assert policy.startswith("default-src 'none';")
    assert "http" not in policy


@pytest.mark.parametrize(
    "engine", ["embedded", pytest.param("system", marks=pytest.mark.needs_dot)]
)
def test_every_claim_and_link_has_its_ids_in_the_drawing(engine: str) -> None:
    m = argmap.load(ROOT / "maps" / "hanoi-walkout-leverage.yaml")
    svg = inline_svg(render(m, "svg", engine), "x")  # type: ignore[arg-type]
    ids = set(re.findall(r'\bid="([^"]+)"', svg.replace("&#45;", "-")))
    assert {f"claim-{c.id}" for c in m.claims} <= ids
    assert {f"link-{i}" for i in range(len(m.links))} <= ids
    for index, link in enumerate(m.links):
        froms = {i for i in ids if i.startswith(f"link-{index}-from-")}
        if f"link-{index}-junction" in ids:
            assert froms == {f"link-{index}-from-{k}" for k in range(len(link.premises))}
        else:
            assert froms == set()
            assert len(link.premises) == 1


def test_inline_svg_drops_prolog_and_comments() -> None:
    m = small_map()
    raw = render(m, "svg", "embedded")
    assert raw.startswith(b"<?xml")
    inline = inline_svg(raw, 'A "label" <b>')
    assert inline.startswith('<svg role="img" aria-label="A &quot;label&quot; &lt;b&gt;"')
    assert "<!--" not in inline
    assert "<?xml" not in inline
    assert "DOCTYPE" not in inline
    assert inline.rstrip().endswith("</svg>")
    with pytest.raises(ValueError, match="no <svg> element"):
        inline_svg(b"<html></html>", "x")


def test_page_has_title_panel_search_and_zoom() -> None:
    m = small_map()
    text = page(m, render(m, "svg", "embedded"), index_href="index.html")
    found = parse(text)
    ids = {attrs.get("id") for _, attrs in found.tags} - {None}
    assert {"search", "results", "stage", "panel", "tooltip", "argmap-data"} <= ids
    assert [a.get("data-zoom") for t, a in found.tags if t == "button"] == [
        "in",
        "out",
        "fit",
        "actual",
    ]
    assert "<title>Small</title>" in text
    assert '<a class="back" href="index.html">' in text


def test_a_page_without_a_title_uses_the_source_title_or_the_name() -> None:
    m = ArgumentMap(claims={"t": "T."}, thesis="t")
    assert "<title>my-map</title>" in page(m, render(m, "svg", "embedded"), name="my-map")
    titled = ArgumentMap(claims={"t": "T."}, thesis="t", source=Source(title="An <article>"))
    assert "<title>An &lt;article&gt;</title>" in page(titled, render(titled, "svg", "embedded"))


def test_index_links_every_page_with_a_thumbnail() -> None:
    maps = [small_map(), hostile_map()]
    entries = [
        IndexEntry(href=f"m{i}.html", map=m, svg=render(m, "svg", "embedded"), name=f"m{i}")
        for i, m in enumerate(maps)
    ]
    text = index_page(entries)
    found = parse(text)
    links = [a["href"] for t, a in found.tags if t == "a"]
    assert links == ["m0.html", "m1.html"]
    images = [a["src"] for t, a in found.tags if t == "img"]
    assert len(images) == 2
    for image, entry in zip(images, entries, strict=True):
        assert image is not None
        prefix = "data:image/svg+xml;base64,"
        assert image.startswith(prefix)
        assert base64.b64decode(image[len(prefix) :]) == entry.svg
    assert "5 claims \u00b7 3 links" in text
    assert found.scripts == []
    assert "script-src 'none'" in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text  # the hostile title
    assert "2 maps" in text


def test_article_maps_make_pages(tmp_path: Path) -> None:
    for path in sorted((ROOT / "maps").glob("*.yaml")):
        m = argmap.load(path)
        text = page(m, render(m, "svg", "embedded"), name=path.stem)
        data = json.loads(parse(text).scripts[0])
        assert [c["id"] for c in data["claims"]] == [c.id for c in m.claims]
        assert len(data["links"]) == len(m.links)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def links_of(page_file: Path) -> list[str]:
    tags = parse(page_file.read_text("utf-8")).tags
    return [a["href"] or "" for t, a in tags if t == "a" and "href" in a]


def test_render_html_of_a_folder_writes_pages_and_an_index(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, _, err = run("render", "-f", "html", "--engine", "embedded", "-o", str(out), "maps/")
    assert code == 0, err
    stems = sorted(p.stem for p in (ROOT / "maps").glob("*.yaml"))
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{s}.html" for s in stems] + ["index.html"]
    )
    assert links_of(out / "index.html") == [f"{s}.html" for s in stems]
    index = (out / "index.html").read_text("utf-8")
    for stem in stems:
        m = argmap.load(ROOT / "maps" / f"{stem}.yaml")
        assert f"{len(m.claims)} claims \u00b7 {len(m.links)} links" in index
        assert m.title is not None
        assert html.escape(m.title) in index
        assert links_of(out / f"{stem}.html")[0] == "index.html"
    assert index.count('src="data:image/svg+xml;base64,') == len(stems)
    assert f"{out / 'index.html'}: index of {len(stems)} maps" in err
    assert f"{len(stems)} maps drawn (html, {out})" in err


def test_one_map_gets_a_page_and_no_index(small_map_file: Path) -> None:
    code, _, err = run("render", "-f", "html", "--engine", "embedded", str(small_map_file))
    assert code == 0, err
    page_file = small_map_file.with_suffix(".html")
    assert f"{small_map_file} -> {page_file}" in err
    assert not (small_map_file.parent / "index.html").exists()
    text = page_file.read_text("utf-8")
    assert '<a class="back"' not in text
    assert "<title>A small map</title>" in text


def test_pages_beside_maps_in_subfolders_link_to_the_index_above(tmp_path: Path) -> None:
    (tmp_path / "a" / "deep dir").mkdir(parents=True)
    (tmp_path / "a" / "one.yaml").write_text(SMALL_MAP, "utf-8")
    (tmp_path / "a" / "deep dir" / "two.yaml").write_text(SMALL_MAP, "utf-8")
    code, _, err = run("render", "-f", "html", "--engine", "embedded", str(tmp_path / "a"))
    assert code == 0, err
    index = tmp_path / "a" / "index.html"
    assert links_of(index) == ["deep%20dir/two.html", "one.html"]
    assert links_of(tmp_path / "a" / "deep dir" / "two.html")[0] == "../index.html"
    assert links_of(tmp_path / "a" / "one.html")[0] == "index.html"


def test_a_map_with_errors_is_left_out_of_the_index(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(SMALL_MAP, "utf-8")
    (tmp_path / "bad.yaml").write_text("argmap: 1\nclaims: {}\nthesis: nowhere\n", "utf-8")
    code, _, err = run("render", "-f", "html", "--engine", "embedded", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'bad.yaml'}: not drawn" in err
    assert not (tmp_path / "bad.html").exists()
    assert links_of(tmp_path / "index.html") == ["good.html"]
    assert "1 map drawn (html, beside each map)" in err


def test_a_map_named_index_would_take_the_index_place(tmp_path: Path) -> None:
    (tmp_path / "index.yaml").write_text(SMALL_MAP, "utf-8")
    (tmp_path / "other.yaml").write_text(SMALL_MAP, "utf-8")
    code, _, err = run("render", "-f", "html", "--engine", "embedded", str(tmp_path))
    assert code == 2
    assert f"would be drawn to {tmp_path / 'index.html'}, where the index of the maps goes" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.yaml", "other.yaml"]
    # Alone, it is drawn as any other map.
    code, _, err = run("render", "-f", "html", "--engine", "embedded", str(tmp_path / "index.yaml"))
    assert code == 0, err


@pytest.mark.needs_dot
def test_render_html_with_system_dot_and_eval(small_map_file: Path, tmp_path: Path) -> None:
    code, _, err = run(
        "render", "-f", "html", "--engine", "system", "--eval", "preferred", "-o", str(tmp_path),
        str(small_map_file),
    )  # fmt: skip
    assert code == 0, err
    text = (tmp_path / "small.html").read_text("utf-8")
    data = json.loads(parse(text).scripts[0])
    assert data["semantics"] == "preferred"
    assert {c["status"] for c in data["claims"]} <= {"in", "out", "undecided"}
    assert "graphviz version 2" not in text  # comments are dropped
    assert 'id="legend&#45;in"' in text

"""The interactive HTML view in a real browser: Debian's chromium, driven by playwright.

Pages are opened from file:// URLs, with every request recorded: a page must load nothing but
itself. Screenshots go to $ARGMAP_SCREENSHOTS (CI keeps them with its output) or to a temporary
folder, printed at the end of the run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.evaluation import evaluate
from argmap.html import page
from argmap.model import ArgumentMap, Claim, Relation, attack, support
from argmap.rendering import render
from tests.conftest import CHROMIUM, ROOT
from tests.test_html import HOSTILE, hostile_map, small_map

pytestmark = pytest.mark.needs_browser

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTICLE = ROOT / "maps" / "hanoi-walkout-leverage.yaml"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = os.environ.get("ARGMAP_SCREENSHOTS")
    folder = Path(given) if given else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    print(f"\nscreenshots of the HTML view: {folder}")


class Session:
    """A page in the browser, with what it requested and every console error it logged."""

    def __init__(self, browser: Any, url: str, javascript: bool = True, ready: bool = True) -> None:
        self.context = browser.new_context(
            viewport={"width": 1400, "height": 850}, java_script_enabled=javascript
        )
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )
        self.url = url.split("#")[0]
        self.page.goto(url)
        if javascript and ready:
            self.page.wait_for_selector("html[data-argmap-ready]")

    def ids(self, selector: str) -> set[str]:
        found: list[str] = self.page.eval_on_selector_all(selector, "els => els.map(e => e.id)")
        return set(found)

    def transform(self) -> str:
        value: str = self.page.get_attribute("svg g.viewport", "transform") or ""
        return value

    def close(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        # Nothing but the page itself (and data: URIs, which are no network) was requested.
        assert {u for u in self.requests if not u.startswith("data:")} == {self.url}
        self.context.close()


@pytest.fixture
def article(browser: Any, tmp_path: Path) -> Iterator[tuple[ArgumentMap, Session]]:
    """The page of an article map, open; closing it checks it loaded nothing and logged no
    error."""
    m = argmap.load(ARTICLE)
    session = Session(browser, write_page(tmp_path, m, ARTICLE.stem))
    yield m, session
    session.close()


def write_page(
    folder: Path, m: ArgumentMap, name: str, engine: str = "auto", semantics: str | None = None
) -> str:
    evaluation = evaluate(m, semantics) if semantics else None  # type: ignore[arg-type]
    svg = render(m, "svg", engine, evaluation=evaluation)  # type: ignore[arg-type]
    path = folder / f"{name}.html"
    path.write_text(page(m, svg, evaluation=evaluation, name=name), encoding="utf-8")
    return path.as_uri()


def expected_bearing(m: ArgumentMap, selected: str) -> tuple[dict[str, str], set[int], set[str]]:
    """What bears on ``selected``, worked out from the model: for each claim whether it speaks
    for the claim, against it or both (the product of the signs along its paths: support +1,
    attack and contradiction -1, undercuts -1 on the link they deny); the links on those paths;
    and the claims directly linked to it."""
    sign_of = {Relation.SUPPORTS: 1, Relation.ATTACKS: -1}
    claims: dict[str, set[int]] = {}
    links: set[int] = set()
    position = {id(link): index for index, link in enumerate(m.links)}
    seen: set[tuple[str, object, int]] = set()
    todo: list[tuple[str, object, int]] = [("claim", selected, 1)]

    def through(link: Any, sign: int) -> None:
        todo.append(("link", position[id(link)], sign))
        for premise in link.premises:
            todo.append(("claim", premise, sign))

    while todo:
        kind, key, sign = todo.pop()
        if (kind, key, sign) in seen:
            continue
        seen.add((kind, key, sign))
        if kind == "claim":
            assert isinstance(key, str)
            claims.setdefault(key, set()).add(sign)
            for link in m.supporters(key) + m.attackers(key):
                through(link, sign * sign_of[link.relation])
            for link in m.links:
                if link.relation is Relation.CONTRADICTS and key in (link.premises[0], link.target):
                    other = link.target if link.premises[0] == key else link.premises[0]
                    todo.append(("link", position[id(link)], -sign))
                    todo.append(("claim", other, -sign))
        else:
            assert isinstance(key, int)
            links.add(key)
            link = m.links[key]
            if link.id is not None and m.link(link.id) is link:
                for undercut in m.supporters(link.id) + m.attackers(link.id):
                    through(undercut, sign * sign_of[undercut.relation])
    claims.pop(selected, None)
    sides = {
        c: "mixed" if signs == {1, -1} else "for" if signs == {1} else "against"
        for c, signs in claims.items()
    }
    direct = {p for link in m.supporters(selected) + m.attackers(selected) for p in link.premises}
    direct |= set(m.contradictions(selected))
    return sides, links, direct


def highlighted(session: Session) -> tuple[dict[str, str], set[int], set[str]]:
    sides = {}
    for side in ("for", "against", "mixed"):
        for element in session.ids(f"g.node.hl-{side}"):
            sides[element.removeprefix("claim-")] = side
    links = {int(m.group(1)) for i in session.ids("g.hl") if (m := re.match(r"link-(\d+)", i))}
    direct = {i.removeprefix("claim-") for i in session.ids('g.node.hl-direct[id^="claim-"]')}
    return sides, links, direct


def link_parts(session: Session, indexes: set[int]) -> set[str]:
    every = session.ids('[id^="link-"]')
    return {i for i in every if int(i.split("-")[1]) in indexes}


@pytest.mark.parametrize(
    "engine", ["embedded", pytest.param("system", marks=pytest.mark.needs_dot)]
)
def test_clicking_a_claim_highlights_exactly_what_bears_on_it(
    browser: Any, tmp_path: Path, screenshots: Path, engine: str
) -> None:
    m = argmap.load(ARTICLE)
    url = write_page(tmp_path, m, ARTICLE.stem, engine)
    session = Session(browser, url)
    session.page.screenshot(path=screenshots / f"article-{engine}-1-opened.png")
    assert session.ids("svg .hl, svg .selected") == set()
    for claim in m.claims:
        session.page.click(f'[id="claim-{claim.id}"]')
        sides, links, direct = expected_bearing(m, claim.id)
        assert highlighted(session) == (sides, links, direct), claim.id
        assert session.ids("g.hl") == link_parts(session, links) | {f"claim-{c}" for c in sides}
        assert session.ids("svg .selected") == {f"claim-{claim.id}"}
        assert session.page.text_content("#panel h2") == claim.text
    thesis = m.thesis[0]
    session.page.click(f'[id="claim-{thesis}"]')
    session.page.mouse.move(5, 5)
    session.page.screenshot(path=screenshots / f"article-{engine}-2-thesis-selected.png")
    sides, _, _ = expected_bearing(m, thesis)
    assert "against" in sides.values()
    assert "for" in sides.values()
    session.close()


def test_the_panel_shows_quotes_speaker_source_note_and_tags(
    article: tuple[ArgumentMap, Session], screenshots: Path
) -> None:
    m, session = article
    claim = m.claim("dollar-quote")
    session.page.click('[id="claim-dollar-quote"]')
    panel = session.page.inner_text("#panel")
    for quote in claim.quote:
        assert f"\u201c{quote}\u201d" in panel
    assert claim.by is not None
    assert claim.by in panel
    assert claim.note is not None
    assert claim.note in panel
    assert m.source is not None
    assert m.source.title is not None
    assert m.source.title in panel
    assert session.page.get_attribute("#panel a", "href") == m.source.url
    tagged = m.claim("us-regained-leverage")
    session.page.click('[id="claim-us-regained-leverage"]')
    tags = session.page.eval_on_selector_all("#panel .tag", "els => els.map(e => e.textContent)")
    assert tags == list(tagged.tags)
    # Hovering shows the tooltip with the claim's first quote.
    session.page.hover('[id="claim-china-influence"]')
    assert session.page.is_visible("#tooltip")
    assert m.claim("china-influence").quote[0] in session.page.inner_text("#tooltip")
    session.page.screenshot(path=screenshots / "article-3-hover.png")
    # A claim in the panel's lists selects that claim.
    session.page.click('[id="claim-china-influence"]')
    session.page.click("#panel button.claim-ref >> nth=0")
    assert session.ids("svg .selected") == {"claim-china-trade-share"}
    # Escape clears the selection; the overview comes back.
    session.page.keyboard.press("Escape")
    assert session.ids("svg .selected, svg .hl") == set()
    assert session.page.text_content("#panel h2") == m.title


def test_search_finds_claims_by_text_and_id_from_the_keyboard(
    article: tuple[ArgumentMap, Session], screenshots: Path
) -> None:
    m, session = article
    session.page.keyboard.press("/")
    assert session.page.evaluate("document.activeElement.id") == "search"
    session.page.keyboard.type("90 percent")
    assert session.ids("g.node.match") == {"claim-china-trade-share"}
    assert session.page.text_content("#search-count") == f"1 of {len(m.claims)}"
    session.page.screenshot(path=screenshots / "article-4-search.png")
    session.page.keyboard.press("Enter")
    assert session.ids("svg .selected") == {"claim-china-trade-share"}
    session.page.fill("#search", "LEVERAGE")  # case does not matter; ids are searched too
    wanted = {
        f"claim-{c.id}"
        for c in m.claims
        if "leverage"
        in "\n".join([c.id, c.text, c.by or "", c.note or "", *c.quote, *c.tags]).lower()
    }
    assert session.ids("g.node.match") == wanted
    assert len(wanted) > 3
    session.page.keyboard.press("ArrowDown")
    session.page.keyboard.press("ArrowDown")
    first_two = session.page.eval_on_selector_all("#results li", "els => els.map(e => e.id)")[:2]
    assert session.page.get_attribute("#search", "aria-activedescendant") == first_two[1]
    session.page.keyboard.press("Enter")
    assert len(session.ids("svg .selected")) == 1
    session.page.fill("#search", "no claim says this")
    assert session.ids("g.node.match") == set()
    assert session.page.text_content("#search-count") == f"0 of {len(m.claims)}"
    session.page.keyboard.press("Escape")
    assert session.ids(".search-miss, .match") == set()


def test_zoom_and_pan_change_the_transform(article: tuple[ArgumentMap, Session]) -> None:
    _, session = article

    def scale() -> float:
        found = re.search(r"scale\(([\d.]+)\)", session.transform())
        assert found is not None
        return float(found.group(1))

    def translate() -> tuple[float, float]:
        found = re.search(r"translate\((-?[\d.]+) (-?[\d.]+)\)", session.transform())
        assert found is not None
        return float(found.group(1)), float(found.group(2))

    fitted = scale()
    session.page.click("button[data-zoom=in]")
    assert scale() == pytest.approx(fitted * 1.25, rel=1e-3)
    session.page.click("button[data-zoom=out]")
    assert scale() == pytest.approx(fitted, rel=1e-3)
    session.page.mouse.move(500, 400)
    session.page.mouse.wheel(0, -300)
    assert scale() > fitted * 1.2
    session.page.focus("#stage")
    session.page.keyboard.press("0")
    assert scale() == pytest.approx(fitted, rel=1e-3)
    session.page.keyboard.press("+")
    assert scale() > fitted
    session.page.keyboard.press("1")
    assert scale() == pytest.approx(96 / 72, rel=1e-3)
    before = translate()
    session.page.keyboard.press("ArrowRight")
    assert translate() == pytest.approx((before[0] - 60, before[1]))
    # Dragging pans, and selects nothing even when it starts on a claim.
    box = session.page.locator('[id="claim-china-influence"]').bounding_box()
    assert box is not None
    before = translate()
    session.page.mouse.move(box["x"] + 10, box["y"] + 10)
    session.page.mouse.down()
    session.page.mouse.move(box["x"] + 110, box["y"] + 60, steps=5)
    session.page.mouse.up()
    assert translate() == pytest.approx((before[0] + 100, before[1] + 50))
    assert session.ids("svg .selected") == set()


def test_claims_are_focusable_and_labelled(browser: Any, tmp_path: Path) -> None:
    m = small_map()
    url = write_page(tmp_path, m, "small")
    session = Session(browser, url)
    labels = session.page.eval_on_selector_all(
        'g.node[id^="claim-"]',
        "els => els.map(e => [e.id, e.getAttribute('tabindex'), e.getAttribute('role'),"
        " e.getAttribute('aria-label')])",
    )
    assert sorted(labels) == sorted(
        [f"claim-{c.id}", "0", "button", label] for c, label in [
            (m.claim("t"), "thesis: The thesis."),
            (m.claim("p"), "premise: A premise.; by Someone"),
            (m.claim("q"), "premise: Another premise."),
            (m.claim("o"), "premise: An objection."),
            (m.claim("r"), "premise: A rival claim."),
        ]
    )  # fmt: skip
    session.page.focus('[id="claim-o"]')
    session.page.keyboard.press("Enter")
    assert session.ids("svg .selected") == {"claim-o"}
    # The undercut o attacks the inference into t; r contradicts t.
    session.page.focus('[id="claim-t"]')
    session.page.keyboard.press(" ")
    sides, links, _ = highlighted(session)
    assert sides == {"p": "for", "q": "for", "o": "against", "r": "against"}
    assert links == {0, 1, 2}
    # A claim's url is offered in the panel, not followed when the claim is clicked.
    session.page.click('[id="claim-p"]')
    assert session.page.url == url + "#p"
    assert session.page.get_attribute("#panel a[href^=https]", "href") == "https://x.org/a"
    session.close()


def test_a_page_opened_at_a_claim_selects_it(browser: Any, tmp_path: Path) -> None:
    m = small_map()
    url = write_page(tmp_path, m, "small")
    session = Session(browser, url + "#q")
    assert session.ids("svg .selected") == {"claim-q"}
    session.close()


def test_hostile_text_is_shown_as_text(browser: Any, tmp_path: Path, screenshots: Path) -> None:
    m = hostile_map()
    url = write_page(tmp_path, m, "hostile")
    session = Session(browser, url)
    assert session.page.evaluate("document.scripts.length") == 2
    assert session.page.text_content("h1") == HOSTILE[0]
    for index, text in enumerate(HOSTILE):
        session.page.click(f'[id="claim-c{index}"]')
        assert session.page.text_content("#panel h2") == text
        assert session.page.text_content("#panel blockquote") == f"\u201c{text}\u201d"
    assert session.page.evaluate("document.querySelectorAll('#panel a').length") == 0
    session.page.screenshot(path=screenshots / "hostile.png")
    session.close()


def test_evaluated_page_shows_statuses(browser: Any, tmp_path: Path) -> None:
    m = argmap.load(ARTICLE)
    ev = evaluate(m, "grounded")
    url = write_page(tmp_path, m, "evaluated", semantics="grounded")
    session = Session(browser, url)
    thesis = m.thesis[0]
    session.page.click(f'[id="claim-{thesis}"]')
    badge = session.page.text_content(
        "#panel .badge.in, #panel .badge.out, #panel .badge.undecided"
    )
    assert badge == f"{ev.claims[thesis].value} (grounded)"
    session.close()


def test_without_javascript_the_drawing_still_shows(browser: Any, tmp_path: Path) -> None:
    m = small_map()
    url = write_page(tmp_path, m, "small")
    session = Session(browser, url, javascript=False)
    box = session.page.locator("svg.argmap-drawing").bounding_box()
    assert box is not None
    assert box["width"] > 100
    assert box["height"] > 100
    assert session.page.is_visible("text=A premise.")
    assert "Without JavaScript the diagram is shown as drawn" in session.page.inner_text("body")
    # The drawing's native tooltips are kept for hovering.
    tips = session.page.eval_on_selector_all(
        'g[id^="claim-"] a', "els => els.map(e => e.getAttribute('xlink:title'))"
    )
    assert len(tips) == len(m.claims)
    assert "premise [p]\n\u201cquoted\u201d\n\u2014 Someone" in tips
    session.close()


def test_a_map_without_links_or_source(browser: Any, tmp_path: Path) -> None:
    m = ArgumentMap(claims=[Claim("only", "The only claim.")], thesis="only")
    url = write_page(tmp_path, m, "lonely")
    session = Session(browser, url)
    session.page.click('[id="claim-only"]')
    assert highlighted(session) == ({}, set(), set())
    assert "0 for it" in session.page.inner_text("#panel")
    session.close()


def test_a_long_chain_highlights_transitively(browser: Any, tmp_path: Path) -> None:
    # c5 supports c4 ... supports c0, and x attacks c3: x is against c0 through the chain.
    ids = [f"c{i}" for i in range(6)]
    links = [support(ids[i + 1], ids[i]) for i in range(5)]
    links += [attack("x", "c3"), attack("y", "x")]
    m = ArgumentMap(
        claims={**{i: f"Claim {i}." for i in ids}, "x": "X.", "y": "Y."}, links=links, thesis="c0"
    )
    url = write_page(tmp_path, m, "chain")
    session = Session(browser, url)
    session.page.click('[id="claim-c0"]')
    sides, found, direct = highlighted(session)
    assert sides == {"c1": "for", "c2": "for", "c3": "for", "c4": "for", "c5": "for",
                     "x": "against", "y": "for"}  # fmt: skip
    assert found == set(range(7))
    assert direct == {"c1"}
    assert (sides, found, direct) == expected_bearing(m, "c0")
    session.close()


def test_the_index_links_every_map_with_a_thumbnail(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", "-f", "html", "-o", str(out), "maps/"])
    assert result.exit_code == 0, result.stderr
    url = (out / "index.html").as_uri()
    session = Session(browser, url, ready=False)
    stems = sorted(p.stem for p in (ROOT / "maps").glob("*.yaml"))
    hrefs = session.page.eval_on_selector_all(".card > a", "els => els.map(e => e.href)")
    assert hrefs == [(out / f"{stem}.html").as_uri() for stem in stems]
    sizes = session.page.eval_on_selector_all(
        "img.thumbnail", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])"
    )
    assert len(sizes) == len(stems)
    assert all(complete and width > 100 and height > 100 for complete, width, height in sizes)
    session.page.screenshot(path=screenshots / "index.png", full_page=True)
    session.page.click(f"text={argmap.load(ROOT / 'maps' / f'{stems[0]}.yaml').title}")
    session.page.wait_for_selector("html[data-argmap-ready]")
    assert session.page.url == hrefs[0]
    session.page.click("a.back")
    assert session.page.url == url
    session.url = url
    assert session.errors == []
    session.context.close()


def test_claims_of_other_maps_link_to_their_pages(browser: Any, tmp_path: Path) -> None:
    m = ArgumentMap(
        thesis="t",
        claims=[
            Claim("t", "The thesis.", same=["other#their-thesis"]),
            Claim("p", ref="source-map#a-premise"),  # unresolved: shown as the reference
        ],
        links=[support("p", "t")],
    )
    url = write_page(tmp_path, m, "refs")
    session = Session(browser, url)
    session.page.click('[id="claim-t"]')
    hrefs = session.page.eval_on_selector_all("#panel a.mono", "els => els.map(e => e.href)")
    assert hrefs == [(tmp_path / "other.html").as_uri() + "#their-thesis"]
    session.page.click('[id="claim-p"]')
    assert session.page.text_content("#panel h2") == "\u2192 source-map#a-premise"
    hrefs = session.page.eval_on_selector_all("#panel a.mono", "els => els.map(e => e.href)")
    assert hrefs == [(tmp_path / "source-map.html").as_uri() + "#a-premise"]
    assert "this claim is" in session.page.inner_text("#panel")
    session.close()


def test_search_lists_fifty_results_and_marks_every_match(browser: Any, tmp_path: Path) -> None:
    ids = [f"c{i}" for i in range(60)]
    m = ArgumentMap(
        claims={i: f"Claim number {i}." for i in ids},
        links=[support(i, "c0") for i in ids[1:]],
        thesis="c0",
    )
    url = write_page(tmp_path, m, "many")
    session = Session(browser, url)
    session.page.fill("#search", "number")
    assert session.ids("g.node.match") == {f"claim-{i}" for i in ids}
    options = session.page.eval_on_selector_all("#results li[role=option]", "els => els.length")
    assert options == 50
    assert session.page.text_content("#results li.more") == "10 more: type more to narrow"
    session.page.focus("#search")
    session.page.keyboard.press("ArrowUp")  # wraps round to the last listed result
    assert session.page.get_attribute("#search", "aria-activedescendant") == "result-49"
    session.close()


def test_the_debate_map_with_clusters_and_references(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    debate = argmap.load_corpus(ROOT / "maps").resolved("debate")
    result = CliRunner().invoke(main, ["render", "-f", "html", "-o", str(tmp_path), "maps/"])
    assert result.exit_code == 0, result.stderr
    url = (tmp_path / "debate.html").as_uri()
    session = Session(browser, url)
    assert session.page.eval_on_selector_all("svg g.cluster", "els => els.length") > 0
    for claim in debate.claims:
        session.page.click(f'[id="claim-{claim.id}"]')
        assert highlighted(session) == expected_bearing(debate, claim.id), claim.id
        assert session.page.text_content("#panel h2") == claim.text
    session.page.click('[id="claim-china-influence"]')
    session.page.mouse.move(5, 5)
    session.page.screenshot(path=screenshots / "debate-selected.png")
    # A claim taken from another map links to it on that map's page, which was drawn too.
    session.page.click("#panel a.mono")
    session.page.wait_for_selector("html[data-argmap-ready]")
    assert session.page.url == (tmp_path / "hanoi-walkout-leverage.html").as_uri() + (
        "#china-influence"
    )
    assert session.ids("svg .selected") == {"claim-china-influence"}
    assert session.errors == []
    session.context.close()

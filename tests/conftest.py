"""Shared fixtures and the markers of tests that need outside programs, each skipped where its
program is missing: ``needs_dot`` (Graphviz's dot), ``needs_argdown`` (the Argdown
command-line tool), ``needs_mermaid`` (node with Mermaid's parser) and ``needs_browser``
(Debian's chromium and the playwright package)."""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import strategies as st

from argmap.model import ArgumentMap, Claim, Link, Relation

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "articles"

LARGE = 4096
"""How many premises in all a map drawn by :func:`large_maps` has at least (the size from
which maps were once checked and evaluated with arrays)."""


@st.composite
def large_maps(draw: st.DrawFn, small: st.SearchStrategy[ArgumentMap]) -> ArgumentMap:
    """A map of some thousands of claims and links with a map drawn from ``small`` mixed in:
    a tree of supports below a thesis (some linked), rebuttals, undercuts and contradictions,
    and, when drawn, a few support cycles, repeated and conflicting links, and links that join
    the small map to the rest. Its links come from the thesis down or in a random order."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    part = draw(small)
    claims_count = 3400
    ids = [f"n{i}" for i in range(claims_count)]
    claims = [Claim(cid, f"Claim {i}.") for i, cid in enumerate(ids)]
    links: list[Link] = []
    made = 1
    while made < claims_count:
        size = min(rng.choice((1, 1, 2, 3)), claims_count - made)
        premises = tuple(ids[made : made + size])
        link_id = f"s{len(links)}" if rng.random() < 0.5 else None
        links.append(Link(premises, Relation.SUPPORTS, ids[rng.randrange(made)], id=link_id))
        made += size
    supports = [link for link in links if link.id is not None]
    for _ in range(claims_count // 4):
        attacker = ids[rng.randrange(1, claims_count)]
        if rng.random() < 0.25:
            target = rng.choice(supports).id
            assert target is not None
        else:
            target = ids[rng.randrange(claims_count)]
        if target != attacker:
            links.append(Link((attacker,), Relation.ATTACKS, target))
    for _ in range(claims_count // 50):
        a, b = rng.sample(ids, 2)
        links.append(Link((a,), Relation.CONTRADICTS, b))
    names = ids + [claim.id for claim in part.claims] + [link.id for link in part.links if link.id]
    for _ in range(draw(st.integers(0, 3))):  # support cycles, repeats and conflicts
        kind = rng.choice(("cycle", "repeat", "conflict"))
        if kind == "cycle":
            low, high = sorted(rng.sample(range(claims_count), 2))
            links.append(Link((ids[low],), Relation.SUPPORTS, ids[high]))
        else:
            link = rng.choice(links)
            relation = Relation.ATTACKS if kind == "conflict" else link.relation
            links.append(Link(link.premises, relation, link.target))
    for _ in range(draw(st.integers(0, 3))):  # between the small map and the rest
        relation = rng.choice(list(Relation))
        links.append(Link((rng.choice(names),), relation, rng.choice(names)))
    links += part.links
    if draw(st.booleans()):
        rng.shuffle(links)
    if draw(st.booleans()):
        claims.reverse()  # claim codes then run against the order of the links
    assert sum(len(link.premises) for link in links) >= LARGE
    return ArgumentMap(
        claims=[*claims, *part.claims],
        links=links,
        thesis=[ids[0], *part.thesis],
        expect=part.expect,
    )


def argdown_cli() -> str | None:
    """The Argdown command-line tool: $ARGDOWN, the copy .ci/run installs in .cache/argdown,
    or one on PATH; None when there is none."""
    named = os.environ.get("ARGDOWN")
    if named:
        return named
    local = ROOT / ".cache" / "argdown" / "node_modules" / ".bin" / "argdown"
    if local.is_file():
        return str(local)
    return shutil.which("argdown")


MERMAID = ROOT / ".cache" / "mermaid"
"""Where .ci/run installs Mermaid's parser (npm packages mermaid and jsdom)."""


def mermaid_modules() -> Path | None:
    """The npm folder holding ``mermaid`` and ``jsdom`` ($ARGMAP_MERMAID or .cache/mermaid),
    when node is on PATH; None otherwise."""
    folder = Path(os.environ.get("ARGMAP_MERMAID") or MERMAID)
    if shutil.which("node") and (folder / "node_modules" / "mermaid").is_dir():
        return folder
    return None


CHROMIUM = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
"""The browser the needs_browser tests drive: Debian's chromium (or ARGMAP_CHROMIUM)."""


def _browser_missing() -> str | None:
    # CI sets ARGMAP_REQUIRE_BROWSER: there a missing browser fails the browser tests.
    if os.environ.get("ARGMAP_REQUIRE_BROWSER"):
        return None
    if not os.path.exists(CHROMIUM):
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install '.[test]')"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = {
        "needs_dot": None if shutil.which("dot") else "Graphviz's dot program is not on PATH",
        "needs_argdown": None
        if argdown_cli()
        else "the Argdown command-line tool is missing (npm install --prefix .cache/argdown "
        "@argdown/cli)",
        "needs_browser": _browser_missing(),
        "needs_mermaid": None
        if mermaid_modules()
        else "Mermaid's parser is missing (npm install --prefix .cache/mermaid mermaid jsdom)",
    }
    for marker, reason in missing.items():
        if reason is None:
            continue
        for item in items:
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


SMALL_MAP = """\
argmap: 1
title: A small map
thesis: t
claims:
  t: The thesis.
  p:
    text: A premise.
    quote: a quoted premise
    by: Someone
  q: A second premise.
  o: An objection.
links:
  - from: [p, q]
    supports: t
    id: main
  - from: o
    attacks: main
"""


@pytest.fixture
def small_map_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_MAP, encoding="utf-8")
    return path

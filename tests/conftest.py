"""Shared fixtures and the markers of tests that need outside programs, each skipped where its
program is missing: ``needs_dot`` (Graphviz's dot), ``needs_argdown`` (the Argdown
command-line tool), ``needs_mermaid`` (node with Mermaid's parser) and ``needs_browser``
(Debian's chromium and the playwright package)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from argmap import evaluation as evaluation_module
from argmap import index as index_module

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "articles"


@contextmanager
def arrays(used: bool, batch: int = 1) -> Iterator[None]:
    """Large maps' tables are numpy arrays, small maps' lists: with ``used``, every map's, and
    grounded labelling goes in rounds while a round labels at least ``batch`` nodes."""
    before = index_module._ARRAYS_FROM, evaluation_module._BATCH
    if used:
        index_module._ARRAYS_FROM, evaluation_module._BATCH = 0, batch
    try:
        yield
    finally:
        index_module._ARRAYS_FROM, evaluation_module._BATCH = before


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

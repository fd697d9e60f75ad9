"""Shared fixtures and the markers ``needs_dot`` (skipped where Graphviz's dot is missing) and
``needs_browser`` (skipped where chromium or playwright is missing)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "articles"


CHROMIUM = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
"""The browser the needs_browser tests drive: Debian's chromium (or ARGMAP_CHROMIUM)."""


def _browser_missing() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install '.[test]')"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skips = {}
    if not shutil.which("dot"):
        skips["needs_dot"] = pytest.mark.skip(reason="Graphviz's dot program is not on PATH")
    missing = _browser_missing()
    # CI sets ARGMAP_REQUIRE_BROWSER: there a missing browser fails the browser tests.
    if missing and not os.environ.get("ARGMAP_REQUIRE_BROWSER"):
        skips["needs_browser"] = pytest.mark.skip(reason=missing)
    for item in items:
        for marker, skip in skips.items():
            if marker in item.keywords:
                item.add_marker(skip)


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

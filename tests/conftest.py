"""Shared fixtures and the markers ``needs_dot`` (skipped where Graphviz's dot is missing),
``needs_argdown`` (skipped where the Argdown command-line tool is missing) and
``needs_browser`` (skipped where chromium or playwright is missing)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "articles"


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

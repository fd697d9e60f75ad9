"""Shared fixtures and the ``needs_dot`` marker (skipped where Graphviz's dot is missing)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "articles"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which("dot"):
        return
    skip = pytest.mark.skip(reason="Graphviz's dot program is not on PATH")
    for item in items:
        if "needs_dot" in item.keywords:
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

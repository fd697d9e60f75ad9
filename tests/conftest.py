"""Shared fixtures, the ``needs_dot`` marker (skipped where Graphviz's dot is missing) and the
``needs_argdown`` marker (skipped where the Argdown command-line tool is missing)."""

from __future__ import annotations

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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = {
        "needs_dot": None if shutil.which("dot") else "Graphviz's dot program is not on PATH",
        "needs_argdown": None
        if argdown_cli()
        else "the Argdown command-line tool is missing (npm install --prefix .cache/argdown "
        "@argdown/cli)",
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

"""The committed drawings in docs/gallery/ match their maps, and the gallery shows each one."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.rendering import render_dot
from tests.conftest import ROOT

MAPS = sorted((ROOT / "maps").glob("*.yaml"))
GALLERY = ROOT / "docs" / "gallery"
REGENERATE = "argmap render --engine embedded -o docs/gallery maps/"


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_committed_drawing_is_up_to_date(path: Path) -> None:
    drawn = render_dot(argmap.to_dot(argmap.load(path)), "svg", "embedded")
    committed = GALLERY / f"{path.stem}.svg"
    assert committed.exists(), f"no drawing of {path.name}; run: {REGENERATE}"
    assert committed.read_bytes() == drawn, f"{committed.name} is out of date; run: {REGENERATE}"


def test_gallery_page_shows_every_map_and_the_readme_one() -> None:
    page = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    for path in MAPS:
        assert f"](gallery/{path.stem}.svg)" in page
        assert f"](../maps/{path.name})" in page
    assert REGENERATE in page
    assert "](docs/gallery/" in (ROOT / "README.md").read_text(encoding="utf-8")

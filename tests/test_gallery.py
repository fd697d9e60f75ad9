"""The committed drawings in docs/gallery/ match their maps, and the gallery shows each one."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.corpus import Corpus
from argmap.evaluation import evaluate
from argmap.overview import drawing
from argmap.rendering import render_dot
from tests.conftest import ROOT

MAPS = sorted((ROOT / "maps").glob("*.yaml"))
GALLERY = ROOT / "docs" / "gallery"
REGENERATE = "argmap render --engine embedded -o docs/gallery maps/"


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_committed_drawing_is_up_to_date(path: Path) -> None:
    # as argmap render draws it: references filled in and boxed by the map they come from
    m, grouping = drawing(Corpus(path.parent), path.stem, argmap.load(path))
    drawn = render_dot(argmap.to_dot(m, grouping=grouping), "svg", "embedded")
    committed = GALLERY / f"{path.stem}.svg"
    assert committed.exists(), f"no drawing of {path.name}; run: {REGENERATE}"
    assert committed.read_bytes() == drawn, f"{committed.name} is out of date; run: {REGENERATE}"


EXAMPLES = sorted((ROOT / "docs" / "semantics").glob("*.yaml"))
REGENERATE_EXAMPLES = "argmap render --eval grounded --engine embedded docs/semantics/"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_semantics_example_holds_its_expectations_and_drawing(path: Path) -> None:
    assert [d for d in argmap.check_file(path) if d.is_error] == []
    m = argmap.load(path)
    assert m.expect, "each example states its expected labels"
    drawn = render_dot(argmap.to_dot(m, evaluation=evaluate(m)), "svg", "embedded")
    committed = path.with_suffix(".svg")
    assert committed.read_bytes() == drawn, (
        f"{committed.name} is out of date; run: {REGENERATE_EXAMPLES}"
    )
    assert f"](semantics/{path.name})" in (ROOT / "docs" / "semantics.md").read_text(
        encoding="utf-8"
    )


def test_gallery_page_shows_every_map_and_the_readme_one() -> None:
    page = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    for path in MAPS:
        assert f"](gallery/{path.stem}.svg)" in page
        assert f"](../maps/{path.name})" in page
    assert REGENERATE in page
    assert "](docs/gallery/" in (ROOT / "README.md").read_text(encoding="utf-8")

"""The maps in maps/: valid, strict-clean against their articles, each claim bearing on a thesis."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.checks.thesis import bearing
from tests.conftest import ARTICLES, ROOT

MAPS = sorted((ROOT / "maps").glob("*.yaml"))


def test_there_are_maps() -> None:
    assert len(MAPS) >= 5


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_map_is_valid_and_every_claim_bears_on_a_thesis(path: Path) -> None:
    m = argmap.load(path)
    assert m.thesis
    reached = bearing(m)
    assert [c.id for c in m.claims if c.id not in reached] == []
    for claim in m.claims:
        assert claim.implicit or claim.quote, f"{claim.id} has no quote"
        assert len(claim.text.split()) <= 30, f"{claim.id} is long"


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the article texts are not beside the project")
@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_map_is_strict_clean_against_its_article(path: Path) -> None:
    m = argmap.load(path)
    assert m.source is not None
    assert m.source.file is not None
    assert (ARTICLES / m.source.file).is_file()
    assert argmap.check_file(path, sources=[ARTICLES]) == []

"""The maps in maps/: valid, strict-clean against their articles, each claim bearing on a thesis."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.checks.thesis import bearing
from argmap.corpus import Corpus, has_references
from tests.conftest import ARTICLES, ROOT

MAPS = sorted((ROOT / "maps").glob("*.yaml"))


def test_there_are_maps() -> None:
    assert len(MAPS) >= 5


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_map_is_valid_and_every_claim_bears_on_a_thesis(path: Path) -> None:
    m = Corpus(path.parent).resolve(path.stem, argmap.load(path))
    assert m.thesis
    reached = bearing(m)
    assert [c.id for c in m.claims if c.id not in reached] == []
    for claim in m.claims:
        # a claim of the debate map is a question, or refers to a claim of an article map
        # (whose quotes are verified there)
        assert claim.implicit or claim.quote or claim.ref or "question" in claim.tags, (
            f"{claim.id} has no quote"
        )
        assert claim.text is not None
        assert len(claim.text.split()) <= 30, f"{claim.id} is long"


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the article texts are not beside the project")
@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_map_is_strict_clean_against_its_article(path: Path) -> None:
    m = argmap.load(path)
    if has_references(m) and (m.source is None or m.source.file is None):
        # a map of the other maps (maps/debate.yaml): every claim refers to one or is a question
        assert all(c.ref or "question" in c.tags for c in m.claims)
        assert argmap.check_file(path, sources=[ARTICLES]) == []
        return
    assert m.source is not None
    assert m.source.file is not None
    assert (ARTICLES / m.source.file).is_file()
    assert argmap.check_file(path, sources=[ARTICLES]) == []

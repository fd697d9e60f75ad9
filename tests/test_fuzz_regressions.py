"""Every input the fuzzer (fuzz/fuzz.py) ever broke argmap with stays fixed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
from fuzz import corpus, exercise, mutate

CASES = sorted((ROOT / "tests" / "fuzz-regressions").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fuzz_regression(path: Path) -> None:
    exercise(path.read_bytes())


def test_the_fuzzer_exercises_its_corpus() -> None:
    import random

    seeds = corpus()
    assert len(seeds) > 20
    rng = random.Random(0)
    for data in seeds:
        exercise(data)
        exercise(mutate(rng, data, seeds))

"""Every input the fuzzer (fuzz/fuzz.py) ever broke argmap with stays fixed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
from fuzz import (
    IMPORT_TOKENS,
    corpus,
    exercise,
    exercise_import,
    import_corpus,
    import_format,
    mutate,
)

CASES = sorted((ROOT / "tests" / "fuzz-regressions").glob("*.yaml"))
IMPORT_CASES = sorted(
    path
    for path in (ROOT / "tests" / "fuzz-regressions").iterdir()
    if path.suffix != ".yaml" and import_format(path) is not None
)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fuzz_regression(path: Path) -> None:
    exercise(path.read_bytes())


@pytest.mark.parametrize("path", IMPORT_CASES, ids=[p.name for p in IMPORT_CASES])
def test_fuzz_regression_of_an_importer(path: Path) -> None:
    """An input of an importer (its format told by the file's suffix) that broke it once."""
    fmt = import_format(path)
    assert fmt is not None
    exercise_import(fmt, path.read_bytes())


def test_every_saved_input_is_replayed() -> None:
    folder = ROOT / "tests" / "fuzz-regressions"
    saved = {path for path in folder.iterdir() if not path.name.startswith(".")}
    assert saved == set(CASES) | set(IMPORT_CASES)


def test_the_fuzzer_exercises_its_corpus() -> None:
    import random

    seeds = corpus()
    assert len(seeds) > 20
    rng = random.Random(0)
    for data in seeds:
        exercise(data)
        exercise(mutate(rng, data, seeds))


def test_the_fuzzer_exercises_every_importer() -> None:
    import random

    seeds = import_corpus()
    assert {fmt for fmt, _ in seeds} == {"argdown", "aif", "xaif", "json", "graphml"}
    rng = random.Random(0)
    outcomes = []
    for fmt, data in seeds:
        outcomes.append(exercise_import(fmt, data))
        same_format = [other for each, other in seeds if each == fmt]
        exercise_import(fmt, mutate(rng, data, same_format, IMPORT_TOKENS[fmt]))
    assert outcomes.count("valid") > 50  # the maps exported to each format import back

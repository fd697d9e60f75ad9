"""The benchmark script measures what its rows say (benchmarks/run.py): what a step is given
is made before its clock starts, one at a time, and a map "as read" has only the tables the
reader fills in."""

from __future__ import annotations

import gc
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest

import argmap
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import run as bench
from generate import synthetic_map


class _Given:
    """A value that a weak reference can follow."""


def test_each_run_is_given_a_value_of_its_own_and_earlier_ones_are_let_go() -> None:
    made: list[weakref.ref[_Given]] = []
    alive_at_each_run: list[int] = []

    def setup() -> _Given:
        value = _Given()
        made.append(weakref.ref(value))
        return value

    def step(given: _Given) -> None:
        gc.collect()
        assert given is made[-1]()
        alive_at_each_run.append(sum(ref() is not None for ref in made))

    result = bench.measure(step, 4, memory=True, setup=setup)
    assert len(made) == 5  # four timed runs and the one for memory
    assert alive_at_each_run == [1, 1, 1, 1, 1]
    assert result["seconds"] is not None
    assert result["seconds"] >= 0
    assert result["peak_mib"] is not None


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "m.yaml"
    path.write_text(argmap.dumps(synthetic_map(60)), encoding="utf-8")
    return path


def test_a_map_as_read_has_no_index_until_the_checks_build_it(map_file: Path) -> None:
    from argmap.checks import index as index_module

    prepared = bench.prepared_step("check (a map as read)", map_file)
    assert prepared is not None
    setup, step = prepared
    given = setup()
    assert given == argmap.read(map_file).map
    assert id(given) not in index_module._INDEXES  # the reader builds none
    assert step(given) == []
    assert id(given) in index_module._INDEXES  # the checks built it, in the timed step


@pytest.mark.parametrize(
    ("name", "expected"), [("check (checks only)", []), ("evaluate grounded", None)]
)
def test_the_other_prepared_steps_run_on_what_they_are_given(
    map_file: Path, name: str, expected: Any
) -> None:
    prepared = bench.prepared_step(name, map_file)
    assert prepared is not None
    setup, step = prepared
    first, second = setup(), setup()
    assert first == second
    assert first is not second
    result = step(first)
    if expected is not None:
        assert result == expected
    else:
        assert result.semantics == "grounded"
        assert set(result.claims) == {claim.id for claim in first.claims}


def test_steps_without_setup_are_not_prepared(map_file: Path) -> None:
    assert bench.prepared_step("load", map_file) is None
    assert bench.prepared_step("to_dot", map_file) is None

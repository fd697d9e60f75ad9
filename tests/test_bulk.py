"""The collector pause around bulk work (argmap/bulk.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from argmap.bulk import paused_gc


@pytest.fixture
def collector() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not was_enabled:
        gc.disable()


def _in_generation(obj: object, generation: int) -> bool:
    return any(found is obj for found in gc.get_objects(generation=generation))


def test_what_is_made_while_paused_goes_to_the_oldest_generation(collector: None) -> None:
    with paused_gc():
        assert not gc.isenabled()
        made = [[] for _ in range(5000)]
    assert gc.isenabled()
    assert _in_generation(made, 2)
    assert gc.get_count()[0] < 100  # no young generation of 5,000 objects left to go through


def test_a_program_s_frozen_objects_stay_frozen(collector: None) -> None:
    kept = [[]]
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused_gc():
        made = [[] for _ in range(100)]
    assert gc.get_freeze_count() == frozen
    assert not _in_generation(kept, 2)
    assert not _in_generation(made, 2)  # left young, collected as usual


def test_a_disabled_collector_stays_disabled(collector: None) -> None:
    gc.disable()
    with paused_gc():
        made = [[] for _ in range(100)]
    assert not gc.isenabled()
    assert not _in_generation(made, 2)

"""How the interpreter's own building blocks grow on this machine, from one size to ten times it:
the floor under the growth of any step written in Python.

    python benchmarks/primitives.py               # 20,000 and 200,000 items
    python benchmarks/primitives.py 5000 50000    # chosen sizes

A map of 10,000 claims has about 20,000 names (claims and links); one of 100,000 about
200,000. Each operation is timed best of five, with the processor's caches evicted before each
run (as benchmarks/run.py does). Operations whose accesses follow memory in order (a list, a
set of integers added in order) grow about as the data; those that land anywhere in a table
larger than the processor's second-level cache (a set of integers in random order, a
dictionary keyed by strings, a sort) grow faster.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from run import evict_caches


def _best(step: Callable[[Any], Any], data: Any, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        evict_caches()
        start = time.perf_counter()
        step(data)
        best = min(best, time.perf_counter() - start)
    return best


def _in_order(size: int) -> list[int]:
    return list(range(1_000, 1_000 + size))


def _shuffled(size: int) -> list[int]:
    return random.Random(size).sample(range(1_000, 1_000 + size), size)


def _names(size: int) -> list[str]:
    return [f"c{number}" for number in range(size)]


OPERATIONS: list[tuple[str, Callable[[Any], Any], Callable[[int], Any]]] = [
    ("a list of integers, copied", list, _in_order),
    ("a set of integers added in order", set, _in_order),
    ("a set of integers added in random order", set, _shuffled),
    ("a dictionary keyed by names", dict.fromkeys, _names),
    ("a sort of integers in random order", sorted, _shuffled),
]


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv if a.isdigit()] or [20_000, 200_000]
    small, large = sizes[:2]
    gc.disable()  # nothing here makes cycles; the collector would only add noise
    print(f"| operation | {small:,} items | {large:,} items | growth |")
    print("| --- | --- | --- | --- |")
    for name, step, make in OPERATIONS:
        first, second = _best(step, make(small)), _best(step, make(large))
        times = f"{first * 1000:.2f} ms | {second * 1000:.2f} ms"
        print(f"| {name} | {times} | x{second / first:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])

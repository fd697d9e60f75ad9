"""Time the consistency checks on map files, check by check.

For each map: the whole of ``argmap.check`` on fresh copies of the map (the checks keep their
tables for the map, so every run gets a copy without them), the tables alone
(``argmap/checks/index.py``), and each check once the tables are built; with ``--reference``,
the whole of ``argmap.check`` with the plain loops of tests/reference_checks.py (the checks as
first written) in place of the checks that replace them, run in turn with the checks in the
same process, so that both meet the same machine. Times are CPU times, best of the repeats, with the
garbage collector paused inside each check as ``argmap.check`` pauses it::

    python benchmarks/generate.py 100000 > /tmp/m100000.yaml
    python benchmarks/checks.py /tmp/m100000.yaml --repeat 5 --reference
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argmap
from argmap.bulk import paused_gc
from argmap.checks import CHECKS, Check, CheckContext, check
from argmap.checks.index import index_of
from argmap.model import ArgumentMap

TABLES = [
    *("targets", "flat_premises", "premise_targets", "id_codes", "id_of", "touched"),
    *("supported", "self_targeting", "repeated_keys", "supports_acyclic"),
]
"""The tables the built-in checks ask for, in an order that builds each on the ones before."""


def best(step: Callable[[], Any], repeat: int) -> float:
    """The least CPU time of ``repeat`` runs, in seconds."""
    found = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        step()
        found = min(found, time.process_time() - start)
    return found


def fresh(m: ArgumentMap) -> ArgumentMap:
    return attrs.evolve(m)


def run_check(fn: Check, m: ArgumentMap, ctx: CheckContext) -> None:
    list(fn(m, ctx))


def tables(m: ArgumentMap) -> None:
    index = index_of(m)
    for name in TABLES:
        getattr(index, name)
    index.bearing(m.thesis)


def report(path: str, repeat: int, reference: bool) -> None:
    loaded = argmap.read(path)
    m = loaded.map
    if m is None:
        sys.exit(f"{path} has errors; see argmap check {path}")
    ctx = CheckContext(unresolved=loaded.unresolved)
    rows: list[tuple[str, float]] = []
    if reference:
        from tests.reference_checks import REFERENCE

        before: dict[str, Check] = {code: REFERENCE.get(code, fn) for code, fn in CHECKS.items()}
        times = {"check, as first written": float("inf"), "check": float("inf")}
        for _ in range(repeat):  # in turn, so that both meet the same load
            for name, chosen in (("check, as first written", before), ("check", CHECKS)):
                copy = fresh(m)
                run = best(partial(check, copy, checks=chosen, context=ctx), 1)
                times[name] = min(times[name], run)
        rows += times.items()
    else:
        runs = [fresh(m) for _ in range(repeat)]
        rows.append(("check", best(lambda: check(runs.pop(), context=ctx), repeat)))
    copies = [fresh(m) for _ in range(repeat)]
    with paused_gc():
        rows.append(("tables (argmap/checks/index.py)", best(lambda: tables(copies.pop()), repeat)))
        warm = fresh(m)
        tables(warm)
        for code, fn in CHECKS.items():
            seconds = best(partial(run_check, fn, warm, ctx), repeat)
            rows.append((f"  {code}, tables built", seconds))
    print(f"{path}: {len(m.claims):,} claims, {len(m.links):,} links; best of {repeat}")
    for name, seconds in rows:
        print(f"  {name:38s} {seconds * 1000:8.1f} ms")
    if reference:
        print(f"  {'as first written / now':38s} {rows[0][1] / rows[1][1]:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("maps", nargs="+", help="map files")
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs")
    parser.add_argument(
        "--reference", action="store_true", help="also time the checks as first written"
    )
    args = parser.parse_args()
    for path in args.maps:
        report(path, args.repeat, args.reference)


if __name__ == "__main__":
    main()

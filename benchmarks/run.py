"""Time and peak memory of each step on synthetic maps of growing size, with growth factors.

    python benchmarks/run.py                 # 1,000 / 10,000 / 100,000 claims
    python benchmarks/run.py 1000 10000      # chosen sizes
    python benchmarks/run.py --json          # the same as JSON
    python benchmarks/run.py --only grounded 10000 100000   # steps whose name holds a word

Each step is timed on its own (best of three for small maps, one run for large ones); peak
memory is measured with tracemalloc in a separate run of the step. Multi-extension semantics
use the clingo solver and are timed up to 10,000 claims.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from generate import synthetic_map

import argmap
from argmap.checks import run_checks
from argmap.evaluation import evaluate


def measure(step: Callable[[], Any], repeat: int) -> tuple[float, float]:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    step()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20


def bench(size: int, only: str | None = None) -> dict[str, tuple[float, float]]:
    m = synthetic_map(size)
    text = argmap.dumps(m)
    folder = tempfile.mkdtemp()
    path = Path(folder, "map.yaml")
    path.write_text(text, encoding="utf-8")
    repeat = 3 if size <= 10_000 else 1
    steps: dict[str, Callable[[], Any]] = {
        "load (parse + checks)": lambda: run_checks(argmap.read(path)),
        "check (checks only)": lambda: argmap.check(m),
        "dumps": lambda: argmap.dumps(m),
        "to_dot": lambda: argmap.to_dot(m),
        "evaluate grounded": lambda: evaluate(m, "grounded"),
    }
    if size <= 10_000:
        steps["evaluate preferred (clingo)"] = lambda: evaluate(m, "preferred", limit=10)
        steps["evaluate stable (clingo)"] = lambda: evaluate(m, "stable", limit=10)
    if only:
        steps = {name: step for name, step in steps.items() if only in name}
        repeat = 7
    results = {name: measure(step, repeat) for name, step in steps.items()}
    os.unlink(path)
    return results


def main(argv: list[str]) -> None:
    as_json = "--json" in argv
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    sizes = [int(a) for a in argv if a.isdigit()] or [1_000, 10_000, 100_000]
    table: dict[int, dict[str, tuple[float, float]]] = {}
    for size in sizes:
        table[size] = bench(size, only)
        if not as_json:
            print(f"{size:>8,} claims", file=sys.stderr)
    if as_json:
        print(
            json.dumps(
                {
                    str(s): {k: {"seconds": t, "peak_mib": p} for k, (t, p) in r.items()}
                    for s, r in table.items()
                },
                indent=2,
            )
        )
        return
    steps = list(table[sizes[0]])
    print(f"{'step':<30}" + "".join(f"{f'{s:,} claims':>22}" for s in sizes) + "   growth")
    for step in steps:
        row = f"{step:<30}"
        for size in sizes:
            if step in table[size]:
                t, peak = table[size][step]
                row += f"{t * 1000:>11.1f} ms {peak:>6.1f} MiB"
            else:
                row += f"{'-':>22}"
        present = [s for s in sizes if step in table[s]]
        if len(present) >= 2:
            a, b = present[-2], present[-1]
            ratio = table[b][step][0] / table[a][step][0]
            row += f"   x{ratio:.1f} for x{b / a:.0f} claims"
        print(row)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Hostile sizes: whole commands on the largest inputs argmap promises to answer, at two sizes,
with time and peak memory per megabyte of input and the growth between the sizes.

    python benchmarks/hostile.py            # each case at its two sizes (about ten minutes)
    python benchmarks/hostile.py --small    # a tenth of each size (under a minute)
    python benchmarks/hostile.py --only aif,argdown
    python benchmarks/hostile.py --json     # the same as JSON on stdout (the table on stderr)

Each case writes its input into a temporary folder and runs ``argmap`` on it in a child
process, as a user would (start-up included), the map's checks and output included; the peak
memory is the child's maximum resident set size, as the kernel counts it. The promise
(docs/security.md) is that every input under the 16 MiB cap is answered within 60 s and 2 GB,
and that time and memory per megabyte stay flat from one size to the next (growth about the
size ratio). Which reader answers depends on what is installed: with the ``fast`` extra, a
valid map is first read quickly and the located reader runs only when a diagnostic needs a
position; ``--plain`` switches the quick reader off (the reader every install has).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

LIMIT_SECONDS = 60.0
LIMIT_MB = 2048.0


def diagnostics_map(count: int) -> str:
    """``count`` claims each supporting a claim that is not there: one error per link, each
    printed with its source line and caret."""
    lines = ["argmap: 1", "thesis: c0", "claims:"]
    lines += [f"  c{i}: Claim number {i}." for i in range(count)]
    lines.append("links:")
    lines += [f"  - {{from: c{i}, supports: gone{i}}}" for i in range(count)]
    return "\n".join(lines) + "\n"


def one_word_claims(count: int) -> str:
    """``count`` claims of one word each (the same word): two warnings each, orphan and
    duplicate."""
    return "argmap: 1\nthesis: c0\nclaims:\n" + "".join(f"  c{i}: w\n" for i in range(count))


def fan_in(count: int) -> str:
    """``count`` distinct premises each supporting the thesis: a valid map, no diagnostics."""
    lines = ["argmap: 1", "thesis: t", "claims:", "  t: The thesis."]
    lines += [f"  p{i}: Premise {i} says so." for i in range(count)]
    lines.append("links:")
    lines += [f"  - {{from: p{i}, supports: t}}" for i in range(count)]
    return "\n".join(lines) + "\n"


def argdown_relations(count: int) -> str:
    """An Argdown file of ``count`` support relations to one thesis."""
    lines = ["[Thesis]: The thesis."]
    lines += [f"  <+ [P{i}]: Premise {i} says so." for i in range(count)]
    return "\n".join(lines) + "\n"


def aif_graph(count: int) -> str:
    """An AIF (JSON) graph of ``count`` premises, each supporting one conclusion through an
    inference node of its own."""
    nodes: list[dict[str, str]] = [{"nodeID": "c", "text": "The conclusion.", "type": "I"}]
    edges: list[dict[str, str]] = []
    for i in range(count):
        nodes.append({"nodeID": f"p{i}", "text": f"Premise {i} says so.", "type": "I"})
        nodes.append({"nodeID": f"r{i}", "text": "Default Inference", "type": "RA"})
        edges.append({"edgeID": f"a{i}", "fromID": f"p{i}", "toID": f"r{i}"})
        edges.append({"edgeID": f"b{i}", "fromID": f"r{i}", "toID": "c"})
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []})


def exported(to: str) -> Callable[[int], str]:
    """The fan-in map of ``count`` premises written by argmap's exporter ``to``."""

    def make(count: int) -> str:
        import argmap
        from argmap.formats import export

        return export(argmap.loads(fan_in(count)), to)

    return make


CASES: dict[str, tuple[str, Callable[[int], str], str, tuple[int, int], list[str]]] = {
    # name: (unit, input maker, file name, (small, large) counts, command after "argmap")
    "diagnostics as text": (
        "diagnostic",
        diagnostics_map,
        "m.yaml",
        (10_000, 40_000),
        ["check"],
    ),
    "one-word claims": ("claim", one_word_claims, "m.yaml", (100_000, 1_000_000), ["check"]),
    "fan-in": ("claim", fan_in, "m.yaml", (20_000, 200_000), ["check"]),
    "fmt of a fan-in": ("claim", fan_in, "m.yaml", (20_000, 200_000), ["fmt", "--check"]),
    "argdown relations": (
        "relation",
        argdown_relations,
        "m.argdown",
        (20_000, 200_000),
        ["import"],
    ),
    "big aif": ("premise", aif_graph, "m.json", (6_000, 60_000), ["import", "--from", "aif"]),
    "argmap json": ("claim", exported("json"), "m.json", (10_000, 100_000), ["import"]),
    "graphml": ("claim", exported("graphml"), "m.graphml", (800, 8_000), ["import"]),
    "xaif": ("claim", exported("xaif"), "m.xaif.json", (3_000, 30_000), ["import"]),
}


PLAIN = (
    "import sys, argmap.loading as loading; loading.QUICK_FROM = sys.maxsize; "
    "from argmap.cli import main; sys.argv[0] = 'argmap'; main()"
)
"""``argmap`` with the quick reader of the fast extra switched off."""


def run_child(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Seconds, peak resident megabytes and exit status of a command run to its end."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(command, cwd=cwd, stdout=null, stderr=null)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, child.returncode


def measure(name: str, count: int, plain: bool) -> dict[str, Any]:
    unit, _, file_name, _, command = CASES[name]
    with tempfile.TemporaryDirectory(prefix="argmap-hostile-") as folder:
        path = Path(folder) / file_name
        # Made in a process of its own: a child started from a process that has grown counts
        # that process's memory in its peak until it runs argmap.
        maker = [sys.executable, __file__, "--make", name, str(count), str(path)]
        subprocess.run(maker, check=True)
        size_mb = path.stat().st_size / 2**20
        argmap = [sys.executable, "-c", PLAIN] if plain else [sys.executable, "-m", "argmap"]
        extra = ["-o", str(Path(folder) / "out")] if command[0] == "import" else []
        seconds, peak, status = run_child([*argmap, *command, str(path), *extra], Path(folder))
    return {
        "case": name,
        "count": count,
        "unit": unit,
        "megabytes": round(size_mb, 2),
        "seconds": round(seconds, 3),
        "peak_mb": round(peak, 1),
        "seconds_per_mb": round(seconds / size_mb, 3),
        "peak_mb_per_mb": round(peak / size_mb, 1),
        "exit_status": status,
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["--make"]:
        name, count, path = argv[1:4]
        Path(path).write_text(CASES[name][1](int(count)), encoding="utf-8")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="a tenth of each size")
    parser.add_argument("--only", help="cases whose name holds one of these words (commas)")
    parser.add_argument("--plain", action="store_true", help="without the fast extra's reader")
    parser.add_argument("--json", action="store_true", help="results as JSON on stdout")
    options = parser.parse_args(argv)
    words = options.only.split(",") if options.only else None
    rows = []
    for name, (_, _, _, counts, _) in CASES.items():
        if words and not any(word in name for word in words):
            continue
        small, large = (c // 10 for c in counts) if options.small else counts
        first = measure(name, small, options.plain)
        second = measure(name, large, options.plain)
        size_ratio = second["megabytes"] / first["megabytes"]
        for row in (first, second):
            row["within_limits"] = row["seconds"] <= LIMIT_SECONDS and row["peak_mb"] <= LIMIT_MB
        second["size_ratio"] = round(size_ratio, 2)
        second["time_growth"] = round(second["seconds"] / first["seconds"], 2)
        second["memory_growth"] = round(second["peak_mb"] / first["peak_mb"], 2)
        rows += [first, second]
        print_row(first, sys.stderr)
        print_row(second, sys.stderr)
    if options.json:
        print(json.dumps(rows, indent=2))
    return 0 if all(row["within_limits"] for row in rows) else 1


def print_row(row: dict[str, Any], out: Any) -> None:
    growth = (
        f"  size x{row['size_ratio']}: time x{row['time_growth']}, memory x{row['memory_growth']}"
        if "size_ratio" in row
        else ""
    )
    print(
        f"{row['case']:<20} {row['count']:>9,} {row['unit']}s {row['megabytes']:>6.2f} MB "
        f"{row['seconds']:>7.2f} s {row['peak_mb']:>7.0f} MB peak | "
        f"{row['seconds_per_mb']:>6.2f} s/MB {row['peak_mb_per_mb']:>6.1f} MB/MB"
        f" exit {row['exit_status']}{growth}",
        file=out,
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

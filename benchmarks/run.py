"""Time and peak memory of each step of argmap on synthetic maps, each beside its floor or a
peer measured in the same run, with the ratios and the growth factors between sizes.

    python benchmarks/run.py                  # 100 to 100,000 claims; a folder of 1,000 maps
    python benchmarks/run.py --small          # 100 / 300 claims, best of 2; 20 maps (a minute)
    python benchmarks/run.py 1000 10000       # chosen sizes
    python benchmarks/run.py --json           # the same as JSON (on stdout; the table on stderr)
    python benchmarks/run.py --only load,parse  # steps whose name holds one of the words
    python benchmarks/run.py --repeat 5       # best of 5 (default 3)
    python benchmarks/run.py --warm           # no eviction of the caches between runs
    python benchmarks/run.py --processes 3    # Python steps in 3 processes each (default 5)
    python benchmarks/run.py --folder 200     # the folder render over 200 small maps

Floors and peers, each shown as "-" at a size it is not run at; a peer that is not installed
is left out, with a line on stderr that says what it needs:

- ``pyyaml load``: PyYAML's ``yaml.load(text, Loader=CSafeLoader)`` of the same file, what a
  user gets by default; ``rapidyaml parse``: the bare parse of the file by rapidyaml;
- ``dot alone``: Graphviz's ``dot`` on the DOT text that ``render`` draws;
- ``argmap render (system dot)``: the whole command with the system's Graphviz, beside the
  same command with the embedded one, warm (its compiled module in the user's cache) and
  cold (the cache emptied before each run);
- ``argdown``: the Argdown command line (``@argdown/cli`` from npm: ``$ARGDOWN``,
  ``.cache/argdown`` or PATH), on the same map exported by ``argmap export --to argdown``
  (linked premises and undercuts become arguments with premise-conclusion structures);
- ``arguebuf``: the arguebuf library (PyPI), on the same map as an arguebuf graph (every link a
  scheme node): loading its JSON, and its Graphviz export.

Python steps are timed with ``time.perf_counter`` (best of the repeats) and their peak memory
taken with tracemalloc in one more run; commands are timed from start to exit. Before each
timed run of a Python step the processor's caches are evicted (a buffer four times the size of
the last-level cache is written over), so that every size fetches its map from memory as a
first run does; otherwise a map of 10,000 claims, small enough to stay in the cache from one
repeat to the next, is timed warm and one of 100,000 claims cold, and the growth between them
says more about the cache than about the code (``--warm`` times without eviction). ``a pass
over the model`` reads one field of every claim and link: the floor of any step, whose growth
is what the machine's memory adds; ``a lookup of every target`` finds each link's target in a
dictionary of the claims by id, the floor of any step that follows links by name; ``a
dictionary of the claims by id`` builds that dictionary, the floor of any step that gathers
names into a table. The drawing steps (render with either engine, ``dot`` alone) are timed in
turns, one of each per round, in fifteen rounds at least.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).parent))

from generate import synthetic_map

import argmap
from argmap.checks import run_checks
from argmap.evaluation import evaluate
from argmap.formats import export
from argmap.model import ArgumentMap, Relation

ROOT = Path(__file__).resolve().parent.parent
RENDER_LIMIT = 1_000
"""The largest map drawn with the dot layout (it grows much faster than the map)."""
ARGDOWN_LIMIT = 10_000
"""The largest map given to the Argdown command line."""
ARGUEBUF_LIMIT = 1_000
"""The largest map given to arguebuf, whose loading grows much faster than the map (about
x7 for x3 claims between 100 and 300)."""
SEMANTICS_LIMIT = 10_000
DRAWING_ROUNDS = 25
"""The fewest rounds for the drawing steps, timed in turns in the benchmark's own process: a
single run of `dot` on 1,000 claims took from 620 ms to 1.04 s within one minute, and from
765 ms to 1.47 s in twenty rounds; with seven rounds render over `dot` alone came out at 1.34
in one full run, 1.04 in another, and with fifteen at 0.99, 1.02 and 1.17."""

COMMAND_ROUNDS = 20
"""Rounds for the whole commands (each a new process), timed in turns."""

Result = dict[str, float | None]
VERBOSE = "--verbose" in sys.argv
WARM = "--warm" in sys.argv


def _cache_size() -> int:
    """The size of the last-level cache in bytes (32 MiB when the system does not say)."""
    caches = sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*/size"))
    try:
        text = caches[-1].read_text().strip()
    except (IndexError, OSError):
        return 32 * 2**20
    scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(text[-1:], 1)
    return int(text.rstrip("KMG")) * scale


_EVICTION = bytearray(4 * _cache_size())
_ZEROS = bytes(len(_EVICTION) // 64)


def evict_caches() -> None:
    """Write over every cache line of a buffer four times the size of the last-level cache."""
    if not WARM:
        _EVICTION[::64] = _ZEROS


def measure(
    step: Callable[..., Any],
    repeat: int,
    memory: bool = True,
    setup: Callable[[], Any] | None = None,
) -> Result:
    """The best time of ``repeat`` runs of ``step``, and its peak memory in one more run.
    With ``setup``, each run of ``step`` is given what ``setup`` made for it just before the
    clock started, which is let go after the clock stops: one such value is held at a time,
    as a user's program holds the one map it works on."""
    began = time.perf_counter()
    best = float("inf")
    for _ in range(repeat):
        given = () if setup is None else (setup(),)
        evict_caches()
        start = time.perf_counter()
        made = step(*given)
        best = min(best, time.perf_counter() - start)
        del made, given  # freeing what the step made or was given is not part of the step
    peak = None
    if memory:
        given = () if setup is None else (setup(),)
        tracemalloc.start()
        step(*given)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        del given
    if VERBOSE:
        took = time.perf_counter() - began
        print(f"  {took:6.1f} s measuring {step.__qualname__}", file=sys.stderr)
    return {"seconds": best, "peak_mib": peak}


def measure_in_turns(steps: dict[str, Callable[[], Any]], repeat: int) -> dict[str, Result]:
    """Steps timed in turns, one run of each per round and the best of the rounds for each: a
    step set beside its floor (``render`` beside ``dot`` alone) then meets the same load of a
    shared machine."""
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(repeat):
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: {"seconds": seconds, "peak_mib": None} for name, seconds in best.items()}


def run(command: list[str], **kwargs: Any) -> None:
    subprocess.run(command, check=True, capture_output=True, **kwargs)


# --- peers --------------------------------------------------------------------------------


def argdown_program() -> str | None:
    """$ARGDOWN, the copy .ci/run installs in .cache/argdown, or one on PATH."""
    local = ROOT / ".cache" / "argdown" / "node_modules" / ".bin" / "argdown"
    named = os.environ.get("ARGDOWN") or (str(local) if local.exists() else None)
    return named or shutil.which("argdown")


def to_arguebuf(m: ArgumentMap) -> Any:
    import arguebuf as ab

    graph = ab.Graph()
    atoms = {claim.id: ab.AtomNode(claim.text, id=claim.id) for claim in m.claims}
    for atom in atoms.values():
        graph.add_node(atom)
    schemes: dict[str, Any] = {}
    undercuts = []
    for index, link in enumerate(m.links):
        kind = ab.Support.DEFAULT if link.relation is Relation.SUPPORTS else ab.Attack.DEFAULT
        scheme = ab.SchemeNode(kind, id=link.id or f"link{index}")
        graph.add_node(scheme)
        schemes[scheme.id] = scheme
        for premise in link.premises:
            graph.add_edge(ab.Edge(atoms[premise], scheme))
        if link.target in atoms:
            graph.add_edge(ab.Edge(scheme, atoms[link.target]))
        else:
            undercuts.append((scheme, link.target))
    for scheme, target in undercuts:
        graph.add_edge(ab.Edge(scheme, schemes[target]))
    return graph


def peers(m: ArgumentMap, folder: Path, repeat: int) -> dict[str, Result]:
    found: dict[str, Result] = {}
    program = argdown_program()
    if program is not None and shutil.which("node"):
        source = folder / "map.argdown"
        source.write_text(export(m, "argdown"), encoding="utf-8")
        out = folder / "argdown"
        found["argdown json (parse + export)"] = measure(
            lambda: run([program, "json", str(source), str(out)]), repeat, memory=False
        )
        if len(m.claims) <= RENDER_LIMIT:
            found["argdown map (svg)"] = measure(
                lambda: run([program, "map", "--format", "svg", str(source), str(out)]),
                repeat,
                memory=False,
            )
    if len(m.claims) > ARGUEBUF_LIMIT:
        return found
    try:
        import arguebuf as ab
    except ImportError:
        return found
    graph = to_arguebuf(m)
    saved = folder / "map.arguebuf.json"
    ab.dump.file(graph, saved)
    found["arguebuf load (its JSON)"] = measure(lambda: ab.load.file(saved), repeat)
    found["arguebuf to graphviz"] = measure(
        lambda: ab.dump.graphviz(graph, max_nodes=sys.maxsize).source, repeat
    )
    return found


# --- the steps ----------------------------------------------------------------------------


def _chosen(name: str, only: str | None) -> bool:
    """Whether a step is measured: ``--only`` takes words separated by commas."""
    return not only or any(word in name for word in only.split(","))


PYTHON_STEPS = [
    "load",
    "load + check",
    "load (fast extra)",
    "load + check (fast extra)",
    "pyyaml load (CSafeLoader)",
    "rapidyaml parse",
    "check (checks only)",
    "check (a map as read)",
    "a pass over the model",
    "a lookup of every target",
    "a dictionary of the claims by id",
    "a dictionary built and looked up",
    "dumps",
    "to_dot",
    "evaluate grounded",
    "evaluate preferred (clingo)",
]


def python_step(name: str, path: Path) -> Callable[[], Any]:
    """The step ``name`` on the map file ``path``, ready to time; the map it works on (for the
    steps after reading) is read before, as a user's program would have it. Reading is timed
    as a plain install reads (the located reader), and with the fast extra's quick reader."""
    from argmap import loading

    fast = name.endswith("(fast extra)")
    if fast:
        name = name.removesuffix(" (fast extra)")
        import msgspec  # noqa: F401 - a ModuleNotFoundError here leaves the step out
        import ryml
    else:
        loading.QUICK_FROM = sys.maxsize  # as without the extra
    if name == "load":
        return lambda: argmap.read(path)
    if name == "load + check":

        def load_and_check() -> tuple[Any, list[Any]]:
            loaded = argmap.read(path)
            return loaded, run_checks(loaded)  # the map too, freed after the clock stops

        return load_and_check
    if name == "pyyaml load (CSafeLoader)":
        import yaml

        return lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    if name == "rapidyaml parse":
        import ryml

        return lambda: ryml.parse_in_arena(path.read_bytes())
    m = argmap.read(path).map
    if name == "a pass over the model":
        return lambda: (
            list(map(attrgetter("text"), m.claims)),
            list(map(attrgetter("target"), m.links)),
        )
    if name == "a lookup of every target":
        by_id = {claim.id: claim for claim in m.claims}
        return lambda: list(map(by_id.get, map(attrgetter("target"), m.links)))
    if name == "a dictionary of the claims by id":
        return lambda: dict(zip(map(attrgetter("id"), m.claims), m.claims, strict=True))
    if name == "a dictionary built and looked up":
        # the floor that growth is held to: a dictionary of the ids, and every target in it
        def build_and_look_up() -> list[Any]:
            by_id = dict(zip(map(attrgetter("id"), m.claims), m.claims, strict=True))
            return list(map(by_id.get, map(attrgetter("target"), m.links)))

        return build_and_look_up
    steps: dict[str, Callable[[], Any]] = {
        "dumps": lambda: argmap.dumps(m),
        "to_dot": lambda: argmap.to_dot(m),
        "evaluate preferred (clingo)": lambda: evaluate(m, "preferred", limit=10),
    }
    return steps[name]


def _read(path: Path) -> ArgumentMap:
    """The map of a valid map file as read, with only the tables the reader fills in
    (``argmap.load`` would also run the checks, which fill in the rest)."""
    read = argmap.read(path).map
    assert read is not None, path
    return read


def prepared_step(name: str, path: Path) -> tuple[Callable[[], Any], Callable[[Any], Any]] | None:
    """For the steps that work on a map of their own, a function that makes it and the step
    itself (see :func:`measure`); None for the other steps. The checks' tables
    (argmap/checks/index.py) are kept for each map object, so that each run needs a map that
    has none yet; each is made before the clock starts and let go after it stops, one at a
    time."""
    if name == "check (checks only)":
        # The checks build their own tables: each run checks a copy of the map, which has none.
        m = _read(path)
        return lambda: attrs.evolve(m), argmap.check
    if name == "check (a map as read)":
        # What `argmap.read` then `argmap.check` does.
        return lambda: _read(path), argmap.check
    if name == "evaluate grounded":
        return lambda: _read(path), lambda read: evaluate(read, "grounded")
    return None


def in_worker(name: str, path: Path, repeat: int, memory: bool = True) -> Result | None:
    """One Python step timed in a new process (``--worker``): each step starts from a heap
    that no other step has used, as a user's command does. None if the step cannot run
    (its library missing)."""
    command = [sys.executable, __file__, "--worker", name, str(path), str(repeat)]
    if WARM:
        command.append("--warm")
    if not memory:
        command.append("--no-memory")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        if "ModuleNotFoundError" in done.stderr:
            return None
        raise RuntimeError(f"{name} on {path} failed:\n{done.stderr}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def worker(argv: list[str]) -> None:
    name, path, repeat = argv[0], Path(argv[1]), int(argv[2])
    memory = "--no-memory" not in argv
    setup, step = prepared_step(name, path) or (None, python_step(name, path))
    print(json.dumps(measure(step, repeat, memory=memory, setup=setup)))


def in_rounds(
    jobs: list[tuple[int, str, Path]], repeat: int, processes: int
) -> dict[int, dict[str, Result]]:
    """The best time of each step at each size (``jobs``: size, step, map file) over
    ``processes`` new processes (``repeat`` runs in each), and its peak memory in the first.
    The same step differs more between processes than within one (a third at 10,000 claims:
    where the heap and its tables land in memory), so the best of several processes is the
    steadier figure. The processes run in rounds, one of each step at each size per round: a
    step and its floor (load + check and rapidyaml's parse), and a step at two sizes, then
    meet the same moments of a shared machine, so that neither their ratio nor the growth
    between the sizes drifts with it (this machine's speed has been seen to halve for
    minutes at a time)."""
    best: dict[int, dict[str, Result]] = {size: {} for size, _, _ in jobs}
    for round_ in range(processes):
        for size, name, path in jobs:
            at_size = best[size]
            if round_ and name not in at_size:
                continue  # its library is missing
            found = in_worker(name, path, repeat, memory=not round_)
            if found is None:
                continue
            if name not in at_size:
                at_size[name] = found
            elif found["seconds"] is not None:
                seconds = at_size[name]["seconds"]
                at_size[name]["seconds"] = min(found["seconds"], seconds or found["seconds"])
    return best


def python_steps(size: int, only: str | None) -> list[str]:
    """The Python steps measured at a size."""
    return [
        name
        for name in PYTHON_STEPS
        if _chosen(name, only) and not ("preferred" in name and size > SEMANTICS_LIMIT)
    ]


def drawing_and_peers(
    m: ArgumentMap, folder: Path, repeat: int, only: str | None
) -> dict[str, Result]:
    """The drawing steps (in turns) and the peers, for a map small enough for them."""
    size = len(m.claims)
    results: dict[str, Result] = {}
    if size <= RENDER_LIMIT:
        source = argmap.to_dot(m)
        drawing: dict[str, Callable[[], Any]] = {
            "render svg (system dot)": lambda: argmap.render(m, "svg", "system", timeout=None),
            "dot alone": lambda: run(["dot", "-Tsvg"], input=source.encode("utf-8")),
            "render svg (embedded)": lambda: argmap.render(m, "svg", "embedded", timeout=None),
        }
        has_dot = shutil.which("dot") is not None
        chosen = {
            name: step
            for name, step in drawing.items()
            if _chosen(name, only) and (has_dot or "embedded" in name)
        }
        results.update(measure_in_turns(chosen, max(repeat, DRAWING_ROUNDS)))
    if size <= ARGDOWN_LIMIT and (_chosen("argdown", only) or _chosen("arguebuf", only)):
        results.update(peers(m, folder, repeat))
    return results


def bench(sizes: list[int], repeat: int, only: str | None, processes: int) -> dict[str, Any]:
    """Every step at every size: the Python steps of all sizes in the same rounds, then the
    drawing steps and the peers size by size."""
    maps: dict[int, tuple[ArgumentMap, Path]] = {}
    for size in sizes:
        m = synthetic_map(size)
        folder = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
        (folder / "map.yaml").write_text(argmap.dumps(m), encoding="utf-8")
        maps[size] = (m, folder)
    try:
        jobs = [
            (size, name, maps[size][1] / "map.yaml")
            for size in sizes
            for name in python_steps(size, only)
        ]
        found = in_rounds(jobs, repeat, processes)
        table: dict[str, Any] = {}
        for size in sizes:
            m, folder = maps[size]
            table[str(size)] = {**found[size], **drawing_and_peers(m, folder, repeat, only)}
            print(f"{size:>8,} claims measured", file=sys.stderr)
        return table
    finally:
        for _, folder in maps.values():
            shutil.rmtree(folder)


def folder_render(count: int) -> dict[str, Result]:
    """``argmap render DIR`` over ``count`` small maps, twice: the second run finds them drawn."""
    folder = Path(tempfile.mkdtemp(prefix="argmap-folder-"))
    for index in range(count):
        m = synthetic_map(8 + index % 25, seed=index)
        (folder / f"map{index:04}.yaml").write_text(argmap.dumps(m), encoding="utf-8")
    out = folder / "out"
    command = [sys.executable, "-m", "argmap", "render", "-o", str(out), str(folder)]
    results = {}
    for name in ("render folder, first run", "render folder, second run"):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        results[name] = {"seconds": time.perf_counter() - start, "peak_mib": None}
    shutil.rmtree(folder)
    return results


def commands(repeat: int) -> dict[str, Result]:
    """Whole commands as a user waits for them, from start to exit, in turns: ``argmap check``
    of an article map, ``argmap --help``, and a bare ``python -c pass`` beside them. The
    argmap commands run through the installed script's own Python, as its entry point does."""
    script = shutil.which("argmap") or ""
    article = ROOT / "maps" / "hanoi-walkout-leverage.yaml"
    steps = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "argmap check (command)": [sys.executable, script, "check", str(article)],
        "argmap --help": [sys.executable, script, "--help"],
    }
    if not script:
        print("argmap: no installed script on PATH, so commands not measured", file=sys.stderr)
        return {}
    out = Path(tempfile.mkdtemp(prefix="argmap-commands-"))
    render = [sys.executable, script, "render", str(article), "-o", str(out), "--force"]
    cold = out / "cache"
    made: dict[str, Callable[[], Any]] = {name: lambda c=c: run(c) for name, c in steps.items()}
    # The embedded Graphviz: warm, its compiled module in the user's cache (made by one run
    # first); cold, with a cache folder emptied before each run, as on a first command.
    run([*render, "--engine", "embedded"])
    made["argmap render (embedded, warm)"] = lambda: run([*render, "--engine", "embedded"])

    def render_cold() -> None:
        shutil.rmtree(cold, ignore_errors=True)
        run([*render, "--engine", "embedded"], env={**os.environ, "XDG_CACHE_HOME": str(cold)})

    made["argmap render (embedded, cold)"] = render_cold
    if shutil.which("dot"):
        made["argmap render (system dot)"] = lambda: run([*render, "--engine", "system"])
    try:
        return measure_in_turns(made, repeat)
    finally:
        shutil.rmtree(out, ignore_errors=True)


# --- the table ----------------------------------------------------------------------------

RATIOS = [
    ("load + check", "pyyaml load (CSafeLoader)", "load + check / PyYAML load"),
    (
        "load + check (fast extra)",
        "rapidyaml parse",
        "load + check (fast extra) / rapidyaml parse",
    ),
    ("argmap check (command)", "python -c pass", "argmap check / python -c pass"),
    ("argmap --help", "python -c pass", "argmap --help / python -c pass"),
    (
        "argmap render (embedded, warm)",
        "argmap render (system dot)",
        "render embedded / system (warm cache)",
    ),
    (
        "argmap render (embedded, cold)",
        "argmap render (system dot)",
        "render embedded / system (cold cache)",
    ),
    ("render svg (system dot)", "dot alone", "render / dot alone"),
    ("load + check", "argdown json (parse + export)", "load + check / argdown json"),
    ("render svg (system dot)", "argdown map (svg)", "render / argdown map"),
    ("load + check", "arguebuf load (its JSON)", "load + check / arguebuf load"),
    ("to_dot", "arguebuf to graphviz", "to_dot / arguebuf to graphviz"),
]


def ratios(table: dict[str, dict[str, Result]]) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    for size, results in table.items():
        if not size.isdigit():
            continue
        for mine, other, name in RATIOS:
            a, b = results.get(mine), results.get(other)
            if a and b and a["seconds"] and b["seconds"]:
                found.setdefault(name, {})[size] = a["seconds"] / b["seconds"]
    timed = table.get("commands", {})
    for mine, other, name in RATIOS:
        a, b = timed.get(mine), timed.get(other)
        if a and b and a["seconds"] and b["seconds"]:
            found[name] = {"commands": a["seconds"] / b["seconds"]}
    folder = table.get("folder", {})
    first, second = folder.get("render folder, first run"), folder.get("render folder, second run")
    if first and second and first["seconds"] and second["seconds"]:
        found["second folder run / first"] = {"folder": second["seconds"] / first["seconds"]}
    return found


def growth(table: dict[str, dict[str, Result]], sizes: list[int]) -> dict[str, float]:
    """Time at the largest size over time at the size before, for every step measured at both."""
    if len(sizes) < 2:
        return {}
    small, large = table[str(sizes[-2])], table[str(sizes[-1])]
    return {
        step: large[step]["seconds"] / small[step]["seconds"]  # type: ignore[operator]
        for step in large
        if step in small and small[step]["seconds"]
    }


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_table(table: dict[str, Any], sizes: list[int], out: Any) -> None:
    steps: list[str] = []
    for size in sizes:
        steps.extend(step for step in table[str(size)] if step not in steps)
    heads = [f"{size:,} claims" for size in sizes]
    span = f"x{sizes[-1] // sizes[-2]} claims" if len(sizes) > 1 else ""
    print("| step | " + " | ".join(heads) + f" | growth {span} |", file=out)
    print("| --- " * (len(sizes) + 2) + "|", file=out)
    for step in steps:
        cells = []
        for size in sizes:
            r = table[str(size)].get(step)
            if r is None:
                cells.append("-")
            else:
                mem = f", {r['peak_mib']:.0f} MiB" if r.get("peak_mib") else ""
                cells.append(fmt_time(r["seconds"]) + mem)
        factor = table["growth"].get(step)
        print(
            f"| {step} | " + " | ".join(cells) + f" | {f'x{factor:.2f}' if factor else '-'} |",
            file=out,
        )
    for step, r in table.get("folder", {}).items():
        print(f"| {step} ({table['folder_maps']} maps) | {fmt_time(r['seconds'])} |", file=out)
    for step, r in table.get("commands", {}).items():
        print(f"| {step} | {fmt_time(r['seconds'])} |", file=out)
    print("", file=out)
    print("| ratio | " + " | ".join(heads) + " |", file=out)
    print("| --- " * (len(sizes) + 1) + "|", file=out)
    for name, by_size in table["ratios"].items():
        if "folder" in by_size or "commands" in by_size:
            print(f"| {name} | {next(iter(by_size.values())):.3f} |", file=out)
            continue
        cells = [f"{by_size[str(s)]:.2f}" if str(s) in by_size else "-" for s in sizes]
        print(f"| {name} | " + " | ".join(cells) + " |", file=out)


PEERS = [
    (
        "argdown",
        "argdown json (parse + export)",
        ARGDOWN_LIMIT,
        "node and `npm install --prefix .cache/argdown @argdown/cli`",
    ),
    ("arguebuf", "arguebuf load (its JSON)", ARGUEBUF_LIMIT, "`pip install -e '.[test]'`"),
]
"""Each peer: its name, the step that shows it ran, the largest map it is run on, what it needs."""


def missing_peers(table: dict[str, Any], sizes: list[int], only: str | None) -> list[str]:
    """A line for each peer that should have run at some size and did not: not installed."""
    found = {step for size in sizes for step in table[str(size)]}
    return [
        f"{name}: not installed, so not measured (it needs {needs})"
        for name, step, limit, needs in PEERS
        if _chosen(name, only) and min(sizes) <= limit and step not in found
    ]


def main(argv: list[str]) -> None:
    if argv[:1] == ["--worker"]:
        worker(argv[1:])
        return
    as_json = "--json" in argv
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    small = "--small" in argv
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 2 if small else 3
    processes = (
        int(argv[argv.index("--processes") + 1]) if "--processes" in argv else 1 if small else 5
    )
    count = int(argv[argv.index("--folder") + 1]) if "--folder" in argv else 20 if small else 1000
    options = ("--only", "--repeat", "--folder", "--processes")
    values = {argv[i + 1] for i, a in enumerate(argv) if a in options}
    sizes = [int(a) for a in argv if a.isdigit() and a not in values]
    sizes = sizes or ([100, 300] if small else [100, 1_000, 10_000, 100_000])
    table: dict[str, Any] = bench(sizes, repeat, only, processes)
    if count and _chosen("render folder", only):
        table["folder"] = folder_render(count)
        table["folder_maps"] = count
    if _chosen("command", only) or _chosen("help", only) or _chosen("python", only):
        table["commands"] = commands(max(repeat, COMMAND_ROUNDS))
    table["growth"] = growth(table, sizes)
    table["ratios"] = ratios(table)
    table["machine"] = {"cores": os.cpu_count(), "python": sys.version.split()[0]}
    for line in missing_peers(table, sizes, only):
        print(line, file=sys.stderr)
    if as_json:
        print_table(table, sizes, sys.stderr)
        print(json.dumps(table, indent=2))
    else:
        print_table(table, sizes, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Drawing many maps: over every core, skipping maps whose drawing is up to date.

A drawing is up to date when its file is newer than the map (and than every map of the folder,
for a map that refers to other maps) and a stamp file in the output folder,
``.argmap.render.json``, says that it was drawn by this version of argmap with the same options.
``force=True`` draws every map again. Each map is read, checked and drawn in a worker process;
the outcomes come back in the order of the maps, to be reported by the caller (this module
prints nothing).
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap import __version__

if TYPE_CHECKING:
    from argmap.loading import Loaded

# What only drawing needs (reading, checks, Graphviz, the worker pool) is imported when a map is
# to be drawn: a run that finds every drawing up to date loads none of it.

STAMP = ".argmap.render.json"
"""The stamp file of an output folder: for each drawing, the version and options it was drawn
with, and the maps it was drawn from."""


@attrs.frozen
class Options:
    """How every map of a batch is drawn."""

    format: str = "svg"
    engine: str = "auto"
    layout: str = "dot"
    timeout: float | None = None
    semantics: str | None = None

    def key(self) -> str:
        """What a drawing depends on besides its maps (not the time it may take)."""
        return json.dumps([__version__, self.format, self.engine, self.layout, self.semantics])


@attrs.frozen
class Outcome:
    """What became of one map."""

    path: Path
    target: Path
    drawn: bool = False
    """Drawn and written to ``target``."""
    up_to_date: bool = False
    """Not drawn: the drawing already there is up to date."""
    loaded: Loaded | None = None
    """The map as read, when it had errors (they are in ``errors``)."""
    errors: tuple[object, ...] = ()
    """The error diagnostics that stopped the drawing."""
    problem: str | None = None
    """Why Graphviz could not draw it."""
    inputs: tuple[str, ...] = ()
    """The map files the drawing was made from."""


def draw_one(path: Path, target: Path, options: Options) -> Outcome:
    """Read, check and draw one map to ``target``."""
    from argmap.checks import run_checks
    from argmap.corpus import Corpus, has_references
    from argmap.evaluation import evaluate
    from argmap.files import write_atomic
    from argmap.loading import read
    from argmap.overview import drawing
    from argmap.rendering import RenderError, render

    loaded = read(path)
    errors = tuple(d for d in run_checks(loaded) if d.is_error)
    if errors or loaded.map is None:
        return Outcome(path, target, loaded=loaded, errors=errors)
    m = loaded.map
    inputs: tuple[str, ...] = (str(path.resolve()),)
    grouping = None
    if has_references(m):  # referenced texts, boxed by the map they come from
        corpus = Corpus(path.parent, [loaded])
        m, grouping = drawing(corpus, path.stem, m)
        inputs = tuple(str(p.resolve()) for p in corpus.files.values())
    try:
        evaluation = evaluate(m, options.semantics) if options.semantics else None  # type: ignore[arg-type]
        data = render(
            m,
            options.format,  # type: ignore[arg-type]
            options.engine,  # type: ignore[arg-type]
            evaluation=evaluation,
            layout=options.layout,  # type: ignore[arg-type]
            timeout=options.timeout,
            grouping=grouping,
        )
    except RenderError as error:
        return Outcome(path, target, problem=str(error))
    write_atomic(target, data)
    return Outcome(path, target, drawn=True, inputs=inputs)


def _draw_job(job: tuple[Path, Path, Options]) -> Outcome:
    return draw_one(*job)


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


class Stamps:
    """The stamp files of the output folders of a batch, by folder."""

    def __init__(self) -> None:
        self.folders: dict[str, dict[str, dict[str, object]]] = {}
        self.changed: set[str] = set()

    def entries(self, folder: str) -> dict[str, dict[str, object]]:
        if folder not in self.folders:
            try:
                with open(os.path.join(folder, STAMP), encoding="utf-8") as handle:
                    found = json.load(handle)
                self.folders[folder] = found if isinstance(found, dict) else {}
            except (OSError, ValueError):
                self.folders[folder] = {}
        return self.folders[folder]

    def up_to_date(self, target: Path, key: str) -> bool:
        """Whether the drawing ``target`` was made with the options of ``key``
        (:meth:`Options.key`) and is newer than every map it was drawn from. Only the stamp is
        read, and only the drawing and its maps are looked at (one ``stat`` each)."""
        drawing = os.fspath(target)
        folder, name = os.path.split(drawing)
        entry = self.entries(folder).get(name)
        if not isinstance(entry, dict) or entry.get("options") != key:
            return False
        inputs = entry.get("inputs")
        if not isinstance(inputs, list) or not inputs:
            return False
        drawn = _mtime(drawing)
        if drawn is None:
            return False
        for source in inputs:
            changed = _mtime(source) if isinstance(source, str) else None
            if changed is None or changed > drawn:
                return False
        return True

    def record(self, outcome: Outcome, options: Options) -> None:
        folder, name = os.path.split(os.fspath(outcome.target))
        self.entries(folder)[name] = {"options": options.key(), "inputs": list(outcome.inputs)}
        self.changed.add(folder)

    def forget(self, target: Path) -> None:
        folder, name = os.path.split(os.fspath(target))
        if self.entries(folder).pop(name, None) is not None:
            self.changed.add(folder)

    def save(self) -> None:
        from argmap.files import write_atomic

        for folder in sorted(self.changed):
            text = json.dumps(self.folders[folder], indent=1, sort_keys=True) + "\n"
            write_atomic(os.path.join(folder, STAMP), text.encode("utf-8"))
        self.changed.clear()


def _watch_parent() -> None:
    """In a worker: end when the process that started it ends. A pool's workers otherwise
    wait for work for ever after ``argmap render`` is killed (nothing can tell them)."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="argmap-watch-parent", daemon=True).start()


def draw_all(
    pairs: Sequence[tuple[Path, Path]],
    options: Options,
    *,
    force: bool = False,
    jobs: int | None = None,
) -> Iterator[Outcome]:
    """Draw each map to its target, in ``jobs`` processes (every core by default; one draws in
    this process), skipping drawings that are up to date unless ``force``. Outcomes come in the
    order of ``pairs``; the stamps are saved as the batch ends, even if it is interrupted."""
    stamps = Stamps()
    key = options.key()
    again = [force or not stamps.up_to_date(target, key) for _, target in pairs]
    todo = [
        (path, target, options) for (path, target), stale in zip(pairs, again, strict=True) if stale
    ]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    try:
        if workers == 1:
            results: Iterator[Outcome] = map(_draw_job, todo)
        else:
            from concurrent.futures import ProcessPoolExecutor

            _import_drawing()  # once, here: forked workers start with it
            pool = ProcessPoolExecutor(max_workers=workers, initializer=_watch_parent)
            chunk = max(1, min(16, len(todo) // (workers * 8)))
            results = pool.map(_draw_job, todo, chunksize=chunk)
        pending = iter(results)
        for (path, target), stale in zip(pairs, again, strict=True):
            if not stale:
                yield Outcome(path, target, up_to_date=True)
                continue
            outcome = next(pending)
            if outcome.drawn:
                stamps.record(outcome, options)
            else:
                stamps.forget(target)
            yield outcome
    finally:
        if workers > 1:
            pool.shutdown(wait=True, cancel_futures=True)
        stamps.save()


def _import_drawing() -> None:
    """Import what drawing a map needs (see :func:`draw_one`)."""
    for name in ("checks", "corpus", "dot", "evaluation", "loading", "overview", "rendering"):
        importlib.import_module(f"argmap.{name}")

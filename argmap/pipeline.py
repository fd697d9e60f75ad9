"""The whole path a map takes: read, check, evaluate when asked, draw or write.

Each step lives in its own module (:mod:`argmap.loading` reads, :mod:`argmap.checks` checks,
:mod:`argmap.evaluation` evaluates, :mod:`argmap.dot` and :mod:`argmap.rendering` draw,
:mod:`argmap.formats` converts); this module strings them together, so that the library and
every command of ``argmap`` (check, render, watch, eval, show, export, import, split, fmt) take
the same path. Nothing here prints or exits: results are values (outcomes carrying the
diagnostics found, the paths written, and why something was not done).

Two rules hold for everything written here: files are written atomically
(:func:`argmap.files.write_atomic`), and never over a map; drawings go where their caller says
(beside each map, or into its output folder) and nowhere else. Drawing many maps
(:func:`draw_all`) uses every core and skips drawings that are up to date
(:mod:`argmap.stamps`).
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from argmap import __version__
from argmap.files import WriteError, make_folder, write_atomic

# What only reading, checking and drawing need is imported inside the functions that need it:
# `argmap render` over drawings that are all up to date loads none of it.
if TYPE_CHECKING:
    from argmap.checks import Check
    from argmap.corpus import Corpus
    from argmap.diagnostics import Diagnostic
    from argmap.dot import Grouping
    from argmap.evaluation import Evaluation
    from argmap.formats import Format
    from argmap.html import IndexEntry
    from argmap.loading import Loaded
    from argmap.model import ArgumentMap


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- reading and checking -------------------------------------------------------------------


def find_source_text(
    argument_map: ArgumentMap | None, sources: Iterable[str | os.PathLike[str]]
) -> str | None:
    """The text named by the map's ``source.file``, looked up in each of ``sources`` in turn.

    Only files inside those folders are read, whatever the name holds (``../`` included).
    """
    name = argument_map.source.file if argument_map and argument_map.source else None
    if not name:
        return None
    for folder in sources:
        base = os.path.realpath(folder)
        candidate = os.path.realpath(os.path.join(base, name))
        if os.path.commonpath([base, candidate]) != base or not os.path.isfile(candidate):
            continue
        with open(candidate, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    return None


def check_loaded(
    loaded: Loaded,
    *,
    sources: Iterable[str | os.PathLike[str]] = (),
    checks: Mapping[str, Check] | None = None,
    corpus: Corpus | None = None,
) -> list[Diagnostic]:
    """Every diagnostic of a read map: the reader's and the checks', located, in file order.
    The map's source text is looked up in ``sources`` for ``quote-not-found``."""
    from argmap.checks import run_checks

    text = find_source_text(loaded.map, sources)
    return run_checks(loaded, source_text=text, checks=checks, corpus=corpus)


def check_file(
    path: str | os.PathLike[str],
    *,
    sources: Iterable[str | os.PathLike[str]] = (),
    checks: Mapping[str, Check] | None = None,
) -> list[Diagnostic]:
    """Every diagnostic of a map file, located at file, line and column, in file order."""
    from argmap.loading import read

    return check_loaded(read(path), sources=sources, checks=checks)


def _valid(loaded: Loaded) -> ArgumentMap:
    from argmap.checks import run_checks
    from argmap.diagnostics import MapError

    diagnostics = run_checks(loaded)
    if loaded.map is None or any(d.is_error for d in diagnostics):
        raise MapError(diagnostics)
    return loaded.map


def loads(text: str, file: str | None = None) -> ArgumentMap:
    """A map from YAML text. Raises :class:`MapError` with every diagnostic if it has errors."""
    from argmap.loading import parse

    return _valid(parse(text, file))


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """A map from a YAML file. Raises :class:`MapError` with every diagnostic if it has errors."""
    from argmap.loading import read

    return _valid(read(path))


def check_corpus(
    corpus: Corpus, *, sources: Iterable[str | os.PathLike[str]] = ()
) -> list[Diagnostic]:
    """Every diagnostic of every map of a folder, references across maps included."""
    folders = list(sources)
    found: list[Diagnostic] = []
    for stem in corpus.stems:
        loaded = corpus.loaded(stem)
        if loaded is None:  # pragma: no cover - every stem has a reading
            continue
        found.extend(check_loaded(loaded, sources=folders, corpus=corpus))
    return found


def load_corpus(folder: str | os.PathLike[str]) -> Corpus:
    """The maps of a folder, checked with their references across maps.

    Raises :class:`MapError` carrying every diagnostic of every map when any has errors.
    """
    from argmap.corpus import Corpus
    from argmap.diagnostics import MapError

    corpus = Corpus(folder)
    diagnostics = check_corpus(corpus)
    if any(d.is_error for d in diagnostics):
        raise MapError(diagnostics)
    return corpus


@attrs.frozen
class Checked:
    """A map file read and checked."""

    path: Path
    loaded: Loaded
    """What the reader made of the file (its lines are where diagnostics point)."""
    diagnostics: tuple[Diagnostic, ...]
    """Every diagnostic, the reader's and the checks', in file order."""
    missing_source: str | None = None
    """The map's ``source.file`` when source folders were given and none holds it (its quotes
    were not verified)."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)

    @property
    def map(self) -> ArgumentMap | None:
        """The map, when it has no errors (it may be used: drawn, evaluated, written)."""
        return None if self.errors else self.loaded.map


def read_checked(
    path: Path,
    *,
    sources: Sequence[str | os.PathLike[str]] = (),
    corpus: Corpus | None = None,
) -> Checked:
    """A map file read and checked, quotes verified against the source text found in
    ``sources``; references to other maps looked up in ``corpus`` (by default, in the maps
    beside it)."""
    from argmap.loading import read

    loaded = read(path)
    m = loaded.map
    text = find_source_text(m, sources)
    missing = None
    if sources and text is None and m is not None and m.source and m.source.file:
        missing = m.source.file
    from argmap.checks import run_checks

    found = run_checks(loaded, source_text=text, corpus=corpus)
    return Checked(path, loaded, tuple(found), missing)


def check_maps(
    maps: Iterable[Path], *, sources: Sequence[str | os.PathLike[str]] = ()
) -> Iterator[Checked]:
    """Each map read and checked in turn (``argmap check``), the maps of one folder sharing
    what is read of their folder for the references between them."""
    from argmap.corpus import Corpus

    corpora: dict[Path, Corpus] = {}
    for path in maps:
        corpus = corpora.setdefault(path.parent.resolve(), Corpus(path.parent))
        yield read_checked(path, sources=sources, corpus=corpus)


def evaluate_file(path: Path, semantics: str) -> tuple[Checked, Evaluation | None]:
    """A map file read and checked, and, when it has no errors, the status of each claim under
    ``semantics`` (``argmap eval`` and ``argmap show``)."""
    checked = read_checked(path)
    if checked.map is None:
        return checked, None
    from argmap.evaluation import evaluate

    return checked, evaluate(checked.map, semantics)  # type: ignore[arg-type]


def clash(
    inputs: Sequence[Path],
    targets: Sequence[Path],
    verb: str,
    done: str,
    what: str = "the map",
) -> str | None:
    """Why writing each input's target must not start (a target is one of the inputs, or two
    inputs share a target), or None. ``verb`` and ``done`` name the work: drawing, drawn."""
    from argmap.files import real_paths

    given = set(real_paths(inputs))
    seen: dict[str, Path] = {}
    for path, target, key in zip(inputs, targets, real_paths(targets), strict=True):
        if key in given:
            return f"{verb} {path} would write over {what} {target}"
        if key in seen:
            return f"{seen[key]} and {path} would both be {done} to {target}"
        seen[key] = path
    return None


# --- drawing --------------------------------------------------------------------------------


@attrs.frozen
class Options:
    """How every map of a batch is drawn."""

    format: str = "svg"
    engine: str = "auto"
    layout: str = "dot"
    timeout: float | None = None
    semantics: str | None = None
    legend: bool = True
    """A legend saying what each style of the drawing means."""

    def key(self) -> str:
        """What a drawing depends on besides its maps (not the time it may take)."""
        drawn = [__version__, self.format, self.engine, self.layout, self.semantics]
        return json.dumps(drawn if self.legend else [*drawn, "no legend"])


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
    errors: tuple[Diagnostic, ...] = ()
    """The error diagnostics that stopped the drawing."""
    problem: str | None = None
    """Why Graphviz could not draw it."""
    inputs: tuple[str, ...] = ()
    """The map files the drawing was made from."""
    entry: IndexEntry | None = None
    """For an HTML page drawn for an index (:func:`draw_pages`): the page's entry on it."""


@attrs.frozen
class Plan:
    """A drawing about to start, for the command line to say what it will take: the map's
    claims, the layout that draws it, and about how long the dot layout would take."""

    path: Path
    claims: int
    layout: str
    """The Graphviz layout that draws it (``auto`` chosen: dot or sfdp)."""
    dot_seconds: float
    """About how long the dot layout takes for this map (:func:`argmap.rendering.dot_seconds`),
    whichever layout draws it."""
    switched: bool = False
    """``auto`` chose sfdp, dot taking longer than a user waits."""


OnPlan = Callable[[Plan], None]
"""Told of each drawing as it starts (in the process that iterates :func:`draw_all`)."""


def _plan(path: Path, m: ArgumentMap, options: Options) -> Plan:
    from argmap.rendering import choose_layout, dot_seconds

    claims = len(m.claims)
    layout = choose_layout(options.layout, claims)  # type: ignore[arg-type]
    switched = options.layout == "auto" and layout != "dot"
    return Plan(path, claims, layout, dot_seconds(claims), switched)


def _start(path: Path, m: ArgumentMap, options: Options, on_plan: OnPlan | None) -> Plan:
    """How ``m`` will be drawn, told to ``on_plan`` when Graphviz is to draw it (not for DOT
    text, nor for a map refused as too large for the dot layout)."""
    from argmap.rendering import too_long

    plan = _plan(path, m, options)
    refused = plan.layout == "dot" and too_long(plan.dot_seconds, options.timeout)
    if on_plan is not None and options.format != "dot" and not refused:
        on_plan(plan)
    return plan


@attrs.frozen
class _Prepared:
    """A map ready to draw: checked, references filled in, evaluated when asked."""

    map: ArgumentMap
    grouping: Grouping | None
    evaluation: Evaluation | None
    inputs: tuple[str, ...]


def _prepare(path: Path, target: Path, options: Options) -> _Prepared | Outcome:
    """Read, check and evaluate one map for drawing; an outcome saying why not otherwise."""
    from argmap.checks import run_checks
    from argmap.corpus import Corpus, has_references
    from argmap.evaluation import evaluate
    from argmap.loading import read
    from argmap.overview import drawing

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
    evaluation = evaluate(m, options.semantics) if options.semantics else None  # type: ignore[arg-type]
    return _Prepared(m, grouping, evaluation, inputs)


def _render(
    m: ArgumentMap,
    grouping: Grouping | None,
    evaluation: Evaluation | None,
    options: Options,
    format: str,
    layout: str,
) -> bytes:
    from argmap.rendering import render

    return render(
        m,
        format,  # type: ignore[arg-type]
        options.engine,  # type: ignore[arg-type]
        evaluation=evaluation,
        layout=layout,  # type: ignore[arg-type]
        timeout=options.timeout,
        grouping=grouping,
        legend=options.legend,
    )


def draw_one(path: Path, target: Path, options: Options, on_plan: OnPlan | None = None) -> Outcome:
    """Read, check and draw one map to ``target``; ``on_plan`` is told of the drawing as it
    starts."""
    from argmap.rendering import RenderError

    try:
        ready = _prepare(path, target, options)
        if isinstance(ready, Outcome):
            return ready
        plan = _start(path, ready.map, options, on_plan)
        m, grouping, evaluation = ready.map, ready.grouping, ready.evaluation
        data = _render(m, grouping, evaluation, options, options.format, plan.layout)
        write_atomic(target, data)
    except (RenderError, WriteError) as error:
        return Outcome(path, target, problem=str(error))
    return Outcome(path, target, drawn=True, inputs=ready.inputs)


def _draw_job(job: tuple[Path, Path, Options]) -> tuple[Outcome, bool]:
    """In a worker: :func:`draw_one`, its plan sent to the process that started it; whether
    one was sent."""
    sent = []

    def send(plan: Plan) -> None:
        _PLANS.put(plan)
        sent.append(plan)

    outcome = draw_one(*job, on_plan=send if _PLANS is not None else None)
    return outcome, bool(sent)


_PLANS: Any = None
"""In a worker: where the plans of its drawings go to the process that started it."""


def _start_worker(plans: Any = None) -> None:
    """In a worker: send plans to ``plans``, and end when the process that started it ends.
    A pool's workers otherwise wait for work for ever after ``argmap render`` is killed
    (nothing can tell them)."""
    import threading
    import time

    global _PLANS
    _PLANS = plans
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
    on_plan: OnPlan | None = None,
) -> Iterator[Outcome]:
    """Draw each map to its target, in ``jobs`` processes (every core by default; one draws in
    this process), skipping drawings that are up to date unless ``force``. Outcomes come in the
    order of ``pairs``; the stamps are saved as the batch ends, even if it is interrupted.
    ``on_plan`` is told of each drawing as it starts, in this process: from the drawing itself
    in this process, else from a thread that receives the workers' plans."""
    from argmap.stamps import Stamps

    stamps = Stamps()
    key = options.key()
    again = [force or not stamps.up_to_date(target, key) for _, target in pairs]
    todo = [
        (path, target, options) for (path, target), stale in zip(pairs, again, strict=True) if stale
    ]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    plans = None
    try:
        if workers == 1:
            results: Iterator[tuple[Outcome, bool]] = (
                (draw_one(*job, on_plan=on_plan), False) for job in todo
            )
        else:
            from concurrent.futures import ProcessPoolExecutor

            _import_drawing()  # once, here: forked workers start with it
            if on_plan is not None:
                plans = _Plans(on_plan)
            queue = plans.queue if plans is not None else None
            pool = ProcessPoolExecutor(
                max_workers=workers, initializer=_start_worker, initargs=(queue,)
            )
            chunk = max(1, min(16, len(todo) // (workers * 8)))
            results = pool.map(_draw_job, todo, chunksize=chunk)
        pending = iter(results)
        for (path, target), stale in zip(pairs, again, strict=True):
            if not stale:
                yield Outcome(path, target, up_to_date=True)
                continue
            outcome, planned = next(pending)
            if planned and plans is not None:  # its plan is told before its outcome
                plans.wait_for(outcome.path)
            if outcome.drawn:
                stamps.record(outcome.target, key, outcome.inputs)
            else:
                stamps.forget(target)
            yield outcome
    finally:
        if workers > 1:
            pool.shutdown(wait=True, cancel_futures=True)
        if plans is not None:
            plans.queue.put(None)  # the receiving thread ends
        stamps.save()


class _Plans:
    """A queue for workers to send plans to, and a thread telling ``on_plan`` of each as it
    comes, until it receives None."""

    def __init__(self, on_plan: OnPlan) -> None:
        import multiprocessing
        import threading

        self.on_plan = on_plan
        self.queue: Any = multiprocessing.SimpleQueue()
        self.told: set[Path] = set()
        self.changed = threading.Condition()
        threading.Thread(target=self._receive, name="argmap-plans", daemon=True).start()

    def _receive(self) -> None:
        while (plan := self.queue.get()) is not None:
            try:
                self.on_plan(plan)
            finally:
                with self.changed:
                    self.told.add(plan.path)
                    self.changed.notify_all()

    def wait_for(self, path: Path) -> None:
        """Until the plan of ``path``, sent before its outcome, has been told."""
        with self.changed:
            self.changed.wait_for(lambda: path in self.told)


def _import_drawing() -> None:
    """Import what drawing a map needs (see :func:`draw_one`)."""
    for name in ("checks", "corpus", "dot", "evaluation", "loading", "overview", "rendering"):
        importlib.import_module(f"argmap.{name}")


# --- HTML pages and their index ---------------------------------------------------------------


def index_path(targets: Sequence[Path], output_dir: Path | None) -> Path:
    """Where the index of several HTML pages goes: the output folder, or the folder that holds
    all the pages."""
    from argmap.html import INDEX_NAME

    if output_dir is not None:
        return output_dir / INDEX_NAME
    try:
        common = os.path.commonpath([str(t.parent) for t in targets])
    except ValueError:  # relative and absolute paths mixed
        common = os.path.commonpath([os.path.abspath(t.parent) for t in targets])
    return Path(common) / INDEX_NAME


def index_clash(maps: Sequence[Path], targets: Sequence[Path], index: Path) -> str | None:
    """Why the index cannot go to ``index`` (a map's page goes there), or None."""
    from argmap.files import real_paths

    drawn_to = dict(zip(real_paths(targets), maps, strict=True))
    (real_index,) = real_paths([index])
    if real_index in drawn_to:
        return (
            f"{drawn_to[real_index]} would be drawn to {index}, where the index of the "
            "maps goes; render it on its own or into another folder"
        )
    return None


def _href(target: Path, start: Path) -> str:
    """A relative URL from a page in folder ``start`` to ``target``."""
    relative = os.path.relpath(os.path.abspath(target), os.path.abspath(start))
    import urllib.parse

    return urllib.parse.quote(Path(relative).as_posix())


def draw_page(
    path: Path,
    target: Path,
    options: Options,
    index: Path | None = None,
    on_plan: OnPlan | None = None,
) -> Outcome:
    """Read, check and draw one map as an interactive HTML page to ``target``, linking back to
    ``index`` if given (the outcome then carries the page's entry on the index); ``on_plan`` is
    told of the drawing as it starts."""
    from argmap.html import IndexEntry
    from argmap.html import page as html_page
    from argmap.rendering import RenderError

    try:
        ready = _prepare(path, target, options)
        if isinstance(ready, Outcome):
            return ready
        plan = _start(path, ready.map, options, on_plan)
        svg = _render(ready.map, ready.grouping, ready.evaluation, options, "svg", plan.layout)
    except RenderError as error:
        return Outcome(path, target, problem=str(error))
    m = ready.map
    back = _href(index, target.parent) if index is not None else None
    text = html_page(m, svg, evaluation=ready.evaluation, name=path.stem, index_href=back)
    entry = (
        IndexEntry(_href(target, index.parent), m, svg, path.stem) if index is not None else None
    )
    try:
        write_atomic(target, text.encode("utf-8"))
    except WriteError as error:
        return Outcome(path, target, problem=str(error))
    return Outcome(path, target, drawn=True, inputs=ready.inputs, entry=entry)


def draw_pages(
    pairs: Iterable[tuple[Path, Path]],
    options: Options,
    index: Path | None = None,
    on_plan: OnPlan | None = None,
) -> Iterator[Outcome]:
    """:func:`draw_page` for each map in turn, in this process (every page is drawn: the
    index needs each one's drawing)."""
    for path, target in pairs:
        yield draw_page(path, target, options, index, on_plan)


def write_index(index: Path, entries: Sequence[IndexEntry]) -> None:
    """Write the index page linking the HTML pages of ``entries``."""
    from argmap.html import index_page

    write_atomic(index, index_page(entries).encode("utf-8"))


# --- a folder in one diagram ------------------------------------------------------------------


@attrs.frozen
class Merged:
    """What became of a folder drawn as one diagram."""

    folder: Path
    target: Path
    invalid: tuple[Checked, ...]
    """The maps left out for their errors."""
    claims: int = 0
    """Claims in the diagram."""
    drawn: bool = False
    problem: str | None = None
    """Why Graphviz could not draw it."""


def merged_target(folder: Path, format: str, output_dir: Path | None) -> Path:
    """Where a folder's diagram goes: named after the folder, beside it or in ``output_dir``."""
    name = folder.resolve().name or "maps"
    return (output_dir if output_dir is not None else folder.resolve().parent) / (
        f"{name}.{format}"
    )


def draw_merged(
    folder: Path, target: Path, options: Options, on_plan: OnPlan | None = None
) -> Merged:
    """Draw every map of ``folder`` in one diagram to ``target``, a box per map; maps with
    errors are left out (and named in the outcome); ``on_plan`` is told of the drawing as it
    starts."""
    from argmap.corpus import Corpus
    from argmap.evaluation import evaluate
    from argmap.overview import merged
    from argmap.rendering import RenderError

    name = folder.resolve().name or "maps"
    corpus = Corpus(folder)
    checked = [read_checked(corpus.files[stem]) for stem in corpus.stems]
    invalid = tuple(c for c in checked if c.errors or c.loaded.map is None)
    m, grouping = merged(corpus, f"{name}: {_plural(len(corpus.stems) - len(invalid), 'map')}")
    try:
        semantics = options.semantics
        evaluation = evaluate(m, semantics) if semantics else None  # type: ignore[arg-type]
        layout = _start(folder, m, options, on_plan).layout
        data = _render(m, grouping, evaluation, options, options.format, layout)
        write_atomic(target, data)
    except (RenderError, WriteError) as error:
        return Merged(folder, target, invalid, len(m.claims), problem=str(error))
    return Merged(folder, target, invalid, len(m.claims), drawn=True)


# --- watching -------------------------------------------------------------------------------


@attrs.frozen
class Watched:
    """What became of a saved map: checked, and drawn when asked and it has no errors."""

    checked: Checked
    target: Path | None = None
    """Where its drawing was written."""
    over_map: bool = False
    """Not drawn: the drawing would replace the map."""
    problem: str | None = None
    """Not drawn: why Graphviz could not draw it."""


def check_and_draw(
    path: Path,
    output_dir: Path | None = None,
    *,
    sources: Sequence[str | os.PathLike[str]] = (),
    draw: bool = True,
) -> Watched:
    """Check a map (``argmap watch`` does at each save) and, when ``draw`` and it has no
    errors, draw it as SVG beside it or into ``output_dir``."""
    from argmap.files import output_path

    checked = read_checked(path, sources=sources)
    m = checked.map
    if not draw or m is None:
        return Watched(checked)
    target = output_path(path, "svg", output_dir)
    if target.resolve() == path.resolve():
        return Watched(checked, over_map=True)
    from argmap.rendering import RenderError, render

    try:
        data = render(m, "svg")
        write_atomic(target, data)
    except (RenderError, WriteError) as error:
        return Watched(checked, problem=str(error))
    return Watched(checked, target)


# --- other formats --------------------------------------------------------------------------


def check_import(loaded: Loaded) -> Loaded:
    """What an importer read, with the errors argmap's checks find in the map it built (a
    support cycle, say) added to the format's own diagnostics, in file order.

    Warnings of the checks are left out (the imported map is checked again as a map), and a
    diagnostic the importer already reported is not reported twice.
    """
    if loaded.map is None:
        return loaded
    from argmap.checks import run_checks
    from argmap.diagnostics import sort_key

    seen = set(loaded.diagnostics)
    extra: list[Diagnostic] = []
    for diagnostic in run_checks(loaded):
        if diagnostic.is_error and diagnostic not in seen:
            seen.add(diagnostic)
            extra.append(diagnostic)
    if not extra:
        return loaded
    found = tuple(sorted((*loaded.diagnostics, *extra), key=sort_key))
    return attrs.evolve(loaded, diagnostics=found)


def import_text(text: str, from_: str, file: str | None = None) -> Loaded:
    """Text in the format called ``from_`` read into a map and checked: the format's
    diagnostics and the errors of argmap's checks, located in the text. Never raises for bad
    input; ``.ok`` says whether the map can be used."""
    from argmap import formats

    return check_import(formats.import_text(text, from_, file))


@attrs.frozen
class Imported:
    """What became of one file imported (``argmap import``)."""

    file: Path
    target: Path
    unreadable: Diagnostic | None = None
    """The file is not text (not UTF-8): nothing was read."""
    loaded: Loaded | None = None
    """What was read, checked (:func:`check_import`); not ``.ok``: not imported."""
    exists: bool = False
    """Not imported: ``target`` exists."""
    invalid: tuple[Diagnostic, ...] = ()
    """Not imported: the errors of the map built from the file (an importer's defect)."""
    written: bool = False
    problem: str | None = None
    """Not imported: the map could not be written (the reason)."""


def import_file(file: Path, format: Format, target: Path) -> Imported:
    """Read a file of another tool's format, check it, and write the map built from it to
    ``target`` as YAML (never over an existing file)."""
    from argmap.checks import run_checks
    from argmap.dumping import dumps
    from argmap.loading import MAX_BYTES, decode, parse, read_limited

    data = read_limited(file, imported=True)
    if not isinstance(data, bytes):
        return Imported(file, target, unreadable=data)
    text, problem = decode(data, str(file))
    if text is None:
        return Imported(file, target, unreadable=problem)
    importer = format.import_
    if importer is None:
        raise ValueError(f"format {format.name!r} cannot be imported")
    loaded = check_import(importer(text, str(file)))
    if not loaded.ok or loaded.map is None:
        return Imported(file, target, loaded=loaded)
    if target.exists():
        return Imported(file, target, loaded=loaded, exists=True)
    yaml_text = dumps(loaded.map)
    if len(yaml_text) > MAX_BYTES // 4 and len(yaml_text.encode("utf-8")) > MAX_BYTES:
        size = len(yaml_text.encode("utf-8")) / 2**20
        return Imported(
            file,
            target,
            loaded=loaded,
            problem=f"the map built from it would be {size:.1f} MiB, more than the "
            f"{MAX_BYTES // 2**20} MiB argmap reads; import the file in parts",
        )
    # references to other maps are checked with those maps (they may not be imported yet)
    built = run_checks(parse(yaml_text, str(target)), references=False)
    errors = tuple(d for d in built if d.is_error)
    if errors:
        return Imported(file, target, loaded=loaded, invalid=errors)
    try:
        write_atomic(target, yaml_text.encode("utf-8"))
    except WriteError as error:
        return Imported(file, target, loaded=loaded, problem=str(error))
    return Imported(file, target, loaded=loaded, written=True)


def export_file(path: Path, to: str, target: Path) -> Checked:
    """Read and check a map, and write it in the format called ``to`` to ``target`` when it
    has no errors (``.map`` of the result is None when it was not written). Raises
    :class:`~argmap.files.WriteError` when the file cannot be written."""
    from argmap.formats import export

    checked = read_checked(path)
    if checked.map is not None:
        write_atomic(target, export(checked.map, to).encode("utf-8"))
    return checked


# --- splitting and formatting -----------------------------------------------------------------


@attrs.frozen
class Split:
    """What became of a map split into parts (``argmap split``)."""

    checked: Checked
    problem: str | None = None
    """Why it was not split (when it has no errors)."""
    parts: tuple[tuple[Path, int], ...] = ()
    """Each part written, with its number of claims."""


def split_file(file: Path, output_dir: Path | None = None) -> Split:
    """Split a map into one map per thesis (or per argument under its one thesis), written as
    STEM.PART.yaml beside it or into ``output_dir``; never over an existing file."""
    from argmap.corpus import has_references
    from argmap.dumping import dumps
    from argmap.splitting import NothingToSplit, split

    checked = read_checked(file)
    if checked.map is None:
        return Split(checked)
    try:
        parts = split(checked.map)
    except NothingToSplit as problem:
        return Split(checked, str(problem))
    folder = output_dir if output_dir is not None else file.parent
    if has_references(checked.map) and folder.resolve() != file.parent.resolve():
        return Split(
            checked,
            f"its claims refer to other maps of {file.parent}, which the parts could not find "
            f"in {folder}; split it without -o",
        )
    targets = [folder / f"{file.stem}.{part.name}.yaml" for part in parts]
    existing = [target for target in targets if target.exists()]
    if existing:
        names = ", ".join(str(target) for target in existing)
        return Split(checked, f"{names} exist (choose a folder with -o)")
    written = []
    try:
        make_folder(folder)
        for part, target in zip(parts, targets, strict=True):
            write_atomic(target, dumps(part.map).encode("utf-8"))
            written.append((target, len(part.map.claims)))
    except WriteError as error:
        return Split(checked, str(error), parts=tuple(written))
    return Split(checked, parts=tuple(written))


@attrs.frozen
class Formatted:
    """What became of a map put in canonical layout (``argmap fmt``)."""

    checked: Checked
    problem: str | None = None
    """Why it could not be formatted (when it has no errors)."""
    changed: bool = False
    """Its layout is not the canonical one (it was rewritten, unless only checked)."""


def format_file(path: Path, *, check: bool = False) -> Formatted:
    """Put a map without errors in canonical layout, keeping every comment; with ``check``,
    only say whether it would change."""
    from argmap.formatting import FormatError, formatted

    checked = read_checked(path)
    if checked.map is None:
        return Formatted(checked)
    try:
        result = formatted(checked.loaded.text)
    except FormatError as error:
        return Formatted(checked, str(error))
    if result == checked.loaded.text:  # the text as read, without a byte-order mark
        return Formatted(checked)
    if not path.is_file():  # a pipe, a device: nothing to write back to
        return Formatted(checked, f"{path} is not a file; fmt rewrites files", changed=True)
    if not check:
        try:
            write_atomic(path, result.encode("utf-8"), in_place=True)
        except WriteError as error:
            return Formatted(checked, str(error), changed=True)
    return Formatted(checked, changed=True)

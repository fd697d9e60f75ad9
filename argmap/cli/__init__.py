"""The ``argmap`` command: the only module that prints or exits.

Exit status: 0 when no errors (warnings allowed), 1 when any map has errors (or warnings under
``--strict``), 2 for a usage error.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from argmap import __version__
from argmap.batch import Options, draw_all
from argmap.files import expand_paths, output_path, real_paths, write_atomic
from argmap.rendering import DEFAULT_TIMEOUT, ENGINES, FORMATS, LAYOUTS

# Each command imports what it needs when it runs, so that a command that needs little (such as
# `argmap render` when every drawing is up to date) does not wait for the rest of argmap to load.
if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.dot import Grouping
    from argmap.evaluation import Evaluation, Status
    from argmap.formats import Format
    from argmap.html import IndexEntry
    from argmap.loading import Loaded
    from argmap.model import ArgumentMap

    _Choice = click.Choice[str]
else:
    _Choice = click.Choice  # generic from click 8.4 on

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyChoice(_Choice):
    """A :class:`click.Choice` whose choices are asked for when first needed (to check a value
    given, or for help), so that defining a command does not import the module that knows them."""

    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        self._names = names
        self._choices: tuple[str, ...] | None = None
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._names())
        return self._choices

    @choices.setter
    def choices(self, names: tuple[str, ...]) -> None:
        self._choices = tuple(names)


def _semantics() -> tuple[str, ...]:
    from argmap.evaluation import SEMANTICS

    return SEMANTICS


def _exporters() -> list[str]:
    from argmap.formats import exporters

    return exporters()


def _importers() -> list[str]:
    from argmap.formats import importers

    return importers()


PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
"""Map files, or folders searched for maps."""


def output_dir_option(what: str, beside: str = "map") -> Callable[[F], F]:
    """``-o/--output-dir``: the folder for what a command writes."""
    return click.option(
        "-o",
        "--output-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Folder for the {what} (made if missing). Default: beside each {beside}.",
    )


OUTPUT_DIR = output_dir_option("drawings")
SOURCES = click.option(
    "--sources",
    "sources",
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder holding the source texts named by source.file; quotes are verified against "
    "them. May be given more than once.",
)
COLOR = click.option(
    "--color/--no-color", default=None, help="Colour the output (default: on a terminal)."
)


def semantics_option(help: str) -> Callable[[F], F]:
    """``-s/--semantics``, grounded by default."""
    return click.option(
        "-s",
        "--semantics",
        type=LazyChoice(_semantics),
        default="grounded",
        show_default=True,
        help=help,
    )


_SEVERITY_COLOUR = {"error": "red", "warning": "yellow"}


def _maps(paths: Sequence[str]) -> list[Path]:
    maps = expand_paths(paths)
    if not maps:
        raise click.UsageError(f"no maps (*.yaml, *.yml) found in {', '.join(paths)}")
    return maps


def _print_text(
    diagnostic: Diagnostic, loaded: Loaded, color: bool | None, err: bool = False
) -> None:
    from argmap.diagnostics import format_text

    lines = format_text(diagnostic, loaded.lines).split("\n")
    sev = diagnostic.severity.value
    head = f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}: "
    label = click.style(f"{sev}[{diagnostic.code}]", fg=_SEVERITY_COLOUR[sev], bold=True)
    click.echo(head + label + f": {diagnostic.message}", color=color, err=err)
    for line in lines[1:]:
        click.echo(click.style(line, dim=True) if "|" in line[:12] else line, color=color, err=err)


_MISSING_SOURCES: list[str] = []


def _source_text(loaded: Loaded, sources: Sequence[str]) -> str | None:
    from argmap import find_source_text

    text = find_source_text(loaded.map, sources)
    if sources and text is None and loaded.map and loaded.map.source and loaded.map.source.file:
        _MISSING_SOURCES.append(str(loaded.file))
        click.echo(
            f"{loaded.file}: note: source file {loaded.map.source.file!r} not found in "
            f"{', '.join(sources)}; its quotes were not verified",
            err=True,
        )
    return text


def _escape_github(text: str, properties: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def github_annotation(diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command that puts the diagnostic on the pull request's line."""
    kind = "error" if diagnostic.is_error else "warning"
    props = (
        f"file={_escape_github(diagnostic.file or '', True)},line={diagnostic.line},"
        f"col={diagnostic.column},title={_escape_github('argmap ' + diagnostic.code, True)}"
    )
    message = diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else "")
    return f"::{kind} {props}::{_escape_github(message)}"


def _valid(path: Path, verb: str, color: bool | None, err: bool = False) -> Loaded | None:
    """A map file read without errors; otherwise None, after its errors and a line saying
    what was not done to it."""
    from argmap.checks import run_checks
    from argmap.loading import read

    loaded = read(path)
    errors = [d for d in run_checks(loaded) if d.is_error]
    if errors or loaded.map is None:
        for diagnostic in errors:
            _print_text(diagnostic, loaded, color, err=err)
        click.echo(f"{path}: not {verb} ({_plural(len(errors), 'error')})", err=True)
        return None
    return loaded


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@click.group(
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap check maps/                     check every map in a folder
  argmap check --strict --sources articles/ maps/
                                         also verify quotes; fail on warnings
  argmap eval maps/a.yaml                which claims stand (grounded semantics)
  argmap render maps/                    draw each map as SVG beside it
  argmap render -f png -o out/ maps/a.yaml
                                         draw one map as PNG into out/

The map format, every diagnostic code and the Python API are documented in the docs/ folder
of the argmap repository (format.md, cli.md, api.md).
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """Check, evaluate and draw argument maps written in YAML.

    Maps are checked against the argmap format (version 1); problems are reported as
    FILE:LINE:COL: SEVERITY[CODE]: MESSAGE. See docs/format.md for the format.
    """


@main.command(
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap check maps/
  argmap check --format json maps/a.yaml
  argmap check --strict --sources ../shared/articles maps/
""",
)
@PATHS
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="How to print diagnostics; github: workflow commands that annotate a pull request.",
)
@SOURCES
@COLOR
def check(
    paths: tuple[str, ...],
    strict: bool,
    output_format: str,
    sources: tuple[str, ...],
    color: bool | None,
) -> None:
    """Check maps for errors and warnings.

    PATHS are map files or folders searched for *.yaml and *.yml. Exit status: 0 when there are
    no errors, 1 when there are errors (or warnings with --strict), 2 for a usage error.
    """
    from argmap.checks import run_checks
    from argmap.corpus import Corpus
    from argmap.loading import read

    maps = _maps(paths)
    _MISSING_SOURCES.clear()
    everything: list[Diagnostic] = []
    corpora: dict[Path, Corpus] = {}
    for path in maps:
        loaded = read(path)
        folder = path.parent.resolve()
        corpus = corpora.setdefault(folder, Corpus(path.parent))
        found = run_checks(loaded, source_text=_source_text(loaded, sources), corpus=corpus)
        everything.extend(found)
        if output_format == "text":
            for diagnostic in found:
                _print_text(diagnostic, loaded, color)
        elif output_format == "github":
            for diagnostic in found:
                click.echo(github_annotation(diagnostic))
    errors = sum(d.is_error for d in everything)
    warnings = len(everything) - errors
    if output_format == "json":
        click.echo(json.dumps([d.to_dict() for d in everything], indent=2, ensure_ascii=False))
    summary = (
        f"{_plural(len(maps), 'map')} checked: {_plural(errors, 'error')}, "
        f"{_plural(warnings, 'warning')}"
    )
    click.echo(summary, err=True)
    unverified = strict and bool(_MISSING_SOURCES)
    if unverified:
        click.echo("--strict: some quotes could not be verified (source not found)", err=True)
    sys.exit(1 if errors or (strict and warnings) or unverified else 0)


@main.command(
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap render maps/                  maps/foo.yaml -> maps/foo.svg
  argmap render -o build/ maps/        maps/foo.yaml -> build/foo.svg
  argmap render -f png maps/foo.yaml   needs Graphviz's dot program
  argmap render -f html -o site/ maps/ interactive pages, and site/index.html
""",
)
@PATHS
@OUTPUT_DIR
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice([*FORMATS, "html"]),
    default="svg",
    show_default=True,
    help="Output format. PNG and PDF need Graphviz's dot program; html writes an interactive "
    "page per map, and an index.html when several maps are drawn.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="Graphviz to use: the system's dot, the embedded one (SVG only), or the system's "
    "when it is installed.",
)
@click.option(
    "--layout",
    type=click.Choice(LAYOUTS),
    default="dot",
    show_default=True,
    help="Graphviz layout: dot draws theses on top; sfdp draws maps of thousands of claims "
    "in seconds.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds a drawing may take before it is stopped.",
)
@click.option(
    "--merge",
    is_flag=True,
    help="Draw all maps of each folder in one diagram (maps/ -> maps.svg), a box per map, "
    "with the links across maps.",
)
@click.option(
    "--eval",
    "semantics",
    type=LazyChoice(_semantics),
    help="Colour each claim by its status under this semantics, with a legend.",
)
@click.option(
    "--force", is_flag=True, help="Draw every map again, even where its drawing is up to date."
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Maps drawn at once, each in a process of its own  [default: the number of cores]",
)
@COLOR
def render_command(
    paths: tuple[str, ...],
    output_dir: Path | None,
    output_format: str,
    engine: str,
    layout: str,
    timeout: float,
    semantics: str | None,
    merge: bool,
    force: bool,
    jobs: int | None,
    color: bool | None,
) -> None:
    """Draw maps with Graphviz: one file per map, named after the map.

    With --merge, PATHS are folders, and all the maps of each are drawn in one diagram, one box
    per map, the claims that refer to other maps merged into the claims they name: maps/ ->
    maps.svg, beside the folder or in -o DIR.

    A map with errors is not drawn: its errors are printed and the exit status is 1, while the
    other maps are still drawn. Outputs are written atomically and never over a map. With
    -f html, a folder or several maps also get an index.html linking every page. Maps are
    drawn on every core; a drawing newer than its map, made by this argmap version with the
    same options, is up to date and left as it is (--force draws it again; -f html always
    draws every page, for its index).
    """
    if merge:
        options = (engine, layout, timeout, semantics)
        _render_merged(paths, output_dir, output_format, options, color)
    maps = _maps(paths)
    targets = [output_path(p, output_format, output_dir) for p in maps]
    _refuse_overwrites(maps, targets, "drawing", "drawn")
    index = None
    if output_format == "html" and (len(maps) > 1 or any(Path(p).is_dir() for p in paths)):
        index = _index_path(targets, output_dir)
        drawn_to = dict(zip(real_paths(targets), maps, strict=True))
        (real_index,) = real_paths([index])
        if real_index in drawn_to:
            raise click.UsageError(
                f"{drawn_to[real_index]} would be drawn to {index}, where the index of the "
                "maps goes; render it on its own or into another folder"
            )
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    # On a terminal, a folder of maps shows a progress bar instead of a line per map; in pipes
    # and CI the lines are kept (click draws no bar where the output is not a terminal).
    interactive = sys.stderr.isatty() and len(maps) >= PROGRESS_FROM
    pairs = list(zip(maps, targets, strict=True))
    fresh = 0
    if output_format == "html":  # pages and their index, in this process
        with click.progressbar(
            pairs, label="drawing", file=sys.stderr, show_pos=True, hidden=not interactive
        ) as progress:
            failed = _render_all(
                progress,
                output_format,
                engine,
                layout,
                timeout,
                semantics,
                color,
                interactive,
                index,
            )
    else:
        how = Options(output_format, engine, layout, timeout, semantics)
        with click.progressbar(
            length=len(pairs),
            label="drawing",
            file=sys.stderr,
            show_pos=True,
            hidden=not interactive,
        ) as bar:
            failed, fresh = _draw_batch(pairs, bar, how, force, jobs, color, interactive)
    if index is not None and _PAGES:
        from argmap.html import index_page

        write_atomic(index, index_page(_PAGES).encode("utf-8"))
        click.echo(f"{index}: index of {_plural(len(_PAGES), 'map')}", err=True)
    where = output_dir if output_dir is not None else "beside each map"
    drawn = len(pairs) - failed - fresh
    up_to_date = f", {fresh} up to date" if fresh else ""
    click.echo(f"{_plural(drawn, 'map')} drawn{up_to_date} ({output_format}, {where})", err=True)
    sys.exit(1 if failed else 0)


def _draw_batch(
    pairs: Sequence[tuple[Path, Path]],
    progress: Any,
    options: Options,
    force: bool,
    jobs: int | None,
    color: bool | None,
    interactive: bool,
) -> tuple[int, int]:
    """Draw each map to its target on every core (naming each unless a progress bar shows);
    the numbers of maps that could not be drawn and of drawings that were up to date."""
    failed = fresh = 0
    for outcome in draw_all(pairs, options, force=force, jobs=jobs):
        progress.update(1)
        if outcome.up_to_date:
            fresh += 1
            if not interactive:
                click.echo(f"{outcome.path}: up to date ({outcome.target})", err=True)
        elif outcome.loaded is not None:
            for diagnostic in outcome.errors:
                _print_text(diagnostic, outcome.loaded, color)  # type: ignore[arg-type]
            count = _plural(len(outcome.errors), "error")
            click.echo(f"{outcome.path}: not drawn ({count})", err=True)
            failed += 1
        elif outcome.problem is not None:
            click.echo(f"{outcome.path}: not drawn: {outcome.problem}", err=True)
            failed += 1
        elif not interactive:
            click.echo(f"{outcome.path} -> {outcome.target}", err=True)
    return failed, fresh


def _draw(
    m: ArgumentMap,
    grouping: Grouping | None,
    output_format: str,
    engine: str,
    layout: str,
    timeout: float,
    evaluation: Evaluation | None,
) -> bytes:
    from argmap.rendering import render

    return render(
        m,
        output_format,  # type: ignore[arg-type]
        engine,  # type: ignore[arg-type]
        evaluation=evaluation,
        layout=layout,  # type: ignore[arg-type]
        timeout=timeout,
        grouping=grouping,
    )


def _render_merged(
    paths: Sequence[str],
    output_dir: Path | None,
    output_format: str,
    options: tuple[str, str, float, str | None],
    color: bool | None,
) -> None:
    """``render --merge``: each folder's maps in one diagram, named after the folder."""
    from argmap.corpus import Corpus
    from argmap.evaluation import evaluate
    from argmap.overview import merged
    from argmap.rendering import RenderError

    if output_format == "html":
        raise click.UsageError("--merge draws svg, png, pdf or dot, not html")
    folders = [Path(p) for p in paths]
    for folder in folders:
        if not folder.is_dir():
            raise click.UsageError(f"--merge draws the maps of a folder; {folder} is not one")
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for folder in folders:
        name = folder.resolve().name or "maps"
        target = (output_dir if output_dir is not None else folder.resolve().parent) / (
            f"{name}.{output_format}"
        )
        corpus = Corpus(folder)
        invalid = 0
        for stem in corpus.stems:
            if _valid(corpus.files[stem], "merged", color) is None:
                invalid += 1
        m, grouping = merged(corpus, f"{name}: {_plural(len(corpus.stems) - invalid, 'map')}")
        engine, layout, timeout, semantics = options
        try:
            evaluation = evaluate(m, semantics) if semantics else None  # type: ignore[arg-type]
            data = _draw(m, grouping, output_format, engine, layout, timeout, evaluation)
        except RenderError as error:
            click.echo(f"{folder}: not drawn: {error}", err=True)
            failed += 1
            continue
        write_atomic(target, data)
        click.echo(f"{folder} ({_plural(len(m.claims), 'claim')}) -> {target}", err=True)
        failed += invalid
    sys.exit(1 if failed else 0)


PROGRESS_FROM = 5
"""Folders of at least this many maps show a progress bar on a terminal."""
_PAGES: list[IndexEntry] = []
"""The HTML pages drawn by the last render, for its index."""


def _index_path(targets: Sequence[Path], output_dir: Path | None) -> Path:
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


def _href(target: Path, start: Path) -> str:
    """A relative URL from a page in folder ``start`` to ``target``."""
    relative = os.path.relpath(os.path.abspath(target), os.path.abspath(start))
    return urllib.parse.quote(Path(relative).as_posix())


def _render_all(
    pairs: Iterable[tuple[Path, Path]],
    output_format: str,
    engine: str,
    layout: str,
    timeout: float,
    semantics: str | None,
    color: bool | None,
    interactive: bool,
    index: Path | None = None,
) -> int:
    """Draw each map to its target (naming each unless a progress bar shows); the number of
    maps that could not be drawn. HTML pages drawn for an ``index`` are kept in ``_PAGES``."""
    from argmap.corpus import Corpus, has_references
    from argmap.evaluation import evaluate
    from argmap.html import IndexEntry
    from argmap.html import page as html_page
    from argmap.overview import drawing
    from argmap.rendering import RenderError

    failed = 0
    _PAGES.clear()
    for path, target in pairs:
        loaded = _valid(path, "drawn", color)
        if loaded is None or loaded.map is None:
            failed += 1
            continue
        m, grouping = loaded.map, None
        if has_references(m):  # referenced texts, boxed by the map they come from
            m, grouping = drawing(Corpus(path.parent, [loaded]), path.stem, m)
        try:
            evaluation = evaluate(m, semantics) if semantics else None  # type: ignore[arg-type]
            svg_or_format = "svg" if output_format == "html" else output_format
            data = _draw(m, grouping, svg_or_format, engine, layout, timeout, evaluation)
        except RenderError as error:
            click.echo(f"{path}: not drawn: {error}", err=True)
            failed += 1
            continue
        if output_format == "html":
            svg = data
            back = _href(index, target.parent) if index is not None else None
            text = html_page(m, svg, evaluation=evaluation, name=path.stem, index_href=back)
            data = text.encode("utf-8")
            if index is not None:
                _PAGES.append(IndexEntry(_href(target, index.parent), m, svg, path.stem))
        write_atomic(target, data)
        if not interactive:
            click.echo(f"{path} -> {target}", err=True)
    return failed


_STATUS_COLOUR = {"in": "green", "out": "red", "undecided": "yellow"}
"""The colour of each :class:`~argmap.evaluation.Status`, by its value."""


def _status(status: Status) -> str:
    padding = " " * (9 - len(status.value))
    return click.style(status.value, fg=_STATUS_COLOUR[status.value], bold=True) + padding


def _eval_json(path: Path, m: ArgumentMap, ev: Evaluation) -> dict[str, object]:
    return {
        "file": str(path),
        "semantics": ev.semantics,
        "theses": {t: ev.claims[t].value for t in m.thesis if t in ev.claims},
        "claims": [
            {
                "id": claim.id,
                "role": m.role(claim.id).value,
                "status": ev.claims[claim.id].value,
                "credulous": claim.id in ev.credulous,
                "sceptical": claim.id in ev.sceptical,
            }
            for claim in m.claims
        ],
        "links": [
            {"index": index, "id": m.links[index].id, "status": status.value}
            for index, status in sorted(ev.links.items())
        ],
        "extensions": [sorted(e) for e in ev.extensions],
        "truncated": ev.truncated,
    }


def _eval_text(path: Path, m: ArgumentMap, ev: Evaluation, color: bool | None) -> None:
    multi = ev.semantics != "grounded"
    count = f": {_plural(len(ev.extensions), 'extension')}" if multi else ""
    more = " (more not listed)" if ev.truncated else ""
    click.echo(f"{path}: {ev.semantics} semantics{count}{more}", color=color)
    for thesis in m.thesis:
        if thesis in ev.claims:
            click.echo(f"  thesis {thesis}: " + _status(ev.claims[thesis]).rstrip(), color=color)
    width = max([len(c.id) for c in m.claims] + [5])
    header = f"  {'claim'.ljust(width)}  {'role'.ljust(12)}  {'status'.ljust(9)}"
    click.echo((header + ("  credulous  sceptical" if multi else "")).rstrip(), color=color)
    for claim in m.claims:
        row = f"  {claim.id.ljust(width)}  {m.role(claim.id).value.ljust(12)}  "
        row += _status(ev.claims[claim.id])
        if multi:
            row += f"  {('yes' if claim.id in ev.credulous else 'no').ljust(9)}"
            row += f"  {'yes' if claim.id in ev.sceptical else 'no'}"
        click.echo(row.rstrip(), color=color)


@main.command(
    "eval",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap eval maps/hanoi-walkout-leverage.yaml
  argmap eval --semantics preferred --format json maps/
  argmap render --eval grounded maps/       draw the statuses
""",
)
@PATHS
@semantics_option(
    "Acceptability semantics: grounded (one sceptical answer, linear time), or complete, "
    "preferred, stable (every extension, by the clingo solver)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table per map, or one JSON array with an object per map.",
)
@COLOR
def eval_command(
    paths: tuple[str, ...], semantics: str, output_format: str, color: bool | None
) -> None:
    """Say which claims stand: the status (in, out, undecided) of each claim under a semantics.

    The status of each thesis comes first, then a table of claims with their roles. For
    complete, preferred and stable semantics a claim's status is its sceptical label (in, or
    out, in every extension; otherwise undecided), with whether it is in some extension
    (credulous) and in all of them (sceptical). Maps with errors are not evaluated (exit 1).
    """
    from argmap.evaluation import evaluate

    maps = _maps(paths)
    results: list[dict[str, object]] = []
    failed = 0
    for path in maps:
        # with JSON, errors go to stderr so that stdout stays one JSON array
        loaded = _valid(path, "evaluated", color, err=output_format == "json")
        if loaded is None or loaded.map is None:
            failed += 1
            continue
        ev = evaluate(loaded.map, semantics)  # type: ignore[arg-type]
        if output_format == "json":
            results.append(_eval_json(path, loaded.map, ev))
        else:
            _eval_text(path, loaded.map, ev, color)
    if output_format == "json":
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.command(
    "export",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap export --to argdown maps/        maps/foo.yaml -> maps/foo.argdown
  argmap export --to aif -o out/ maps/    maps/foo.yaml -> out/foo.aif.json
""",
)
@PATHS
@click.option(
    "-t",
    "--to",
    "to",
    type=LazyChoice(_exporters),
    required=True,
    help="The format to write (see docs/formats.md for what each keeps and loses).",
)
@output_dir_option("exported files")
@COLOR
def export_command(
    paths: tuple[str, ...], to: str, output_dir: Path | None, color: bool | None
) -> None:
    """Write maps in another tool's format: one file per map, named after the map.

    A map with errors is not exported: its errors are printed and the exit status is 1, while
    the other maps are still exported. Files are written atomically and never over a map.
    """
    from argmap.formats import export as export_map
    from argmap.formats import get as get_format

    maps = _maps(paths)
    suffix = get_format(to).suffixes[0].lstrip(".")
    targets = [output_path(p, suffix, output_dir) for p in maps]
    _refuse_overwrites(maps, targets, "exporting", "exported")
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path, target in zip(maps, targets, strict=True):
        loaded = _valid(path, "exported", color, err=True)
        if loaded is None or loaded.map is None:
            failed += 1
            continue
        write_atomic(target, export_map(loaded.map, to).encode("utf-8"))
        click.echo(f"{path} -> {target}", err=True)
    sys.exit(1 if failed else 0)


def _refuse_overwrites(
    sources: Sequence[Path], targets: Sequence[Path], verb: str, done: str, what: str = "the map"
) -> None:
    """A usage error when a target is one of the inputs or two inputs share a target."""
    inputs = set(real_paths(sources))
    seen: dict[str, Path] = {}
    for path, target, key in zip(sources, targets, real_paths(targets), strict=True):
        if key in inputs:
            raise click.UsageError(f"{verb} {path} would write over {what} {target}")
        if key in seen:
            raise click.UsageError(f"{seen[key]} and {path} would both be {done} to {target}")
        seen[key] = path


@main.command(
    "import",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap import debate.argdown            debate.argdown -> debate.yaml
  argmap import --from aif -o maps/ x.json
""",
)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--from",
    "from_",
    type=LazyChoice(_importers),
    help="The format of the files. Default: guessed from each file's name ending.",
)
@output_dir_option("new maps", beside="file")
@COLOR
def import_command(
    files: tuple[Path, ...], from_: str | None, output_dir: Path | None, color: bool | None
) -> None:
    """Read files made by other tools into argmap maps (FILE's stem + .yaml).

    What a format holds that a map cannot is reported as a warning at its line in the file;
    a file that cannot be read is reported and not converted (exit status 1). An existing file
    is never written over.
    """
    from argmap.checks import run_checks
    from argmap.dumping import dumps
    from argmap.formats import get as get_format
    from argmap.formats import guess
    from argmap.loading import decode, parse

    formats: dict[Path, Format] = {}
    for file in files:
        format = get_format(from_) if from_ else guess(file)
        if format is None:
            raise click.UsageError(
                f"cannot tell the format of {file} from its name; give --from "
                f"({', '.join(_importers())})"
            )
        formats[file] = format
    stems = [Path(file.name.removesuffix(formats[file].suffixes[0])) for file in files]
    targets = [
        output_path(stem, "yaml", output_dir if output_dir is not None else file.parent)
        for stem, file in zip(stems, files, strict=True)
    ]
    _refuse_overwrites(list(files), targets, "importing", "imported", "the file")
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for file, target in zip(files, targets, strict=True):
        text, problem = decode(file.read_bytes(), str(file))
        if text is None:
            click.echo(str(problem), err=True)
            failed += 1
            continue
        importer = formats[file].import_
        assert importer is not None  # guess() and --from only offer importable formats
        imported = importer(text, str(file))
        for diagnostic in imported.diagnostics:
            _print_text(diagnostic, imported, color, err=True)
        if not imported.ok or imported.map is None:
            click.echo(f"{file}: not imported", err=True)
            failed += 1
            continue
        if target.exists():
            click.echo(f"{file}: not imported: {target} exists (choose a folder with -o)", err=True)
            failed += 1
            continue
        yaml_text = dumps(imported.map)
        # references to other maps are checked with those maps (they may not be imported yet)
        built = run_checks(parse(yaml_text, str(target)), references=False)
        errors = [d for d in built if d.is_error]
        if errors:  # an importer's defect, not the user's: say so rather than write a bad map
            for diagnostic in errors:
                click.echo(str(diagnostic), err=True)
            click.echo(f"{file}: not imported: the map built from it is not valid", err=True)
            failed += 1
            continue
        write_atomic(target, yaml_text.encode("utf-8"))
        click.echo(f"{file} -> {target}", err=True)
    sys.exit(1 if failed else 0)


@main.command(
    "split",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap split big.yaml -o parts/         one map per thesis (or argument) into parts/
  argmap render parts/                    then draw each part
""",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_dir_option("parts", beside="map")
@COLOR
def split_command(file: Path, output_dir: Path | None, color: bool | None) -> None:
    """Split a map too large to draw or read at once into smaller maps: one per thesis, or,
    for a map with one thesis, one per argument under it, each with all that bears on it.

    Each part is written as STEM.PART.yaml, PART being the thesis's id or the argument's name
    (its link's id, else its first premise). An existing file is never written over.
    """
    from argmap.corpus import has_references
    from argmap.dumping import dumps
    from argmap.splitting import NothingToSplit, split

    loaded = _valid(file, "split", color, err=True)
    if loaded is None or loaded.map is None:
        sys.exit(1)
    try:
        parts = split(loaded.map)
    except NothingToSplit as problem:
        click.echo(f"{file}: not split: {problem}", err=True)
        sys.exit(1)
    folder = output_dir if output_dir is not None else file.parent
    if has_references(loaded.map) and folder.resolve() != file.parent.resolve():
        click.echo(
            f"{file}: not split: its claims refer to other maps of {file.parent}, which "
            f"the parts could not find in {folder}; split it without -o",
            err=True,
        )
        sys.exit(1)
    targets = [folder / f"{file.stem}.{part.name}.yaml" for part in parts]
    existing = [target for target in targets if target.exists()]
    if existing:
        names = ", ".join(str(target) for target in existing)
        click.echo(f"{file}: not split: {names} exist (choose a folder with -o)", err=True)
        sys.exit(1)
    folder.mkdir(parents=True, exist_ok=True)
    for part, target in zip(parts, targets, strict=True):
        write_atomic(target, dumps(part.map).encode("utf-8"))
        claims = _plural(len(part.map.claims), "claim")
        click.echo(f"{file} -> {target} ({claims})", err=True)


@main.command("schema", context_settings=CONTEXT)
def schema_command() -> None:
    """Print the JSON Schema of the map format, for editors with a YAML language server.

    Name it in a map's first line to have the editor complete and check the map as you type:
    # yaml-language-server: $schema=path/to/argmap.schema.json
    """
    from argmap.schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command("show", context_settings=CONTEXT)
@PATHS
@semantics_option("Semantics for the status shown beside each claim.")
def show_command(paths: tuple[str, ...], semantics: str) -> None:
    """Print maps as indented outlines: each thesis, then its reasons (+), the objections to
    them (-) and contradictions (x), with each claim's role and status."""
    from argmap.evaluation import evaluate
    from argmap.outline import outline

    failed = 0
    for path in _maps(paths):
        loaded = _valid(path, "shown", None)
        if loaded is None or loaded.map is None:
            failed += 1
            continue
        m = loaded.map
        click.echo(f"{path}: {m.title or ''}".rstrip(": ") if m.title else str(path))
        for line in outline(m, evaluate(m, semantics)):  # type: ignore[arg-type]
            click.echo("  " + line)
    sys.exit(1 if failed else 0)


NEW_MAP = """\
# yaml-language-server: $schema=argmap.schema.json
# (for completion in your editor: argmap schema > argmap.schema.json)
# A new argument map. The format is described in docs/format.md of the argmap repository;
# `argmap check` checks this file, `argmap render` draws it, `argmap eval` says what stands.
argmap: 1
title: {title}
{source}
# The text's main conclusion (one claim id, or a list of ids).
thesis: main-conclusion

# Claims: id -> text, or a mapping with text, quote (verbatim from the source), by (who says
# it), implicit: true (a premise the text leaves unstated), tags, note, url.
claims:
  main-conclusion:
    text: State the text's main conclusion here, in your own words.
  first-reason:
    text: A reason the text gives for it.
    # quote: the words of the text that state it

# Links: from one claim (or a list of claims that only work together) to the claim it
# supports, attacks (a claim, or a link id: an undercut) or contradicts.
links:
  - from: first-reason
    supports: main-conclusion
"""


@main.command("new", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", default="The title of the map", help="The map's title.")
@click.option(
    "--source",
    "source_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The source text the map is of; its file name goes into source.file.",
)
def new_command(file: Path, title: str, source_file: Path | None) -> None:
    """Write a new map with the skeleton of the format and comments explaining each part.

    The new map passes `argmap check`. An existing file is never written over.
    """
    if file.exists():
        raise click.UsageError(f"{file} exists; argmap new never writes over a file")
    source = ""
    if source_file is not None:
        source = "source:\n  file: " + json.dumps(source_file.name, ensure_ascii=False) + "\n"
    text = NEW_MAP.format(title=json.dumps(title, ensure_ascii=False), source=source)
    if file.parent != Path(""):
        file.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(file, text.encode("utf-8"))
    click.echo(f"wrote {file}; next: argmap check {file}", err=True)


@main.command("fmt", context_settings=CONTEXT)
@PATHS
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a map would change.")
def fmt_command(paths: tuple[str, ...], check: bool) -> None:
    """Put maps in canonical layout: key order, indentation and quoting, keeping every comment.

    A map with errors is left as it is (exit 1). A formatted map always loads to the same map as
    before; files are written atomically.
    """
    from argmap.formatting import FormatError, formatted

    changed = failed = 0
    for path in _maps(paths):
        loaded = _valid(path, "formatted", None, err=True)
        if loaded is None:
            failed += 1
            continue
        try:
            result = formatted(loaded.text)
        except FormatError as error:
            failed += 1
            click.echo(f"{path}: not formatted: {error}", err=True)
            continue
        original = path.read_bytes().decode("utf-8-sig")
        if result == original:
            continue
        changed += 1
        if check:
            click.echo(f"{path}: would be reformatted")
        else:
            write_atomic(path, result.encode("utf-8"))
            click.echo(f"{path}: reformatted", err=True)
    verb = "would be reformatted" if check else "reformatted"
    click.echo(f"{_plural(changed, 'map')} {verb}", err=True)
    sys.exit(1 if failed or (check and changed) else 0)


@main.command("watch", context_settings=CONTEXT)
@PATHS
@OUTPUT_DIR
@SOURCES
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=0.5,
    show_default=True,
    help="Seconds between looks (at least 0.05).",
)
@click.option("--no-render", is_flag=True, help="Only check; do not draw.")
@COLOR
def watch_command(
    paths: tuple[str, ...],
    output_dir: Path | None,
    sources: tuple[str, ...],
    interval: float,
    no_render: bool,
    color: bool | None,
) -> None:
    """Check (and draw) maps again each time one is saved, printing its diagnostics.

    Runs until interrupted (Ctrl-C). Each saved map is checked; when it has no errors its SVG
    drawing is written again.
    """
    from argmap.watching import Watcher

    watcher = Watcher(paths)
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    click.echo(f"watching {', '.join(paths)} (Ctrl-C to stop)", err=True)
    try:
        while True:
            modified, removed = watcher.changed()
            for path in removed:
                click.echo(f"{path}: removed", err=True)
            for path in modified:
                _watch_one(path, output_dir, sources, not no_render, color)
            _pause(interval)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def _pause(seconds: float) -> None:
    """The wait between two looks for changes (its own function, so tests can replace it)."""
    time.sleep(seconds)


def _watch_one(
    path: Path, output_dir: Path | None, sources: tuple[str, ...], draw: bool, color: bool | None
) -> None:
    from argmap.checks import run_checks
    from argmap.loading import read
    from argmap.rendering import RenderError, render

    loaded = read(path)
    found = run_checks(loaded, source_text=_source_text(loaded, sources))
    for diagnostic in found:
        _print_text(diagnostic, loaded, color)
    errors = sum(d.is_error for d in found)
    summary = f"{path}: {_plural(errors, 'error')}, {_plural(len(found) - errors, 'warning')}"
    if draw and not errors and loaded.map is not None:
        target = output_path(path, "svg", output_dir)
        if target.resolve() == path.resolve():
            summary += "; not drawn (the drawing would replace the map)"
        else:
            try:
                write_atomic(target, render(loaded.map, "svg"))
                summary += f"; drawn to {target}"
            except RenderError as error:
                summary += f"; not drawn: {error}"
    click.echo(summary, err=True)


main.add_command(render_command, "render")
render_command.name = "render"

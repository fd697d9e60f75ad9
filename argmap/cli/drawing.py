"""``argmap render`` and ``argmap watch``: drawings of maps, and maps checked as they are saved."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from argmap.cli.common import (
    COLOR,
    CONTEXT,
    OUTPUT_DIR,
    PATHS,
    SOURCES,
    LazyChoice,
    exit_with,
    find_maps,
    make_output_dir,
    plural,
    print_diagnostic,
    print_errors,
    print_invalid,
    print_missing_source,
    refuse,
    semantics_names,
)
from argmap.cli.progress import Drawings
from argmap.rendering import DEFAULT_TIMEOUT, ENGINES, FORMATS, LAYOUT_CHOICES

if TYPE_CHECKING:
    from argmap.html import IndexEntry
    from argmap.pipeline import Options, Outcome

PROGRESS_FROM = 5
"""Folders of at least this many maps show a progress bar on a terminal."""


@click.command(
    "render",
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
    type=click.Choice(LAYOUT_CHOICES),
    default="auto",
    show_default=True,
    help="Graphviz layout: dot draws theses on top; sfdp draws maps of thousands of claims "
    "in seconds; auto is dot, or sfdp for a map that dot would take over 30 s to draw.",
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
    type=LazyChoice(semantics_names),
    help="Colour each claim by its status under this semantics, with a legend.",
)
@click.option(
    "--no-legend",
    "no_legend",
    is_flag=True,
    help="Leave out the legend (the box saying what each style of the drawing means).",
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
    no_legend: bool,
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
    from argmap import pipeline
    from argmap.files import output_path

    options = pipeline.Options(
        output_format, engine, layout, timeout, semantics, legend=not no_legend
    )
    if merge:
        raise exit_with(_render_merged(paths, output_dir, options, color))
    maps = find_maps(paths)
    targets = [output_path(p, output_format, output_dir) for p in maps]
    refuse(pipeline.clash(maps, targets, "drawing", "drawn"))
    index = None
    if output_format == "html" and (len(maps) > 1 or any(Path(p).is_dir() for p in paths)):
        index = pipeline.index_path(targets, output_dir)
        refuse(pipeline.index_clash(maps, targets, index))
    make_output_dir(output_dir)
    pairs = list(zip(maps, targets, strict=True))
    # On a terminal, a folder of maps shows a progress bar instead of a line per map; in pipes
    # and CI the lines are kept (click draws no bar where the output is not a terminal). A long
    # drawing is said as it starts, with a spinner on a terminal where no bar shows.
    interactive = sys.stderr.isatty() and len(maps) >= PROGRESS_FROM
    drawings = Drawings(spin=not interactive)
    if output_format == "html":  # pages and their index, in this process
        outcomes = pipeline.draw_pages(pairs, options, index, drawings.planned)
    else:
        outcomes = pipeline.draw_all(
            pairs, options, force=force, jobs=jobs, on_plan=drawings.planned
        )
    with (
        drawings,
        click.progressbar(
            length=len(pairs),
            label="drawing",
            file=sys.stderr,
            show_pos=True,
            hidden=not interactive,
        ) as bar,
    ):
        failed, fresh, pages = _report(outcomes, bar, color, interactive, drawings)
    if index is not None and pages:
        try:
            pipeline.write_index(index, pages)
            click.echo(f"{index}: index of {plural(len(pages), 'map')}", err=True)
        except OSError as error:
            click.echo(f"{index}: not written: {error}", err=True)
            failed += 1
    where = output_dir if output_dir is not None else "beside each map"
    drawn = len(pairs) - failed - fresh
    up_to_date = f", {fresh} up to date" if fresh else ""
    click.echo(f"{plural(drawn, 'map')} drawn{up_to_date} ({output_format}, {where})", err=True)
    raise exit_with(failed)


def _report(
    outcomes: Iterable[Outcome],
    progress: Any,
    color: bool | None,
    interactive: bool,
    drawings: Drawings,
) -> tuple[int, int, list[IndexEntry]]:
    """Say what became of each map (naming each unless a progress bar shows); the numbers of
    maps that could not be drawn and of drawings that were up to date, and the HTML pages
    drawn for an index."""
    failed = fresh = 0
    pages: list[IndexEntry] = []
    for outcome in outcomes:
        drawings.done(outcome.path)
        progress.update(1)
        if outcome.up_to_date:
            fresh += 1
            if not interactive:
                click.echo(f"{outcome.path}: up to date ({outcome.target})", err=True)
        elif outcome.loaded is not None:
            print_errors(outcome.path, outcome.loaded, outcome.errors, "drawn", color)
            failed += 1
        elif outcome.problem is not None:
            click.echo(f"{outcome.path}: not drawn: {outcome.problem}", err=True)
            failed += 1
        else:
            if outcome.entry is not None:
                pages.append(outcome.entry)
            if not interactive:
                click.echo(f"{outcome.path} -> {outcome.target}", err=True)
    return failed, fresh, pages


def _render_merged(
    paths: Sequence[str], output_dir: Path | None, options: Options, color: bool | None
) -> int:
    """``render --merge``: each folder's maps in one diagram, named after the folder; the
    number of maps and folders that could not be drawn."""
    from argmap.pipeline import draw_merged, merged_target

    if options.format == "html":
        raise click.UsageError("--merge draws svg, png, pdf or dot, not html")
    folders = [Path(p) for p in paths]
    for folder in folders:
        if not folder.is_dir():
            raise click.UsageError(f"--merge draws the maps of a folder; {folder} is not one")
    make_output_dir(output_dir)
    failed = 0
    for folder in folders:
        target = merged_target(folder, options.format, output_dir)
        with Drawings() as drawings:
            outcome = draw_merged(folder, target, options, drawings.planned)
        for checked in outcome.invalid:
            print_invalid(checked, "merged", color)
        if not outcome.drawn:
            click.echo(f"{folder}: not drawn: {outcome.problem}", err=True)
            failed += 1
            continue
        claims = plural(outcome.claims, "claim")
        click.echo(f"{folder} ({claims}) -> {outcome.target}", err=True)
        failed += len(outcome.invalid)
    return failed


@click.command("watch", context_settings=CONTEXT)
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
    make_output_dir(output_dir)
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
    from argmap.pipeline import check_and_draw

    watched = check_and_draw(path, output_dir, sources=sources, draw=draw)
    checked = watched.checked
    print_missing_source(checked, sources)
    for diagnostic in checked.diagnostics:
        print_diagnostic(diagnostic, checked.loaded, color)
    errors = len(checked.errors)
    warnings = len(checked.diagnostics) - errors
    summary = f"{path}: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if watched.over_map:
        summary += "; not drawn (the drawing would replace the map)"
    elif watched.problem is not None:
        summary += f"; not drawn: {watched.problem}"
    elif watched.target is not None:
        summary += f"; drawn to {watched.target}"
    click.echo(summary, err=True)

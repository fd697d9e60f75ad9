"""What the commands share: options, choices known late, and the printing of diagnostics.

Only click and the standard library are imported here: every command module imports this one
when ``argmap --help`` lists the commands, and that must stay quick.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.loading import Loaded
    from argmap.pipeline import Checked

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


def semantics_names() -> tuple[str, ...]:
    from argmap.evaluation import SEMANTICS

    return SEMANTICS


def exporter_names() -> list[str]:
    from argmap.formats import exporters

    return exporters()


def importer_names() -> list[str]:
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
        type=LazyChoice(semantics_names),
        default="grounded",
        show_default=True,
        help=help,
    )


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def find_maps(paths: Sequence[str]) -> list[Path]:
    """The maps named by ``paths`` (folders searched); a usage error when there are none."""
    from argmap.files import expand_paths

    maps = expand_paths(paths)
    if not maps:
        raise click.UsageError(f"no maps (*.yaml, *.yml) found in {', '.join(paths)}")
    return maps


def refuse(problem: str | None) -> None:
    """A usage error saying ``problem``, if there is one (see :func:`argmap.pipeline.clash`)."""
    if problem is not None:
        raise click.UsageError(problem)


_SEVERITY_COLOUR = {"error": "red", "warning": "yellow"}


def print_diagnostic(
    diagnostic: Diagnostic, loaded: Loaded, color: bool | None, err: bool = False
) -> None:
    """FILE:LINE:COL: SEVERITY[CODE]: MESSAGE, then the line at fault with a caret."""
    click.echo(diagnostic_text(diagnostic, loaded), color=color, err=err)


def diagnostic_text(diagnostic: Diagnostic, loaded: Loaded) -> str:
    """What :func:`print_diagnostic` prints, with its colours (click takes them away where
    the output is not a terminal), without the last line break."""
    from argmap.diagnostics import excerpt, printable

    file = _printable_file(diagnostic.file or "<string>")
    label = _label(diagnostic.severity.value, diagnostic.code)
    out = [
        f"{file}:{diagnostic.line}:{diagnostic.column}: {label}: {printable(diagnostic.message)}"
    ]
    lines = excerpt(diagnostic, loaded.lines)
    shown = len(lines) - (diagnostic.hint is not None and diagnostic.hint != "")
    out.extend(f"{_DIM}{line}{_RESET}" for line in lines[:shown])  # the source line and caret
    out.extend(lines[shown:])
    return "\n".join(out)


@functools.lru_cache(maxsize=64)
def _printable_file(file: str) -> str:
    from argmap.diagnostics import printable

    return printable(file)


@functools.cache
def _label(severity: str, code: str) -> str:
    return click.style(f"{severity}[{code}]", fg=_SEVERITY_COLOUR[severity], bold=True)


_DIM, _RESET = click.style("|", dim=True).split("|")


def print_errors(
    path: Path,
    loaded: Loaded,
    errors: Sequence[Diagnostic],
    verb: str,
    color: bool | None,
    err: bool = False,
) -> None:
    """The errors that kept a map from being used, then a line saying what was not done."""
    for diagnostic in errors:
        print_diagnostic(diagnostic, loaded, color, err=err)
    click.echo(f"{path}: not {verb} ({plural(len(errors), 'error')})", err=True)


def print_invalid(checked: Checked, verb: str, color: bool | None, err: bool = False) -> None:
    """:func:`print_errors` for a map read and checked."""
    print_errors(checked.path, checked.loaded, checked.errors, verb, color, err)


def print_missing_source(checked: Checked, sources: Sequence[str]) -> None:
    """A note that the map's source text was not found, so its quotes were not verified."""
    if checked.missing_source is not None:
        click.echo(
            f"{checked.loaded.file}: note: source file {checked.missing_source!r} not found in "
            f"{', '.join(sources)}; its quotes were not verified",
            err=True,
        )


def make_output_dir(output_dir: Path | None) -> None:
    """The ``-o`` folder made if missing; a one-line error (exit status 1) if it cannot be."""
    if output_dir is None:
        return
    from argmap.files import WriteError, make_folder

    try:
        make_folder(output_dir)
    except WriteError as error:
        raise click.ClickException(str(error)) from None


def exit_with(failed: int | bool) -> click.exceptions.Exit:
    """The end of a command: exit status 1 when something failed, else 0 (to be raised)."""
    return click.exceptions.Exit(1 if failed else 0)

"""``argmap check``: diagnostics of maps, as text, JSON or GitHub annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from argmap.cli.common import (
    COLOR,
    CONTEXT,
    PATHS,
    SOURCES,
    diagnostic_text,
    find_maps,
    plural,
    print_missing_source,
)

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic


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


@click.command(
    "check",
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
def check_command(
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
    from argmap.pipeline import check_maps

    maps = find_maps(paths)
    everything: list[Diagnostic] = []
    unverified = False
    for checked in check_maps(maps, sources=sources):
        print_missing_source(checked, sources)
        unverified = unverified or checked.missing_source is not None
        found = checked.diagnostics
        everything.extend(found)
        if output_format == "text":
            # Printed in batches: one write per diagnostic would be most of the time of a map
            # with a million warnings.
            for start in range(0, len(found), 1000):
                batch = found[start : start + 1000]
                text = "\n".join(diagnostic_text(d, checked.loaded) for d in batch)
                click.echo(text, color=color)
        elif output_format == "github":
            for diagnostic in found:
                click.echo(github_annotation(diagnostic))
    errors = sum(d.is_error for d in everything)
    warnings = len(everything) - errors
    if output_format == "json":
        import json

        click.echo(json.dumps([d.to_dict() for d in everything], indent=2, ensure_ascii=False))
    summary = (
        f"{plural(len(maps), 'map')} checked: {plural(errors, 'error')}, "
        f"{plural(warnings, 'warning')}"
    )
    click.echo(summary, err=True)
    unverified = strict and unverified
    if unverified:
        click.echo("--strict: some quotes could not be verified (source not found)", err=True)
    raise click.exceptions.Exit(1 if errors or (strict and warnings) or unverified else 0)

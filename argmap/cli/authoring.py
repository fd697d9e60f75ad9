"""``argmap new``, ``argmap fmt`` and ``argmap schema``: writing maps by hand."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.cli.common import CONTEXT, PATHS, exit_with, find_maps, plural, print_invalid

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


@click.command("schema", context_settings=CONTEXT)
def schema_command() -> None:
    """Print the JSON Schema of the map format, for editors with a YAML language server.

    Name it in a map's first line to have the editor complete and check the map as you type:
    # yaml-language-server: $schema=path/to/argmap.schema.json
    """
    from argmap.schema import schema_text

    click.echo(schema_text(), nl=False)


@click.command("new", context_settings=CONTEXT)
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
    from argmap.files import WriteError, make_folder, write_atomic

    if file.exists():
        raise click.UsageError(f"{file} exists; argmap new never writes over a file")
    import json

    source = ""
    if source_file is not None:
        source = "source:\n  file: " + json.dumps(source_file.name, ensure_ascii=False) + "\n"
    text = NEW_MAP.format(title=json.dumps(title, ensure_ascii=False), source=source)
    try:
        if file.parent != Path(""):
            make_folder(file.parent)
        write_atomic(file, text.encode("utf-8"))
    except WriteError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {file}; next: argmap check {file}", err=True)


def _print_refusal(path: Path, problem: str) -> None:
    """Why fmt left a map without errors as it is, located when the reason is (a
    :class:`~argmap.formatting.FormatError` starts with ``line L, column C:``)."""
    import re

    from argmap.diagnostics import printable

    name = printable(str(path))
    where = re.match(r"line (\d+), column (\d+): (.*)", problem, re.DOTALL)
    if where:
        line, column, problem = where.groups()
        click.echo(f"{name}:{line}:{column}: error: {printable(problem)}", err=True)
    else:
        click.echo(f"{name}: error: {printable(problem)}", err=True)
    click.echo(f"{name}: not formatted", err=True)


@click.command("fmt", context_settings=CONTEXT)
@PATHS
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a map would change.")
def fmt_command(paths: tuple[str, ...], check: bool) -> None:
    """Put maps in canonical layout: key order, indentation and quoting, keeping every comment.

    A map with errors is left as it is (exit 1). A formatted map always loads to the same map as
    before; files are written atomically, through links to their targets, keeping their mode.
    A read-only map is left as it is (exit 1).
    """
    from argmap.pipeline import format_file

    changed = failed = 0
    for path in find_maps(paths):
        try:
            outcome = format_file(path, check=check)
        except OSError as error:  # written atomically: the map is as it was
            failed += 1
            click.echo(f"{path}: not formatted: cannot write it: {error.strerror}", err=True)
            continue
        if outcome.checked.map is None:
            print_invalid(outcome.checked, "formatted", None, err=True)
            failed += 1
            continue
        if outcome.problem is not None:
            failed += 1
            _print_refusal(path, outcome.problem)
            continue
        if not outcome.changed:
            continue
        changed += 1
        if check:
            click.echo(f"{path}: would be reformatted")
        else:
            click.echo(f"{path}: reformatted", err=True)
    verb = "would be reformatted" if check else "reformatted"
    click.echo(f"{plural(changed, 'map')} {verb}", err=True)
    raise exit_with(failed or (check and changed))

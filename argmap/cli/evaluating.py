"""``argmap eval`` and ``argmap show``: which claims stand, as a table, JSON or an outline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.cli.common import (
    COLOR,
    CONTEXT,
    PATHS,
    exit_with,
    find_maps,
    plural,
    print_invalid,
    semantics_option,
)

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation, Status
    from argmap.model import ArgumentMap

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
    count = f": {plural(len(ev.extensions), 'extension')}" if multi else ""
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


@click.command(
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
    from argmap.pipeline import evaluate_file

    maps = find_maps(paths)
    results: list[dict[str, object]] = []
    failed = 0
    for path in maps:
        checked, ev = evaluate_file(path, semantics)
        if checked.map is None or ev is None:
            # with JSON, errors go to stderr so that stdout stays one JSON array
            print_invalid(checked, "evaluated", color, err=output_format == "json")
            failed += 1
            continue
        if output_format == "json":
            results.append(_eval_json(path, checked.map, ev))
        else:
            _eval_text(path, checked.map, ev, color)
    if output_format == "json":
        import json

        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    raise exit_with(failed)


@click.command("show", context_settings=CONTEXT)
@PATHS
@semantics_option("Semantics for the status shown beside each claim.")
def show_command(paths: tuple[str, ...], semantics: str) -> None:
    """Print maps as indented outlines: each thesis, then its reasons (+), the objections to
    them (-) and contradictions (x), with each claim's role and status."""
    from argmap.diagnostics import printable
    from argmap.outline import outline
    from argmap.pipeline import evaluate_file

    failed = 0
    for path in find_maps(paths):
        checked, ev = evaluate_file(path, semantics)
        if checked.map is None or ev is None:
            print_invalid(checked, "shown", None)
            failed += 1
            continue
        m = checked.map
        click.echo(printable(f"{path}: {m.title}" if m.title else str(path)))
        for line in outline(m, ev):
            click.echo("  " + printable(line))
    raise exit_with(failed)

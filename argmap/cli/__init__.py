"""The ``argmap`` command: the only package that prints or exits.

Each command parses its options, asks :mod:`argmap.pipeline` (or another module of the
library) to do the work, prints what came back, and ends by raising click's own exceptions:
:class:`click.exceptions.Exit` with the exit status, :class:`click.UsageError` for a usage
error. Commands live in modules by job: :mod:`~argmap.cli.checking` (check),
:mod:`~argmap.cli.drawing` (render, watch), :mod:`~argmap.cli.evaluating` (eval, show),
:mod:`~argmap.cli.interchange` (export, import, split), :mod:`~argmap.cli.authoring` (new, fmt,
schema); what they share is in :mod:`~argmap.cli.common`.

Exit status: 0 when no errors (warnings allowed), 1 when any map has errors (or warnings under
``--strict``), 2 for a usage error.

Each command imports what it needs when it runs, so that a command that needs little (such as
``argmap --help``, or ``argmap render`` when every drawing is up to date) does not wait for the
rest of argmap to load.
"""

from __future__ import annotations

import importlib

import click

from argmap import __version__
from argmap.cli.common import CONTEXT

COMMANDS = {
    "check": ("checking", "check_command"),
    "render": ("drawing", "render_command"),
    "eval": ("evaluating", "eval_command"),
    "export": ("interchange", "export_command"),
    "import": ("interchange", "import_command"),
    "split": ("interchange", "split_command"),
    "schema": ("authoring", "schema_command"),
    "show": ("evaluating", "show_command"),
    "new": ("authoring", "new_command"),
    "fmt": ("authoring", "fmt_command"),
    "watch": ("drawing", "watch_command"),
}
"""Each command's module in this package and its function; help lists them by name."""


class Commands(click.Group):
    """The commands of :data:`COMMANDS`, each imported when it is run or listed: ``argmap
    check`` does not wait for the modules of the other commands."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        assert isinstance(command, click.Command)
        assert command.name == cmd_name
        return command


@click.group(
    cls=Commands,
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


__all__ = ["main"]

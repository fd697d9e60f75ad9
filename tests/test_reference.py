"""docs/cli.md documents every command and every option that `--help` shows."""

from __future__ import annotations

import re

import click
import pytest

from argmap.cli import main
from tests.conftest import ROOT

REFERENCE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
COMMANDS = main.list_commands(click.Context(main))


def test_every_command_has_a_section() -> None:
    for name in COMMANDS:
        assert re.search(rf"^## `argmap {name}\b", REFERENCE, re.M), f"argmap {name} undocumented"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_documented(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    for param in command.params:
        if isinstance(param, click.Option) and "--help" not in param.opts:
            assert any(f"`{opt}" in REFERENCE for opt in param.opts), (name, param.opts)

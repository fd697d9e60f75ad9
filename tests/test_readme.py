"""The README's map and Python snippet work as shown."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from tests.conftest import ARTICLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(language: str, index: int = 0) -> str:
    return re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)[index]


def test_readme_map_is_valid_and_clean(tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(block("yaml"), encoding="utf-8")
    sources = [ARTICLES] if ARTICLES.is_dir() else []
    assert argmap.check_file(path, sources=sources) == []


def test_readme_error_example_is_what_check_prints(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    text = block("yaml").replace("    quote: That gives", "    qoute: That gives")
    (maps / "example.yaml").write_text(text, encoding="utf-8")
    shown = block("console", 3)
    command, _, expected = shown.partition("\n")
    assert command == "$ argmap check maps/example.yaml"
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", "maps/example.yaml"])
    finally:
        os.chdir(cwd)
    assert result.stdout == expected


def test_readme_python_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "maps").symlink_to(ROOT / "maps")
    monkeypatch.chdir(tmp_path)
    exec(compile(block("python"), "README.md", "exec"), {})
    assert (tmp_path / "mine.svg").read_bytes().lstrip().startswith(b"<?xml")

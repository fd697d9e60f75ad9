"""argmap fmt: canonical layout that keeps every comment and never changes what a map means."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.formatting import FormatError, formatted
from argmap.model import ArgumentMap
from tests.conftest import ROOT
from tests.strategies import valid_maps

MESSY = """\
# A messy map: keys out of order, odd indentation, needless quotes.
links:
- supports: t        # the main inference
  from: [p, q]
  id: main
claims:
    t: "The thesis."
    p:
        by: 'Someone'
        text: A premise.   # stated early on
    q: A second premise.
thesis: t
argmap: 1
title: 'A messy map'
"""

CANONICAL = """\
# A messy map: keys out of order, odd indentation, needless quotes.
argmap: 1
title: A messy map
thesis: t
claims:
  t: The thesis.
  p:
    text: A premise.       # stated early on
    by: Someone
  q: A second premise.
links:
  - from: [p, q]
    supports: t      # the main inference
    id: main
"""


def comments(text: str) -> list[str]:
    """Comment lines, and the comments after values (plain scalars in these tests)."""
    return sorted(m.group(1) for m in re.finditer(r"(?m)(?:^|\s)(#[^\n]*)$", text))


def test_canonical_layout() -> None:
    assert formatted(MESSY) == CANONICAL
    assert formatted(CANONICAL) == CANONICAL


def test_meaning_and_comments_are_kept() -> None:
    assert argmap.loads(formatted(MESSY)) == argmap.loads(MESSY)
    assert comments(formatted(MESSY)) == comments(MESSY)


def test_a_map_with_errors_is_refused() -> None:
    with pytest.raises(FormatError, match="the map has errors"):
        formatted("argmap: 1\nclaims:\n  a: A.\nlinks:\n  - from: x\n    supports: a\n")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps(), st.lists(st.from_regex(r"[A-Za-z0-9 ]{0,20}", fullmatch=True), max_size=3))
def test_generated_maps_keep_meaning_and_comments(m: ArgumentMap, notes: list[str]) -> None:
    text = argmap.dumps(m)
    lines = text.splitlines()
    for i, note in enumerate(notes):  # comments on their own lines, before top-level keys
        lines.insert(0, f"# note {i}: {note}")
    text = "\n".join(lines) + "\n"
    assume(not any(d.is_error for d in argmap.check(m)))  # random expectations may not hold
    refusal = ""
    try:
        result = formatted(text)
    except FormatError as error:  # never a changed map: at worst the file is left alone
        refusal = str(error)
    if refusal:
        assert "left as it is" in refusal
        return
    assert argmap.parse(result).map == argmap.parse(text).map == m
    kept = [line for line in result.splitlines() if line.startswith("# note")]
    assert sorted(kept) == sorted(f"# note {i}: {note}" for i, note in enumerate(notes))
    assert formatted(result) == result


def test_a_formatting_that_would_change_the_map_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.formatting as formatting

    real = formatting.parse
    calls: list[str] = []

    def parse_then_alter(text: str, file: str | None = None) -> argmap.Loaded:
        calls.append(text)
        if len(calls) == 2:  # the formatted text: pretend it reads differently
            return real(text.replace("The thesis.", "Another thesis."), file)
        return real(text, file)

    monkeypatch.setattr(formatting, "parse", parse_then_alter)
    with pytest.raises(FormatError, match="would change the map"):
        formatting.formatted(MESSY)


@pytest.mark.parametrize("path", sorted(ROOT.glob("maps/*.yaml")), ids=lambda p: p.stem)
def test_the_maps_are_canonical(path: Path) -> None:
    assert formatted(path.read_text(encoding="utf-8")) == path.read_text(encoding="utf-8")


def test_fmt_command(tmp_path: Path) -> None:
    messy = tmp_path / "messy.yaml"
    messy.write_text(MESSY)
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\nclaims:\n  a: A.\nlinks:\n  - from: x\n    supports: a\n")
    runner = CliRunner()
    result = runner.invoke(main, ["fmt", "--check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == f"{messy}: would be reformatted\n"
    assert messy.read_text() == MESSY  # --check changes nothing
    result = runner.invoke(main, ["fmt", str(tmp_path)])
    assert result.exit_code == 1  # the broken map was left as it is
    assert f"{broken}: not formatted (1 error)" in result.stderr
    assert messy.read_text() == CANONICAL
    assert broken.read_text().startswith("argmap: 1\nclaims:\n  a: A.")
    assert not list(tmp_path.glob(".argmap-*"))
    broken.unlink()
    assert runner.invoke(main, ["fmt", "--check", str(tmp_path)]).exit_code == 0

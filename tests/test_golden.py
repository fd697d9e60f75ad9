"""Golden files: each invalid map in tests/invalid/ and the exact diagnostics it must produce.

Each ``NAME.yaml`` (or other file) has a ``NAME.expected`` beside it holding the text form of its
diagnostics, with source lines and carets. To accept new output after a deliberate change, run
``ARGMAP_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap import check_file, format_text, read
from argmap.diagnostics import ERROR_CODES, WARNING_CODES

HERE = Path(__file__).parent / "invalid"
CASES = sorted(p for p in HERE.glob("*.yaml"))


def render_diagnostics(path: Path) -> str:
    cwd = os.getcwd()
    os.chdir(HERE)
    try:
        found = check_file(path.name, sources=["sources"])
        lines = read(path.name).lines
    finally:
        os.chdir(cwd)
    return "".join(format_text(d, lines) + "\n" for d in found)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path) -> None:
    expected_path = path.with_suffix(".expected")
    actual = render_diagnostics(path)
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")


# Codes whose inputs are too large to keep as files; tests/test_hostile.py makes them.
GENERATED = {"limit-exceeded"}


def test_every_code_has_a_fixture_that_produces_it() -> None:
    for code in sorted(set(ERROR_CODES + WARNING_CODES) - GENERATED):
        fixture = HERE / f"{code}.yaml"
        assert fixture.exists(), f"no golden fixture for {code}"
        assert f"[{code}]" in render_diagnostics(fixture), f"{fixture.name} does not produce {code}"

"""Every script in examples/ runs and does what it says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import argmap
from tests.conftest import ROOT


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "examples" / script), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_every_example_is_tested() -> None:
    assert {p.name for p in (ROOT / "examples").glob("*.py")} == {
        "argdown_exchange.py",
        "build_in_python.py",
        "custom_check.py",
    }


def test_build_in_python(tmp_path: Path) -> None:
    result = run("build_in_python.py", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "premises under the thesis: resolve, stake" in result.stdout
    assert "thesis: out; undercut by: unrelated (in)" in result.stdout
    assert b"grounded semantics" in (tmp_path / "hanoi-eval.svg").read_bytes()
    m = argmap.load(tmp_path / "hanoi.yaml")
    assert m.link("resolve-and-stake").is_linked
    assert (tmp_path / "hanoi.svg").read_bytes().lstrip().startswith(b"<?xml")


def test_argdown_exchange(tmp_path: Path) -> None:
    result = run("argdown_exchange.py", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "read back the same: True" in result.stdout
    assert (
        "debate.argdown:16:1: warning[argdown-unsupported]: argument <Vague objection> has no "
        "premise-conclusion structure: it is read as a claim"
    ) in result.stdout
    assert "debate: resolve, watching support leverage together" in result.stdout
    assert (tmp_path / "walkout.argdown").read_text(encoding="utf-8").startswith("===\n")
    debate = argmap.load(tmp_path / "debate.yaml")
    assert [d for d in argmap.check(debate) if d.is_error] == []
    assert debate.title == "Did walking away pay off?"


def test_custom_check(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    long = " ".join(["word"] * 30)
    path.write_text(
        f"argmap: 1\nthesis: a\nclaims:\n  a: {long}\n  b: B.\n"
        "links:\n  - from: b\n    supports: a\n"
    )
    result = run("custom_check.py", str(path))
    assert result.returncode == 0, result.stderr
    assert f"{path}:4:6: warning[long-claim]: claim 'a' has 30 words" in result.stdout


def test_tutorial_map_is_clean_and_shown_as_the_tutorial_says() -> None:
    path = ROOT / "docs" / "tutorial" / "walkout.yaml"
    from tests.conftest import ARTICLES

    sources = [ARTICLES] if ARTICLES.is_dir() else []
    assert argmap.check_file(path, sources=sources) == []
    from click.testing import CliRunner

    from argmap.cli import main

    result = CliRunner().invoke(main, ["show", "docs/tutorial/walkout.yaml"])
    tutorial = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    assert result.stdout in tutorial
    assert (ROOT / "docs" / "tutorial" / "walkout.png").read_bytes().startswith(b"\x89PNG")

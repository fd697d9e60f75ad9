"""The pipeline (argmap.pipeline): drawing folders of maps on every core, up-to-date drawings
skipped, --force; and the values each step returns to the commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap import pipeline
from argmap.cli import main
from argmap.pipeline import Options, draw_all
from argmap.stamps import STAMP
from tests.conftest import SMALL_MAP

pytestmark = pytest.mark.needs_dot


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    for index in range(4):
        (maps / f"m{index}.yaml").write_text(SMALL_MAP, encoding="utf-8")
    return maps


def _age(path: Path, seconds: float) -> None:
    """Make ``path`` look ``seconds`` older than now."""
    when = path.stat().st_mtime - seconds
    os.utime(path, (when, when))


def _age_drawings(out: Path) -> None:
    for drawing in out.glob("*.svg"):
        _age(drawing, 0)
    for source in out.parent.glob("maps/*.yaml"):
        _age(source, 10)


def test_a_second_run_leaves_up_to_date_drawings(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("render", "-o", str(out), str(folder))
    assert code == 0
    assert err.endswith("4 maps drawn (svg, " + str(out) + ")\n")
    _age_drawings(out)
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.svg")}
    code, _, err = run("render", "-o", str(out), str(folder))
    assert code == 0
    assert f"{folder / 'm0.yaml'}: up to date ({out / 'm0.svg'})" in err
    assert err.endswith("0 maps drawn, 4 up to date (svg, " + str(out) + ")\n")
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.svg")} == before


def test_a_changed_map_is_drawn_again_and_only_it(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("render", "-o", str(out), str(folder))
    _age_drawings(out)
    os.utime(folder / "m2.yaml")  # edited now: newer than its drawing
    code, _, err = run("render", "-o", str(out), str(folder))
    assert code == 0
    assert f"{folder / 'm2.yaml'} -> {out / 'm2.svg'}" in err
    assert err.endswith("1 map drawn, 3 up to date (svg, " + str(out) + ")\n")


def test_force_draws_every_map_again(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("render", "-o", str(out), str(folder))
    _age_drawings(out)
    code, _, err = run("render", "--force", "-o", str(out), str(folder))
    assert code == 0
    assert err.endswith("4 maps drawn (svg, " + str(out) + ")\n")


def test_other_options_or_another_version_draw_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run("render", "-o", str(out), str(folder))
    _age_drawings(out)
    code, _, err = run("render", "--eval", "grounded", "-o", str(out), str(folder))
    assert code == 0
    assert err.endswith("4 maps drawn (svg, " + str(out) + ")\n")
    _age_drawings(out)
    monkeypatch.setattr(pipeline, "__version__", "99.0.0")
    code, _, err = run("render", "--eval", "grounded", "-o", str(out), str(folder))
    assert code == 0
    assert err.endswith("4 maps drawn (svg, " + str(out) + ")\n")
    stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    assert json.loads(stamp["m0.svg"]["options"]) == ["99.0.0", "svg", "auto", "dot", "grounded"]
    assert stamp["m0.svg"]["inputs"] == [str((folder / "m0.yaml").resolve())]


def test_a_deleted_drawing_is_drawn_again(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("render", "-o", str(out), str(folder))
    _age_drawings(out)
    (out / "m1.svg").unlink()
    _, _, err = run("render", "-o", str(out), str(folder))
    assert err.endswith("1 map drawn, 3 up to date (svg, " + str(out) + ")\n")


def test_processes_draw_what_one_process_draws(folder: Path, tmp_path: Path) -> None:
    pairs = [(p, tmp_path / "one" / p.with_suffix(".svg").name) for p in sorted(folder.iterdir())]
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = list(draw_all(pairs, Options(), jobs=1))
    two_pairs = [(p, tmp_path / "two" / t.name) for p, t in pairs]
    two = list(draw_all(two_pairs, Options(), jobs=2))
    assert [o.path for o in one] == [o.path for o in two] == [p for p, _ in pairs]
    assert all(o.drawn for o in one + two)
    for (_, a), (_, b) in zip(pairs, two_pairs, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_broken_maps_in_processes_report_their_errors(folder: Path, tmp_path: Path) -> None:
    broken = folder / "m1.yaml"
    broken.write_text("argmap: 1\nclaims:\n  a: A\nlinks:\n- {from: a, supports: nowhere}\n")
    code, out, err = run("render", "--jobs", "2", "-o", str(tmp_path / "out"), str(folder))
    assert code == 1
    assert f"{broken}:5:" in out
    assert "error[unknown-ref]" in out
    assert f"{broken}: not drawn (1 error)" in err
    assert err.endswith("3 maps drawn (svg, " + str(tmp_path / "out") + ")\n")
    stamp = json.loads((tmp_path / "out" / STAMP).read_text(encoding="utf-8"))
    assert sorted(stamp) == ["m0.svg", "m2.svg", "m3.svg"]


def test_api_outcomes_say_what_happened(folder: Path, tmp_path: Path) -> None:
    pairs = [(folder / "m0.yaml", tmp_path / "m0.svg")]
    (first,) = draw_all(pairs, Options())
    assert first.drawn
    assert not first.up_to_date
    _age(folder / "m0.yaml", 10)
    (second,) = draw_all(pairs, Options())
    assert second.up_to_date
    assert not second.drawn
    assert argmap.read(folder / "m0.yaml").ok


def test_a_map_too_large_for_dot_is_refused_at_once_with_advice() -> None:
    from argmap.rendering import RenderError

    claims = {f"c{i}": f"Claim {i}." for i in range(10_000)}
    links = [argmap.support(f"c{i}", "c0") for i in range(1, 10_000)]
    m = argmap.ArgumentMap(claims=claims, links=links, thesis=["c0"])
    with pytest.raises(RenderError) as raised:
        argmap.render(m, "svg", "system", timeout=60)
    assert str(raised.value) == (
        "a map of 10,000 claims is too large for the dot layout: it would take about 2 min, "
        "more than the 60 s allowed; draw it with --layout sfdp, which is much faster on large "
        "maps, or split it with argmap split into one map per argument under its thesis"
    )

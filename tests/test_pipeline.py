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
    assert json.loads(stamp["m0.svg"]["options"]) == ["99.0.0", "svg", "auto", "auto", "grounded"]
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


BROKEN = "argmap: 1\nthesis: t\nclaims:\n  t: The thesis.\nlinks:\n  - from: p\n    supports: t\n"


def test_read_checked_returns_diagnostics_and_a_missing_source(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN)
    checked = pipeline.read_checked(broken)
    assert [(d.code, d.line, d.column) for d in checked.errors] == [("unknown-ref", 6, 11)]
    assert checked.map is None
    good = tmp_path / "good.yaml"
    good.write_text(SMALL_MAP.replace("title: A small map", "source:\n  file: gone.txt"))
    checked = pipeline.read_checked(good, sources=[str(tmp_path)])
    assert checked.diagnostics == ()
    assert checked.missing_source == "gone.txt"
    assert checked.map is not None
    assert pipeline.read_checked(good).missing_source is None  # no folders: nothing looked up


def test_check_maps_yields_one_outcome_per_map_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(BROKEN)
    (tmp_path / "b.yaml").write_text(SMALL_MAP)
    found = list(pipeline.check_maps([tmp_path / "b.yaml", tmp_path / "a.yaml"]))
    assert [c.path.name for c in found] == ["b.yaml", "a.yaml"]
    assert [[d.code for d in c.diagnostics] for c in found] == [[], ["unknown-ref"]]


def test_clash_names_what_would_be_written_over(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "m.yaml", tmp_path / "b" / "m.yaml"
    out = tmp_path / "out" / "m.svg"
    assert pipeline.clash([a, b], [out, out], "drawing", "drawn") == (
        f"{a} and {b} would both be drawn to {out}"
    )
    assert (
        pipeline.clash([a], [a], "drawing", "drawn") == f"drawing {a} would write over the map {a}"
    )
    assert pipeline.clash([a], [out], "drawing", "drawn") is None


def test_draw_one_returns_errors_or_the_drawing_written(folder: Path, tmp_path: Path) -> None:
    broken = folder / "m1.yaml"
    broken.write_text(BROKEN)
    outcome = pipeline.draw_one(broken, tmp_path / "m1.svg", Options())
    assert not outcome.drawn
    assert [(d.code, d.line) for d in outcome.errors] == [("unknown-ref", 6)]
    assert not (tmp_path / "m1.svg").exists()
    outcome = pipeline.draw_one(folder / "m0.yaml", tmp_path / "m0.svg", Options(format="dot"))
    assert outcome.drawn
    assert outcome.inputs == (str((folder / "m0.yaml").resolve()),)
    assert (tmp_path / "m0.svg").read_text().startswith("digraph")


def test_draw_pages_return_their_index_entries(folder: Path, tmp_path: Path) -> None:
    pairs = [(folder / f"m{i}.yaml", tmp_path / "site" / f"m{i}.html") for i in range(2)]
    (tmp_path / "site").mkdir()
    index = pipeline.index_path([t for _, t in pairs], None)
    assert index == tmp_path / "site" / "index.html"
    outcomes = list(pipeline.draw_pages(pairs, Options(format="html"), index))
    assert [o.drawn for o in outcomes] == [True, True]
    entries = [o.entry for o in outcomes if o.entry is not None]
    assert [e.href for e in entries] == ["m0.html", "m1.html"]
    pipeline.write_index(index, entries)
    assert 'href="m1.html"' in index.read_text()
    assert pipeline.index_clash([folder / "index.yaml"], [index], index) is not None


def test_draw_merged_leaves_out_maps_with_errors(folder: Path, tmp_path: Path) -> None:
    (folder / "m3.yaml").write_text(BROKEN)
    target = pipeline.merged_target(folder, "dot", tmp_path)
    assert target == tmp_path / "maps.dot"
    merged = pipeline.draw_merged(folder, target, Options(format="dot"))
    assert merged.drawn
    assert [c.path.name for c in merged.invalid] == ["m3.yaml"]
    assert merged.claims == 13  # three maps of four claims, and what could be read of m3
    assert "maps: 3 maps" in target.read_text()


def test_check_and_draw_never_draws_over_the_map(tmp_path: Path) -> None:
    tricky = tmp_path / "m.svg"
    tricky.write_text(SMALL_MAP)
    watched = pipeline.check_and_draw(tricky)
    assert watched.over_map
    assert watched.target is None
    assert tricky.read_text() == SMALL_MAP
    normal = tmp_path / "n.yaml"
    normal.write_text(SMALL_MAP)
    (tmp_path / "out").mkdir()
    assert pipeline.check_and_draw(normal, tmp_path / "out").target == tmp_path / "out" / "n.svg"
    assert pipeline.check_and_draw(normal, draw=False).target is None


def test_import_file_returns_what_it_wrote_or_why_not(tmp_path: Path) -> None:
    from argmap import formats

    json_file = tmp_path / "loop.json"
    json_file.write_text(
        '{"argmap": 1, "claims": {"a": "A.", "b": "B."}, '
        '"links": [{"from": "a", "supports": "b"}, {"from": "b", "supports": "a"}]}'
    )
    imported = pipeline.import_file(json_file, formats.get("json"), tmp_path / "loop.yaml")
    assert not imported.written
    assert imported.loaded is not None
    assert [d.code for d in imported.loaded.diagnostics] == ["circular-support"]
    assert not (tmp_path / "loop.yaml").exists()
    json_file.write_text(formats.export(argmap.loads(SMALL_MAP), "json"))
    target = tmp_path / "small.yaml"
    assert pipeline.import_file(json_file, formats.get("json"), target).written
    assert argmap.load(target) == argmap.loads(SMALL_MAP)
    again = pipeline.import_file(json_file, formats.get("json"), target)
    assert again.exists
    assert not again.written
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00")
    unreadable = pipeline.import_file(tmp_path / "bin.json", formats.get("json"), target)
    assert unreadable.unreadable is not None


def test_split_and_format_return_what_they_did(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SMALL_MAP)
    split = pipeline.split_file(path)
    assert split.problem is not None  # a single argument under its one thesis
    assert split.parts == ()
    formatted = pipeline.format_file(path, check=True)
    assert formatted.problem is None
    assert path.read_text() == SMALL_MAP  # --check writes nothing
    broken = tmp_path / "b.yaml"
    broken.write_text(BROKEN)
    assert [d.code for d in pipeline.format_file(broken).checked.errors] == ["unknown-ref"]
    assert broken.read_text() == BROKEN

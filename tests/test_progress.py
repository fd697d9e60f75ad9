"""What ``argmap render`` says of a long drawing (its estimate, a spinner on a terminal), and
the ``auto`` layout that draws with sfdp a map that dot would take too long to draw. The
estimate is replaced, so that no test draws a large map."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap import rendering
from argmap.cli import main
from argmap.cli.progress import Drawings, about, announcement
from argmap.pipeline import Options, Plan, draw_all
from tests.conftest import SMALL_MAP


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The layouts Graphviz is asked to draw with (a drawing that takes no time)."""
    asked: list[str] = []

    def render_dot(source: str, format: str, engine: str, *, layout: str, **_: Any) -> bytes:
        asked.append(layout)
        return b"<svg xmlns='http://www.w3.org/2000/svg'/>"

    monkeypatch.setattr(rendering, "render_dot", render_dot)
    return asked


def estimate(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    monkeypatch.setattr(rendering, "dot_seconds", lambda claims: seconds)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(SMALL_MAP)
    return path


def claims_of(path: Path) -> int:
    return len(argmap.load(path).claims)


LONG = "drawing {map}: {claims} claims, about {seconds} with dot"
SWITCHED = (
    "{map}: {claims} claims would take about {seconds} with dot; drawn with sfdp "
    "(--layout dot to insist)"
)


@pytest.mark.parametrize(
    ("options", "seconds", "said", "layout"),
    [
        ((), 15.2, LONG.replace("{seconds}", "15 s"), "dot"),
        ((), 1.9, None, "dot"),  # quick: nothing said
        ((), 85.3, SWITCHED.replace("{seconds}", "85 s"), "sfdp"),
        (("--layout", "auto"), 30.0, LONG.replace("{seconds}", "30 s"), "dot"),
        (("--layout", "dot"), 85.3, LONG.replace("{seconds}", "85 s"), "dot"),
        (("--layout", "neato"), 85.3, None, "neato"),  # no estimate for it
    ],
    ids=["long", "quick", "auto-switches", "auto-up-to-the-threshold", "dot-asked", "neato"],
)
def test_a_long_drawing_is_said_with_its_estimate_and_auto_chooses_the_layout(
    options: tuple[str, ...],
    seconds: float,
    said: str | None,
    layout: str,
    small: Path,
    layouts: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert rendering.AUTO_SFDP_FROM == 30.0
    estimate(monkeypatch, seconds)
    code, _, err = run("render", *options, str(small))
    assert code == 0
    line = said.format(map=small, claims=claims_of(small)) + "\n" if said else ""
    assert err == (
        f"{line}{small} -> {small.with_suffix('.svg')}\n1 map drawn (svg, beside each map)\n"
    )
    assert layouts == [layout]


def test_an_explicit_dot_layout_is_still_refused_above_the_limit(
    small: Path, layouts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    estimate(monkeypatch, 300)
    code, _, err = run("render", "--layout", "dot", str(small))
    assert code == 1
    n = claims_of(small)
    assert err == (
        f"{small}: not drawn: a map of {n} claims is too large for the dot layout: it would "
        "take about 5 min, more than the 120 s allowed; draw it with --layout sfdp, which is "
        "much faster on large maps\n"
        "0 maps drawn (svg, beside each map)\n"
    )
    assert layouts == []


def test_dot_text_is_not_a_drawing(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    estimate(monkeypatch, 85.3)
    code, _, err = run("render", "-f", "dot", str(small))
    assert code == 0
    assert err == f"{small} -> {small.with_suffix('.dot')}\n1 map drawn (dot, beside each map)\n"


def test_html_pages_and_merged_drawings_say_it_too(
    small: Path, layouts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    estimate(monkeypatch, 85.3)
    n = claims_of(small)
    code, _, err = run("render", "-f", "html", str(small))
    assert code == 0
    assert err.startswith(
        f"{small}: {n} claims would take about 85 s with dot; drawn with sfdp "
        f"(--layout dot to insist)\n{small} -> {small.with_suffix('.html')}\n"
    )
    folder = small.parent
    code, _, err = run(
        "render", "--merge", "--layout", "dot", "-o", str(folder / "out"), str(folder)
    )
    assert code == 0
    assert err.startswith(f"drawing {folder}: {n} claims, about 85 s with dot\n")
    assert layouts == ["sfdp", "dot"]


def test_maps_drawn_in_worker_processes_are_said_before_their_outcome(
    tmp_path: Path, layouts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    estimate(monkeypatch, 15.2)
    maps = [tmp_path / f"m{i}.yaml" for i in range(3)]
    for path in maps:
        path.write_text(SMALL_MAP)
    n = claims_of(maps[0])
    code, _, err = run("render", "--jobs", "2", str(tmp_path))
    assert code == 0
    lines = err.splitlines()
    assert sorted(lines[:-1]) == sorted(
        [f"drawing {p}: {n} claims, about 15 s with dot" for p in maps]
        + [f"{p} -> {p.with_suffix('.svg')}" for p in maps]
    )
    for path in maps:  # each drawing said before its outcome
        assert lines.index(f"drawing {path}: {n} claims, about 15 s with dot") < lines.index(
            f"{path} -> {path.with_suffix('.svg')}"
        )
    assert lines[-1] == "3 maps drawn (svg, beside each map)"


def test_the_pipeline_tells_plans_in_this_process_and_from_workers(
    tmp_path: Path, layouts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    estimate(monkeypatch, 85.3)
    pairs = []
    for i in range(2):
        (tmp_path / f"m{i}.yaml").write_text(SMALL_MAP)
        pairs.append((tmp_path / f"m{i}.yaml", tmp_path / f"m{i}.svg"))
    n = claims_of(pairs[0][0])
    for jobs in (1, 2):
        told: list[Plan] = []
        outcomes = list(
            draw_all(pairs, Options(layout="auto"), force=True, jobs=jobs, on_plan=told.append)
        )
        assert all(o.drawn for o in outcomes)
        assert sorted(told, key=lambda p: p.path) == [
            Plan(path, n, "sfdp", 85.3, switched=True) for path, _ in pairs
        ]


def test_the_library_keeps_dot_unless_told_auto(
    layouts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert rendering.choose_layout("auto", 10) == "dot"
    assert rendering.choose_layout("auto", 100_000) == "sfdp"
    assert rendering.choose_layout("neato", 10) == "neato"
    estimate(monkeypatch, 85.3)
    m = argmap.loads(SMALL_MAP)
    argmap.render(m)
    argmap.render(m, layout="auto")
    assert layouts == ["dot", "sfdp"]


def test_durations_read_as_the_estimate_says_them() -> None:
    assert [about(s) for s in (0.2, 2.4, 15.2, 85.3, 99.4, 99.6, 170)] == [
        "1 s",
        "2 s",
        "15 s",
        "85 s",
        "99 s",
        "2 min",
        "3 min",
    ]
    plan = Plan(Path("m.yaml"), 3200, "dot", 14.6)
    assert announcement(plan) == "drawing m.yaml: 3,200 claims, about 15 s with dot"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_spinner_counts_the_seconds_and_is_cleared() -> None:
    now = [100.0]
    screen = Terminal()
    plan = Plan(Path("m.yaml"), 3200, "dot", 14.6)
    with Drawings(stream=screen, clock=lambda: now[0]) as drawings:
        drawings.stopped.set()  # no frames but those drawn here
        drawings.planned(plan)
        now[0] = 112.4
        with drawings.lock:
            drawings.draw()
        drawings.done(plan.path)
    assert screen.getvalue() == (
        "\r\033[Kdrawing m.yaml: 3,200 claims, about 15 s with dot\n"
        "\r\033[K| drawing m.yaml: 0 s"
        "\r\033[K/ drawing m.yaml: 12 s"
        "\r\033[K"
    )


def test_no_spinner_where_a_progress_bar_shows_or_off_a_terminal() -> None:
    plan = Plan(Path("m.yaml"), 3200, "dot", 14.6)
    for drawings in (Drawings(spin=False, stream=Terminal()), Drawings(stream=io.StringIO())):
        with drawings:
            drawings.planned(plan)
            drawings.done(plan.path)
        assert drawings.thread is None
    assert drawings.stream.getvalue() == "drawing m.yaml: 3,200 claims, about 15 s with dot\n"

"""Files are never lost, drawings are bounded, and no text can inject into an output."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.model import ArgumentMap, Claim, attack, support
from argmap.rendering import IN_PROCESS_LIMIT, RenderError, render_dot
from tests.conftest import ROOT, SMALL_MAP

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import synthetic_map

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def folder_of_maps(tmp_path: Path, count: int) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    for i in range(count):
        (maps / f"m{i:02}.yaml").write_text(SMALL_MAP.replace("A small map", f"Map {i}"))
    return maps


# --- files ------------------------------------------------------------------------------


def test_an_interrupted_render_leaves_earlier_outputs_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maps = folder_of_maps(tmp_path, 3)
    assert run("render", str(maps))[0] == 0
    before = {p.name: p.read_bytes() for p in maps.glob("*.svg")}
    calls = []

    def interrupted(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return b"<svg>new</svg>"

    monkeypatch.setattr("argmap.rendering.render", interrupted)  # as draw_one imports it
    code, _, _ = run("render", "--force", "--jobs", "1", str(maps))
    assert code != 0
    after = {p.name: p.read_bytes() for p in maps.glob("*.svg")}
    assert after["m00.svg"] == b"<svg>new</svg>"  # written before the interruption
    assert after["m01.svg"] == before["m01.svg"]  # the one interrupted: untouched
    assert after["m02.svg"] == before["m02.svg"]
    assert not list(maps.glob(".argmap-*"))  # no temporary file left behind


def test_a_failed_write_leaves_the_old_output_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maps = folder_of_maps(tmp_path, 1)
    assert run("render", str(maps))[0] == 0
    old = (maps / "m00.svg").read_bytes()

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full_disk)
    result = CliRunner().invoke(main, ["render", "--force", "--jobs", "1", str(maps)])
    assert result.exit_code != 0
    assert (maps / "m00.svg").read_bytes() == old
    assert not list(maps.glob(".argmap-*"))


def test_a_killed_render_leaves_every_output_whole(tmp_path: Path) -> None:
    maps = folder_of_maps(tmp_path, 40)
    command = [sys.executable, "-m", "argmap", "render", "--engine", "embedded", str(maps)]
    child = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert child.stderr is not None
    child.stderr.readline()  # the first drawing is written
    child.stderr.readline()
    workers = _children(child.pid)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    outputs = list(maps.glob("*.svg"))
    assert outputs
    for output in outputs:
        ET.fromstring(output.read_bytes())  # whole XML, never half a file
    assert workers  # the folder is drawn by a pool
    for _ in range(200):  # a guard against waiting for ever, not a timing
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert [pid for pid in workers if _alive(pid)] == []  # the pool's workers end too


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, ended but not yet reaped by init, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_two_renders_of_one_folder_at_once_leave_every_output_whole(tmp_path: Path) -> None:
    maps = folder_of_maps(tmp_path, 12)
    command = [sys.executable, "-m", "argmap", "render", "--engine", "embedded", str(maps)]
    children = [subprocess.Popen(command, stderr=subprocess.DEVNULL) for _ in range(2)]
    assert [c.wait(timeout=120) for c in children] == [0, 0]
    for i in range(12):
        ET.fromstring((maps / f"m{i:02}.svg").read_bytes())
    assert not list(maps.glob(".argmap-*"))


@pytest.mark.parametrize("name", ["-rf.yaml", "a b.yaml", "..yaml", "über.yaml", "x.svg.yaml"])
def test_outputs_stay_in_the_output_folder_whatever_the_name(tmp_path: Path, name: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / name).write_text(SMALL_MAP)
    out = tmp_path / "out"
    code, _, _ = run("render", "-o", str(out), "--", str(src / name))
    assert code == 0
    written = list(tmp_path.rglob("*.svg"))
    assert written == [out / (Path(name).stem + ".svg")]
    assert (src / name).read_text() == SMALL_MAP


# --- bounded drawing ----------------------------------------------------------------------


@pytest.mark.needs_dot
def test_a_drawing_that_takes_too_long_stops_with_advice() -> None:
    source = argmap.to_dot(synthetic_map(3000))
    with pytest.raises(RenderError, match=r"did not finish within 0.5 s; a faster layout such as"):
        render_dot(source, "svg", "system", timeout=0.5)


def test_the_embedded_engine_is_bounded_too() -> None:
    source = argmap.to_dot(synthetic_map(3000))
    with pytest.raises(RenderError, match=r"did not finish within 0.5 s"):
        render_dot(source, "svg", "embedded", timeout=0.5)


def test_the_embedded_engine_draws_as_before_after_a_stopped_drawing() -> None:
    with pytest.raises(RenderError, match=r"did not finish within 0.2 s"):
        render_dot(argmap.to_dot(synthetic_map(3000)), "svg", "embedded", timeout=0.2)
    source = argmap.to_dot(synthetic_map(700))
    assert len(source) > IN_PROCESS_LIMIT  # drawn on the engine that a timer can stop
    bounded = render_dot(source, "svg", "embedded", timeout=60)
    assert bounded == render_dot(source, "svg", "embedded", timeout=None)


@pytest.mark.needs_dot
def test_the_command_reports_a_timeout_and_goes_on(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(argmap.dumps(synthetic_map(3000)))
    (tmp_path / "small.yaml").write_text(SMALL_MAP)
    code, _, err = run("render", "--timeout", "0.5", str(tmp_path))
    assert code == 1
    assert "big.yaml: not drawn: the dot layout did not finish within 0.5 s" in err
    assert (tmp_path / "small.svg").exists()


@pytest.mark.needs_dot
def test_sfdp_layout_draws_a_large_map(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(argmap.dumps(synthetic_map(2000)))
    code, _, err = run("render", "--layout", "sfdp", "--timeout", "300", str(big))
    assert code == 0, err
    ET.fromstring((tmp_path / "big.svg").read_bytes())


# --- no injection -------------------------------------------------------------------------

CRAFTED = [
    '"]; evil [label="pwned"]; x -> y; a [label="',
    'label=evil, URL="javascript:alert(1)"',
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "]]><script>alert(2)</script>",
    '\\"; evil -> graph; \\"',
    "}\ndigraph x {\n",
    "&lt;script&gt;",
    "javascript:alert(1)",
]


def crafted_map(texts: list[str]) -> ArgumentMap:
    claims = [
        Claim(f"c{i}", t, quote=[t], by=t, note=t, tags=[t], url=t) for i, t in enumerate(texts)
    ]
    claims.append(Claim("linked", "A claim with a link.", url='https://e.org/?a="><script>'))
    links = [support(f"c{i}", "c0", scheme=t) for i, t in enumerate(texts) if i]
    links.append(support("linked", "c0"))
    if len(texts) > 2:
        links.append(attack("c1", "c2", scheme=texts[-1]))
    return ArgumentMap(claims=claims, links=links, thesis="c0", title=texts[0])


def assert_svg_is_inert(svg: bytes) -> None:
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.tag != f"{SVG}script"
        assert element.tag not in ("script", f"{SVG}foreignObject")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            if name == XLINK_HREF or name == "href":
                assert value.lower().startswith(("http://", "https://", "mailto:")), value


def structure(m: ArgumentMap) -> tuple[int, int]:
    """Nodes and edges a map must draw: claims plus junctions; one edge per premise."""
    junctions = {i for i, lk in enumerate(m.links) if lk.is_linked}
    edges = sum(len(lk.premises) + (1 if i in junctions else 0) for i, lk in enumerate(m.links))
    return len(m.claims) + len(junctions), edges


@pytest.mark.needs_dot
def test_crafted_texts_add_nothing_to_dot_or_svg() -> None:
    m = crafted_map(CRAFTED)
    laid_out = assert_drawn_exactly(m)
    assert laid_out.get("label") == m.title
    assert_svg_is_inert(render_dot(argmap.to_dot(m), "svg", "embedded"))


def assert_drawn_exactly(m: ArgumentMap) -> dict[str, object]:
    """Graphviz lays out exactly the map's nodes and edges, and its SVG is inert."""
    dot = argmap.to_dot(m)
    laid_out: dict[str, list[object]] = json.loads(_json(dot))
    nodes, edges = structure(m)
    assert len(_of_the_map(laid_out)[0]) == nodes
    assert len(_of_the_map(laid_out)[1]) == edges
    plain: dict[str, list[object]] = json.loads(_json(argmap.to_dot(m, legend=False)))
    assert len(plain.get("objects", [])) == nodes  # without a legend: the map's and nothing else
    assert len(plain.get("edges", [])) == edges
    assert_svg_is_inert(render_dot(dot, "svg", "system"))
    return dict(laid_out)


def _of_the_map(laid_out: dict[str, list[object]]) -> tuple[list[object], list[object]]:
    """The objects and edges Graphviz laid out, less the legend's (named ``_legend...``, in the
    box ``cluster_legend``), which must hold nothing of the map."""
    objects: list[dict[str, object]] = laid_out.get("objects", [])  # type: ignore[assignment]
    legend = {o["_gvid"] for o in objects if str(o.get("name", "")).startswith(LEGEND)}
    edges: list[dict[str, object]] = laid_out.get("edges", [])  # type: ignore[assignment]
    for box in objects:
        if box.get("name") == "cluster_legend":
            assert set(box.get("nodes", [])) <= legend  # type: ignore[arg-type]
    return (
        [o for o in objects if o["_gvid"] not in legend],
        [e for e in edges if e["tail"] not in legend and e["head"] not in legend],
    )


LEGEND = ("_legend", "cluster_legend")


def _json(dot: str) -> str:
    done = subprocess.run(
        [shutil.which("dot") or "dot", "-Tjson"],
        input=dot.encode(),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()


@pytest.mark.needs_dot
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).filter(
            lambda s: s.strip() != ""
        ),
        min_size=3,
        max_size=5,
    )
)
def test_generated_texts_add_nothing_either(texts: list[str]) -> None:
    assert_drawn_exactly(crafted_map(texts))


@pytest.mark.parametrize(
    "engine", ["embedded", pytest.param("system", marks=pytest.mark.needs_dot)]
)
def test_broken_dot_is_a_render_error_not_a_crash(engine: str) -> None:
    with pytest.raises(RenderError):
        render_dot("digraph { a -> }", "svg", engine)  # type: ignore[arg-type]

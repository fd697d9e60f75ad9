"""The argmap command, through click's runner: output, exit status, files written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from tests.conftest import SMALL_MAP

BROKEN = """\
argmap: 1
thesis: t
claims:
  t: The thesis.
links:
  - from: p
    supports: t
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out == f"argmap, version {argmap.__version__}\n"


def test_help_shows_examples() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "argmap render maps/" in out
    code, out, _ = run("check", "--help")
    assert "--strict" in out
    assert "argmap check --format json" in out


def test_check_clean_map(small_map_file: Path) -> None:
    code, out, err = run("check", str(small_map_file))
    assert code == 0
    assert out == ""
    assert err == "1 map checked: 0 errors, 0 warnings\n"


def test_check_reports_errors_with_caret_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    code, out, err = run("check", str(path))
    assert code == 1
    assert out == (
        f"{path}:6:11: error[unknown-ref]: 'from' of a link names no claim: 'p'\n"
        " 6 |   - from: p\n"
        "   |           ^\n"
    )
    assert "1 error" in err


def test_check_json_follows_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    code, out, _ = run("check", "--format", "json", str(path))
    assert code == 1
    assert json.loads(out) == [
        {
            "file": str(path),
            "line": 6,
            "column": 11,
            "severity": "error",
            "code": "unknown-ref",
            "message": "'from' of a link names no claim: 'p'",
            "hint": None,
        }
    ]


def test_check_json_is_an_empty_array_for_clean_maps(small_map_file: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(small_map_file))
    assert code == 0
    assert json.loads(out) == []


def test_warnings_exit_0_unless_strict(tmp_path: Path) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: A.\n  b: B.\nlinks:\n  - from: b\n    supports: a\n")
    code, out, _ = run("check", str(path))
    assert code == 0
    assert "warning[no-thesis]" in out
    code, _, _ = run("check", "--strict", str(path))
    assert code == 1


def test_sources_verify_quotes(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("The sky is blue today.")
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\nthesis: a\nsource:\n  file: a.txt\nclaims:\n"
        "  a:\n    text: A.\n    quote: sky is green\n  b:\n    text: B.\n    quote: sky is blue\n"
        "links:\n  - from: b\n    supports: a\n"
    )
    code, out, _ = run("check", "--strict", "--sources", str(tmp_path / "src"), str(path))
    assert code == 1
    assert f"{path}:8:12: warning[quote-not-found]: quote 1 of claim 'a'" in out
    assert "sky is blue" not in out.split("hint")[0]


def test_missing_source_file_is_noted(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SMALL_MAP.replace("title: A small map", "source:\n  file: gone.txt"))
    code, _, err = run("check", "--sources", str(tmp_path), str(path))
    assert code == 0
    assert "source file 'gone.txt' not found" in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check")[0] == 2
    assert run("check", str(tmp_path / "missing.yaml"))[0] == 2
    assert run("check", "--format", "xml", str(tmp_path))[0] == 2
    code, _, err = run("check", str(tmp_path))  # a folder with no maps
    assert code == 2
    assert "no maps" in err


def test_folders_expand_to_sorted_maps(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "sub/c.yaml", ".hidden/d.yaml", "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BROKEN)
    code, out, err = run("check", "--format", "json", str(tmp_path))
    assert code == 1
    files = [d["file"] for d in json.loads(out)]
    assert files == [str(tmp_path / n) for n in ("a.yml", "b.yaml", "sub/c.yaml")]
    assert "3 maps checked" in err


def test_render_writes_svg_beside_the_map(small_map_file: Path) -> None:
    code, _, err = run("render", str(small_map_file))
    assert code == 0
    svg = small_map_file.with_suffix(".svg")
    assert svg.read_bytes().lstrip().startswith(b"<?xml")
    assert f"{small_map_file} -> {svg}" in err


def test_render_into_a_folder_with_the_embedded_engine(
    small_map_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "deeper"
    code, _, _ = run("render", "-o", str(out), "--engine", "embedded", str(small_map_file))
    assert code == 0
    assert (out / "small.svg").read_text().count('class="node"') >= 4


def test_render_dot_format(small_map_file: Path, tmp_path: Path) -> None:
    code, _, _ = run("render", "-f", "dot", "-o", str(tmp_path / "o"), str(small_map_file))
    assert code == 0
    text = (tmp_path / "o" / "small.dot").read_text()
    assert text == argmap.to_dot(argmap.load(small_map_file))


def test_render_skips_broken_maps_but_draws_the_others(
    small_map_file: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN)
    code, out, err = run("render", str(tmp_path))
    assert code == 1
    assert "error[unknown-ref]" in out
    assert f"{broken}: not drawn (1 error)" in err
    assert not broken.with_suffix(".svg").exists()
    assert small_map_file.with_suffix(".svg").exists()


def test_render_refuses_to_write_over_a_map(tmp_path: Path) -> None:
    tricky = tmp_path / "map.svg"  # a map whose own name ends in .svg
    tricky.write_text(SMALL_MAP)
    code, _, err = run("render", str(tricky))
    assert code == 2
    assert "would write over the map" in err
    assert tricky.read_text() == SMALL_MAP


def test_render_refuses_two_maps_to_one_output(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.yaml").write_text(SMALL_MAP)
    code, _, err = run("render", "-o", str(tmp_path / "out"), str(tmp_path))
    assert code == 2
    assert "would both be drawn" in err


@pytest.mark.needs_dot
def test_render_png_with_system_dot(small_map_file: Path) -> None:
    code, _, _ = run("render", "-f", "png", str(small_map_file))
    assert code == 0
    assert small_map_file.with_suffix(".png").read_bytes().startswith(b"\x89PNG")


def test_png_without_system_dot_is_a_clear_failure(
    small_map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("argmap.rendering.system_dot", lambda: None)
    code, _, err = run("render", "-f", "png", str(small_map_file))
    assert code == 1
    assert "PNG needs Graphviz's 'dot' program" in err
    assert not small_map_file.with_suffix(".png").exists()


def test_svg_without_system_dot_uses_the_embedded_engine(
    small_map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("argmap.rendering.system_dot", lambda: None)
    code, _, _ = run("render", str(small_map_file))
    assert code == 0
    assert b"graphviz version 16" in small_map_file.with_suffix(".svg").read_bytes()


def test_no_colour_in_pipes(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    _, out, _ = run("check", str(path))
    assert "\x1b[" not in out
    _, out, _ = run("check", "--color", str(path))
    assert "\x1b[31m" in out


def test_python_dash_m(small_map_file: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(small_map_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "1 map checked" in result.stderr


def test_eval_prints_theses_then_claims(small_map_file: Path) -> None:
    code, out, _ = run("eval", str(small_map_file))
    assert code == 0
    assert out.splitlines() == [
        f"{small_map_file}: grounded semantics",
        "  thesis t: out",
        "  claim  role          status",
        "  t      thesis        out",
        "  p      premise       in",
        "  q      premise       in",
        "  o      premise       in",
    ]


def test_eval_preferred_json(small_map_file: Path) -> None:
    code, out, _ = run("eval", "--semantics", "preferred", "--format", "json", str(small_map_file))
    assert code == 0
    (result,) = json.loads(out)
    assert result["semantics"] == "preferred"
    assert result["theses"] == {"t": "out"}
    assert result["extensions"] == [["o", "p", "q"]]
    assert result["claims"][0] == {
        "id": "t",
        "role": "thesis",
        "status": "out",
        "credulous": False,
        "sceptical": False,
    }
    assert result["links"] == [
        {"index": 0, "id": "main", "status": "out"},
        {"index": 1, "id": None, "status": "in"},
    ]


def test_eval_refuses_broken_maps(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    code, out, err = run("eval", str(path))
    assert code == 1
    assert "error[unknown-ref]" in out
    assert "not evaluated" in err


def test_render_with_eval_colours_claims_and_adds_a_legend(
    small_map_file: Path, tmp_path: Path
) -> None:
    code, _, _ = run(
        "render", "--eval", "grounded", "-f", "dot", "-o", str(tmp_path), str(small_map_file)
    )
    assert code == 0
    dot = (tmp_path / "small.dot").read_text()
    assert "cluster_legend" in dot
    assert 'label="legend · grounded semantics"' in dot
    assert "status: out (grounded)" in dot
    assert 'style="rounded,filled,dashed"' in dot  # out: dashed border as well as colour


def test_render_adds_a_legend_of_the_styles_used_unless_told_not_to(
    small_map_file: Path, tmp_path: Path
) -> None:
    code, _, _ = run("render", "-f", "dot", "-o", str(tmp_path), str(small_map_file))
    assert code == 0
    dot = (tmp_path / "small.dot").read_text()
    assert "cluster_legend" in dot
    assert 'id="legend-linked"' in dot
    assert 'id="legend-undercuts"' in dot
    assert "legend-contradicts" not in dot  # only the styles the drawing uses
    code, _, _ = run(
        "render", "--no-legend", "--force", "-f", "dot", "-o", str(tmp_path), str(small_map_file)
    )
    assert code == 0
    assert "legend" not in (tmp_path / "small.dot").read_text()


def test_check_verifies_expectations(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SMALL_MAP + "expect:\n  grounded:\n    t: in\n    o: in\n")
    code, out, _ = run("check", str(path))
    assert code == 1
    assert out.startswith(
        f"{path}:20:5: error[unexpected-status]: 't' is out under grounded semantics, "
        "not in as expected"
    )


def test_schema_prints_the_packaged_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "argmap map, format version 1"


def test_new_writes_a_commented_skeleton_that_passes_check(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.yaml"
    code, _, err = run("new", str(path), "--title", 'A "quoted" title', "--source", "/x/a.txt")
    assert code == 0
    assert f"next: argmap check {path}" in err
    text = path.read_text()
    assert text.count("\n# ") >= 3  # explained
    m = argmap.load(path)
    assert m.title == 'A "quoted" title'
    assert m.source is not None
    assert m.source.file == "a.txt"
    assert argmap.check_file(path) == []


def test_new_never_writes_over_a_file(small_map_file: Path) -> None:
    code, _, err = run("new", str(small_map_file))
    assert code == 2
    assert "never writes over a file" in err
    assert small_map_file.read_text() == SMALL_MAP


def test_show_prints_an_outline(small_map_file: Path) -> None:
    code, out, _ = run("show", str(small_map_file))
    assert code == 0
    assert out.splitlines() == [
        f"{small_map_file}: A small map",
        "  [t: thesis, out] The thesis.",
        "    + together:",
        "      [p: premise, in] A premise. (Someone)",
        "      [q: premise, in] A second premise.",
        "      - undercut: [o: premise, in] An objection.",
    ]


def test_github_annotations(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    code, out, _ = run("check", "--format", "github", str(path))
    assert code == 1
    assert out == (
        f"::error file={path},line=6,col=11,title=argmap unknown-ref::"
        "'from' of a link names no claim: 'p'\n"
    )


def test_maps_display_as_svg_in_notebooks(small_map_file: Path) -> None:
    svg = argmap.notebook.svg(argmap.load(small_map_file))
    assert svg.lstrip().startswith("<?xml")
    assert "A premise." in svg


def test_watch_rechecks_and_redraws_on_save(
    small_map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 1:  # the author saves a mistake
            small_map_file.write_text(SMALL_MAP.replace("supports: t", "supports: tt"))
            stamp = small_map_file.stat().st_mtime_ns + 10**9
            os.utime(small_map_file, ns=(stamp, stamp))
        elif len(sleeps) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr("argmap.cli.drawing._pause", fake_sleep)
    code, out, err = run("watch", str(small_map_file))
    assert code == 0
    lines = err.splitlines()
    assert lines[0] == f"watching {small_map_file} (Ctrl-C to stop)"
    svg = small_map_file.with_suffix(".svg")
    assert lines[1] == f"{small_map_file}: 0 errors, 0 warnings; drawn to {svg}"
    assert lines[2] == f"{small_map_file}: 1 error, 5 warnings"  # the second save only
    assert lines[3] == "stopped"
    assert "error[unknown-ref]: 'supports' of link 'main' names no claim: 'tt'" in out
    assert svg.exists()


def test_eval_json_stays_json_when_a_map_is_broken(small_map_file: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN)
    code, out, err = run("eval", "--format", "json", str(tmp_path))
    assert code == 1
    assert [r["file"] for r in json.loads(out)] == [str(small_map_file)]
    assert "error[unknown-ref]" in err


def test_strict_check_fails_when_quotes_cannot_be_verified(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SMALL_MAP.replace("title: A small map", "source:\n  file: gone.txt"))
    code, _, err = run("check", "--strict", "--sources", str(tmp_path), str(path))
    assert code == 1
    assert "--strict: some quotes could not be verified" in err


def test_watch_refuses_a_busy_loop(small_map_file: Path) -> None:
    code, _, err = run("watch", "--interval", "0", str(small_map_file))
    assert code == 2
    assert "0.05" in err


def test_render_says_where_the_drawings_went(small_map_file: Path, tmp_path: Path) -> None:
    code, _, err = run("render", "-o", str(tmp_path / "out"), str(small_map_file))
    assert code == 0
    assert err.splitlines()[-1] == f"1 map drawn (svg, {tmp_path / 'out'})"


COMMANDS = ["check", "eval", "export", "fmt", "import", "new", "render", "schema", "show", "split"]
COMMANDS += ["watch"]


def test_help_lists_each_command_exactly_once() -> None:
    code, out, _ = run("--help")
    assert code == 0
    listed = out.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    names = [line.split()[0] for line in listed.splitlines() if line.startswith("  ")]
    assert sorted(names) == sorted(COMMANDS)
    assert "render-command" not in out
    assert names == sorted(COMMANDS)  # by name, as click lists them


def test_a_command_imports_no_other_commands_module() -> None:
    import subprocess
    import sys

    code = "from argmap.cli import main\nmain(['schema'])"
    done = subprocess.run(
        [sys.executable, "-c", code + "\n"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    probe = (
        "import sys\nfrom argmap.cli import main\n"
        "try:\n    main(['check', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('argmap.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "['argmap.cli.checking', 'argmap.cli.common']"


def test_help_loads_none_of_the_reading_and_drawing_stack() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom argmap.cli import main\n"
        "try:\n    main(['check', '--help'], prog_name='argmap')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('attrs', 'yaml', 'graphviz', 'clingo', 'wasmtime') "
        "or m in ('argmap.loading', 'argmap.pipeline')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"

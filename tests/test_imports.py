"""What is imported when: ``import argmap`` loads its names on first use, and ``argmap render``
over drawings that are all up to date loads neither the readers and checks nor Graphviz.

Each case runs in a fresh interpreter, so that the modules it finds loaded are its own.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from tests.conftest import SMALL_MAP

DRAWING_STACK = (
    "argmap.checks",
    "argmap.dot",
    "argmap.evaluation",
    "argmap.loading",
    "argmap.model",
    "concurrent.futures.process",
    "graphviz",
    "yaml",
)
"""Modules that reading, checking or drawing a map loads."""

NEVER_FOR_SMALL_MAPS = ("argmap.quickload", "ryml", "msgspec", "numpy")
"""The fast extra's modules, which only large texts need, and numpy, which nothing needs."""


def loaded_after(code: str) -> tuple[list[str], str]:
    """The modules loaded once ``code`` has run in a new interpreter, and what it printed (on
    standard output, then on standard error)."""
    script = code + "\nimport sys\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    *printed, modules = done.stdout.strip().split("\n")
    return json.loads(modules), "\n".join(printed) + done.stderr


def test_import_argmap_loads_no_submodule() -> None:
    modules, _ = loaded_after("import argmap")
    assert [m for m in modules if m.startswith("argmap")] == ["argmap"]
    assert not [m for m in DRAWING_STACK if m in modules]


def test_a_name_of_the_api_loads_its_module() -> None:
    modules, printed = loaded_after("import argmap\nprint(argmap.Severity.ERROR.value)")
    assert printed == "error"
    assert "argmap.diagnostics" in modules
    assert "argmap.rendering" not in modules


API = {
    "argmap.checks": "CHECKS Check CheckContext check run_checks",
    "argmap.corpus": "Corpus",
    "argmap.pipeline": "check_corpus check_file find_source_text load load_corpus loads",
    "argmap.diagnostics": "Diagnostic MapError Severity format_text",
    "argmap.dot": "to_dot to_graph",
    "argmap.dumping": "dumps",
    "argmap.evaluation": "Evaluation Status evaluate",
    "argmap.loading": "Loaded parse read",
    "argmap.model": "ArgumentMap Claim Link Relation Role Source attack contradiction support",
    "argmap.rendering": "RenderError render",
}
"""Where each name of the API (docs/api.md) is defined, as ``import argmap`` imported them all
before it imported them on first use."""


@pytest.mark.parametrize(("home", "name"), [(h, n) for h, ns in API.items() for n in ns.split()])
def test_every_name_of_the_api_is_the_one_of_its_module(home: str, name: str) -> None:
    assert name in dir(argmap)
    assert getattr(argmap, name) is getattr(importlib.import_module(home), name)


def test_the_api_is_all_there() -> None:
    defined = {"__version__", "check_file", "find_source_text"}
    assert {n for ns in API.values() for n in ns.split()} | defined == {
        *argmap.__all__,
        "run_checks",
    }


def test_the_version_is_the_installed_one() -> None:
    assert argmap.__version__ == importlib.metadata.version("argmap")


def test_star_import_and_submodules() -> None:
    _, printed = loaded_after(
        "from argmap import *\n"
        "import argmap\n"
        "print(callable(load), callable(render), CHECKS is argmap.checks.CHECKS)\n"
        "print(argmap.formats.exporters()[0], argmap.run_checks.__name__)"
    )
    assert printed == "True True True\naif run_checks"


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="module 'argmap' has no attribute 'no_such_name'"):
        argmap.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(AttributeError):
        argmap._private  # type: ignore[attr-defined]  # noqa: B018


RENDER = """
from argmap.cli import main
try:
    main(["render", "--jobs", "1", "-o", {out!r}, {folder!r}], prog_name="argmap")
except SystemExit as exit:
    print("exit", exit.code)
"""


def test_render_of_up_to_date_drawings_loads_no_drawing_stack(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    for index in range(3):
        (folder / f"m{index}.yaml").write_text(SMALL_MAP, encoding="utf-8")
    out = tmp_path / "out"
    code = RENDER.format(out=str(out), folder=str(folder))

    modules, printed = loaded_after(code)  # the first run draws: it needs everything
    assert printed.startswith("exit 0")
    assert printed.endswith(f"3 maps drawn (svg, {out})\n")
    assert [m for m in DRAWING_STACK if m in modules] == [
        m for m in DRAWING_STACK if m != "concurrent.futures.process"
    ]
    assert [m for m in NEVER_FOR_SMALL_MAPS if m in modules] == []
    for drawing in out.glob("*.svg"):  # older than now, newer than the maps
        os.utime(drawing, (drawing.stat().st_mtime - 1,) * 2)
    for source in folder.glob("*.yaml"):
        os.utime(source, (source.stat().st_mtime - 10,) * 2)

    modules, printed = loaded_after(code)
    assert printed.startswith("exit 0")
    assert printed.endswith(f"0 maps drawn, 3 up to date (svg, {out})\n")
    assert [m for m in DRAWING_STACK if m in modules] == []

    os.utime(folder / "m1.yaml")  # edited: its drawing is out of date
    modules, printed = loaded_after(code)
    assert printed.startswith("exit 0")
    assert printed.endswith(f"1 map drawn, 2 up to date (svg, {out})\n")
    assert "argmap.loading" in modules
    assert "argmap.dot" in modules

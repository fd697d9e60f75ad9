"""Mermaid export, read back by Mermaid's own parser (npm mermaid, in node, headless with jsdom)."""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import formats
from argmap.cli import main
from argmap.model import ArgumentMap, Relation
from tests.conftest import ROOT, SMALL_MAP, mermaid_modules
from tests.strategies import valid_maps

MAPS = sorted((ROOT / "maps").glob("*.yaml"))
CHECKER = ROOT / "tests" / "node" / "mermaid_check.mjs"


class Mermaid:
    """One node process running Mermaid's parser, asked one diagram at a time."""

    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            ["node", "--input-type=module", "-e", CHECKER.read_text(encoding="utf-8")],
            cwd=folder,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def read(self, text: str) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(text) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


@pytest.fixture(scope="module")
def mermaid() -> Iterator[Mermaid]:
    folder = mermaid_modules()
    assert folder is not None  # the needs_mermaid marker skips the tests otherwise
    parser = Mermaid(folder)
    yield parser
    parser.close()


def shown(text: str) -> str:
    """A label as Mermaid shows it: its parser keeps entity codes as placeholders (``#quot;``
    becomes ``\ufb02\u00b0quot\u00b6\u00df``), which the renderer turns into characters.
    Mermaid itself writes a no-break space as ``&nbsp;``; a ``&`` of the text never reaches it
    raw (the export encodes it), so each ``&nbsp;`` left is one of those."""
    text = text.replace("&nbsp;", "\u00a0")
    text = re.sub("\ufb02\u00b0\u00b0(\\d+)\u00b6\u00df", lambda m: chr(int(m.group(1))), text)
    text = re.sub(
        "\ufb02\u00b0(\\w+)\u00b6\u00df", lambda m: html.unescape(f"&{m.group(1)};"), text
    )
    return text.replace("<br>", "\n")


def expected_label(text: str) -> str:
    """What the label of a claim should read: its text, with line ends as line breaks and
    control characters as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        " " if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" else c
        for c in text
    )


def assert_same_graph(m: ArgumentMap, read: dict[str, Any]) -> None:
    assert read["ok"], read.get("error")
    assert read["type"] == "flowchart-v2"
    claims = {v[0]: v for v in read["vertices"] if v[0].startswith("c")}
    assert len(claims) == len(m.claims)
    for i, claim in enumerate(m.claims, 1):
        # Mermaid trims the label's outer whitespace, and so do we here
        assert shown(claims[f"c{i}"][1]).strip() == expected_label(claim.label).strip()
        kind = "thesis" if claim.id in m.thesis else "implicit" if claim.implicit else "claim"
        assert claims[f"c{i}"][2] == [kind]
    number = {claim.id: f"c{i}" for i, claim in reversed(list(enumerate(m.claims, 1)))}
    edges = {(e[0], e[1], e[2]) for e in read["edges"]}
    junctions = {v[0] for v in read["vertices"] if v[0].startswith("j")}
    # every premise reaches its target: directly, or through one junction
    for link in m.links:
        if link.relation is Relation.CONTRADICTS and link.target in number:
            direct = (number[link.premises[0]], number[link.target], "double_arrow_cross")
            via = {
                j
                for j in junctions
                if (j, number[link.premises[0]], "arrow_cross") in edges
                and (j, number[link.target], "arrow_cross") in edges
            }
            assert direct in edges or via
            continue
        kind = "arrow_point" if link.relation is Relation.SUPPORTS else "arrow_cross"
        sources = [number[p] for p in link.premises]
        if link.target in number:
            target = number[link.target]
            if len(sources) == 1 and (sources[0], target, kind) in edges:
                continue
            assert any(
                (j, target, kind) in edges and all((s, j, "arrow_open") in edges for s in sources)
                for j in junctions
            ), link
        else:  # an undercut: at a junction
            assert any(
                all((s, j, kind) in edges or (s, j, "arrow_open") in edges for s in sources)
                for j in junctions
            ), link


pytestmark = pytest.mark.needs_mermaid


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_mermaid_reads_every_map_with_the_same_graph(mermaid: Mermaid, path: Path) -> None:
    m = argmap.load(path)
    assert_same_graph(m, mermaid.read(formats.export(m, "mermaid")))


@given(valid_maps())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mermaid_reads_any_map(mermaid: Mermaid, m: ArgumentMap) -> None:
    assert_same_graph(m, mermaid.read(formats.export(m, "mermaid")))


@pytest.mark.parametrize(
    "text",
    [
        'He said "no" [twice] #1 <b>bold</b> & more',
        "`code` *stars* _under_ ~~strike~~ %% not a comment",
        "end",
        "A; B --> C |x| (y) {z} ((w))",
        "#quot; already an entity code",
        "line one\nline two",
    ],
)
def test_labels_survive_whatever_they_hold(mermaid: Mermaid, text: str) -> None:
    m = ArgumentMap(claims={"end": text, "x.y": "Other."}, links=[argmap.support("x.y", "end")])
    read = mermaid.read(formats.export(m, "mermaid"))
    assert read["ok"], read.get("error")
    assert shown(read["vertices"][0][1]) == text


def test_the_export_of_a_small_map(mermaid: Mermaid) -> None:
    text = formats.export(argmap.loads(SMALL_MAP), "mermaid")
    assert text.splitlines()[:4] == ["---", 'title: "A small map"', "---", "flowchart BT"]
    assert "  c2 --- j1\n  c3 --- j1\n  j1 --> c1\n  c4 --x j1\n" in text
    assert "  linkStyle 3 stroke:#b2182b,stroke-width:2px\n" in text
    assert mermaid.read(text)["ok"]


def test_a_broken_diagram_is_refused_by_the_parser(mermaid: Mermaid) -> None:
    """The check can fail: Mermaid's parser refuses what it cannot read."""
    read = mermaid.read('flowchart BT\n  c1["unclosed --> c2\n')
    assert not read["ok"]
    assert "Parse error" in read["error"]


def test_the_cli_exports_mermaid(tmp_path: Path, mermaid: Mermaid) -> None:
    result = CliRunner().invoke(main, ["export", "--to", "mermaid", "-o", str(tmp_path), "maps/"])
    assert result.exit_code == 0, result.output
    for path in MAPS:
        text = (tmp_path / (path.stem + ".mmd")).read_text(encoding="utf-8")
        assert mermaid.read(text)["ok"]

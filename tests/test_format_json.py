"""argmap JSON: the whole model, valid against the published schema, read back to an equal map."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import formats, pipeline
from argmap.cli import main
from argmap.model import ArgumentMap
from tests.conftest import ROOT
from tests.strategies import valid_maps

SCHEMA = json.loads((ROOT / "argmap" / "schema.json").read_text(encoding="utf-8"))
MAPS = sorted((ROOT / "maps").glob("*.yaml"))


def test_the_published_schema_is_the_packaged_one() -> None:
    docs = json.loads((ROOT / "docs" / "argmap.schema.json").read_text(encoding="utf-8"))
    assert docs == SCHEMA


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_map_exports_to_json_the_schema_accepts_and_reads_back(path: Path) -> None:
    m = argmap.load(path)
    text = formats.export(m, "json")
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(text))
    imported = pipeline.import_text(text, "json", "x.json")
    assert imported.diagnostics == ()
    assert imported.map == m


@given(valid_maps())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_json_round_trip_gives_the_identical_map(m: ArgumentMap) -> None:
    text = formats.export(m, "json")
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(text))
    imported = pipeline.import_text(text, "json")
    # The strategy's expectations may not hold: those errors are the map's own.
    expected = {(d.code, d.message) for d in argmap.check(m) if d.is_error}
    assert {(d.code, d.message) for d in imported.diagnostics} == expected
    assert imported.map == m


def test_the_long_form_always_uses_lists_and_objects() -> None:
    m = ArgumentMap(
        thesis="t",
        claims={"t": "T.", "p": argmap.Claim("p", "P.", quote="q")},
        links=[argmap.support("p", "t")],
    )
    data = json.loads(formats.export(m, "json"))
    assert data == {
        "argmap": 1,
        "thesis": ["t"],
        "claims": {"t": {"text": "T."}, "p": {"text": "P.", "quote": ["q"]}},
        "links": [{"from": ["p"], "supports": "t"}],
    }


def test_short_forms_are_read_too() -> None:
    text = '{"argmap": 1, "thesis": "t", "claims": {"t": "T.", "p": "P."},\n'
    text += ' "links": [{"from": "p", "supports": "t"}]}'
    imported = pipeline.import_text(text, "json")
    assert imported.ok
    assert imported.map == ArgumentMap(
        thesis="t", claims={"t": "T.", "p": "P."}, links=[argmap.support("p", "t")]
    )


BAD = """\
{"argmap": 1,
 "claims": {"a": {"txt": "x"}, "b": "B."},
 "links": [{"from": "b", "supports": "c"}, {"from": ["b"], "backs": "b"}]}
"""


def test_problems_are_located_in_the_json() -> None:
    found = [
        (d.code, d.line, d.column, d.message)
        for d in pipeline.import_text(BAD, "json", "bad.json").diagnostics
    ]
    assert found == [
        ("missing-field", 2, 18, "claim 'a' has no 'text'"),
        (
            "unknown-field",
            2,
            19,
            "claim 'a' has no field 'txt' "
            "(fields: text, ref, same, quote, by, implicit, tags, note, url)",
        ),
        ("unknown-ref", 3, 38, "'supports' of a link names no claim: 'c'"),
        (
            "missing-field",
            3,
            44,
            "link 2 has no relation: it needs one of 'supports', 'attacks', 'contradicts'",
        ),
        (
            "unknown-field",
            3,
            60,
            "link 2 has no field 'backs' (fields: from, supports, attacks, contradicts, id, "
            "scheme, note)",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('{"argmap": 1,\n "claims": ]}', 2, 12, "not valid JSON: Expecting value"),
        ('{"argmap": 1, "claims": {"a": NaN}}', 1, 1, "not valid JSON: NaN is not a JSON number"),
        ("", 1, 1, "not valid JSON: Expecting value"),
    ],
)
def test_text_that_is_not_json_is_one_located_error(
    text: str, line: int, column: int, message: str
) -> None:
    imported = pipeline.import_text(text, "json", "bad.json")
    assert imported.map is None
    assert [(d.code, d.line, d.column, d.message) for d in imported.diagnostics] == [
        ("json-syntax", line, column, message)
    ]


def test_cli_exports_and_imports_json(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(main, ["export", "--to", "json", "-o", str(out), str(ROOT / "maps")])
    assert result.exit_code == 0, result.output
    exported = sorted(p.name for p in out.iterdir())
    assert exported == [p.stem + ".argmap.json" for p in MAPS]
    back = tmp_path / "back"
    result = runner.invoke(main, ["import", "-o", str(back), *map(str, sorted(out.iterdir()))])
    assert result.exit_code == 0, result.output
    for path in MAPS:
        assert argmap.load(back / (path.stem + ".yaml")) == argmap.load(path)


def test_cli_import_reports_json_problems_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:3:38: error[unknown-ref]: 'supports' of a link names no claim: 'c'" in (
        result.output
    )
    assert not (tmp_path / "bad.yaml").exists()


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            '{"nodes": [], "edges": [], "locutions": []}',
            "this JSON is an AIF graph (it has 'nodes' and 'edges'), not an argmap map",
            "import it with --from aif, or name the file *.aif.json",
        ),
        (
            '{"AIF": {"nodes": [], "edges": []}, "text": ""}',
            "this JSON is an xAIF document (it has 'AIF'), not an argmap map",
            "import it with --from xaif, or name the file *.xaif.json",
        ),
    ],
)
def test_aif_named_json_is_recognised(text: str, message: str, hint: str) -> None:
    imported = pipeline.import_text(text, "json", "12345.json")
    assert [(d.code, d.line, d.column, d.message, d.hint) for d in imported.diagnostics] == [
        ("other-format", 1, 1, message, hint)
    ]


def test_the_cli_says_how_to_import_aif_named_json(tmp_path: Path) -> None:
    download = tmp_path / "12345.json"
    download.write_text('{"nodes": [{"nodeID": 1, "text": "A.", "type": "I"}], "edges": []}')
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(download)])
    assert result.exit_code == 1
    assert f"{download}:1:1: error[other-format]: this JSON is an AIF graph" in result.output
    result = runner.invoke(main, ["import", "--from", "aif", str(download)])
    assert result.exit_code == 0, result.output
    assert argmap.load(tmp_path / "12345.yaml").claims == (argmap.Claim("1", "A."),)


def test_the_reader_leaves_the_checks_to_the_pipeline() -> None:
    text = '{"argmap": 1, "claims": {"a": "A."}, "links": [{"from": "a", "supports": "a"}]}'
    read = formats.import_text(text, "json", "loop.json")
    assert read.ok  # the reader alone: the map as written
    checked = pipeline.import_text(text, "json", "loop.json")
    assert not checked.ok
    assert [(d.code, d.line, d.column) for d in checked.diagnostics] == [("self-reference", 1, 74)]
    assert pipeline.check_import(checked) == checked  # checking again adds nothing

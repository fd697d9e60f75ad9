"""The JSON Schema of the format accepts every valid map and rejects what a schema can catch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.model import ArgumentMap
from tests.conftest import ROOT, SMALL_MAP
from tests.strategies import valid_maps

SCHEMA = json.loads((ROOT / "argmap" / "schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2: a date is a string)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def as_editor_sees(text: str) -> Any:
    return yaml.load(text, Loader=EditorLoader)  # a SafeLoader subclass: builds plain data


def test_the_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_docs_copy_is_the_package_copy() -> None:
    assert (ROOT / "docs" / "argmap.schema.json").read_text() == (
        ROOT / "argmap" / "schema.json"
    ).read_text()


VALID = sorted([*ROOT.glob("maps/*.yaml"), *ROOT.glob("docs/semantics/*.yaml")])


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_schema_accepts_the_maps(path: Path) -> None:
    VALIDATOR.validate(as_editor_sees(path.read_text(encoding="utf-8")))


def test_every_map_names_the_schema_in_its_first_line() -> None:
    for path in ROOT.glob("maps/*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../docs/argmap.schema.json"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps())
def test_schema_accepts_generated_maps(m: ArgumentMap) -> None:
    VALIDATOR.validate(as_editor_sees(argmap.dumps(m)))


CAUGHT = ["unknown-field", "missing-field", "wrong-type", "unsupported-version", "empty"]


@pytest.mark.parametrize("name", CAUGHT)
def test_schema_rejects_invalid_fixtures(name: str) -> None:
    data = as_editor_sees((ROOT / "tests" / "invalid" / f"{name}.yaml").read_text())
    assert not VALIDATOR.is_valid(data)


@pytest.mark.parametrize(
    "change",
    [
        ("argmap: 1", "argmap: 2"),
        ("    supports: t", "    supports: t\n    attacks: t"),
        ("    by: Someone", "    by: Someone\n    speaker: x"),
        ("  q: A second premise.", "  q:\n    quote: no text"),
        ("thesis: t", "thesis: [bad id]"),
        ("  - from: o", "  - from: []"),
        ("  q: A second premise.", "  q:\n    ref: no-hash-here"),
        ("  q: A second premise.", "  q:\n    text: A second premise.\n    same: [a#b, c]"),
    ],
)
def test_schema_rejects_small_mistakes(change: tuple[str, str]) -> None:
    text = SMALL_MAP.replace(*change)
    assert text != SMALL_MAP
    assert not VALIDATOR.is_valid(as_editor_sees(text))
    assert any(d.is_error for d in argmap.run_checks(argmap.parse(text)))

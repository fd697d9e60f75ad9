"""The fast composer (rapidyaml) against PyYAML's: equal nodes, positions and diagnostics."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import composing, loading
from argmap.dumping import to_data
from argmap.formatting import FormatError, formatted
from argmap.model import ArgumentMap
from tests.strategies import valid_maps

SLOW = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
ROOT = Path(__file__).parent.parent


def _same_reading(text: str) -> None:
    """Fast and PyYAML composers agree on the nodes; the loader's results are equal too."""
    fast = composing.compose_fast(text)
    if fast is None:
        return
    assert fast == composing.compose_pyyaml(text)


def _layouts(m: ArgumentMap) -> list[str]:
    data = to_data(m)
    return [
        argmap.dumps(m),
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False),
        yaml.safe_dump(data, sort_keys=False, allow_unicode=False, default_flow_style=True),
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=20),
        yaml.safe_dump(data, sort_keys=False, default_style='"'),
        yaml.safe_dump(data, sort_keys=False, default_style="'", allow_unicode=True),
        yaml.safe_dump(data, sort_keys=False, default_style="|", allow_unicode=True),
    ]


@SLOW
@given(valid_maps())
def test_fast_and_pyyaml_compose_maps_in_any_layout_alike(m: ArgumentMap) -> None:
    for text in _layouts(m):
        _same_reading(text)
    with contextlib.suppress(FormatError):
        _same_reading(formatted(argmap.dumps(m)))


@SLOW
@given(valid_maps())
def test_canonical_maps_take_the_fast_path_when_plain(m: ArgumentMap) -> None:
    text = argmap.dumps(m)
    plain = "\t" not in text and "\r" not in text and "{}" not in text and "[]" not in text
    if text.isascii() and plain:  # empty collections are left to PyYAML (see composing.py)
        assert composing.compose_fast(text) is not None


@SLOW
@given(st.text(max_size=300))
def test_fast_composer_accepts_no_text_pyyaml_refuses(text: str) -> None:
    fast = composing.compose_fast(text)
    if fast is not None:
        assert fast == composing.compose_pyyaml(text)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=5) | st.integers(), children, max_size=4)
    ),
    max_leaves=20,
)


@SLOW
@given(yaml_values, st.booleans(), st.sampled_from([None, "'", '"']))
def test_fast_and_pyyaml_compose_any_structure_alike(
    value: object, flow: bool, style: str | None
) -> None:
    _same_reading(yaml.safe_dump(value, default_flow_style=flow, default_style=style))


def _all_maps() -> list[Path]:
    return sorted(
        [
            *ROOT.glob("maps/*.yaml"),
            *ROOT.glob("docs/**/*.yaml"),
            *ROOT.glob("tests/invalid/*.yaml"),
        ]
    )


@pytest.mark.parametrize("path", _all_maps(), ids=lambda p: p.name)
def test_project_maps_read_alike_on_both_paths(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the composers, compared
    monkeypatch.setattr(loading, "read_quickly", lambda text, encoded=None: None)
    fast = argmap.read(path)
    with monkeypatch.context() as patch:
        patch.setattr(composing, "compose_fast", lambda text: None)
        slow = argmap.read(path)
    assert fast.map == slow.map
    assert fast.positions == slow.positions
    assert argmap.run_checks(fast) == argmap.run_checks(slow)


@SLOW
@given(valid_maps())
def test_loader_results_are_equal_on_both_paths(m: ArgumentMap) -> None:
    text = argmap.dumps(m)
    fast = loading._located(text, "m.yaml")
    original = composing.compose_fast
    composing.compose_fast = lambda text: None  # type: ignore[assignment]
    try:
        slow = loading._located(text, "m.yaml")
    finally:
        composing.compose_fast = original
    assert fast.map == slow.map
    assert fast.positions == slow.positions
    assert argmap.run_checks(fast) == argmap.run_checks(slow)


def test_nodes_are_located_as_pyyaml_locates_them() -> None:
    text = (
        "argmap: 1\n"
        "description: >-\n"
        "  folded\n"
        "  text\n"
        "claims:\n"
        "  'a': {text: \"A \\t claim\", tags: [x, y]}\n"
        "  b:\n"
        "    text: |\n"
        "      kept\n"
        "links:\n"
        "- from: [a]\n"
        "  supports: b\n"
        "-   {from: b, attacks: a}\n"
    )
    fast = composing.compose_fast(text)
    assert fast is not None
    assert fast == composing.compose_pyyaml(text)
    claims = fast.value[2][1]
    assert (claims.line, claims.column) == (6, 3)
    a_key, a_value = claims.value[0]
    assert (a_key.value, a_key.line, a_key.column) == ("a", 6, 3)
    assert (a_value.line, a_value.column) == (6, 8)
    description = fast.value[1][1]
    assert (description.value, description.line, description.column) == ("folded text", 2, 14)
    links = fast.value[3][1]
    assert (links.line, links.column) == (11, 1)
    assert [(link.line, link.column) for link in links.value] == [(11, 3), (13, 5)]


def test_non_ascii_columns_count_characters() -> None:
    text = "argmap: 1\nclaims:\n  é: {text: 'ça va', tags: [ü]}\n"
    fast = composing.compose_fast(text)
    assert fast is not None
    tags = fast.value[1][1].value[0][1].value[1][1]
    assert (tags.value[0].value, tags.value[0].line, tags.value[0].column) == ("ü", 3, 29)
    assert fast == composing.compose_pyyaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !!str 1\n",  # tag
        "a:\tb\n",  # tab
        "a: b\r\nc: d\r\n",  # CRLF
        "--- \na: 1\n--- \nb: 2\n",  # two documents
        "%YAML 1.1\n---\na: 1\n",  # directive
        "a:\n",  # empty value
        "a: {}\n",  # empty mapping
        "? a\n: b\n",  # explicit key
        "a: [?0]\n",  # libyaml reads an explicit key, rapidyaml a plain scalar
        "just text\n",  # a lone scalar
        "a: [b\n",  # broken
        "a: b: c\n",  # broken
        "",
    ],
)
def test_unusual_texts_go_to_pyyaml(text: str) -> None:
    assert composing.compose_fast(text) is None


def test_errors_are_pyyaml_errors() -> None:
    loaded = argmap.parse("argmap: 1\nclaims: [a\n", "m.yaml")
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics] == [("yaml-syntax", 3, 1)]


def test_aliases_are_reported_at_each_alias() -> None:
    loaded = argmap.parse("argmap: 1\nclaims:\n  a: &t Text\n  b: *t\n", "m.yaml")
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics] == [("wrong-type", 4, 6)]


def test_rapidyaml_writes_nothing_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    loaded = argmap.parse("argmap: 1\nclaims: {a: [b\n", "m.yaml")
    assert [d.code for d in loaded.diagnostics] == ["yaml-syntax"]
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    "text",
    [
        "   !!strq   \n   !!strq   \n   !!strq   \n   !!strq   ",  # crashed rapidyaml 0.15.2
        "a: !!str b\n",
        "a: &x b\nc: *x\n",
        "- [!t x]\n",
    ],
)
def test_texts_that_may_hold_tags_anchors_or_aliases_never_reach_rapidyaml(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(data: bytearray) -> None:
        raise AssertionError(f"rapidyaml was given {bytes(data)!r}")

    monkeypatch.setattr(composing.ryml, "parse_in_place", refuse)
    assert composing._may_mark_nodes(text)
    assert composing.compose_fast(text) is None


def test_many_tags_are_reported_where_pyyaml_finds_them() -> None:
    text = "   !!strq   \n   !!strq   \n   !!strq   \n   !!strq   "
    found = loading._located(text, "m.yaml").diagnostics
    assert [(d.code, d.line, d.column, d.message) for d in found] == [
        ("yaml-syntax", 2, 4, "not valid YAML: did not find expected <document start>")
    ]


@pytest.mark.parametrize("text", ["note: R&D, 5 * 3, wow!\n", "a: b&c\n", "a: 'x ! y'\n"])
def test_marks_that_cannot_be_tags_leave_the_text_to_rapidyaml(text: str) -> None:
    assert not composing._may_mark_nodes(text)
    assert composing.compose_fast(text) is not None

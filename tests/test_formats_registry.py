"""The registry of interchange formats: lookup by name and by file name."""

from __future__ import annotations

import pytest

import argmap
from argmap import formats
from argmap.formats import Format


@pytest.fixture
def toy() -> object:
    def write(m: argmap.ArgumentMap) -> str:
        return "\n".join(c.text for c in m.claims)

    def read(text: str, file: str | None) -> argmap.Loaded:
        claims = [argmap.Claim(f"c{i}", line) for i, line in enumerate(text.splitlines())]
        return argmap.Loaded(argmap.ArgumentMap(claims=tuple(claims)), {}, (), file, text)

    toy = formats.register(Format("toy", (".toy.txt", ".toy"), "a test format", write, read))
    yield toy
    del formats.FORMATS["toy"]


def test_a_registered_format_exports_and_imports(toy: Format) -> None:
    m = argmap.ArgumentMap(claims=(argmap.Claim("a", "A."), argmap.Claim("b", "B.")))
    assert formats.export(m, "toy") == "A.\nB."
    imported = formats.import_text("A.\nB.", "toy")
    assert imported.ok
    assert imported.map is not None
    assert [c.text for c in imported.map.claims] == ["A.", "B."]
    assert "toy" in formats.exporters()
    assert "toy" in formats.importers()


def test_the_longest_matching_suffix_names_the_format(toy: Format) -> None:
    assert formats.guess("maps/x.TOY.txt") is toy
    assert formats.guess("x.toy") is toy
    assert formats.guess("x.unknown-ending") is None


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="unknown format 'nope'; known formats: "):
        formats.get("nope")

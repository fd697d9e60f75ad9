"""The model: building maps in Python, derived roles, and the graph questions."""

from __future__ import annotations

import attrs
import pytest

from argmap import ArgumentMap, Claim, Relation, Role, Source, attack, contradiction, support


def sample() -> ArgumentMap:
    return ArgumentMap(
        thesis="t",
        claims={
            "t": "Thesis.",
            "i": "Intermediate.",
            "a": "Premise A.",
            "b": "Premise B.",
            "c": "Premise C.",
            "o": "Objection.",
            "e": "Evidence for the objection.",
            "x": "Contradicts C.",
        },
        links=[
            support("i", "t", id="i-t"),
            support(["a", "b"], "i", id="ab-i"),
            support("c", "t"),
            attack("o", "t"),
            attack("o", "ab-i"),
            support("e", "o"),
            contradiction("c", "x"),
        ],
        source={"title": "An article", "file": "a.txt"},
    )


def test_python_building_is_as_terse_as_yaml() -> None:
    m = sample()
    assert m.claim("a") == Claim("a", "Premise A.")
    assert m.link("ab-i").premises == ("a", "b")
    assert m.link("ab-i").is_linked
    assert m.source == Source(title="An article", file="a.txt")
    assert "ab-i" in m
    assert "nope" not in m
    assert m.theses == (m.claim("t"),)


def test_roles_are_derived() -> None:
    m = sample()
    assert m.role("t") is Role.THESIS
    assert m.role("i") is Role.INTERMEDIATE
    assert m.role("a") is Role.PREMISE
    assert m.role("o") is Role.INTERMEDIATE  # supported, and attacks something in turn
    assert m.role("e") is Role.PREMISE


def test_graph_questions() -> None:
    m = sample()
    assert [lk.id for lk in m.supporters("t")] == ["i-t", None]
    assert [lk.premises for lk in m.attackers("t")] == [("o",)]
    assert [lk.premises for lk in m.attackers("ab-i")] == [("o",)]  # an undercut
    assert m.contradictions("c") == ["x"]
    assert m.contradictions("x") == ["c"]
    assert [lk.relation for lk in m.links_from("o")] == [Relation.ATTACKS, Relation.ATTACKS]
    assert m.premises_under("t") == ["a", "b", "c"]
    assert [lk.id for lk in m.walk_supports("t")][:2] == ["i-t", None]


def test_models_are_frozen_and_compare_by_value() -> None:
    m = sample()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        m.title = "changed"  # type: ignore[misc]
    assert sample() == m
    assert attrs.evolve(m, title="x") != m


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Claim("bad id", "x"), "'id' must be an id matching"),
        (lambda: Claim("a", "  "), "'text' must be a non-empty string, found '  '"),
        (lambda: Claim("a", "x", implicit="yes"), "'implicit' must be <class 'bool'>"),
        (lambda: support([], "t"), "'premises' must name at least one claim, found none"),
        (lambda: ArgumentMap(claims=["not a claim"]), "'claims' must hold Claim objects"),
    ],
)
def test_validators_name_field_expected_and_found(build: object, message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=message.replace("(", r"\(")):
        build()  # type: ignore[operator]

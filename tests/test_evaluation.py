"""Evaluation: the four semantics against a brute-force enumeration, textbook properties, the
translation's agreement with Dung on attack-only maps, and intuitive answers on small maps."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.evaluation import (
    SEMANTICS,
    Framework,
    Semantics,
    Status,
    evaluate,
    extensions,
    grounded,
    grounded_map,
    translate,
)
from argmap.model import ArgumentMap, Claim, attack, contradiction, support
from tests.conftest import large_maps
from tests.strategies import any_maps, valid_maps

MANY = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- an independent, brute-force implementation of Dung's definitions -----------------------


def brute_force(n: int, attacks: set[tuple[int, int]], semantics: Semantics) -> set[frozenset[int]]:
    args = range(n)

    def conflict_free(s: frozenset[int]) -> bool:
        return not any((a, b) in attacks for a in s for b in s)

    def defends(s: frozenset[int], x: int) -> bool:
        return all(any((d, y) in attacks for d in s) for y in args if (y, x) in attacks)

    subsets = [frozenset(c) for k in range(n + 1) for c in combinations(args, k)]
    admissible = [s for s in subsets if conflict_free(s) and all(defends(s, x) for x in s)]
    complete = [s for s in admissible if all(x in s for x in args if defends(s, x))]
    if semantics == "complete":
        return set(complete)
    if semantics == "grounded":
        return {min(complete, key=len)}
    if semantics == "preferred":
        return {s for s in complete if not any(s < t for t in complete)}
    return {
        s
        for s in subsets
        if conflict_free(s) and all(any((a, x) in attacks for a in s) for x in args if x not in s)
    }


@st.composite
def frameworks(draw: st.DrawFn, max_args: int = 7) -> Framework:
    n = draw(st.integers(0, max_args))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    return Framework(tuple(str(i) for i in range(n)), tuple(chosen))


@MANY
@given(frameworks())
def test_all_four_semantics_agree_with_brute_force(fw: Framework) -> None:
    attacks = set(fw.attacks)
    for semantics in SEMANTICS:
        found, truncated = extensions(fw, semantics)
        assert not truncated
        assert len(found) == len(set(found))
        assert set(found) == brute_force(len(fw), attacks, semantics), semantics


@SOME
@given(frameworks(max_args=9))
def test_textbook_properties(fw: Framework) -> None:
    attacks = set(fw.attacks)
    (ground,) = extensions(fw, "grounded")[0]
    complete = extensions(fw, "complete")[0]
    preferred = extensions(fw, "preferred")[0]
    stable = extensions(fw, "stable")[0]
    assert ground in complete  # grounded is complete ...
    assert all(ground <= c for c in complete)  # ... and the least complete extension
    assert set(stable) <= set(preferred)  # every stable extension is preferred
    assert set(preferred) <= set(complete)
    assert preferred  # there is always a preferred extension
    for ext in complete:
        assert not any((a, b) in attacks for a in ext for b in ext)  # conflict-free
        for x in ext:  # admissible: each member defended
            assert all(any((d, y) in attacks for d in ext) for y, z in attacks if z == x)


@SOME
@given(frameworks(max_args=12))
def test_grounded_labelling_is_consistent(fw: Framework) -> None:
    label = grounded(fw)
    attackers = fw.attackers()
    for x, status in enumerate(label):
        if status is Status.IN:
            assert all(label[y] is Status.OUT for y in attackers[x])
        elif status is Status.OUT:
            assert any(label[y] is Status.IN for y in attackers[x])
        else:
            assert not all(label[y] is Status.OUT for y in attackers[x])
            assert not any(label[y] is Status.IN for y in attackers[x])


# --- the translation of maps ---------------------------------------------------------------


@MANY
@given(frameworks())
def test_attack_only_maps_coincide_with_dung(fw: Framework) -> None:
    ids = [f"c{i}" for i in range(len(fw))]
    if not ids:
        return
    m = ArgumentMap(
        claims={cid: f"Claim {cid}." for cid in ids},
        links=[attack(ids[a], ids[b]) for a, b in fw.attacks],
    )
    for semantics in SEMANTICS:
        ev = evaluate(m, semantics)
        expected = {
            frozenset(ids[i] for i in e) for e in brute_force(len(fw), set(fw.attacks), semantics)
        }
        assert set(ev.extensions) == expected, semantics


def statuses(m: ArgumentMap, semantics: Semantics = "grounded") -> dict[str, str]:
    return {cid: s.value for cid, s in evaluate(m, semantics).claims.items()}


def test_support_carries_acceptance_up() -> None:
    m = ArgumentMap(claims={"t": "T.", "p": "P.", "q": "Q."}, links=[support(["p", "q"], "t")])
    assert statuses(m) == {"t": "in", "p": "in", "q": "in"}


def test_a_defeated_premise_takes_its_conclusion_down() -> None:
    m = ArgumentMap(
        claims={"t": "T.", "p": "P.", "o": "O."},
        links=[support("p", "t"), attack("o", "p")],
    )
    assert statuses(m) == {"t": "out", "p": "out", "o": "in"}


def test_a_second_support_keeps_the_conclusion() -> None:
    m = ArgumentMap(
        claims={"t": "T.", "p": "P.", "q": "Q.", "o": "O."},
        links=[support("p", "t"), support("q", "t"), attack("o", "p")],
    )
    assert statuses(m)["t"] == "in"


def test_linked_premises_fall_together() -> None:
    m = ArgumentMap(
        claims={"t": "T.", "p": "P.", "q": "Q.", "o": "O."},
        links=[support(["p", "q"], "t"), attack("o", "q")],
    )
    assert statuses(m) == {"t": "out", "p": "in", "q": "out", "o": "in"}


def test_an_undercut_defeats_the_inference_not_the_premise() -> None:
    m = ArgumentMap(
        claims={"t": "T.", "p": "P.", "u": "U."},
        links=[support("p", "t", id="p-t"), attack("u", "p-t")],
    )
    ev = evaluate(m)
    assert statuses(m) == {"t": "out", "p": "in", "u": "in"}
    assert ev.status("p-t") is Status.OUT


def test_reinstatement() -> None:
    m = ArgumentMap(
        claims={"t": "T.", "o": "O.", "r": "R."},
        links=[attack("o", "t"), attack("r", "o")],
    )
    assert statuses(m) == {"t": "in", "o": "out", "r": "in"}


def test_contradiction_is_a_standoff_until_one_side_falls() -> None:
    m = ArgumentMap(claims={"a": "A.", "b": "B."}, links=[contradiction("a", "b")])
    assert statuses(m) == {"a": "undecided", "b": "undecided"}
    ev = evaluate(m, "preferred")
    assert set(ev.extensions) == {frozenset({"a"}), frozenset({"b"})}
    assert ev.credulous == {"a", "b"}
    assert ev.sceptical == frozenset()
    m2 = ArgumentMap(
        claims={"a": "A.", "b": "B.", "x": "X."},
        links=[contradiction("a", "b"), attack("x", "b")],
    )
    assert statuses(m2) == {"a": "in", "b": "out", "x": "in"}


def test_odd_cycle_has_no_stable_extension() -> None:
    m = ArgumentMap(
        claims={"a": "A.", "b": "B.", "c": "C."},
        links=[attack("a", "b"), attack("b", "c"), attack("c", "a")],
    )
    ev = evaluate(m, "stable")
    assert ev.extensions == ()
    assert set(statuses(m, "stable").values()) == {"undecided"}
    assert evaluate(m, "preferred").extensions == (frozenset(),)


def test_translation_names_every_argument() -> None:
    m = ArgumentMap(
        claims={"t": "T.", "p": "P.", "o": "O."},
        links=[support("p", "t", id="s"), attack("o", "s")],
    )
    t = translate(m)
    assert sorted(t.framework.names) == sorted(
        [
            "claim:t",
            "claim:p",
            "claim:o",
            "link:s",
            "link:1",
            "lacks:s:p",
            "lacks:1:o",
            "unsupported:t",
        ]
    )


def test_unknown_semantics_is_a_clear_error() -> None:
    m = ArgumentMap(claims={"a": "A."})
    with pytest.raises(ValueError, match="semantics must be one of grounded, complete"):
        evaluate(m, "naive")  # type: ignore[arg-type]


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_every_article_map_evaluates(semantics: Semantics) -> None:
    from tests.conftest import ROOT

    for path in sorted((ROOT / "maps").glob("*.yaml")):
        m = argmap.load(path)
        ev = evaluate(m, semantics)
        assert set(ev.claims) == {c.id for c in m.claims}


def _assert_grounded_as_on_the_framework(m: ArgumentMap) -> None:
    claims, links = grounded_map(m)
    t = translate(m)
    label = grounded(t.framework)
    assert claims == {cid: label[arg] for cid, arg in t.claims.items()}
    assert links == {index: label[arg] for index, arg in t.links.items()}


@SOME
@given(st.one_of(any_maps(), valid_maps()))
def test_grounded_on_the_map_agrees_with_grounded_on_the_framework(m: ArgumentMap) -> None:
    _assert_grounded_as_on_the_framework(m)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(large_maps(st.one_of(any_maps(), valid_maps())))
def test_grounded_on_a_large_map_agrees_with_grounded_on_the_framework(m: ArgumentMap) -> None:
    _assert_grounded_as_on_the_framework(m)


@SOME
@given(st.one_of(any_maps(), valid_maps()))
def test_grounded_evaluation_tables_match_their_definitions(m: ArgumentMap) -> None:
    """The accepted claims and the links by id, made from the labels without a loop, are what
    their definitions over the labels give."""
    ev = evaluate(m, "grounded")
    claims, links = grounded_map(m)
    assert (ev.claims, ev.links) == (claims, links)
    accepted = frozenset(cid for cid, status in claims.items() if status is Status.IN)
    assert ev.extensions == (accepted,)
    assert ev.credulous == ev.sceptical == accepted
    by_id = {m.links[i].id: i for i in links if m.links[i].id is not None}
    assert ev.link_ids == by_id
    assert list(ev.link_ids) == list(by_id)  # in the same order


def test_a_premise_named_twice_in_one_link_counts_once() -> None:
    m = ArgumentMap(
        claims=[Claim("a", "A."), Claim("b", "B."), Claim("c", "C.")],
        links=[support(["a", "c", "a"], "b"), attack(["c", "c"], "a")],
    )
    claims, links = grounded_map(m)
    assert claims == {"a": Status.OUT, "b": Status.OUT, "c": Status.IN}
    assert links == {0: Status.OUT, 1: Status.IN}


_SHAPES = {
    # a support in first, then the last attacker out: in
    "supported, then unattacked": (
        {"c": "C.", "s": "S.", "x": "X.", "y": "Y."},
        [support("s", "c"), attack("x", "c"), attack("y", "x")],
    ),
    # every support out: out
    "supports all out": (
        {"c": "C.", "s": "S.", "t": "T.", "y": "Y."},
        [support("s", "c"), support("t", "c"), attack("y", "s"), attack("y", "t")],
    ),
    # one support of two out: the other keeps it
    "one support left": (
        {"c": "C.", "s": "S.", "t": "T.", "y": "Y."},
        [support("s", "c"), support("t", "c"), attack("y", "s")],
    ),
    "undercut": (
        {"t": "T.", "p": "P.", "u": "U.", "v": "V."},
        [support("p", "t", id="p-t"), attack("u", "p-t"), attack("v", "u")],
    ),
    "linked, one premise out": (
        {"c": "C.", "a": "A.", "b": "B.", "x": "X."},
        [support(["a", "b"], "c"), attack("x", "b")],
    ),
    "contradiction, one side attacked": (
        {"a": "A.", "b": "B.", "x": "X.", "c": "C."},
        [contradiction("a", "b"), attack("x", "a"), support("b", "c")],
    ),
    "chain": (
        {f"c{i}": f"C{i}." for i in range(9)},
        [attack(f"c{i + 1}", f"c{i}") for i in range(8)],
    ),
}


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_grounded_on_shapes_that_use_each_rule(shape: str) -> None:
    """Each rule of the labelling against grounded semantics on the framework."""
    claims_given, links_given = _SHAPES[shape]
    m = ArgumentMap(claims=claims_given, links=links_given)
    _assert_grounded_as_on_the_framework(m)

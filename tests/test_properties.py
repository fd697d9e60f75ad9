"""Property tests: round trips, invariants, and cross-checks against plain implementations."""

from __future__ import annotations

import itertools

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.checks.cycles import support_cycles
from argmap.checks.thesis import bearing
from argmap.model import ArgumentMap, Relation
from tests.strategies import any_maps, valid_maps

SLOW = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@SLOW
@given(valid_maps())
def test_dumps_then_loads_gives_the_same_map(m: ArgumentMap) -> None:
    text = argmap.dumps(m)
    assert argmap.parse(text).map == m
    if not any(d.is_error for d in argmap.check(m)):
        assert argmap.loads(text) == m


@SLOW
@given(valid_maps())
def test_dumps_is_canonical(m: ArgumentMap) -> None:
    text = argmap.dumps(m)
    again = argmap.parse(text).map
    assert again is not None
    assert argmap.dumps(again) == text


@SLOW
@given(valid_maps())
def test_valid_maps_have_no_errors_but_unexpected_statuses(m: ArgumentMap) -> None:
    errors = [d.code for d in argmap.check(m) if d.is_error]
    assert set(errors) <= {"unexpected-status"}
    assert len(errors) <= len(m.expect)


@SLOW
@given(any_maps())
def test_checks_never_raise_and_report_known_codes(m: ArgumentMap) -> None:
    from argmap.diagnostics import ERROR_CODES, WARNING_CODES

    for d in argmap.check(m):
        assert d.code in ERROR_CODES + WARNING_CODES
        assert d.message


@SLOW
@given(st.text(max_size=300))
def test_parse_never_raises_on_any_text(text: str) -> None:
    loaded = argmap.parse(text, "x.yaml")
    for d in argmap.run_checks(loaded):
        assert d.line is not None
        assert d.line >= 1
        assert d.column is not None
        assert d.column >= 1


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["argmap", "claims", "links", "from", "supports", "text", "a", "b"])
            | st.text(max_size=5),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@SLOW
@given(yaml_values)
def test_parse_never_raises_on_any_yaml_structure(value: object) -> None:
    text = yaml.safe_dump(value)
    loaded = argmap.parse(text, "x.yaml")
    argmap.run_checks(loaded)
    if loaded.diagnostics:
        assert not loaded.ok


def _naive_has_cycle(m: ArgumentMap) -> bool:
    edges = {
        (p, lk.target)
        for lk in m.links
        if lk.relation is Relation.SUPPORTS
        for p in lk.premises
        if p != lk.target
    }
    nodes = {n for e in edges for n in e}
    reach = {n: {b for a, b in edges if a == n} for n in nodes}
    changed = True
    while changed:  # transitive closure by fixpoint
        changed = False
        for n in nodes:
            more = set().union(*(reach[x] for x in reach[n])) - reach[n] if reach[n] else set()
            if more:
                reach[n] |= more
                changed = True
    return any(n in reach[n] for n in nodes)


@SLOW
@given(any_maps())
def test_cycle_finder_agrees_with_transitive_closure(m: ArgumentMap) -> None:
    cycles = support_cycles(m)
    assert bool(cycles) == _naive_has_cycle(m)
    support_edges = {
        (p, i)
        for i, lk in enumerate(m.links)
        if lk.relation is Relation.SUPPORTS
        for p in lk.premises
    }
    for cycle in cycles:
        for claim, index in cycle:
            assert (claim, index) in support_edges
        # each step leads to the next claim of the cycle
        for (_, index), (following, _) in itertools.pairwise([*cycle, cycle[0]]):
            assert m.links[index].target == following


def _naive_bearing(m: ArgumentMap) -> set[str]:
    reached = set(m.thesis)
    changed = True
    while changed:
        changed = False
        for lk in m.links:
            ends = (
                {lk.target, lk.premises[0]} if lk.relation is Relation.CONTRADICTS else {lk.target}
            )
            if ends & reached:
                new = {*lk.premises, lk.target, *([lk.id] if lk.id else [])} - reached
                if new:
                    reached |= new
                    changed = True
    return reached


@SLOW
@given(any_maps())
def test_bearing_agrees_with_fixpoint(m: ArgumentMap) -> None:
    assert bearing(m) == _naive_bearing(m)


@SLOW
@given(valid_maps())
def test_roles_follow_the_links(m: ArgumentMap) -> None:
    for claim in m.claims:
        role = m.role(claim.id)
        supported = any(lk.target == claim.id for lk in m.links if lk.relation is Relation.SUPPORTS)
        if claim.id in m.thesis:
            assert role is argmap.Role.THESIS
        elif not supported:
            assert role is argmap.Role.PREMISE
        else:
            assert role in (argmap.Role.INTERMEDIATE, argmap.Role.CONCLUSION)

"""The checks against the plain loops they replace (tests/reference_checks.py).

The checks answer their questions with tables shared between them (argmap/checks/index.py) and only
look closely at what is wrong; the reference versions walk every claim and link. Both must give
the same diagnostics, in the same order, on maps broken in every way, whatever order the checks
run in (the tables give names their codes as the checks first ask for them).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Hashable, Sequence

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checks import CHECKS, CheckContext, check
from argmap.checks import index as index_module
from argmap.checks import thesis as thesis_module
from argmap.checks.cycles import walk_cycles
from argmap.checks.duplicates import _folded_key, surely_distinct, text_key, text_keys
from argmap.checks.index import index_of
from argmap.dumping import dumps
from argmap.model import ArgumentMap, Claim, Link, Relation, support
from argmap.quickload import read_quickly
from tests import reference_checks
from tests.conftest import large_maps
from tests.reference_checks import REFERENCE
from tests.strategies import any_maps, tangled_maps, texts, unresolved_names, valid_maps

MANY = settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
LARGE = settings(
    max_examples=12,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
"""For maps of thousands of claims and links (:func:`tests.conftest.large_maps`)."""
SMALL_MAPS = tangled_maps() | any_maps() | valid_maps()


def _reference_run(m: ArgumentMap, ctx: CheckContext) -> dict[str, list[object]]:
    return {code: list(fn(m, ctx)) for code, fn in REFERENCE.items()}


def _assert_checks_agree(m: ArgumentMap, ctx: CheckContext, random: object) -> None:
    expected = _reference_run(attrs.evolve(m), ctx)
    codes = list(REFERENCE)
    random.shuffle(codes)  # type: ignore[attr-defined]
    fresh = attrs.evolve(m)  # no tables yet: this order of checks builds them
    found = {code: list(CHECKS[code](fresh, ctx)) for code in codes}
    assert found == expected


@MANY
@given(SMALL_MAPS, unresolved_names, st.randoms())
def test_checks_agree_with_the_reference(m, unresolved, random) -> None:  # type: ignore[no-untyped-def]
    _assert_checks_agree(m, CheckContext(unresolved=unresolved), random)


@LARGE
@given(large_maps(SMALL_MAPS), unresolved_names, st.randoms())
def test_checks_agree_with_the_reference_on_large_maps(m, unresolved, random) -> None:  # type: ignore[no-untyped-def]
    _assert_checks_agree(m, CheckContext(unresolved=unresolved), random)


def _first_of_each(keys: Sequence[Hashable]) -> list[int]:
    """For each key, the position where it first stands."""
    first: dict[Hashable, int] = {}
    return [first.setdefault(key, position) for position, key in enumerate(keys)]


def _assert_tables_are_their_definitions(m: ArgumentMap) -> None:
    """Each table that a check asks of every link is what its definition over the map's
    claims and links gives."""
    index = index_of(attrs.evolve(m))
    claim_ids = {claim.id for claim in m.claims}
    links = m.links
    assert index.naming_others() == (
        [i for i, link in enumerate(links) if link.target not in claim_ids],
        [i for i, link in enumerate(links) if not claim_ids.issuperset(link.premises)],
    )
    linked = {name for link in links for name in (*link.premises, link.target)}
    assert index.touches_every_claim() is (claim_ids <= linked)
    assert index.self_targeting == [
        i for i, link in enumerate(links) if link.target in link.premises or link.target == link.id
    ]
    assert index.supports_acyclic is (walk_cycles(m) == [])
    # Links with the same target and the same premises, and only they, have one key.
    keys = [(link.target, frozenset(link.premises)) for link in links]
    found_keys = index.keys()
    assert _first_of_each(found_keys) == _first_of_each(keys)
    repeated = {key for key, times in Counter(keys).items() if times > 1}
    if repeated:
        assert index._may_repeat()
    assert [key in index.repeated_keys for key in found_keys] == [key in repeated for key in keys]
    positions, codes = index.id_positions, index.id_codes
    ids = [link.id for link in links if link.id is not None]
    assert positions == [i for i, link in enumerate(links) if link.id is not None]
    for link_id, code in zip(ids, codes, strict=True):
        if link_id in claim_ids or link_id in linked:
            assert code is not None
            assert index.names[code] == link_id
        else:
            assert code is None
    assert index.link_ids_unique is (len(set(ids)) == len(ids) and not claim_ids & set(ids))


@MANY
@given(SMALL_MAPS)
def test_tables_are_what_their_definitions_give(m) -> None:  # type: ignore[no-untyped-def]
    _assert_tables_are_their_definitions(m)


@LARGE
@given(large_maps(SMALL_MAPS))
def test_tables_of_large_maps_are_what_their_definitions_give(m) -> None:  # type: ignore[no-untyped-def]
    _assert_tables_are_their_definitions(m)


@MANY
@given(tangled_maps() | any_maps(), unresolved_names)
def test_check_gives_what_the_reference_checks_give(m, unresolved) -> None:  # type: ignore[no-untyped-def]
    ctx = CheckContext(unresolved=unresolved)
    reference = {code: REFERENCE.get(code, fn) for code, fn in CHECKS.items()}
    expected = check(attrs.evolve(m), checks=reference, context=ctx)
    assert check(m, context=ctx) == expected
    assert expected == check(m, context=ctx)  # and again, from the tables kept on the map


@MANY
@given(st.text(st.characters(max_codepoint=127)))
def test_ascii_keys_are_the_general_keys(text: str) -> None:
    assert text_key(text) == _folded_key(text) == reference_checks.text_key(text)


@MANY
@given(st.lists(st.text(st.characters(max_codepoint=127)) | texts | st.just("\x00")))
def test_keys_of_many_texts_are_each_text_key(many: list[str]) -> None:
    assert text_keys(many) == [reference_checks.text_key(t) for t in many]


@MANY
@given(st.lists(st.text(st.sampled_from("Aab ,_\x00é1"), max_size=5) | texts))
def test_texts_surely_distinct_have_distinct_keys(many: list[str]) -> None:
    keys = [reference_checks.text_key(t) for t in many]
    if surely_distinct(many):
        assert len(set(keys)) == len(keys)
    elif all(t.isascii() and "\x00" not in t for t in many):
        # for ASCII, "may be alike" means two texts have the same letters and digits
        words = ["".join(c for c in t.lower() if c.isalnum()) for t in many]
        assert len(set(words)) < len(words)


def test_a_thesis_naming_a_link_that_nothing_else_names() -> None:
    # The link's id has no code in the tables (no other field names it).
    m = ArgumentMap(claims=[Claim("a", "A.")], links=[support("a", "a", id="b")], thesis=["b"])
    about = {"unknown-ref", "unsupported-thesis"}
    found = [(d.code, d.message) for d in check(m) if d.code in about]
    assert found == [
        ("unknown-ref", "'thesis' names 'b', which is a link, not a claim"),
        ("unsupported-thesis", "thesis 'b' is supported by no link"),
    ]
    ctx = CheckContext()
    for code in about:
        assert list(CHECKS[code](m, ctx)) == list(REFERENCE[code](m, ctx))


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(tangled_maps() | any_maps(), unresolved_names)
def test_threads_checking_one_map_agree(m, unresolved) -> None:  # type: ignore[no-untyped-def]
    import sys
    import threading

    ctx = CheckContext(unresolved=unresolved)
    expected = _reference_run(attrs.evolve(m), ctx)
    fresh = attrs.evolve(m)  # its tables are built by the threads, all at once
    results: list[dict[str, list[object]]] = []
    codes = list(REFERENCE)

    def run(offset: int) -> None:
        order = codes[offset:] + codes[:offset]
        found = {code: list(CHECKS[code](fresh, ctx)) for code in order}
        results.append(found)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=run, args=(k,)) for k in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert results == [expected] * 8


@MANY
@given(tangled_maps() | any_maps() | valid_maps(), unresolved_names, st.randoms())
def test_checks_agree_on_the_tables_the_quick_reader_builds(m, unresolved, random) -> None:  # type: ignore[no-untyped-def]
    """A map the quick reader made: the checks find on it what the reference finds."""
    try:
        text = dumps(m)
    except ValueError:  # a map the format cannot hold (a broken one): nothing to read
        return
    quick = read_quickly(text)
    if quick is None:  # left to the located reader, which has its own tests
        return
    ctx = CheckContext(unresolved=unresolved)
    expected = _reference_run(attrs.evolve(quick), ctx)
    codes = list(REFERENCE)
    random.shuffle(codes)
    assert {code: list(CHECKS[code](quick, ctx)) for code in codes} == expected


def test_a_map_keeps_its_index_while_it_lives() -> None:
    m = ArgumentMap(claims=[Claim("a", "A."), Claim("b", "B.")], links=[support("a", "b")])
    index = index_of(m)
    assert index_of(m) is index
    assert index_of(attrs.evolve(m)) is not index  # a map of its own, an index of its own
    key = id(m)
    del m
    gc.collect()
    assert key not in index_module._INDEXES


_PREMISE_SETS = st.lists(st.sampled_from("abcd"), min_size=1, max_size=4)


@MANY
@given(st.lists(st.tuples(_PREMISE_SETS, st.sampled_from("abcde")), max_size=8))
def test_links_may_repeat_whenever_two_have_one_key(rows: list[tuple[list[str], str]]) -> None:
    # Few names, so that links with one, two and more premises often share a key; "e" is no
    # claim (a code above the claims').
    claims = [Claim(name, f"{name.upper()}.") for name in "abcd"]
    m = ArgumentMap(claims=claims, links=[support(premises, target) for premises, target in rows])
    index = index_of(m)
    keys = [(link.target, frozenset(link.premises)) for link in m.links]
    repeated = len(set(keys)) < len(keys)
    assert index.repeated_keys == index._repeated()
    assert bool(index._repeated()) is repeated
    if repeated:
        assert index._may_repeat()
    if all(len(set(premises)) == len(premises) <= 2 for premises, _ in rows):
        assert index._may_repeat() is repeated  # one or two distinct premises: exact keys


@MANY
@given(st.lists(st.integers(1, 11), max_size=12))
def test_premise_owners_and_targets(counts: list[int]) -> None:
    claims = [Claim(f"c{number}", f"Claim {number}.") for number in range(12)]
    links = [
        support([f"c{number}" for number in range(many)], f"c{position % 12}")
        for position, many in enumerate(counts)
    ]
    index = index_of(ArgumentMap(claims=claims, links=links))
    owners = [position for position, link in enumerate(links) for _ in link.premises]
    assert list(index.premise_owners) == owners
    targets = [index.code(link.target) for link in links for _ in link.premises]
    assert index.premise_targets == targets


@MANY
@given(tangled_maps() | any_maps() | valid_maps(), st.randoms())
def test_linked_bear_only_when_the_walk_reaches_every_linked_name(m, random) -> None:  # type: ignore[no-untyped-def]
    index = index_of(m)
    touched = {index.code(name) for link in m.links for name in (*link.premises, link.target)}
    reaches_all = touched <= index.bearing(m.thesis)
    if index.linked_bear(m.thesis):
        assert reaches_all
    # Listed from the thesis down (each link after one that makes its target bear), with no
    # contradiction, every map whose links all bear passes in two rounds.
    contradicts = any(link.relation is Relation.CONTRADICTS for link in m.links)
    if reaches_all and m.thesis and not contradicts:
        order, done, bear = [], set(), set(map(index.code, m.thesis))
        links = list(range(len(m.links)))
        random.shuffle(links)
        while len(order) < len(links):
            placed = len(order)
            for position in links:
                link = m.links[position]
                if position not in done and index.code(link.target) in bear:
                    order.append(link)
                    done.add(position)
                    bear.update(map(index.code, link.premises))
                    if link.id is not None:
                        bear.add(index.code(link.id))
            assert len(order) > placed  # the walk reached every target, so some link can follow
        written = attrs.evolve(m, links=order)
        assert index_of(written).linked_bear(written.thesis)


def _assert_bearing_is_the_reference(m: ArgumentMap) -> None:
    """What bears on a thesis is what the reference walk finds; when the passes of
    ``linked_bear`` say that every linked name bears, it does."""
    expected = reference_checks.bearing(m)
    assert thesis_module.bearing(m) == expected
    index = index_of(m)
    if index.linked_bear(m.thesis):
        assert {name for link in m.links for name in (*link.premises, link.target)} <= expected


@MANY
@given(SMALL_MAPS)
def test_bearing_is_the_reference_walk(m) -> None:  # type: ignore[no-untyped-def]
    _assert_bearing_is_the_reference(m)


@LARGE
@given(large_maps(SMALL_MAPS))
def test_bearing_on_large_maps_is_the_reference_walk(m) -> None:  # type: ignore[no-untyped-def]
    _assert_bearing_is_the_reference(m)


def _chain(length: int, *extra: Link) -> ArgumentMap:
    """A thesis c0 and a chain of supports c1 -> c0, c2 -> c1, ... listed from the far end."""
    claims = [Claim(f"c{i}", f"Claim {i}.") for i in range(length + 3)]
    links = [support(f"c{i + 1}", f"c{i}") for i in reversed(range(length))]
    return ArgumentMap(claims=claims, links=[*links, *extra], thesis=["c0"])


@pytest.mark.parametrize(
    ("m", "bear"),
    [
        # The other side of a contradiction bears through it, and nothing else leads there.
        (_chain(1, Link(("c1",), Relation.CONTRADICTS, "c2")), True),
        (_chain(1, Link(("c2",), Relation.CONTRADICTS, "c1")), True),
        # An undercut bears when the link it aims at does.
        (
            _chain(
                1, attrs.evolve(support("c3", "c0"), id="s"), Link(("c2",), Relation.ATTACKS, "s")
            ),
            True,
        ),
        # A contradiction of several premises (an error) leads from its first to the rest,
        # its target and its id; an undercut of it then bears.
        (
            _chain(
                1,
                Link(("c1", "c3"), Relation.CONTRADICTS, "c2", id="x"),
                Link(("c4",), Relation.ATTACKS, "x"),
            ),
            True,
        ),
        # ... from its first premise only, as the walk that reports lost claims goes.
        (_chain(1, Link(("c3", "c1"), Relation.CONTRADICTS, "c2")), False),
        (_chain(300), True),
        (_chain(300, support("c301", "c302")), False),
        (_chain(300, Link(("c301",), Relation.ATTACKS, "c302")), False),
    ],
)
def test_bearing_follows_every_kind_of_link(m, bear) -> None:  # type: ignore[no-untyped-def]
    index = index_of(m)
    linked = {name for link in m.links for name in (*link.premises, link.target)}
    assert (linked <= thesis_module.bearing(m)) is bear
    assert (linked <= reference_checks.bearing(m)) is bear
    if index.linked_bear(m.thesis):  # sure when it says so
        assert bear


@MANY
@given(tangled_maps() | any_maps() | valid_maps(), st.booleans())
def test_named_link_ids_are_id_of_without_the_claim_ids(m, read) -> None:  # type: ignore[no-untyped-def]
    """What an undercut can aim at, found by looking the ids up among the few names that links
    use and no claim has, is what the full table of ids says."""
    if read:  # on the tables the quick reader builds as well
        try:
            quick = read_quickly(dumps(m))
        except ValueError:
            return
        if quick is None:
            return
        m = quick
    index = index_of(attrs.evolve(m))
    found = index.named_link_ids()
    assert "_ids" not in index.__dict__  # found without the full table
    full = index_of(attrs.evolve(m))
    first = full.claim_count
    assert found == {p: c for p, c in full.id_of.items() if c >= first}
    assert full.named_link_ids() == found  # and from the full table once it is built
    assert set(map(index.names.__getitem__, found.values())) <= {link.id for link in m.links} - {
        claim.id for claim in m.claims
    }

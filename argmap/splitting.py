"""Splitting a large map into smaller ones that can be drawn and read one at a time.

A map with several theses splits into one map per thesis: each holds the claims and links
that bear on that thesis through some chain of links. A map with one thesis splits into one
map per argument under it: each holds the thesis, one link that ends at it (support, attack or
contradiction), and everything that bears on that link's premises or on the link itself
(undercuts). A claim that bears on two theses, or on two arguments, is in both parts.

Each part is a valid map when the whole is: a link is kept only with its premises and its
target. In a thesis's part every claim keeps its status under grounded semantics, as all that
bears on it comes along (and under complete and preferred semantics, whose statuses depend
only on what bears on a claim, too), and the expectations (``expect``) about the part's claims
and links are kept, but for those under stable semantics, under which a cycle anywhere in a
map can leave it with no extension. An argument's part shows that argument taken alone: the
thesis, and any claim that the other arguments also reach, may stand otherwise there, so it
keeps no expectations.
Nothing here reads or writes files; ``argmap split`` does.
"""

from __future__ import annotations

from typing import Literal

import attrs

from argmap.checks.index import index_of
from argmap.model import ArgumentMap, Expectation, Link, Relation


@attrs.frozen
class Part:
    """One of the maps a map splits into."""

    name: str
    """What the part is about, for its file name: the thesis's id, or the argument's (its
    link's id, else its first premise's id)."""
    map: ArgumentMap


class NothingToSplit(ValueError):
    """The map has no thesis, or a single argument under its only thesis."""


def splits_by(m: ArgumentMap) -> Literal["thesis", "argument"] | None:
    """What :func:`split` would split the map by: its theses, the arguments under its one
    thesis, or nothing (None: no thesis, or fewer than two arguments under it)."""
    theses = set(m.thesis)
    if len(theses) > 1:
        return "thesis"
    if theses and len(_arguments(m, *theses)) > 1:
        return "argument"
    return None


def split(m: ArgumentMap) -> list[Part]:
    """The parts of a map: one per thesis, or, for a map with one thesis, one per argument
    under it. :class:`NothingToSplit` when there is nothing to split by."""
    theses = list(dict.fromkeys(m.thesis))
    if not theses:
        raise NothingToSplit("the map names no thesis (thesis:), so it has no parts to split by")
    if len(theses) > 1:
        return [Part(thesis, _part(m, _bearing(m, [thesis]), thesis, None)) for thesis in theses]
    thesis = theses[0]
    arguments = _arguments(m, thesis)
    if len(arguments) < 2:
        found = "no argument" if not arguments else "a single argument"
        raise NothingToSplit(
            f"the map has {found} under its thesis '{thesis}', so it has no parts to split by"
        )
    parts: list[Part] = []
    names: set[str] = set()
    for link in arguments:
        start = [*link.premises, link.target] if _is_contradiction(link) else list(link.premises)
        if link.id is not None:
            start.append(link.id)
        reached = _bearing(m, start, stop=thesis)
        name = link.id or next((p for p in link.premises if p != thesis), link.target)
        while name in names:  # two arguments from the same premise
            name = _next_name(name)
        names.add(name)
        parts.append(Part(name, _part(m, reached, thesis, link)))
    return parts


def _arguments(m: ArgumentMap, thesis: str) -> list[Link]:
    """The links that end at the thesis, or contradict it."""
    return [link for link in m.links if thesis in _ends(link)]


def _next_name(name: str) -> str:
    """``a`` -> ``a-2``, ``a-2`` -> ``a-3``."""
    stem, _, number = name.rpartition("-")
    if stem and number.isdigit():
        return f"{stem}-{int(number) + 1}"
    return f"{name}-2"


def _is_contradiction(link: Link) -> bool:
    return link.relation is Relation.CONTRADICTS


def _ends(link: Link) -> tuple[str, ...]:
    """The names a link leads into: its target, and both sides of a contradiction."""
    return (link.target, link.premises[0]) if _is_contradiction(link) else (link.target,)


def _bearing(m: ArgumentMap, start: list[str], stop: str | None = None) -> set[str]:
    """The names that bear on ``start`` through chains of links (``start`` among them), not
    going on through ``stop`` (which is reached, but leads nowhere): the map's index
    (:meth:`argmap.checks.index.MapIndex.bearing`) does the walk."""
    index = index_of(m)
    reached = index.bearing(start, () if stop is None else (stop,))
    return set(map(index.names.__getitem__, reached))


def _part(m: ArgumentMap, reached: set[str], thesis: str, argument: Link | None) -> ArgumentMap:
    """The map of the claims and links among ``reached``. For an argument's part, the one link
    ending at (or contradicting) the thesis is the argument's own."""

    def kept(link: Link) -> bool:
        if argument is not None and thesis in _ends(link):
            return link is argument  # the other arguments under the thesis have parts of their own
        return link.target in reached and all(p in reached for p in link.premises)

    links = tuple(link for link in m.links if kept(link))
    expect: tuple[Expectation, ...] = ()  # an argument taken alone: expectations may not hold
    if argument is None:
        names = {link.id for link in links if link.id is not None} | reached
        expect = tuple(e for e in m.expect if e.item in names and e.semantics in _LOCAL)
    label = thesis if argument is None else f"{thesis}, the argument from {_premises(argument)}"
    return attrs.evolve(
        m,
        claims=tuple(claim for claim in m.claims if claim.id in reached),
        links=links,
        thesis=(thesis,),
        title=f"{m.title} ({label})" if m.title else None,
        expect=expect,
    )


_LOCAL = frozenset(("grounded", "complete", "preferred"))
"""Semantics under which a claim's status depends only on what bears on it. Under stable
semantics it does not: a cycle anywhere in a map can leave it with no stable extension."""


def _premises(link: Link) -> str:
    return " + ".join(link.premises)

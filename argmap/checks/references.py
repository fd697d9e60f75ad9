"""Checks that every id a map names resolves, and that links do not point back at themselves."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from itertools import compress
from typing import TYPE_CHECKING

from argmap.checks.crossrefs import unknown_cross_ref
from argmap.checks.index import index_of
from argmap.diagnostics import Diagnostic, Suggester
from argmap.model import ArgumentMap, Link, Relation

if TYPE_CHECKING:
    from argmap.checks import CheckContext
    from argmap.checks.index import MapIndex


def _claim_ref(
    index: MapIndex,
    ctx: CheckContext,
    name: str,
    what: str,
    path: tuple[str | int, ...],
    suggest: Callable[[str], str | None],
) -> Iterator[Diagnostic]:
    if name in ctx.unresolved or index.is_claim(name):
        return
    if index.has(name):  # a link id where a claim belongs
        yield Diagnostic.error(
            "unknown-ref", f"{what} names '{name}', which is a link, not a claim", path
        )
        return
    yield Diagnostic.error("unknown-ref", f"{what} names no claim: '{name}'", path, suggest(name))


def unknown_ref(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """``thesis``, ``from`` and link targets must name claims (or, for attacks, links); ``ref``
    and ``same`` must name claims of maps of the folder."""
    yield from unknown_cross_ref(m, ctx)
    index = index_of(m)
    claim_hint = _Lazy(lambda: Suggester(index.names[: index.claim_count]))
    any_hint = _Lazy(
        lambda: Suggester([*(c.id for c in m.claims), *(k.id for k in m.links if k.id)])
    )
    for position, thesis in enumerate(m.thesis):
        yield from _claim_ref(index, ctx, thesis, "'thesis'", ("thesis", position), claim_hint)
    for expectation in m.expect:
        if not index.has(expectation.item) and expectation.item not in ctx.unresolved:
            yield Diagnostic.error(
                "unknown-ref",
                f"'expect' names no claim or link: '{expectation.item}'",
                ("expect", expectation.semantics, expectation.item),
                claim_hint(expectation.item),
            )
    # A link whose premises and target are all claims, or an undercut of a support or attack
    # link, names nothing unknown: look closer only at the others.
    ends, premises = index.naming_others()
    suspects = set(premises)
    if ends:
        targets = index.targets
        undercuttable = index.link_id_codes.difference(index.contradiction_id_codes)
        attack = index.is_attack
        suspects.update(i for i in ends if not (attack[i] and targets[i] in undercuttable))
    if not suspects:
        return
    contradictions = {
        link.id for link in m.links if link.relation is Relation.CONTRADICTS and link.id
    }
    for position in sorted(suspects):
        link = m.links[position]
        what = _describe(link)
        for k, premise in enumerate(link.premises):
            yield from _claim_ref(
                index, ctx, premise, f"'from' of {what}", ("links", position, "from", k), claim_hint
            )
        field = link.relation.value
        path = ("links", position, field)
        if link.relation is Relation.ATTACKS:
            if link.target in contradictions and not index.is_claim(link.target):
                yield Diagnostic.error(
                    "unknown-ref",
                    f"'attacks' of {what} names '{link.target}', a contradiction; only support "
                    "and attack links can be undercut",
                    path,
                )
            elif not index.has(link.target) and link.target not in ctx.unresolved:
                yield Diagnostic.error(
                    "unknown-ref",
                    f"'attacks' of {what} names no claim or link: '{link.target}'",
                    path,
                    any_hint(link.target),
                )
        else:
            yield from _claim_ref(index, ctx, link.target, f"'{field}' of {what}", path, claim_hint)


class _Lazy:
    """A suggester made when first asked for a hint (most maps need none)."""

    def __init__(self, make: Callable[[], Suggester]) -> None:
        self._make = make
        self._made: Suggester | None = None

    def __call__(self, word: str) -> str | None:
        if self._made is None:
            self._made = self._make()
        return self._made(word)


def _describe(link: Link) -> str:
    """A link named by its id, or as 'a link' (the diagnostic's location says which)."""
    return f"link '{link.id}'" if link.id else "a link"


def self_reference(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A link may not target one of its own premises, nor (for an undercut) itself."""
    for position in index_of(m).self_targeting:
        link = m.links[position]
        field = link.relation.value
        if link.target in link.premises:
            message = f"{_describe(link)} {field} '{link.target}', one of its own premises"
        elif link.relation is Relation.ATTACKS and link.target == link.id:
            message = f"{_describe(link)} attacks itself"
        else:
            continue
        yield Diagnostic.error("self-reference", message, ("links", position, field))


def conflicting_links(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """The same premises may not both support and attack the same target."""
    index = index_of(m)
    repeated = index.repeated_keys
    if not repeated:  # no two links have the same premises and target
        return
    keys = index.keys()
    suspects = list(compress(range(len(keys)), map(repeated.__contains__, keys)))
    supports: dict[Hashable, int] = {}
    for position in suspects:
        if m.links[position].relation is Relation.SUPPORTS:
            supports.setdefault(keys[position], position)
    for position in suspects:
        link = m.links[position]
        if link.relation is not Relation.ATTACKS:
            continue
        first = supports.get(keys[position])
        if first is not None:
            yield Diagnostic.error(
                "conflicting-links",
                f"{_describe(link)} attacks '{link.target}', which the same premises "
                f"({', '.join(repr(p) for p in link.premises)}) support",
                ("links", position, "attacks"),
                "premises cannot both support and attack one claim; keep one of the two links",
            )

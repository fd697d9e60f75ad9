"""Checks that every id a map names resolves, and that links do not point back at themselves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.checks.crossrefs import unknown_cross_ref
from argmap.diagnostics import Diagnostic, did_you_mean
from argmap.model import ArgumentMap, Link, Relation

if TYPE_CHECKING:
    from argmap.checks import CheckContext


def _claim_ref(
    m: ArgumentMap,
    ctx: CheckContext,
    claim_ids: set[str],
    name: str,
    what: str,
    path: tuple[str | int, ...],
) -> Iterator[Diagnostic]:
    if name in ctx.unresolved or name in claim_ids:
        return
    if name in m:  # a link id where a claim belongs
        yield Diagnostic.error(
            "unknown-ref", f"{what} names '{name}', which is a link, not a claim", path
        )
        return
    yield Diagnostic.error(
        "unknown-ref", f"{what} names no claim: '{name}'", path, did_you_mean(name, claim_ids)
    )


def unknown_ref(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """``thesis``, ``from`` and link targets must name claims (or, for attacks, links); ``ref``
    and ``same`` must name claims of maps of the folder."""
    yield from unknown_cross_ref(m, ctx)
    claim_ids = {c.id for c in m.claims}
    for index, thesis in enumerate(m.thesis):
        yield from _claim_ref(m, ctx, claim_ids, thesis, "'thesis'", ("thesis", index))
    for expectation in m.expect:
        if expectation.item not in m and expectation.item not in ctx.unresolved:
            yield Diagnostic.error(
                "unknown-ref",
                f"'expect' names no claim or link: '{expectation.item}'",
                ("expect", expectation.semantics, expectation.item),
                did_you_mean(expectation.item, [c.id for c in m.claims]),
            )
    contradictions = {
        link.id for link in m.links if link.relation is Relation.CONTRADICTS and link.id
    }
    all_ids = [c.id for c in m.claims] + [link.id for link in m.links if link.id]
    for index, link in enumerate(m.links):
        what = _describe(link)
        for k, premise in enumerate(link.premises):
            yield from _claim_ref(
                m, ctx, claim_ids, premise, f"'from' of {what}", ("links", index, "from", k)
            )
        field = link.relation.value
        path = ("links", index, field)
        if link.relation is Relation.ATTACKS:
            if link.target in contradictions and link.target not in claim_ids:
                yield Diagnostic.error(
                    "unknown-ref",
                    f"'attacks' of {what} names '{link.target}', a contradiction; only support "
                    "and attack links can be undercut",
                    path,
                )
            elif link.target not in m and link.target not in ctx.unresolved:
                yield Diagnostic.error(
                    "unknown-ref",
                    f"'attacks' of {what} names no claim or link: '{link.target}'",
                    path,
                    did_you_mean(link.target, all_ids),
                )
        else:
            yield from _claim_ref(m, ctx, claim_ids, link.target, f"'{field}' of {what}", path)


def _describe(link: Link) -> str:
    """A link named by its id, or as 'a link' (the diagnostic's location says which)."""
    return f"link '{link.id}'" if link.id else "a link"


def self_reference(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A link may not target one of its own premises, nor (for an undercut) itself."""
    for index, link in enumerate(m.links):
        field = link.relation.value
        if link.target in link.premises:
            message = f"{_describe(link)} {field} '{link.target}', one of its own premises"
        elif link.relation is Relation.ATTACKS and link.target == link.id:
            message = f"{_describe(link)} attacks itself"
        else:
            continue
        yield Diagnostic.error("self-reference", message, ("links", index, field))


def conflicting_links(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """The same premises may not both support and attack the same target."""
    supports: dict[tuple[frozenset[str], str], int] = {}
    for index, link in enumerate(m.links):
        if link.relation is Relation.SUPPORTS:
            supports.setdefault((frozenset(link.premises), link.target), index)
    for index, link in enumerate(m.links):
        if link.relation is not Relation.ATTACKS:
            continue
        first = supports.get((frozenset(link.premises), link.target))
        if first is not None:
            yield Diagnostic.error(
                "conflicting-links",
                f"{_describe(link)} attacks '{link.target}', which the same premises "
                f"({', '.join(repr(p) for p in link.premises)}) support",
                ("links", index, "attacks"),
                "premises cannot both support and attack one claim; keep one of the two links",
            )

"""The checks as first written: plain loops over claims and links, one diagnostic at a time.

The checks in argmap/checks/ answer the same questions with tables shared between checks and
set operations (argmap/checks/index.py); tests/test_check_equivalence.py asserts with
hypothesis that both give the same diagnostics, in the same order, on maps broken in every way
and on maps of thousands of claims and links.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from argmap.checks import CheckContext
from argmap.checks.crossrefs import unknown_cross_ref
from argmap.checks.cycles import cycle_diagnostics, walk_cycles
from argmap.checks.duplicates import every_duplicate_id
from argmap.diagnostics import Diagnostic, did_you_mean
from argmap.model import ArgumentMap, Link, Relation


def duplicate_id(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    return every_duplicate_id(m)


_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


def text_key(text: str) -> str:
    """A claim text with case, spacing and punctuation ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


def duplicate_claim(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Two claims with the same text are one claim written twice."""
    first: dict[str, str] = {}
    for claim in m.claims:
        if claim.text is None:  # a reference: its text is the other map's
            continue
        key = text_key(claim.text)
        if key in first and first[key] != claim.id:
            yield Diagnostic.warning(
                "duplicate-claim",
                f"claim '{claim.id}' has the same text as claim '{first[key]}'",
                ("claims", claim.id, "text"),
                f"use '{first[key]}' wherever '{claim.id}' is used, and remove '{claim.id}'",
            )
        else:
            first.setdefault(key, claim.id)


def duplicate_link(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """The same relation between the same claims, stated twice."""
    first: dict[tuple[Relation, frozenset[str], str], int] = {}
    for index, link in enumerate(m.links):
        key: tuple[Relation, frozenset[str], str]
        if link.relation is Relation.CONTRADICTS:
            key = (link.relation, frozenset((link.premises[0], link.target)), "")
        else:
            key = (link.relation, frozenset(link.premises), link.target)
        if key in first:
            yield Diagnostic.warning(
                "duplicate-link",
                f"this link repeats an earlier one: {_summary(link)}",
                ("links", index),
                "remove one of them",
            )
        else:
            first[key] = index


def _summary(link: Link) -> str:
    premises = ", ".join(repr(p) for p in link.premises)
    return f"from {premises} {link.relation.value} '{link.target}'"


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


def circular_support(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    return cycle_diagnostics(walk_cycles(m))


def unsupported_thesis(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A thesis that no link supports is an assertion, not an argument."""
    for index, thesis in enumerate(m.thesis):
        if thesis in m and not m.supporters(thesis):
            yield Diagnostic.warning(
                "unsupported-thesis",
                f"thesis '{thesis}' is supported by no link",
                ("thesis", index),
            )


def orphan_claim(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A claim that no link touches stands outside the argument (a lone thesis is allowed)."""
    touched: set[str] = set()
    for link in m.links:
        touched.update(link.premises)
        touched.add(link.target)
    for claim in m.claims:
        if claim.id not in touched and not (claim.id in m.thesis and len(m.claims) == 1):
            yield Diagnostic.warning(
                "orphan-claim",
                f"claim '{claim.id}' is not linked to anything",
                ("claims", claim.id),
                "link it to the claim it supports or attacks, or remove it",
            )


def bearing(m: ArgumentMap) -> set[str]:
    """The ids of claims and links that bear on a thesis through some chain of links.

    A link bears when its target bears; its premises then bear. Contradiction bears both ways.
    Linear in the size of the map.
    """
    by_target: dict[str, list[int]] = {}
    for index, link in enumerate(m.links):
        by_target.setdefault(link.target, []).append(index)
        if link.relation is Relation.CONTRADICTS:
            by_target.setdefault(link.premises[0], []).append(index)
    reached: set[str] = set()
    links_reached: set[int] = set()
    queue = list(m.thesis)
    reached.update(queue)
    while queue:
        current = queue.pop()
        for index in by_target.get(current, []):
            if index in links_reached:
                continue
            links_reached.add(index)
            link = m.links[index]
            for node in (*link.premises, link.target, *(() if link.id is None else (link.id,))):
                if node not in reached:
                    reached.add(node)
                    queue.append(node)
    return reached


def disconnected(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A linked claim whose links lead to no thesis argues about something else."""
    if not m.thesis:
        return
    touched: set[str] = set()
    for link in m.links:
        touched.update(link.premises)
        touched.add(link.target)
    reached = bearing(m)
    for claim in m.claims:
        if claim.id in touched and claim.id not in reached:
            yield Diagnostic.warning(
                "disconnected",
                f"claim '{claim.id}' does not bear on any thesis through its links",
                ("claims", claim.id),
                "link it (or the claims it supports) to a thesis, or name it as a thesis",
            )


REFERENCE = {
    "duplicate-id": duplicate_id,
    "unknown-ref": unknown_ref,
    "self-reference": self_reference,
    "circular-support": circular_support,
    "conflicting-links": conflicting_links,
    "unsupported-thesis": unsupported_thesis,
    "orphan-claim": orphan_claim,
    "disconnected": disconnected,
    "duplicate-claim": duplicate_claim,
    "duplicate-link": duplicate_link,
}
"""The reference version of each check that argmap/checks/ computes differently."""

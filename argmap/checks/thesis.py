"""Checks that a map has a thesis and that every claim bears on it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.checks.index import index_of
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Relation

if TYPE_CHECKING:
    from argmap.checks import CheckContext


def no_thesis(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A map should name its main conclusion."""
    if not m.thesis:
        yield Diagnostic.warning(
            "no-thesis",
            "the map names no thesis",
            (),
            "add 'thesis: ID' naming the main conclusion",
        )


def unsupported_thesis(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A thesis that no link supports is an assertion, not an argument."""
    index = index_of(m)
    supported = index.supported
    for position, thesis in enumerate(m.thesis):
        if index.has(thesis) and index.codes.get(thesis) not in supported:
            yield Diagnostic.warning(
                "unsupported-thesis",
                f"thesis '{thesis}' is supported by no link",
                ("thesis", position),
            )


def orphan_claim(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A claim that no link touches stands outside the argument (a lone thesis is allowed)."""
    index = index_of(m)
    if index.touches_every_claim():
        return
    touched = index.touched
    codes = index.codes
    for claim in m.claims:
        if codes[claim.id] not in touched and not (claim.id in m.thesis and len(m.claims) == 1):
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
    index = index_of(m)
    reached = index.bearing(m.thesis)
    found = set(map(index.names.__getitem__, reached))
    # The ids of the links that bear, which the index follows only where they lead on.
    for link in m.links:
        if link.id is not None and link.id not in found:
            ends = [link.target]
            if link.relation is Relation.CONTRADICTS:
                ends.append(link.premises[0])
            if any(index.codes[end] in reached for end in ends):
                found.add(link.id)
    return found


def disconnected(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A linked claim whose links lead to no thesis argues about something else."""
    if not m.thesis:
        return
    index = index_of(m)
    if index.linked_bear(m.thesis):
        return
    lost = index.touched.difference(index.bearing(m.thesis))
    if min(lost, default=index.claim_count) >= index.claim_count:
        return  # every claim that is linked bears on a thesis
    codes = index.codes
    for claim in m.claims:
        if codes[claim.id] in lost:
            yield Diagnostic.warning(
                "disconnected",
                f"claim '{claim.id}' does not bear on any thesis through its links",
                ("claims", claim.id),
                "link it (or the claims it supports) to a thesis, or name it as a thesis",
            )

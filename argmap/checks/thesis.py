"""Checks that a map has a thesis and that every claim bears on it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

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

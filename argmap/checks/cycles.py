"""The check that support links never form a cycle (a claim resting, at length, on itself)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap import supports
from argmap.checks.index import index_of
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.checks import CheckContext


def support_cycles(m: ArgumentMap) -> list[list[tuple[str, int]]]:
    """The cycles of support, one per strongly connected group of claims.

    Each cycle is a list of ``(claim, link index)`` steps: the claim, and the support link that
    leads from it to the next claim. Tarjan's algorithm, iterative, linear in the map's size;
    a map without cycles (the map's index tells, see :mod:`argmap.checks.index`) is not walked.
    """
    if index_of(m).supports_acyclic:
        return []
    return walk_cycles(m)


def walk_cycles(m: ArgumentMap) -> list[list[tuple[str, int]]]:
    """:func:`support_cycles` by walking the links, whether there are cycles or not."""
    return supports.walk_cycles(m.links)


def circular_support(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Support links must not form a cycle; the message lists the claims around it."""
    return cycle_diagnostics(support_cycles(m))


def cycle_diagnostics(cycles: list[list[tuple[str, int]]]) -> Iterator[Diagnostic]:
    """A ``circular-support`` error for each cycle of :func:`support_cycles`."""
    for cycle in cycles:
        at, message = supports.cycle_message(cycle)
        yield Diagnostic.error(
            "circular-support",
            message,
            ("links", at),
            "a claim cannot rest on itself; remove or reverse one of these links",
        )

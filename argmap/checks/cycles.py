"""The check that support links never form a cycle (a claim resting, at length, on itself)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.checks.index import index_of
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Relation

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
    edges: dict[str, list[tuple[str, int]]] = {}
    for index, link in enumerate(m.links):
        if link.relation is Relation.SUPPORTS:
            for premise in link.premises:
                if premise != link.target:  # self-loops are self-reference, reported elsewhere
                    edges.setdefault(premise, []).append((link.target, index))
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for start in edges:
        if start in order:
            continue
        work = [(start, 0)]
        order[start] = low[start] = len(order)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, pos = work[-1]
            out = edges.get(node, [])
            if pos < len(out):
                work[-1] = (node, pos + 1)
                nxt = out[pos][0]
                if nxt not in order:
                    order[nxt] = low[nxt] = len(order)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], order[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return [_cycle_in(group, edges) for group in groups]


def _cycle_in(group: list[str], edges: dict[str, list[tuple[str, int]]]) -> list[tuple[str, int]]:
    """One cycle through the first claim of a strongly connected group (breadth first)."""
    members = set(group)
    start = min(group)
    came_from: dict[str, tuple[str, int]] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt, index in edges.get(node, []):
                if nxt not in members or nxt in came_from:
                    continue
                came_from[nxt] = (node, index)
                if nxt == start:
                    following = []
                    break
                following.append(nxt)
            if start in came_from:
                break
        frontier = following
    steps: list[tuple[str, int]] = []
    node = start
    while True:
        previous, index = came_from[node]
        steps.append((previous, index))
        node = previous
        if node == start:
            break
    steps.reverse()
    return steps


def circular_support(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Support links must not form a cycle; the message lists the claims around it."""
    return cycle_diagnostics(support_cycles(m))


def cycle_diagnostics(cycles: list[list[tuple[str, int]]]) -> Iterator[Diagnostic]:
    """A ``circular-support`` error for each cycle of :func:`support_cycles`."""
    for cycle in cycles:
        names = [claim for claim, _ in cycle] + [cycle[0][0]]
        at = min(index for _, index in cycle)
        yield Diagnostic.error(
            "circular-support",
            "support links form a cycle: " + " -> ".join(names),
            ("links", at),
            "a claim cannot rest on itself; remove or reverse one of these links",
        )

"""Cycles of support links: claims that rest, at length, on themselves.

Used by the ``circular-support`` check and by readers that must leave such links out
(the Argdown importer); it needs nothing of argmap but the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.model import Link, Relation


def walk_cycles(links: Sequence[Link]) -> list[list[tuple[str, int]]]:
    """The cycles of support among these links, one per strongly connected group of claims
    (in the order Tarjan's algorithm, iterative, completes the groups): each a list of
    ``(claim, link position)`` steps, the claim and the support link that leads from it to
    the next claim, the shortest way round from the group's least id. Self-loops are left
    out (they are self-references)."""
    edges: dict[str, list[tuple[str, int]]] = {}
    for index, link in enumerate(links):
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


def cycle_message(cycle: list[tuple[str, int]]) -> tuple[int, str]:
    """The position of a cycle's first link, and the message that names its claims."""
    names = [claim for claim, _ in cycle] + [cycle[0][0]]
    at = min(index for _, index in cycle)
    return at, "support links form a cycle: " + " -> ".join(names)

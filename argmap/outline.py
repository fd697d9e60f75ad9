"""A map as an indented outline of text, for reading it without a diagram (``argmap show``).

Each thesis comes first; beneath a claim stand its supports (``+``), the attacks on it (``-``)
and the claims it contradicts (``x``); linked premises are grouped under one ``+ together``;
an undercut stands under the support or attack it denies. A claim met a second time is named,
not repeated.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.evaluation import Evaluation
from argmap.model import ArgumentMap, Link

INDENT = "  "


def outline(m: ArgumentMap, evaluation: Evaluation | None = None) -> list[str]:
    """The lines of the outline (without colour)."""
    shown: set[str] = set()
    lines: list[str] = []
    roots = [t for t in m.thesis if t in m] or [c.id for c in m.claims if not m.links_from(c.id)]
    for root in roots:
        lines.extend(_claim(m, evaluation, root, "", 0, shown))
    rest = [c.id for c in m.claims if c.id not in shown]
    if rest:
        lines.append("not under a thesis:")
        for claim_id in rest:
            if claim_id not in shown:
                lines.extend(_claim(m, evaluation, claim_id, "", 1, shown))
    return lines


def _label(m: ArgumentMap, evaluation: Evaluation | None, claim_id: str) -> str:
    claim = m.claim(claim_id)
    role = m.role(claim_id).value
    if claim.implicit:
        role = "implicit " + role
    status = f", {evaluation.claims[claim_id].value}" if evaluation else ""
    by = f" ({claim.by})" if claim.by else ""
    return f"[{claim_id}: {role}{status}] {claim.label}{by}"


def _claim(
    m: ArgumentMap,
    evaluation: Evaluation | None,
    claim_id: str,
    marker: str,
    depth: int,
    shown: set[str],
) -> Iterator[str]:
    pad = INDENT * depth
    if claim_id in shown:
        yield f"{pad}{marker}[{claim_id}] (above)"
        return
    shown.add(claim_id)
    yield f"{pad}{marker}{_label(m, evaluation, claim_id)}"
    for link in m.supporters(claim_id):
        yield from _link(m, evaluation, link, "+ ", depth + 1, shown)
    for link in m.attackers(claim_id):
        yield from _link(m, evaluation, link, "- ", depth + 1, shown)
    for other in m.contradictions(claim_id):
        yield from _claim(m, evaluation, other, "x contradicts: ", depth + 1, shown)


def _link(
    m: ArgumentMap,
    evaluation: Evaluation | None,
    link: Link,
    marker: str,
    depth: int,
    shown: set[str],
) -> Iterator[str]:
    pad = INDENT * depth
    scheme = f" ({link.scheme})" if link.scheme else ""
    undercuts = m.attackers(link.id) if link.id else []
    if link.is_linked or undercuts or scheme:
        word = "together" if link.is_linked else "because"
        yield f"{pad}{marker}{word}{scheme}:"
        for premise in link.premises:
            yield from _claim(m, evaluation, premise, "", depth + 1, shown)
        for undercut in undercuts:
            yield from _link(m, evaluation, undercut, "- undercut: ", depth + 1, shown)
    else:
        yield from _claim(m, evaluation, link.premises[0], marker, depth, shown)


__all__ = ["outline"]

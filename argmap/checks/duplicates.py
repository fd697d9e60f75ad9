"""Checks for things said twice: ids, claim texts and links."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Link, Relation

if TYPE_CHECKING:
    from argmap.checks import CheckContext


def duplicate_id(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Claim ids and link ids share one namespace; each id names one thing."""
    claims: set[str] = set()
    for claim in m.claims:
        if claim.id in claims:
            yield Diagnostic.error(
                "duplicate-id", f"claim '{claim.id}' is defined twice", ("claims", claim.id)
            )
        claims.add(claim.id)
    links: set[str] = set()
    for index, link in enumerate(m.links):
        if link.id is None:
            continue
        if link.id in claims:
            yield Diagnostic.error(
                "duplicate-id",
                f"link id '{link.id}' is already the id of a claim",
                ("links", index, "id"),
                "claim ids and link ids share one namespace; rename the link",
            )
        elif link.id in links:
            yield Diagnostic.error(
                "duplicate-id",
                f"link id '{link.id}' is used by an earlier link",
                ("links", index, "id"),
            )
        links.add(link.id)


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

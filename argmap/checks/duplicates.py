"""Checks for things said twice: ids, claim texts and links."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import compress, repeat
from operator import attrgetter, is_not
from typing import TYPE_CHECKING

from argmap.checks.index import index_of
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Link, Relation

if TYPE_CHECKING:
    from argmap.checks import CheckContext


def duplicate_id(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Claim ids and link ids share one namespace; each id names one thing."""
    tables = index_of(m)
    if not (tables.claims_unique and tables.link_ids_unique):
        yield from every_duplicate_id(m)


def every_duplicate_id(m: ArgumentMap) -> Iterator[Diagnostic]:
    """:func:`duplicate_id` by going through every claim and link."""
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
_ASCII_WORDS = bytes(
    byte if chr(byte).isalnum() and byte < 128 else ord(" ") for byte in range(256)
)
"""Bytes to themselves for ASCII letters and digits, to a space for everything else."""
_SEPARATE = b"\0" + _ASCII_WORDS[1:]
"""The same, but NUL stays NUL: it separates the texts of a batch."""


def text_key(text: str) -> str:
    """A claim text with case, spacing and punctuation ignored."""
    if text.isascii():
        # NFKC leaves ASCII alone, casefold is lower, and the word characters are the
        # letters, the digits and '_' (which the pattern takes as punctuation too).
        return b" ".join(text.encode().lower().translate(_ASCII_WORDS).split()).decode()
    return _folded_key(text)


def _folded_key(text: str) -> str:
    """:func:`text_key` for any text: Unicode's compatibility forms, case folding and word
    characters."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


def text_keys(texts: list[str]) -> list[str]:
    """``[text_key(t) for t in texts]``, with the ASCII texts done all at once."""
    joined = "\0".join(texts)
    if joined.isascii() and joined.count("\0") == len(texts) - 1:
        return _ascii_keys(joined) if texts else []
    fast = [text.isascii() and "\0" not in text for text in texts]
    if not any(fast):
        return list(map(text_key, texts))
    done = iter(_ascii_keys("\0".join(compress(texts, fast))))
    return [next(done) if easy else text_key(text) for text, easy in zip(texts, fast, strict=True)]


_LOWER = bytes(byte + 32 if 65 <= byte <= 90 else byte for byte in range(256))
_NOT_WORDS = bytes(byte for byte in range(1, 256) if not (chr(byte).isalnum() and byte < 128))
"""Every byte but the ASCII letters and digits, and NUL (which separates the texts)."""


def surely_distinct(texts: list[str]) -> bool:
    """True only if no two texts have the same :func:`text_key`; False if two may.

    For ASCII texts, each text's letters and digits alone, in lower case, in one pass over
    all the texts: two texts with the same key have the same letters and digits, so if those
    differ for every pair, the keys do too. A third of the work of the keys themselves."""
    if len(texts) < 2:
        return True
    joined = "\0".join(texts)
    if not joined.isascii() or joined.count("\0") != len(texts) - 1:
        return False
    words = joined.encode().translate(_LOWER, _NOT_WORDS).split(b"\0")
    return len(set(words)) == len(words)


def _ascii_keys(joined: str) -> list[str]:
    """The keys of ASCII texts without NUL, given joined by NUL."""
    keys = joined.encode().lower().translate(_SEPARATE)
    while b"  " in keys:
        keys = keys.replace(b"  ", b" ")
    keys = keys.replace(b" \0", b"\0").replace(b"\0 ", b"\0").strip(b" ")
    return keys.decode().split("\0")


def duplicate_claim(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Two claims with the same text are one claim written twice."""
    texts = list(map(attrgetter("text"), m.claims))
    claims = m.claims
    if None in texts:  # a reference: its text is the other map's
        written = list(map(is_not, texts, repeat(None)))
        texts = list(compress(texts, written))
        claims = tuple(compress(claims, written))
    if surely_distinct(texts):
        return
    keys = text_keys(texts)
    if len(set(keys)) == len(keys):
        return
    first: dict[str, str] = {}
    for claim, key in zip(claims, keys, strict=True):
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
    index = index_of(m)
    repeated = index.repeated_keys
    contradictions = index.contradictions
    if not repeated:
        flat, starts, targets = index.flat_premises, index.premise_starts, index.targets
        sides = [frozenset((flat[starts[i]], targets[i])) for i in contradictions]
        if len(set(sides)) == len(sides):
            return
    # Only links whose premises and target another link has, and contradictions (either
    # way round), can repeat one.
    keys = index.keys()
    suspects = set(compress(range(len(keys)), map(repeated.__contains__, keys)))
    suspects.update(contradictions)
    first: dict[tuple[Relation, frozenset[str], str], int] = {}
    for position in sorted(suspects):
        link = m.links[position]
        key: tuple[Relation, frozenset[str], str]
        if link.relation is Relation.CONTRADICTS:
            key = (link.relation, frozenset((link.premises[0], link.target)), "")
        else:
            key = (link.relation, frozenset(link.premises), link.target)
        if key in first:
            yield Diagnostic.warning(
                "duplicate-link",
                f"this link repeats an earlier one: {_summary(link)}",
                ("links", position),
                "remove one of them",
            )
        else:
            first[key] = position


def _summary(link: Link) -> str:
    premises = ", ".join(repr(p) for p in link.premises)
    return f"from {premises} {link.relation.value} '{link.target}'"

"""The check that each quote is verbatim in the source text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.checks import CheckContext

_MARKS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text with quote marks straightened, dashes made hyphens and whitespace folded."""
    return _SPACE.sub(" ", text.translate(_MARKS)).strip()


def quote_not_found(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Every quote must occur in the source text (when the source text is at hand)."""
    source = ctx.normalised_source
    if source is None:
        return
    for claim in m.claims:
        for index, quote in enumerate(claim.quote):
            if normalise(quote) not in source:
                yield Diagnostic.warning(
                    "quote-not-found",
                    f"quote {index + 1} of claim '{claim.id}' is not in the source text",
                    ("claims", claim.id, "quote", index),
                    _closest_hint(normalise(quote), source),
                )


def _closest_hint(quote: str, source: str) -> str | None:
    """Name the longest leading part of the quote that the source does hold, to show where it
    parts from the text."""
    low, high = 0, len(quote)
    while low < high:
        mid = (low + high + 1) // 2
        if quote[:mid] in source:
            low = mid
        else:
            high = mid - 1
    if low < 8:
        return "no part of its start is in the source; check it was copied from this text"
    return f"the source has the quote up to {quote[:low][-30:]!r} but not what follows"

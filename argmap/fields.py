"""The field names of the YAML map format, each group in the order a map writes them."""

from __future__ import annotations

TOP_FIELDS = (
    "argmap",
    "title",
    "description",
    "source",
    "thesis",
    "claims",
    "links",
    "expect",
)
SOURCE_FIELDS = ("title", "outlet", "author", "date", "url", "file")
CLAIM_FIELDS = ("text", "ref", "same", "quote", "by", "implicit", "tags", "note", "url")
LINK_FIELDS = ("from", "supports", "attacks", "contradicts", "id", "scheme", "note")
RELATIONS = ("supports", "attacks", "contradicts")

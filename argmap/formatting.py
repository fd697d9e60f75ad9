"""Canonical layout for map files (``argmap fmt``), keeping every comment.

The file is read with ruamel.yaml's round-trip mode, which keeps comments; keys are put in the
format's order (top level, source, claims, links, expect), indentation is two spaces with list
items indented under their key, long lines are folded at 100 columns, and quotes are kept only
where YAML needs them. Only maps without errors are formatted, and a formatted map must load to
the same map as before, or the file is left alone.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from argmap.checks import run_checks
from argmap.fields import CLAIM_FIELDS, LINK_FIELDS, SOURCE_FIELDS, TOP_FIELDS
from argmap.loading import parse

WIDTH = 4096
"""Lines are not folded: a long claim stays on one line, and block scalars keep their breaks."""


class FormatError(ValueError):
    """The text is not a valid map, or formatting would change what it means."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.preserve_quotes = False
    yaml.allow_unicode = True
    return yaml


def _order(mapping: Any, order: tuple[str, ...]) -> None:
    if not isinstance(mapping, CommentedMap):
        return
    mapping.fa.set_block_style()  # mappings are written one key a line; lists may stay inline
    rank = {key: i for i, key in enumerate(order)}
    for key in sorted(mapping, key=lambda k: rank.get(str(k), len(rank))):
        mapping.move_to_end(key)


def formatted(text: str) -> str:
    """The map in canonical layout. Raises :class:`FormatError` for a map with errors."""
    before = parse(text)
    if not before.ok or any(d.is_error for d in run_checks(before)):
        raise FormatError("the map has errors; fix them first (argmap check shows them)")
    yaml = _yaml()
    try:
        data = yaml.load(text)
    except (YAMLError, ValueError) as error:  # the round-trip reader is stricter in places
        raise FormatError(
            f"the layout cannot be rewritten ({error.__class__.__name__}); it was left as it is"
        ) from error
    _order(data, TOP_FIELDS)
    if isinstance(data.get("claims"), CommentedMap):
        data["claims"].fa.set_block_style()
    if isinstance(data.get("links"), CommentedSeq):
        data["links"].fa.set_block_style()
    _order(data.get("source"), SOURCE_FIELDS)
    claims = data.get("claims")
    if isinstance(claims, CommentedMap):
        for claim in claims.values():
            _order(claim, CLAIM_FIELDS)
    links = data.get("links")
    if isinstance(links, CommentedSeq):
        for link in links:
            _order(link, LINK_FIELDS)
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    after = parse(result)
    if after.map != before.map or not after.ok:
        raise FormatError("formatting would change the map; it was left as it is")
    return result

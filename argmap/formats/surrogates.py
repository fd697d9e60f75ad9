"""Halves of UTF-16 surrogate pairs, which no UTF-8 file can hold, found where importers meet
them: written as escapes (``"\\ud800"`` in JSON or in YAML data) or in a string from Python.

A pair of escapes (``"\\ud83d\\ude00"``, as ``json.dumps`` writes every character outside the
BMP) is the character it encodes; half a pair alone would reach the map as a string that
cannot be written out, so importers refuse it with a located error.
"""

from __future__ import annotations

import re

SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a surrogate pair, as a character."""
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)


def lone_escape(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first ``\\uXXXX`` escape between ``start`` and ``end`` (a string whose backslashes
    are escapes: JSON's strings, YAML's in double quotes) that is half of a surrogate pair
    without its other half next to it; None when every half has its other."""
    escapes = [escape for escape in _ESCAPE.finditer(text, start, end) if escape.group(1)]
    number = 0
    while number < len(escapes):
        escape = escapes[number]
        code = int(escape.group(1), 16)
        following = escapes[number + 1] if number + 1 < len(escapes) else None
        if (
            0xD800 <= code <= 0xDBFF
            and following is not None
            and following.start() == escape.end()
            and 0xDC00 <= int(following.group(1), 16) <= 0xDFFF
        ):
            number += 2  # a pair
            continue
        if 0xD800 <= code <= 0xDFFF:
            return escape
        number += 1
    return None


def half_a_pair(escape: str) -> str:
    """What is wrong with the escape of half a pair, for a message."""
    return f"the escape '{escape}' is half of a UTF-16 surrogate pair, without its other half"


HINT = "write the character itself, or both halves of its pair (\\ud83d\\ude00)"

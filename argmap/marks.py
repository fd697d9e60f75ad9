"""A quick look at YAML text for node marks (anchors, aliases, tags), before it is parsed."""

from __future__ import annotations

_BEFORE_MARK = frozenset(" \t\r\n[]{},:-?")
"""Characters before an anchor (``&``), alias (``*``) or tag (``!``)."""


def may_mark_nodes(text: str, marks: str = "&*!") -> bool:
    """Whether an anchor, alias or tag (``marks``) may stand somewhere in the text: a quick
    look that may say yes where the parser would see none, never no where it would see one."""
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            # An anchor or alias has a name; a tag may be a lone '!' (the non-specific tag).
            named = mark == "!" or text[at + 1 : at + 2].strip()
            if (at == 0 or text[at - 1] in _BEFORE_MARK) and named:
                return True
            at = text.find(mark, at + 1)
    return False

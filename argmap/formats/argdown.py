"""Argdown (https://argdown.org): maps to Argdown text and Argdown text to maps.

Export. Each claim becomes a statement titled by its id (``[china-influence]: text``) with its
tags as Argdown tags and its other fields as Argdown data (``{"quote": ..., "by": ...}``).
A support or attack with one premise and no id, scheme or note is a relation below its target
(``+ [premise]``, ``- [premise]``); a contradiction is ``>< [other]`` below its first claim. Every
other support or attack becomes an argument with a premise-conclusion structure: the premises
numbered, an inference line carrying the scheme, and as conclusion the target claim (a support),
or a statement ``[not TARGET]`` that attacks the target (an attack on a claim) or undercuts the
target's argument (an attack on a link). An undercut with one premise and nothing else is
``<_ [premise]`` below the argument it undercuts. Title, description, source, thesis and
expectations go into the front matter under ``argmap``. The map is written in Argdown's loose
mode, which keeps support and attack as they are.

Import reads the part of Argdown that maps hold (see docs/formats.md); everything else is
reported as a located warning, and text that is not Argdown as a located error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from argmap.dumping import to_data
from argmap.formats import Format, limited, register
from argmap.loading import Loaded
from argmap.model import ArgumentMap, Claim, Link, Relation

# --- writing ----------------------------------------------------------------------------------

_ESCAPED = set("\\@#*_[]<>{}/")
"""Characters that start Argdown markup anywhere in a line: always escaped in text."""
_SPECIAL = re.compile(r"\.\S+?\.|:\S+?:")
"""Argdown's special characters (``.name.``, ``:name:``), whose opening dot or colon is escaped."""
_SIMPLE_TAG = re.compile(r"[A-Za-z0-9-]+")
_SIMPLE_SCHEME = re.compile(r"[^\W_]+(?: [^\W_]+)*")
_JS_SPACE = "\ufeff"
"""Stripped by JavaScript's trim() but not by Python's strip()."""


def escape(text: str) -> str:
    """Text written so that Argdown reads it back as the same characters."""
    out: list[str] = []
    for i, char in enumerate(text):
        markup = char in _ESCAPED or (char in ".:" and _SPECIAL.match(text, i) is not None)
        if markup or (char == "=" and "===" in text):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _fits_a_line(text: str) -> bool:
    """True when Argdown keeps the text as it is: one printable line, no outer spaces."""
    return (
        text == text.strip()
        and not text.startswith(_JS_SPACE)
        and not text.endswith(_JS_SPACE)
        and all(char.isprintable() for char in text)
    )


def _shown(text: str, fallback: str) -> str:
    """The text for one Argdown line, whitespace and unprintable characters made single spaces."""
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return cleaned.strip(_JS_SPACE).strip() or fallback


def _quote(text: str) -> str:
    """A YAML double-quoted string that Argdown's data and front matter patterns cannot cut."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char in "{}=" or not char.isprintable():
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def flow(value: Any) -> str:
    """Data as one line of YAML flow style (JSON-like), safe inside ``{...}`` and ``===``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_quote(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return _quote(str(value))


def _statement(claim: Claim) -> str:
    """``[id]: text #tags {data}`` for a claim."""
    data: dict[str, Any] = {}
    if claim.text is not None and not _fits_a_line(claim.text):
        data["text"] = claim.text
    text = escape(_shown(claim.label, claim.id))
    tags: list[str] = []
    data_tags: list[str] = []
    for tag in claim.tags:
        if _SIMPLE_TAG.fullmatch(tag):
            tags.append(f"#{tag}")
        elif ")" not in tag and _fits_a_line(tag):
            tags.append(f"#({tag})")
        else:
            data_tags.append(tag)
    if data_tags or len(set(claim.tags)) < len(claim.tags):
        data["tags"] = claim.tags  # all of them, in order, when some cannot be Argdown tags
        tags = []
    if claim.quote:
        data["quote"] = list(claim.quote)
    if claim.by is not None:
        data["by"] = claim.by
    if claim.implicit:
        data["implicit"] = True
    if claim.note is not None:
        data["note"] = claim.note
    if claim.url is not None:
        data["url"] = claim.url
    if claim.ref is not None:  # a claim without text shows its label, "\u2192 STEM#ID"
        data["ref"] = claim.ref
    if claim.same:
        data["same"] = list(claim.same)
    parts = [f"[{claim.id}]: {text}", *tags]
    if data:
        parts.append(flow(data))
    return " ".join(parts)


def _as_relation(link: Link) -> bool:
    """True when the link is written as a plain relation rather than an argument."""
    return link.relation is Relation.CONTRADICTS or (
        len(link.premises) == 1 and link.id is None and link.scheme is None and link.note is None
    )


def _front_matter(argument_map: ArgumentMap) -> list[str]:
    data = to_data(argument_map)
    keep = {k: data[k] for k in ("description", "source", "thesis", "expect") if k in data}
    if "thesis" in keep:
        keep["thesis"] = list(argument_map.thesis)
    lines = ["==="]
    if argument_map.title is not None:
        lines.append(f"title: {_quote(argument_map.title)}")
    lines.append("model:")
    lines.append("  mode: loose")
    if keep:
        lines.append(f"argmap: {flow(keep)}")
    lines.append("===")
    return lines


def _argument_titles(links: Iterable[Link]) -> dict[int, str]:
    """Titles of the links written as arguments: the link id, else ``for|against TARGET [n]``.

    Generated titles hold a space, so they never equal an id."""
    titles: dict[int, str] = {}
    counts: dict[str, int] = {}
    pending: list[tuple[int, str]] = []
    for index, link in enumerate(links):
        if _as_relation(link):
            continue
        if link.id is not None:
            titles[index] = link.id
            continue
        word = "for" if link.relation is Relation.SUPPORTS else "against"
        base = f"{word} {link.target}"
        counts[base] = counts.get(base, 0) + 1
        pending.append((index, base))
    seen: dict[str, int] = {}
    for index, base in pending:
        if counts[base] == 1:
            titles[index] = base
        else:
            seen[base] = seen.get(base, 0) + 1
            titles[index] = f"{base} {seen[base]}"
    return titles


def export_argdown(argument_map: ArgumentMap) -> str:
    """The map as Argdown text that the Argdown tools read without errors or warnings."""
    links = argument_map.links
    titles = _argument_titles(links)
    claim_ids = {claim.id for claim in argument_map.claims}
    link_ids = {link.id: i for i, link in enumerate(links) if link.id is not None}
    below_claim: dict[str, list[str]] = {}
    below_argument: dict[str, list[str]] = {}
    negated: dict[str, str] = {}  # target id -> "claim" or "link": needs a [not TARGET]
    for link in links:
        target_is_link = link.target not in claim_ids and link.target in link_ids
        if not _as_relation(link):
            negated.setdefault(link.target, "link" if target_is_link else "claim")
            continue
        premise = link.premises[0]
        if link.relation is Relation.CONTRADICTS:
            below_claim.setdefault(premise, []).append(f"  >< [{link.target}]")
        elif link.relation is Relation.SUPPORTS:
            below_claim.setdefault(link.target, []).append(f"  + [{premise}]")
        elif target_is_link:
            title = titles.get(link_ids[link.target], link.target)
            below_argument.setdefault(title, []).append(f"  <_ [{premise}]")
        else:
            below_claim.setdefault(link.target, []).append(f"  - [{premise}]")
    negated = {t: kind for t, kind in negated.items() if not _is_support_only(links, t)}

    lines = _front_matter(argument_map)
    for claim in argument_map.claims:
        lines.append("")
        lines.append(_statement(claim))
        lines.extend(below_claim.get(claim.id, []))
    for target, kind in negated.items():
        lines.append("")
        if kind == "link":
            title = titles.get(link_ids[target], target)
            text = f"The inference of {escape(title)} does not hold."
            relation = f"  _> <{title}>"
        else:
            negated_claim = argument_map.claim(target) if target in claim_ids else None
            shown = _shown(negated_claim.label, target) if negated_claim else target
            text = f"It is not the case that: {escape(shown)}"
            relation = f"  -> [{target}]"
        lines.append(f"[not {target}]: {text} {flow({'negates': target})}")
        lines.append(relation)
    for index, link in enumerate(links):
        if index not in titles:
            continue
        title = titles[index]
        lines.append("")
        head = f"<{title}>"
        data: dict[str, Any] = {}
        if link.note is not None:
            if _fits_a_line(link.note):
                head += f": {escape(link.note)}"
            else:
                head += f": {escape(_shown(link.note, '-'))}"
                data["note"] = link.note
        if data:
            head += " " + flow(data)
        lines.append(head)
        lines.extend(below_argument.get(title, []))
        lines.append("")
        for number, premise in enumerate(link.premises, start=1):
            lines.append(f"({number}) [{premise}]")
        lines.append(_inference(link.scheme))
        conclusion = link.target if link.relation is Relation.SUPPORTS else f"not {link.target}"
        lines.append(f"({len(link.premises) + 1}) [{conclusion}]")
    # arguments that are only undercut by plain relations but were written above keep them;
    # undercuts of links written as plain relations (contradictions) name an argument alone.
    written = set(titles.values())
    for title, relations in below_argument.items():
        if title not in written:
            lines.append("")
            lines.append(f"<{title}>")
            lines.extend(relations)
    return "\n".join(lines) + "\n"


def _is_support_only(links: tuple[Link, ...], target: str) -> bool:
    """True when every argument aimed at ``target`` supports it (no [not TARGET] is needed)."""
    return all(
        link.relation is Relation.SUPPORTS
        for link in links
        if link.target == target and not _as_relation(link)
    )


def _inference(scheme: str | None) -> str:
    if scheme is None:
        return "----"
    if _SIMPLE_SCHEME.fullmatch(scheme):
        return f"-- {scheme} --"
    return f"-- {flow({'scheme': scheme})} --"


@limited("argdown-syntax")
def import_argdown(text: str, file: str | None = None) -> Loaded:
    """Argdown text read into a map, with located diagnostics (parsed by
    argmap.formats.argdown_parsing, built by argmap.formats.argdown_building)."""
    from argmap.formats.argdown_building import read_argdown

    return read_argdown(text, file)


register(
    Format(
        "argdown",
        (".argdown", ".ad"),
        "Argdown, the argument mapping language of argdown.org",
        export=export_argdown,
        import_=import_argdown,
    )
)

"""Reading Argdown text into a map (the import half of :mod:`argmap.formats.argdown`).

A line-based reader of the Argdown that maps hold: front matter, statements and arguments
with their titles, text, #tags and {data}, relation trees below them (``+ - +> -> <+ <- ><
_> <_``, nested by indentation), premise-conclusion structures with inference lines, headings
and comments. It follows the Argdown tool's own rules where they matter (an empty line ends a
relation tree; ``*`` and ``_`` open emphasis that must be closed; ``//`` starts a comment).

What a map cannot hold is a located ``argdown-unsupported`` warning; text that is not
Argdown is a located ``argdown-syntax`` error. Nothing is dropped without a word.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from typing import Any

import attrs
import yaml

from argmap.checks import CHECKS, check
from argmap.diagnostics import Diagnostic
from argmap.loading import Loaded
from argmap.model import (
    ID_PATTERN,
    REF_PATTERN,
    SEMANTICS_NAMES,
    STATUSES,
    ArgumentMap,
    Claim,
    Expectation,
    Link,
    Relation,
    Source,
)

SYNTAX = "argdown-syntax"
UNSUPPORTED = "argdown-unsupported"

_DATA = re.compile(r"{((?!}\s[^,}])(.|\n))*}(?!\s*(,|}))")
_TAG = re.compile(r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))[ \t]?")
_LINK = re.compile(r"\[[^\]]+?\]\([^)]+?\)")
_MENTION = re.compile(r"@\[.+?\]|@<.+?>")
_RELATION = re.compile(r"([ \t]*)(\+>|->|<\+|\+|<-|-|><|_>|<_|_(?=\s))[ \t]*")
_NUMBER = re.compile(r"([ \t]*)\((\d+)\)[ \t]*")
_INFERENCE = re.compile(r"[ \t]*-{2,}")
_HEADING = re.compile(r"(#+) ")
_LIST = re.compile(r"[ \t]*(?:\d+\.|\*)(?=\s)")
_DEFINITION = re.compile(r"\[(.+?)\]:|<(.+?)>:")
_REFERENCE = re.compile(r"\[([^-].*?)\]|<([^-].*?)>")
_SKIP = {
    "{": _DATA,
    "#": _TAG,
    "[": re.compile(rf"{_LINK.pattern}|\[.+?\]:|\[[^-].*?\]"),
    "<": re.compile(r"<.+?>:|<[^-].*?>"),
    "@": _MENTION,
}
"""What the comment finder steps over, as Argdown's lexer does (at the first character)."""
_ENDS = set(" \t\n\r)}_.,!?;:-*")
"""Characters that may follow a closing emphasis marker (after Argdown's lexer)."""

Where = tuple[int, int]
_Pending = tuple[tuple[str, ...], str, Where, dict[str, Any], str | None]
"""An attack read from an argument that concludes [not X]: premises, X, where, link fields,
and the argument's title when it is the argument's last inference."""

_LINK_ERRORS = ("self-reference", "circular-support", "conflicting-links", "unknown-ref")
"""Errors of argmap's checks that Argdown allows: the link at fault is dropped with a warning."""

_KINDS = {"+": "support", "<+": "support", "+>": "support", "-": "attack", "<-": "attack"}
_KINDS |= {
    "->": "attack",
    "><": "contradiction",
    "_>": "undercut",
    "<_": "undercut",
    "_": "undercut",
}
_INCOMING = ("+", "<+", "-", "<-", "<_", "_")
"""Operators whose line (the child) is the source of the relation, its parent the target."""


@attrs.define
class _Node:
    """One statement or argument occurrence in the text."""

    kind: str  # "statement" or "argument"
    title: str
    where: Where
    text: str | None = None
    tags: list[str] = attrs.Factory(list)
    data: dict[str, Any] = attrs.Factory(dict)


@attrs.define
class _Pcs:
    """A premise-conclusion structure: statements and, between them, inferences."""

    items: list[tuple[str, Any]] = attrs.Factory(list)  # ("statement", _Node) | ("inference", …)
    where: Where = (1, 1)


@attrs.define
class _Argument:
    title: str
    where: Where
    description: str | None = None
    data: dict[str, Any] = attrs.Factory(dict)
    pcs: _Pcs | None = None


@attrs.define
class _Reader:
    file: str | None
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    statements: dict[str, list[_Node]] = attrs.Factory(dict)
    arguments: dict[str, _Argument] = attrs.Factory(dict)
    relations: list[tuple[str, _Node, _Node, Where]] = attrs.Factory(list)
    headings: list[tuple[str, Where]] = attrs.Factory(list)
    front: dict[str, Any] = attrs.Factory(dict)
    front_where: Where = (1, 1)
    untitled: int = 0

    def error(self, message: str, where: Where, hint: str | None = None) -> None:
        self.diagnostics.append(self._at(Diagnostic.error(SYNTAX, message, hint=hint), where))

    def warn(self, message: str, where: Where, hint: str | None = None) -> None:
        self.diagnostics.append(
            self._at(Diagnostic.warning(UNSUPPORTED, message, hint=hint), where)
        )

    def _at(self, diagnostic: Diagnostic, where: Where) -> Diagnostic:
        return diagnostic.locate({(): where}, self.file)

    # --- text within a line -------------------------------------------------------------

    def inline(self, line: str, start: int, number: int, node: _Node) -> str:
        """Reads text, #tags and {data} from ``line[start:]`` into ``node``; returns the text."""
        out: list[str] = []
        stack: list[str] = []
        opened: list[int] = []  # columns of the open markers
        i = start
        while i < len(line):
            char = line[i]
            if char == "\\" and i + 1 < len(line):
                out.append(line[i + 1])
                i += 2
                continue
            if char == "{":
                match = _DATA.match(line, i)
                if match:
                    self.read_data(match.group(0), (number, i + 1), node.data)
                    i = match.end()
                    continue
            if char == "#":
                match = _TAG.match(line, i)
                if match:
                    tag = (match.group(1) or match.group(2) or "").strip()
                    if node.kind == "statement":
                        node.tags.append(tag)
                    else:
                        self.warn(
                            f"tag '{tag}' of an argument is not kept: argmap links have no tags",
                            (number, i + 1),
                        )
                    i = match.end()
                    continue
            for pattern in (_LINK, _MENTION):
                match = pattern.match(line, i)
                if match:
                    out.append(match.group(0))
                    i = match.end()
                    break
            else:
                if char in "*_":
                    marker = line[i : i + 2] if line[i : i + 2] == char * 2 else char
                    after = line[i + len(marker) : i + len(marker) + 1]
                    closes = (
                        stack and stack[-1] == marker and i > start and not line[i - 1].isspace()
                    )
                    if closes and (after == "" or after in _ENDS):
                        stack.pop()
                        opened.pop()
                        i += len(marker)
                        continue
                    if after and not after.isspace():
                        stack.append(marker)
                        opened.append(i + 1)
                        i += len(marker)
                        continue
                out.append(char)
                i += 1
        if stack:
            self.error(
                f"'{stack[-1]}' opens emphasis that is never closed",
                (number, opened[-1]),
                hint=f"close it with another '{stack[-1]}', or write '\\{stack[-1][0]}' for the "
                "character itself",
            )
        return "".join(out).strip()

    def read_data(self, text: str, where: Where, into: dict[str, Any]) -> None:
        try:
            value = _safe_yaml(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            column = where[1] + (mark.column if mark is not None else 0)
            problem = getattr(error, "problem", None) or "invalid YAML"
            self.error(f"data is not YAML: {problem}", (where[0], column))
            return
        if not isinstance(value, dict):
            self.error(f"data must be a mapping, found {type(value).__name__}", where)
            return
        into.update({str(k): v for k, v in value.items()})

    # --- elements -------------------------------------------------------------------------

    def extend(self, node: _Node, line: str, start: int, number: int) -> None:
        """A line that continues the text of ``node``."""
        more = self.inline(line, start, number, node)
        if not more:
            return
        if node.kind == "argument":
            argument = self.arguments[node.title]
            described = argument.description
            argument.description = f"{described} {more}" if described else more
        else:
            node.text = f"{node.text} {more}" if node.text else more

    def element(self, line: str, start: int, number: int) -> _Node:
        """The statement or argument that ``line[start:]`` defines or names."""
        where = (number, start + 1)
        match = _DEFINITION.match(line, start) or _REFERENCE.match(line, start)
        if match is None:  # an untitled statement
            self.untitled += 1
            node = _Node("statement", f"Untitled {self.untitled}", where)
            node.text = self.inline(line, start, number, node) or None
            self.statements.setdefault(node.title, []).append(node)
            return node
        title = " ".join((match.group(1) or match.group(2)).split())
        defines = match.group(0).endswith(":")
        if match.group(1) is not None:
            node = _Node("statement", title, where)
            text = self.inline(line, match.end(), number, node)
            if defines or text:
                node.text = text or None
            self.statements.setdefault(title, []).append(node)
            return node
        argument = self.arguments.setdefault(title, _Argument(title, where))
        holder = _Node("argument", title, where)
        text = self.inline(line, match.end(), number, holder)
        if text and argument.description is None:
            argument.description = text
        argument.data.update(holder.data)
        return holder


def _safe_yaml(text: str) -> Any:
    """YAML read with the safe loader, refusing aliases (which can multiply a small text into
    a huge value)."""
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AliasToken):
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not read", problem_mark=token.start_mark
            )
    return yaml.safe_load(text)


def _short(value: object) -> str:
    """A value for a message, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def _strip_comments(lines: list[str], first: int) -> tuple[list[str], set[int]]:
    """The lines with comments blanked (columns kept) and the indexes of lines that held only a
    comment (Argdown skips them, they do not end a relation tree)."""
    out = list(lines)
    only_comment: set[int] = set()
    inside: str | None = None
    for index in range(first, len(lines)):
        line = lines[index]
        chars = list(line)
        i = 0
        had_comment = False
        while i < len(line):
            if inside is not None:
                end = line.find(inside, i)
                stop = len(line) if end < 0 else end + len(inside)
                chars[i:stop] = " " * (stop - i)
                had_comment = True
                if end >= 0:
                    inside = None
                i = stop
                continue
            char = line[i]
            if char == "\\":
                i += 2
                continue
            if line.startswith("<!--", i):
                chars[i : i + 4] = " " * 4
                inside = "-->"
                had_comment = True
                i += 4
                continue
            skip = _SKIP.get(char)
            match = skip.match(line, i) if skip else None
            if match:  # data, tags, links, titles and mentions may hold "//"
                i = match.end()
                continue
            if line.startswith("//", i):
                chars[i:] = " " * (len(line) - i)
                had_comment = True
                break
            if line.startswith("/*", i):
                chars[i : i + 2] = "  "
                inside = "*/"
                had_comment = True
                i += 2
                continue
            i += 1
        out[index] = "".join(chars)
        if had_comment and not out[index].strip():
            only_comment.add(index)
    return out, only_comment


def _front_matter(reader: _Reader, lines: list[str]) -> int:
    """Reads the front matter (``===`` ... ``===``) if the text starts with one; returns the
    index of the first line after it."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].lstrip().startswith("==="):
        return 0
    end = next(
        (i for i in range(first + 1, len(lines)) if lines[i].strip().startswith("===")), None
    )
    if end is None:
        reader.error("the front matter opened here is never closed with '==='", (first + 1, 1))
        return len(lines)
    reader.front_where = (first + 1, 1)
    try:
        value = _safe_yaml("\n".join(lines[first + 1 : end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first + 2 + (mark.line if mark is not None else 0)
        column = 1 + (mark.column if mark is not None else 0)
        reader.error(
            f"front matter is not YAML: {getattr(error, 'problem', error)}", (line, column)
        )
        return end + 1
    if isinstance(value, dict):
        reader.front = {str(k): v for k, v in value.items()}
    elif value is not None:
        reader.error("front matter must be a mapping", (first + 2, 1))
    return end + 1


def _parse(reader: _Reader, text: str) -> None:
    raw = _lines(text)
    start = _front_matter(reader, raw)
    lines, skipped = _strip_comments(raw, start)
    blocks = _block_data(lines, start, skipped)
    stack: list[tuple[int, _Node]] = []  # relation tree: indent, node
    current: _Node | None = None  # the element whose text a following line may continue
    closed = False  # True when the current element's line ended with data
    block: str | None = None  # kind of the current block: "tree", "pcs" or None after a blank
    last_argument: _Argument | None = None
    pcs: _Pcs | None = None
    for index in range(start, len(lines)):
        if index in skipped:
            continue
        line = lines[index].rstrip()
        number = index + 1
        if not line.strip():
            block = None if block != "pcs" else "pcs-gap"
            stack = []
            current = None
            continue
        if (_INFERENCE.match(line) or _NUMBER.match(line)) and block == "pcs-gap":
            reader.error(
                "an empty line inside a premise-conclusion structure",
                (number - 1, 1),
                hint="premises, inference lines and conclusions follow each other line by line",
            )
        if _INFERENCE.match(line) or _NUMBER.match(line):
            current = None
            if block not in ("pcs", "pcs-gap"):
                pcs = _Pcs(where=(number, 1))
                owner = last_argument if block in (None, "tree") else None
                if owner is None or owner.pcs is not None:
                    reader.untitled += 1
                    owner = _Argument(f"Untitled {reader.untitled}", (number, 1))
                    reader.arguments[owner.title] = owner
                owner.pcs = pcs
            assert pcs is not None
            block = "pcs"
            stack = []
            inference = _INFERENCE.match(line)
            if inference:
                pcs.items.append(("inference", _inference(reader, line, number)))
                continue
            match = _NUMBER.match(line)
            assert match is not None
            node = reader.element(line, match.end(), number)
            current, closed = node, _attach(reader, node, blocks.get(index), line)
            if node.kind == "statement":
                pcs.items.append(("statement", node))
                stack = [(len(match.group(1)), node)]
            else:
                reader.error("a numbered line must hold a statement, not an argument", (number, 1))
            continue
        if block == "pcs-gap":
            block = None
        relation = _RELATION.match(line)
        if relation and block in ("tree", "pcs") and stack:
            indent = len(relation.group(1))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if not stack:
                reader.error(
                    f"relation '{relation.group(2)}' is not indented below a statement or argument",
                    (number, indent + 1),
                )
                continue
            parent = stack[-1][1]
            child = reader.element(line, relation.end(), number)
            current, closed = child, _attach(reader, child, blocks.get(index), line)
            reader.relations.append((relation.group(2), parent, child, (number, indent + 1)))
            stack.append((indent, child))
            continue
        heading = _HEADING.match(line)
        if heading and block is None:
            reader.headings.append((line[heading.end() :].strip(), (number, 1)))
            block = "heading"
            last_argument = None
            continue
        indent = len(line) - len(line.lstrip())
        titled = _DEFINITION.match(line, indent) or _REFERENCE.match(line, indent)
        if current is not None and not relation and not titled:
            if closed:
                reader.error("text after the data of a statement or argument", (number, indent + 1))
            else:
                reader.extend(current, line, indent, number)
                closed = _attach(reader, current, blocks.get(index), line)
            continue
        if block is not None:
            if relation:
                reader.error(
                    f"relation '{relation.group(2)}' has nothing to relate to here",
                    (number, len(relation.group(1)) + 1),
                )
            else:
                reader.error(
                    "expected an empty line before a new statement or argument",
                    (number, len(line) - len(line.lstrip()) + 1),
                    hint="separate statements and arguments by empty lines",
                )
            continue
        if relation:
            reader.error(
                f"relation '{relation.group(2)}' is not indented below a statement or argument",
                (number, len(relation.group(1)) + 1),
            )
            continue
        if _LIST.match(line):
            reader.warn("list items are not read: argmap maps have no lists", (number, 1))
            block = "tree"
            continue
        node = reader.element(line, indent, number)
        current, closed = node, _attach(reader, node, blocks.get(index), line)
        block = "tree"
        stack = [(indent, node)]
        last_argument = reader.arguments.get(node.title) if node.kind == "argument" else None


def _block_data(lines: list[str], start: int, skipped: set[int]) -> dict[int, tuple[int, str]]:
    """Data written over several lines: a line ending with ``{``, the data's lines, and a line
    holding only ``}``. Returns, by the index of the opening line, the first data line's index
    and the data's text; blanks the braces and marks the data lines as read."""
    found: dict[int, tuple[int, str]] = {}
    index = start
    while index < len(lines):
        line = lines[index].rstrip()
        if index not in skipped and line.endswith("{") and not line.endswith("\\{"):
            end = next((j for j in range(index + 1, len(lines)) if lines[j].strip() == "}"), None)
            if end is not None:
                found[index] = (index + 1, "\n".join(lines[index + 1 : end]))
                lines[index] = line[:-1]
                skipped.update(range(index + 1, end + 1))
                index = end
        index += 1
    return found


def _attach(reader: _Reader, node: _Node, data: tuple[int, str] | None, line: str) -> bool:
    """Reads data written over several lines into ``node``; True when the element's line ends
    with data (no text may follow it)."""
    if data is not None:
        first, text = data
        dedented = textwrap.dedent(text)
        shift = len(text.split("\n")[0]) - len(dedented.split("\n")[0])
        try:
            value = _safe_yaml(dedented)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            row = first + 1 + (mark.line if mark is not None else 0)
            column = 1 + shift + (mark.column if mark is not None else 0)
            reader.error(f"data is not YAML: {getattr(error, 'problem', error)}", (row, column))
            return True
        if isinstance(value, dict):
            node.data.update({str(k): v for k, v in value.items()})
        elif value is not None:
            reader.error("data must be a mapping", (first + 1, 1))
    if node.kind == "argument":
        reader.arguments[node.title].data.update(node.data)
    return data is not None or line.rstrip().endswith("}")


def _inference(reader: _Reader, line: str, number: int) -> dict[str, Any]:
    """Rules and data of an inference line (``-- rule one, rule two {data} --``)."""
    body = line.strip().strip("-")
    found: dict[str, Any] = {"where": (number, 1), "rules": [], "data": {}}
    offset = line.index(body) if body else 0
    match = _DATA.search(body)
    if match:
        reader.read_data(match.group(0), (number, offset + match.start() + 1), found["data"])
        body = body[: match.start()] + body[match.end() :]
    found["rules"] = [r.strip() for r in re.split(r"(?<!\\),", body) if r.strip()]
    return found


# --- from Argdown's model to a map -------------------------------------------------------------


def _slug(title: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", title).strip("-._")
    return slug or "statement"


@attrs.define
class _Builder:
    reader: _Reader
    ids: dict[tuple[str, str], str] = attrs.Factory(dict)  # (kind, title) -> id
    used: set[str] = attrs.Factory(set)
    claims: list[Claim] = attrs.Factory(list)
    links: list[Link] = attrs.Factory(list)
    wheres: list[Where] = attrs.Factory(list)
    """Where each link was read, for diagnostics."""
    negations: dict[str, str] = attrs.Factory(dict)  # statement title -> negated id
    arguments_as_claims: set[str] = attrs.Factory(set)
    conclusions: dict[str, str] = attrs.Factory(dict)  # argument title -> conclusion title
    strict: bool = False

    def add(self, link: Link, where: Where) -> None:
        self.links.append(link)
        self.wheres.append(where)

    def drop_invalid_links(self) -> None:
        """Links that argmap's checks refuse (a support cycle, a link to itself, the same
        premises supporting and attacking one claim), each dropped with a located warning."""
        for _ in range(len(self.links)):
            trial = ArgumentMap(claims=self.claims, links=self.links)
            found = [
                d
                for d in check(trial, checks={c: CHECKS[c] for c in _LINK_ERRORS if c in CHECKS})
                if d.is_error and len(d.path) > 1 and d.path[0] == "links"
            ]
            if not found:
                return
            index = found[0].path[1]
            assert isinstance(index, int)
            self.reader.warn(f"{found[0].message}: this link is not kept", self.wheres[index])
            del self.links[index], self.wheres[index]

    def new_id(self, kind: str, title: str) -> str:
        base = title if ID_PATTERN.fullmatch(title) else _slug(title)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        self.ids[(kind, title)] = candidate
        return candidate

    def claim(self, title: str, nodes: list[_Node]) -> None:
        reader = self.reader
        data: dict[str, Any] = {}
        for node in nodes:
            for key, value in node.data.items():
                data.setdefault(key, value)
        where = nodes[0].where
        definitions = [n for n in nodes if n.text]
        text = data.pop("text", None)
        if not isinstance(text, str) or not text.strip():
            text = definitions[0].text if definitions else None
        for other in definitions[1:]:
            if other.text != definitions[0].text:
                reader.warn(
                    f"statement [{title}] is defined again with another text; argmap keeps the "
                    f"first (line {definitions[0].where[0]})",
                    other.where,
                )
        ref = data.pop("ref", None)
        if not (isinstance(ref, str) and REF_PATTERN.fullmatch(ref)):
            if ref is not None:
                reader.warn(f"data 'ref' of [{title}] is not STEM#CLAIM-ID: not kept", where)
            ref = None
        elif text is not None and " ".join(text.split()) == f"\u2192 {ref}":
            text = None  # the label argmap shows for a claim that takes its text from its ref
        if text is None and ref is None:
            reader.warn(f"statement [{title}] has no text: its title is its text", where)
            text = title
        tags: list[str] = []
        for node in nodes:
            tags.extend(t for t in node.tags if t not in tags)
        fields: dict[str, Any] = {}
        if "tags" in data:
            value = data.pop("tags")
            if isinstance(value, list) and all(isinstance(t, str) for t in value):
                tags = value
            else:
                reader.warn(f"data 'tags' of [{title}] is not a list of strings: not kept", where)
        fields["tags"] = tags
        fields["ref"] = ref
        if "same" in data:
            same = data.pop("same")
            same = [same] if isinstance(same, str) else same
            if isinstance(same, list) and all(
                isinstance(r, str) and REF_PATTERN.fullmatch(r) for r in same
            ):
                fields["same"] = same
            else:
                reader.warn(
                    f"data 'same' of [{title}] is not a list of STEM#CLAIM-ID: not kept", where
                )
        checks: dict[str, tuple[type, str]] = {
            "quote": (str, "a string or a list of strings"),
            "by": (str, "a string"),
            "implicit": (bool, "true or false"),
            "note": (str, "a string"),
            "url": (str, "a string"),
        }
        for key, (kind, expected) in checks.items():
            if key not in data:
                continue
            value = data.pop(key)
            ok = isinstance(value, kind) or (
                key == "quote"
                and isinstance(value, list)
                and all(isinstance(q, str) for q in value)
            )
            if ok:
                fields[key] = value
            else:
                reader.warn(
                    f"data '{key}' of [{title}] must be {expected}, found {_short(value)}: "
                    "not kept",
                    where,
                )
        data.pop("negates", None)
        for key in data:
            reader.warn(
                f"data '{key}' of [{title}] has no place in an argmap claim: not kept", where
            )
        self.claims.append(Claim(self.new_id("statement", title), text, **fields))

    def endpoint(self, node: _Node) -> tuple[str, str]:
        """What a relation's end stands for: ("claim", id), ("argument", title) or None."""
        if node.kind == "statement":
            if node.title in self.negations:
                return ("negation", node.title)
            return ("claim", self.ids[("statement", node.title)])
        if node.title in self.arguments_as_claims:
            return ("claim", self.ids[("argument", node.title)])
        return ("argument", node.title)


def _relations(
    builder: _Builder,
) -> Iterator[tuple[str, tuple[str, str], tuple[str, str], Where, str]]:
    """Each relation as (kind, source, target, where, operator)."""
    for op, parent, child, where in builder.reader.relations:
        source, target = (child, parent) if op in _INCOMING else (parent, child)
        yield _KINDS[op], builder.endpoint(source), builder.endpoint(target), where, op


def _build(reader: _Reader) -> ArgumentMap | None:
    builder = _Builder(reader)
    model = reader.front.get("model")
    if isinstance(model, dict) and model.get("mode") == "strict":
        builder.strict = True
    # statements marked {negates: X} that only conclude arguments and attack or undercut
    candidates = {
        title: nodes[0].data.get("negates")
        for title, nodes in reader.statements.items()
        if any(isinstance(n.data.get("negates"), str) for n in nodes)
    }
    for title, negated in candidates.items():
        uses_ok = all(
            (op in ("->", "_>") and parent.title == title and parent.kind == "statement")
            for op, parent, child, _ in reader.relations
            if title in (parent.title, child.title) and "statement" in (parent.kind, child.kind)
        )
        in_pcs = [
            (item[1].title == title, index == len(argument.pcs.items) - 1)
            for argument in reader.arguments.values()
            if argument.pcs
            for index, item in enumerate(argument.pcs.items)
            if item[0] == "statement"
        ]
        concluded_only = any(is_it for is_it, _ in in_pcs) and all(
            last for is_it, last in in_pcs if is_it
        )
        if uses_ok and concluded_only and isinstance(negated, str):
            builder.negations[title] = negated

    def first_definition(item: tuple[str, list[_Node]]) -> Where:
        nodes = item[1]
        return min((n.where for n in nodes if n.text), default=nodes[0].where)

    for title, nodes in sorted(reader.statements.items(), key=first_definition):
        if title not in builder.negations:
            builder.claim(title, nodes)
    for title, argument in reader.arguments.items():
        if argument.pcs is None:
            builder.arguments_as_claims.add(title)
            reader.warn(
                f"argument <{title}> has no premise-conclusion structure: it is read as a claim",
                argument.where,
            )
            text = argument.description or title
            note = argument.data.pop("note", None)
            builder.claims.append(
                Claim(
                    builder.new_id("argument", title),
                    text,
                    note=note if isinstance(note, str) else None,
                )
            )
    # arguments with premise-conclusion structures: one support (or attack) per inference
    final: dict[str, int] = {}  # argument title -> index in links of its last inference
    pending_attacks: list[_Pending] = []
    for argument in reader.arguments.values():
        if argument.pcs is not None:
            _steps(builder, argument, final, pending_attacks)
    for premises_, negated, where, fields, last_of in pending_attacks:
        # arguments that conclude [not X]: attacks on claim X or undercuts of argument X
        if negated not in builder.used:
            reader.warn(
                f"[not {negated}] names no claim or argument: the attack is not kept", where
            )
            continue
        if last_of is not None:
            final[last_of] = len(builder.links)
        builder.add(Link(premises_, Relation.ATTACKS, negated, **fields), where)
    for kind, source, target, where, op in _relations(builder):
        _relation(builder, kind, source, target, where, final, op)
    if not builder.claims:
        if any(d.is_error for d in reader.diagnostics):
            return None
        reader.diagnostics.append(
            Diagnostic.error(
                "missing-field", "the file holds no statement: a map needs at least one claim"
            ).locate({(): (1, 1)}, reader.file)
        )
        return None
    builder.drop_invalid_links()
    return _map(builder)


def _steps(
    builder: _Builder,
    argument: _Argument,
    final: dict[str, int],
    pending: list[_Pending],
) -> None:
    reader = builder.reader
    assert argument.pcs is not None
    items = argument.pcs.items
    if not items or items[-1][0] != "statement" or all(k != "inference" for k, _ in items):
        reader.error(
            f"the premise-conclusion structure of <{argument.title}> must end with an inference "
            "line (----) and a conclusion",
            argument.pcs.where,
        )
        return
    if items[0][0] != "statement":
        reader.error(
            f"the premise-conclusion structure of <{argument.title}> starts with an inference "
            "line: it has no premise",
            argument.pcs.where,
        )
        return
    data = dict(argument.data)
    link_id: str | None = None
    wanted = data.pop("id", None)
    note = data.pop("note", None)
    if not isinstance(note, str):
        note = argument.description
    group: list[str] = []
    steps: list[tuple[list[str], _Node, dict[str, Any]]] = []
    inference: dict[str, Any] | None = None
    for kind, value in items:
        if kind == "inference":
            if inference is not None or not group:
                reader.error("two inference lines follow each other", value["where"])
                return
            inference = value
            continue
        if inference is not None:
            steps.append((group, value, inference))
            group = [value.title]
            inference = None
        else:
            group.append(value.title)
    for extra in group[1:]:
        reader.warn(
            f"[{extra}] follows the last conclusion of <{argument.title}>: it is not kept",
            argument.pcs.where,
        )
    for number, (premise_titles, conclusion, inference) in enumerate(steps, start=1):
        last = number == len(steps)
        fields: dict[str, Any] = {}
        rules = list(inference["rules"])
        inference_data = dict(inference["data"])
        scheme = inference_data.pop("scheme", None)
        if isinstance(scheme, str):
            rules.insert(0, scheme)
        if rules:
            fields["scheme"] = ", ".join(rules)
        for key in inference_data:
            reader.warn(
                f"inference data '{key}' has no place in an argmap link: not kept",
                inference["where"],
            )
        if last:
            if note:
                fields["note"] = note
            if (
                isinstance(wanted, str)
                and ID_PATTERN.fullmatch(wanted)
                and wanted not in builder.used
            ):
                link_id = wanted
            elif ID_PATTERN.fullmatch(argument.title) and argument.title not in builder.used:
                link_id = argument.title
            if link_id is not None:
                builder.used.add(link_id)
                fields["id"] = link_id
        premise_ids = tuple(
            dict.fromkeys(
                builder.ids.get(("statement", t), t)
                for t in premise_titles
                if t not in builder.negations
            )
        )
        if not premise_ids:
            reader.warn(
                f"an inference of <{argument.title}> has no premise that is a claim: not kept",
                conclusion.where,
            )
            continue
        if conclusion.title in builder.negations:
            negated = builder.negations[conclusion.title]
            title = argument.title if last else None
            pending.append((premise_ids, negated, conclusion.where, fields, title))
            continue
        conclusion_id = builder.ids[("statement", conclusion.title)]
        if conclusion_id in premise_ids:
            reader.warn(
                f"<{argument.title}> concludes one of its own premises: the inference is not kept",
                conclusion.where,
            )
            continue
        if last:
            final[argument.title] = len(builder.links)
            builder.conclusions[argument.title] = conclusion_id
        builder.add(Link(premise_ids, Relation.SUPPORTS, conclusion_id, **fields), conclusion.where)
    for key in data:
        reader.warn(
            f"data '{key}' of <{argument.title}> has no place in an argmap link: not kept",
            argument.where,
        )


def _link_id(builder: _Builder, title: str, final: dict[str, int]) -> str | None:
    """The id of the link that an argument's last inference became (given one if needed)."""
    index = final.get(title)
    if index is None or index < 0:
        return None
    link = builder.links[index]
    if link.id is None:
        new = builder.new_id("link", title)
        builder.links[index] = attrs.evolve(link, id=new)
        return new
    return link.id


def _relation(
    builder: _Builder,
    kind: str,
    source: tuple[str, str],
    target: tuple[str, str],
    where: Where,
    final: dict[str, int],
    op: str,
) -> None:
    reader = builder.reader
    if source[0] == "negation" or target[0] == "negation":
        if kind in ("attack", "undercut") and source[0] == "negation":
            return  # read with the arguments that conclude it
        reader.warn(f"relation '{op}' with a [not ...] statement is not kept", where)
        return
    if source[0] == "argument":
        conclusion = builder.conclusions.get(source[1])
        if conclusion is None:
            reader.warn(f"<{source[1]}> has no conclusion to relate: '{op}' is not kept", where)
            return
        source = ("claim", conclusion)
    if kind == "undercut":
        if target[0] != "argument":
            reader.warn(
                f"an undercut must aim at an argument's inference; '{op}' aims at a claim and "
                "is not kept",
                where,
            )
            return
        link_id = _link_id(builder, target[1], final)
        if link_id is None:
            reader.warn(f"<{target[1]}> has no inference to undercut: '{op}' is not kept", where)
            return
        builder.add(Link((source[1],), Relation.ATTACKS, link_id), where)
        return
    if target[0] == "argument":
        reader.warn(
            f"{'an' if kind == 'attack' else 'a'} {kind} of argument <{target[1]}> names none "
            "of its premises: argmap cannot say "
            "what it bears on, so it is not kept",
            where,
            hint="aim the relation at the premise (or the conclusion) it is about",
        )
        return
    if source[1] == target[1]:
        reader.warn(f"relation '{op}' of a claim to itself is not kept", where)
        return
    if kind == "contradiction" or (kind == "attack" and builder.strict):
        relation = Relation.CONTRADICTS
    elif kind == "support":
        relation = Relation.SUPPORTS
    else:
        relation = Relation.ATTACKS
    link = Link((source[1],), relation, target[1])
    if link not in builder.links:
        builder.add(link, where)


def _map(builder: _Builder) -> ArgumentMap:
    reader = builder.reader
    front = dict(reader.front)
    where = reader.front_where
    title = front.pop("title", None)
    if not isinstance(title, str):
        title = reader.headings[0][0] if reader.headings else None
        headings = reader.headings[1:]
    else:
        headings = reader.headings
    for heading, at in headings:
        reader.warn(f"heading '{heading}' is not kept: argmap maps have no sections", at)
    extra = front.pop("argmap", None)
    fields: dict[str, Any] = {}
    if isinstance(extra, dict):
        description = extra.get("description")
        if isinstance(description, str):
            fields["description"] = description
        source = extra.get("source")
        if isinstance(source, dict):
            try:
                fields["source"] = Source(
                    **{str(k): str(v) for k, v in source.items() if v is not None}
                )
            except TypeError:
                reader.warn("front matter 'argmap.source' has unknown fields: not kept", where)
        thesis = extra.get("thesis")
        theses = [thesis] if isinstance(thesis, str) else thesis if isinstance(thesis, list) else []
        claim_ids = {c.id for c in builder.claims}
        fields["thesis"] = [t for t in theses if t in claim_ids]
        for t in theses:
            if t not in claim_ids:
                reader.warn(f"thesis {_short(t)} names no statement: not kept", where)
        expect = extra.get("expect")
        if isinstance(expect, dict):
            found = []
            for semantics, items in expect.items():
                if semantics in SEMANTICS_NAMES and isinstance(items, dict):
                    for item, status in items.items():
                        if status in STATUSES and str(item) in builder.used:
                            found.append(Expectation(semantics, str(item), status))
                        else:
                            reader.warn(
                                f"expectation {_short(item)}: {_short(status)} is not kept", where
                            )
                else:
                    reader.warn(f"expectations under {_short(semantics)} are not kept", where)
            fields["expect"] = found
    return ArgumentMap(claims=builder.claims, links=builder.links, title=title, **fields)


def read_argdown(text: str, file: str | None = None) -> Loaded:
    """Argdown text read into a map, with a located diagnostic for everything that did not fit."""
    reader = _Reader(file)
    _parse(reader, text)
    built = _build(reader)
    diagnostics = tuple(sorted(reader.diagnostics, key=lambda d: (d.line or 0, d.column or 0)))
    return Loaded(built, {}, diagnostics, file, text)

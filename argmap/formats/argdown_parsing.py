"""Parsing Argdown text (the first half of importing Argdown; the second is
:mod:`argmap.formats.argdown_building`).

A line-based parser of the Argdown that maps hold: front matter, statements and arguments
with their titles, text, #tags and {data}, relation trees below them (``+ - +> -> <+ <- ><
_> <_``, nested by indentation), premise-conclusion structures with inference lines, headings
and comments. It follows the Argdown tool's own rules where they matter (an empty line ends a
relation tree; ``*`` and ``_`` open emphasis that must be closed; ``//`` starts a comment).

The result is a :class:`Document`: the statements, arguments, relations and headings as the
text wrote them, each with the line and column it was read at, and the located diagnostics of
the parse. Text that is not Argdown is an ``argdown-syntax`` error; Argdown that a map cannot
hold (an argument's tag, a list) is an ``argdown-unsupported`` warning. What becomes of the
document in a map is the building module's job.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, NamedTuple

import attrs
import yaml

from argmap.diagnostics import Diagnostic

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
"""A line and a column, both from 1."""


def syntax_error(
    message: str, where: Where, file: str | None, hint: str | None = None
) -> Diagnostic:
    """A located ``argdown-syntax`` error: text that is not Argdown."""
    return Diagnostic.error(SYNTAX, message, hint=hint).locate({(): where}, file)


def unsupported(
    message: str, where: Where, file: str | None, hint: str | None = None
) -> Diagnostic:
    """A located ``argdown-unsupported`` warning: Argdown that a map cannot hold."""
    return Diagnostic.warning(UNSUPPORTED, message, hint=hint).locate({(): where}, file)


@attrs.define
class Node:
    """One statement or argument occurrence in the text."""

    kind: str  # "statement" or "argument"
    title: str
    where: Where
    text: str | None = None
    tags: list[str] = attrs.Factory(list)
    data: dict[str, Any] = attrs.Factory(dict)


@attrs.define
class Pcs:
    """A premise-conclusion structure: statements and, between them, inferences."""

    items: list[tuple[str, Any]] = attrs.Factory(list)
    """Each ``("statement", node)`` or ``("inference", {"where", "rules", "data"})``."""
    where: Where = (1, 1)


@attrs.define
class Argument:
    """An argument: every occurrence of one title, its description, data and structure."""

    title: str
    where: Where
    description: str | None = None
    data: dict[str, Any] = attrs.Factory(dict)
    pcs: Pcs | None = None


class RelationLine(NamedTuple):
    """A relation of a tree: the operator, the element above, the element on the line."""

    op: str
    parent: Node
    child: Node
    where: Where


@attrs.define
class Document:
    """The Argdown of one text as parsed, every element with where it was read."""

    file: str | None
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    """The parse's errors and warnings, located, in the order found."""
    statements: dict[str, list[Node]] = attrs.Factory(dict)
    """Each statement title's occurrences, in the order of the titles' first occurrence."""
    arguments: dict[str, Argument] = attrs.Factory(dict)
    relations: list[RelationLine] = attrs.Factory(list)
    headings: list[tuple[str, Where]] = attrs.Factory(list)
    front: dict[str, Any] = attrs.Factory(dict)
    """The front matter's mapping (empty without one)."""
    front_where: Where = (1, 1)


@attrs.define
class _Parser:
    doc: Document
    untitled: int = 0

    def error(self, message: str, where: Where, hint: str | None = None) -> None:
        self.doc.diagnostics.append(syntax_error(message, where, self.doc.file, hint))

    def warn(self, message: str, where: Where, hint: str | None = None) -> None:
        self.doc.diagnostics.append(unsupported(message, where, self.doc.file, hint))

    # --- text within a line -------------------------------------------------------------

    def inline(self, line: str, start: int, number: int, node: Node) -> str:
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

    def extend(self, node: Node, line: str, start: int, number: int) -> None:
        """A line that continues the text of ``node``."""
        more = self.inline(line, start, number, node)
        if not more:
            return
        if node.kind == "argument":
            argument = self.doc.arguments[node.title]
            described = argument.description
            argument.description = f"{described} {more}" if described else more
        else:
            node.text = f"{node.text} {more}" if node.text else more

    def element(self, line: str, start: int, number: int) -> Node:
        """The statement or argument that ``line[start:]`` defines or names."""
        where = (number, start + 1)
        match = _DEFINITION.match(line, start) or _REFERENCE.match(line, start)
        if match is None:  # an untitled statement
            self.untitled += 1
            node = Node("statement", f"Untitled {self.untitled}", where)
            node.text = self.inline(line, start, number, node) or None
            self.doc.statements.setdefault(node.title, []).append(node)
            return node
        title = " ".join((match.group(1) or match.group(2)).split())
        defines = match.group(0).endswith(":")
        if match.group(1) is not None:
            node = Node("statement", title, where)
            text = self.inline(line, match.end(), number, node)
            if defines or text:
                node.text = text or None
            self.doc.statements.setdefault(title, []).append(node)
            return node
        argument = self.doc.arguments.setdefault(title, Argument(title, where))
        holder = Node("argument", title, where)
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


def _front_matter(parser: _Parser, lines: list[str]) -> int:
    """Reads the front matter (``===`` ... ``===``) if the text starts with one; returns the
    index of the first line after it."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].lstrip().startswith("==="):
        return 0
    end = next(
        (i for i in range(first + 1, len(lines)) if lines[i].strip().startswith("===")), None
    )
    if end is None:
        parser.error("the front matter opened here is never closed with '==='", (first + 1, 1))
        return len(lines)
    parser.doc.front_where = (first + 1, 1)
    try:
        value = _safe_yaml("\n".join(lines[first + 1 : end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first + 2 + (mark.line if mark is not None else 0)
        column = 1 + (mark.column if mark is not None else 0)
        parser.error(
            f"front matter is not YAML: {getattr(error, 'problem', error)}", (line, column)
        )
        return end + 1
    if isinstance(value, dict):
        parser.doc.front = {str(k): v for k, v in value.items()}
    elif value is not None:
        parser.error("front matter must be a mapping", (first + 2, 1))
    return end + 1


def _parse(parser: _Parser, text: str) -> None:
    raw = _lines(text)
    start = _front_matter(parser, raw)
    lines, skipped = _strip_comments(raw, start)
    blocks = _block_data(lines, start, skipped)
    stack: list[tuple[int, Node]] = []  # relation tree: indent, node
    current: Node | None = None  # the element whose text a following line may continue
    closed = False  # True when the current element's line ended with data
    block: str | None = None  # kind of the current block: "tree", "pcs" or None after a blank
    last_argument: Argument | None = None
    pcs: Pcs | None = None
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
            parser.error(
                "an empty line inside a premise-conclusion structure",
                (number - 1, 1),
                hint="premises, inference lines and conclusions follow each other line by line",
            )
        if _INFERENCE.match(line) or _NUMBER.match(line):
            current = None
            if block not in ("pcs", "pcs-gap"):
                pcs = Pcs(where=(number, 1))
                owner = last_argument if block in (None, "tree") else None
                if owner is None or owner.pcs is not None:
                    parser.untitled += 1
                    owner = Argument(f"Untitled {parser.untitled}", (number, 1))
                    parser.doc.arguments[owner.title] = owner
                owner.pcs = pcs
            assert pcs is not None
            block = "pcs"
            stack = []
            inference = _INFERENCE.match(line)
            if inference:
                pcs.items.append(("inference", _inference(parser, line, number)))
                continue
            match = _NUMBER.match(line)
            assert match is not None
            node = parser.element(line, match.end(), number)
            current, closed = node, _attach(parser, node, blocks.get(index), line)
            if node.kind == "statement":
                pcs.items.append(("statement", node))
                stack = [(len(match.group(1)), node)]
            else:
                parser.error("a numbered line must hold a statement, not an argument", (number, 1))
            continue
        if block == "pcs-gap":
            block = None
        relation = _RELATION.match(line)
        if relation and block in ("tree", "pcs") and stack:
            indent = len(relation.group(1))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if not stack:
                parser.error(
                    f"relation '{relation.group(2)}' is not indented below a statement or argument",
                    (number, indent + 1),
                )
                continue
            parent = stack[-1][1]
            child = parser.element(line, relation.end(), number)
            current, closed = child, _attach(parser, child, blocks.get(index), line)
            parser.doc.relations.append(
                RelationLine(relation.group(2), parent, child, (number, indent + 1))
            )
            stack.append((indent, child))
            continue
        heading = _HEADING.match(line)
        if heading and block is None:
            parser.doc.headings.append((line[heading.end() :].strip(), (number, 1)))
            block = "heading"
            last_argument = None
            continue
        indent = len(line) - len(line.lstrip())
        titled = _DEFINITION.match(line, indent) or _REFERENCE.match(line, indent)
        if current is not None and not relation and not titled:
            if closed:
                parser.error("text after the data of a statement or argument", (number, indent + 1))
            else:
                parser.extend(current, line, indent, number)
                closed = _attach(parser, current, blocks.get(index), line)
            continue
        if block is not None:
            if relation:
                parser.error(
                    f"relation '{relation.group(2)}' has nothing to relate to here",
                    (number, len(relation.group(1)) + 1),
                )
            else:
                parser.error(
                    "expected an empty line before a new statement or argument",
                    (number, len(line) - len(line.lstrip()) + 1),
                    hint="separate statements and arguments by empty lines",
                )
            continue
        if relation:
            parser.error(
                f"relation '{relation.group(2)}' is not indented below a statement or argument",
                (number, len(relation.group(1)) + 1),
            )
            continue
        if _LIST.match(line):
            parser.warn("list items are not read: argmap maps have no lists", (number, 1))
            block = "tree"
            continue
        node = parser.element(line, indent, number)
        current, closed = node, _attach(parser, node, blocks.get(index), line)
        block = "tree"
        stack = [(indent, node)]
        last_argument = parser.doc.arguments.get(node.title) if node.kind == "argument" else None


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


def _attach(parser: _Parser, node: Node, data: tuple[int, str] | None, line: str) -> bool:
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
            parser.error(f"data is not YAML: {getattr(error, 'problem', error)}", (row, column))
            return True
        if isinstance(value, dict):
            node.data.update({str(k): v for k, v in value.items()})
        elif value is not None:
            parser.error("data must be a mapping", (first + 1, 1))
    if node.kind == "argument":
        parser.doc.arguments[node.title].data.update(node.data)
    return data is not None or line.rstrip().endswith("}")


def _inference(parser: _Parser, line: str, number: int) -> dict[str, Any]:
    """Rules and data of an inference line (``-- rule one, rule two {data} --``)."""
    body = line.strip().strip("-")
    found: dict[str, Any] = {"where": (number, 1), "rules": [], "data": {}}
    offset = line.index(body) if body else 0
    match = _DATA.search(body)
    if match:
        parser.read_data(match.group(0), (number, offset + match.start() + 1), found["data"])
        body = body[: match.start()] + body[match.end() :]
    found["rules"] = [r.strip() for r in re.split(r"(?<!\\),", body) if r.strip()]
    return found


def parse_argdown(text: str, file: str | None = None) -> Document:
    """The Argdown of ``text`` as written, with the located diagnostics of its parse."""
    parser = _Parser(Document(file))
    _parse(parser, text)
    return parser.doc

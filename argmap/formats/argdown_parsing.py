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

import bisect
import re
import textwrap
from typing import Any, NamedTuple

import attrs
import yaml

from argmap.diagnostics import Diagnostic
from argmap.formats.surrogates import half_a_pair

try:
    from yaml import CSafeLoader as _LOADER

    _COUNTS_BYTES = True  # libyaml gives the place of a character it refuses in bytes
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _LOADER  # type: ignore[assignment]

    _COUNTS_BYTES = False

SYNTAX = "argdown-syntax"
UNSUPPORTED = "argdown-unsupported"

# Argdown's lexer's patterns for data, links and mentions: what the matchers of _Line match,
# without reading to the end of a line at each opening bracket (the tests compare them).
_DATA = re.compile(r"{((?!}\s[^,}])(.|\n))*}(?!\s*(,|}))")
_LINK = re.compile(r"\[[^\]]+?\]\([^)]+?\)")
_MENTION = re.compile(r"@\[.+?\]|@<.+?>")
_TAG = re.compile(r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))[ \t]?")
_RELATION = re.compile(r"([ \t]*)(\+>|->|<\+|\+|<-|-|><|_>|<_|_(?=\s))[ \t]*")
_NUMBER = re.compile(r"([ \t]*)\((\d+)\)[ \t]*")
_INFERENCE = re.compile(r"[ \t]*-{2,}")
_HEADING = re.compile(r"(#+) ")
_LIST = re.compile(r"[ \t]*(?:\d+\.|\*)(?=\s)")
_DEFINITION = re.compile(r"\[(.+?)\]:|<(.+?)>:")
_REFERENCE = re.compile(r"\[([^-].*?)\]|<([^-].*?)>")
_COMMENT_STOPS = re.compile(r"[\\<{#\[@/]")
"""Where the comment finder must look: escapes, comments and what it steps over."""
_INLINE_STOPS = re.compile(r"[\\{#\[@*_]")
"""Where the reader of a line's text must look: escapes, data, tags, links, mentions and
emphasis; the text between is taken as it is."""
_ENDS = set(" \t\n\r)}_.,!?;:-*")
"""Characters that may follow a closing emphasis marker (after Argdown's lexer)."""

Where = tuple[int, int]
"""A line and a column, both from 1."""

_CLOSING = re.compile(r"}(?!\s*[,}])")
"""A ``}`` that may end data: not followed by a comma or another ``}``."""
_BREAKING = re.compile(r"}(?=\s[^,}])")
"""A ``}`` where data must end: followed by a space and something else."""


class _Line:
    """A line and where some texts occur in it, each found once for the line.

    Argdown's patterns for data, links, mentions and titles read from an opening character to
    a closing one; tried at each opening character of a line that has many and no closing
    one, they would read to the end of the line each time. The matchers here give the same
    answers as those patterns (``tests/test_argdown.py`` compares them) by looking up where
    the next closing text is."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}

    def positions(self, what: str, pattern: re.Pattern[str] | None = None) -> list[int]:
        """Where ``what`` occurs (or, given, ``pattern`` matches, named ``what``), in order."""
        found = self._found.get(what)
        if found is None:
            matches = (pattern or re.compile(re.escape(what))).finditer(self.text)
            found = self._found[what] = [match.start() for match in matches]
        return found

    def next(self, what: str, start: int) -> int:
        """Where ``what`` next occurs from ``start``; -1 if it does not."""
        found = self.positions(what)
        index = bisect.bisect_left(found, start)
        return found[index] if index < len(found) else -1

    def at(self, index: int) -> str:
        return self.text[index : index + 1]

    def data(self, start: int) -> int | None:
        """The end of the data (``{...}``) opening at ``start``, as the pattern ``_DATA``
        matches it: to the last ``}`` that may end data before the first where data must."""
        closing = self.positions("data may end", _CLOSING)
        if not closing or closing[-1] <= start:
            return None
        breaking = self.positions("data must end", _BREAKING)
        index = bisect.bisect_left(breaking, start + 1)
        limit = breaking[index] if index < len(breaking) else len(self.text) - 1
        index = bisect.bisect_right(closing, limit) - 1
        return closing[index] + 1 if index >= 0 and closing[index] > start else None

    def link(self, start: int) -> int | None:
        """The end of a Markdown link (``[text](url)``) at ``start``, as ``_LINK`` matches."""
        close = self.next("]", start + 1)
        if close < start + 2 or self.at(close + 1) != "(":
            return None
        end = self.next(")", close + 2)
        return end + 1 if end >= close + 3 else None

    def mention(self, start: int) -> int | None:
        """The end of a mention (``@[title]``, ``@<title>``) at ``start``, as ``_MENTION``."""
        opening = self.at(start + 1)
        if opening not in ("[", "<"):
            return None
        end = self.next("]" if opening == "[" else ">", start + 3)
        return end + 1 if end >= 0 else None

    def title(self, start: int) -> int | None:
        """The end of a title (``[title]``, ``[title]:``, ``<title>``, ``<title>:``) or, at a
        ``[``, a link, at ``start``: what Argdown's lexer steps over when it looks for
        comments."""
        opening = self.at(start)
        close = "]" if opening == "[" else ">"
        link = self.link(start) if opening == "[" else None
        if link is not None:
            return link
        defined = self.next(close + ":", start + 2)
        if defined >= 0:
            return defined + 2
        if self.at(start + 1) in ("-", ""):
            return None
        end = self.next(close, start + 2)
        return end + 1 if end >= 0 else None

    def tag(self, start: int) -> re.Match[str] | None:
        """A tag at ``start`` (``_TAG``)."""
        if self.at(start + 1) == "(" and self.next(")", start + 2) < 0:
            return None  # the pattern would read to the end of the line and fail
        return _TAG.match(self.text, start)


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
    more: list[str] = attrs.Factory(list)
    """The text of the lines that continue ``text``, joined to it when the parse ends."""


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
    more: list[str] = attrs.Factory(list)
    """The text of the lines that continue ``description``, joined to it when the parse ends."""


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
        marks = _Line(line)
        i = start
        while i < len(line):
            stop = _INLINE_STOPS.search(line, i)
            if stop is None:
                out.append(line[i:])
                break
            if stop.start() > i:
                out.append(line[i : stop.start()])
                i = stop.start()
            char = line[i]
            if char == "\\" and i + 1 < len(line):
                out.append(line[i + 1])
                i += 2
                continue
            if char == "{":
                end = marks.data(i)
                if end is not None:
                    self.read_data(line[i:end], (number, i + 1), node.data)
                    i = end
                    continue
            if char == "#":
                match = marks.tag(i)
                if match:
                    tag = (match.group(1) or match.group(2) or "").strip()
                    if not tag:
                        self.warn("an empty tag is not kept", (number, i + 1))
                    elif node.kind == "statement":
                        node.tags.append(tag)
                    else:
                        self.warn(
                            f"tag '{tag}' of an argument is not kept: argmap links have no tags",
                            (number, i + 1),
                        )
                    i = match.end()
                    continue
            end = marks.link(i) if char == "[" else marks.mention(i) if char == "@" else None
            if end is not None:
                out.append(line[i:end])
                i = end
                continue
            if char in "*_":
                marker = line[i : i + 2] if line[i : i + 2] == char * 2 else char
                after = line[i + len(marker) : i + len(marker) + 1]
                closes = stack and stack[-1] == marker and i > start and not line[i - 1].isspace()
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
        except _DataError as error:
            self.error(error.message("data"), (where[0], where[1] + error.column))
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
            if argument.description:
                argument.more.append(more)
            else:
                argument.description = more
        elif node.text:
            node.more.append(more)
        else:
            node.text = more

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


class _DataError(Exception):
    """Data or front matter that is not read, with where (0-based, in its text) and why."""

    def __init__(self, problem: str, line: int, column: int, *, syntax: bool = True) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column
        self.syntax = syntax
        """True for YAML that is not valid; False for YAML that argmap does not read."""

    def message(self, what: str) -> str:
        return f"{what} is not YAML: {self.problem}" if self.syntax else f"{what} {self.problem}"


MAX_DATA_DEPTH = 100
"""The deepest nesting of lists and mappings read in data and front matter (a map's fields
need three levels); deeper data is an error."""
_EXPLAINED = 64 * 2**10
"""Data up to this size that libyaml refuses is parsed again by PyYAML's own parser, whose
messages say what was found where something else was expected."""

_PAIR_ESCAPE = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD])([89abAB][0-9a-fA-F]{2}\\u)([dD])([c-fC-F][0-9a-fA-F]{2})"
)
"""A surrogate pair written as two escapes (the backslash before it not itself escaped)."""
_STAND_INS = re.compile(r"[\ue800-\uefff]|\\u[eE][89a-fA-F]")
_STAND_IN_PAIR = re.compile("([\ue800-\uebff])([\uec00-\uefff])")
_STOOD_IN_ESCAPE = re.compile(r"\\u([eE])([89abAB][0-9a-fA-F]{2}\\u)([eE])([c-fC-F][0-9a-fA-F]{2})")
_HALF_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _safe_yaml(text: str) -> Any:
    """YAML read as data by libyaml (where PyYAML has it, as the located reader of maps does):
    aliases (``*name``, which can multiply a small text into a huge value) and nesting deeper
    than :data:`MAX_DATA_DEPTH` are refused. A surrogate pair written as two escapes in double
    quotes (``"\\ud83d\\ude00"``, as JSON writes characters outside the BMP and as Argdown
    reads them) is the character it encodes; half a pair is an error. Raises
    :class:`_DataError`."""
    stood_in = _stand_in_pairs(text)
    try:
        if "*" in text:
            for token in yaml.scan(stood_in or text, Loader=_LOADER):
                if isinstance(token, yaml.AliasToken):
                    where = _place(text, token.start_mark)
                    raise _DataError("aliases (*name) are not read", *where)
        loader = _LOADER(stood_in or text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_nodes(node, text, pairs=stood_in is not None)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = str(error.problem or "invalid YAML")
        if "nesting depth" in problem:  # libyaml's own limit, at 1,000 levels
            raise _too_deep(text, mark) from None
        half = _HALF_ESCAPE.match(text, mark.index - 2) if mark is not None else None
        if "escape code" in problem and half is not None:
            raise _DataError(half_a_pair(half.group()), *_place(text, half.start())) from None
        if len(text) <= _EXPLAINED:
            _explain(text)
        raise _DataError(problem, *_place(text, mark)) from None
    except yaml.reader.ReaderError as error:
        code = error.character if isinstance(error.character, int) else ord(error.character)
        problem = f"the character U+{code:04X} is not allowed in YAML"
        raise _DataError(problem, *_place(text, _characters(text, error.position))) from None
    except yaml.YAMLError as error:
        raise _DataError(str(error), 0, 0) from None


def _characters(text: str, position: int) -> int:
    """The index in ``text`` of a position that libyaml counts in bytes (PyYAML in characters)."""
    if not _COUNTS_BYTES:  # pragma: no cover - PyYAML without libyaml
        return position
    return len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))


def _stand_in_pairs(text: str) -> str | None:
    """The text with each surrogate pair escape (which libyaml refuses) turned into escapes of
    two private-use characters that stand in for the halves (``\\ue83d\\uee00``), of the same
    length, so that every place in the text stays; :func:`_check_nodes` puts the pairs back.
    None when there are no such pairs, or when the text holds such characters or escapes
    itself (then libyaml refuses the pairs)."""
    if "\\u" not in text or _STAND_INS.search(text):
        return None
    stood_in, count = _PAIR_ESCAPE.subn(
        lambda pair: "{}\\u{}{}{}{}".format(
            pair[1], "eE"[pair[2] == "D"], pair[3], "eE"[pair[4] == "D"], pair[5]
        ),
        text,
    )
    return stood_in if count else None


def _check_nodes(root: yaml.Node, text: str, *, pairs: bool) -> None:
    """Refuses lists and mappings nested deeper than :data:`MAX_DATA_DEPTH`, and, where
    ``pairs`` were stood in (:func:`_stand_in_pairs`), puts them back: in double quotes, where
    the escapes were read, as the character each pair encodes; elsewhere, where a backslash is
    just a backslash, as the escapes that were written."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if pairs and node.style == '"':
                node.value = _STAND_IN_PAIR.sub(_joined, node.value)
            elif pairs:
                node.value = _STOOD_IN_ESCAPE.sub(_written_back, node.value)
            continue
        if depth > MAX_DATA_DEPTH:
            raise _too_deep(text, node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        else:
            stack.extend((part, depth + 1) for pair in node.value for part in pair)


def _joined(pair: re.Match[str]) -> str:
    high, low = (ord(half) - 0x1000 for half in pair.groups())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _written_back(escapes: re.Match[str]) -> str:
    first, high, second, low = escapes.groups()
    return "\\u{}{}{}{}".format("dD"[first == "E"], high, "dD"[second == "E"], low)


def _explain(text: str) -> None:
    """Raises the error PyYAML's own parser finds in a text that libyaml refused: it says what
    it found where it expected something else."""
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise _DataError(str(error.problem or "invalid YAML"), *_place(text, mark)) from None
    except (yaml.YAMLError, RecursionError):
        return


def _place(text: str, at: yaml.Mark | int | None) -> tuple[int, int]:
    """Line and column (from 0) of a place in ``text``, counting lines as editors do (YAML
    also breaks lines at U+2028 and others, which the lines of the file do not)."""
    index = at if isinstance(at, int) else at.index if at is not None else 0
    index = min(index, len(text))
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index), index - start


def _too_deep(text: str, mark: yaml.Mark | None) -> _DataError:
    problem = f"is nested more than {MAX_DATA_DEPTH} levels deep: argmap reads no deeper"
    return _DataError(problem, *_place(text, mark), syntax=False)


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
        if inside is None and "/" not in line and "<!--" not in line:
            continue  # no comment starts in the line
        chars = list(line)
        marks = _Line(line)
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
            look = _COMMENT_STOPS.search(line, i)
            if look is None:
                break
            i = look.start()
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
            skip_to = _skipped(marks, char, i)
            if skip_to is not None:  # data, tags, links, titles and mentions may hold "//"
                i = skip_to
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


def _skipped(marks: _Line, char: str, start: int) -> int | None:
    """Where what the comment finder steps over at ``start`` ends, as Argdown's lexer does:
    data, a tag, a link, a title or a mention."""
    if char == "{":
        return marks.data(start)
    if char == "#":
        match = marks.tag(start)
        return match.end() if match else None
    if char in "[<":
        return marks.title(start)
    if char == "@":
        return marks.mention(start)
    return None


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
    except _DataError as error:
        parser.error(error.message("front matter"), (first + 2 + error.line, 1 + error.column))
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
    closing = [j for j in range(start, len(lines)) if lines[j].strip() == "}"]
    index = start
    while index < len(lines):
        line = lines[index].rstrip()
        if index not in skipped and line.endswith("{") and not line.endswith("\\{"):
            after = bisect.bisect_right(closing, index)
            end = closing[after] if after < len(closing) else None
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
        except _DataError as error:
            where = (first + 1 + error.line, 1 + shift + error.column)
            parser.error(error.message("data"), where)
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
    marks = _Line(body)
    ends = ((opening, marks.data(opening)) for opening in marks.positions("{"))
    data = next(((opening, end) for opening, end in ends if end is not None), None)
    if data is not None:
        opening, end = data
        parser.read_data(body[opening:end], (number, offset + opening + 1), found["data"])
        body = body[:opening] + body[end:]
    found["rules"] = [r.strip() for r in re.split(r"(?<!\\),", body) if r.strip()]
    return found


def parse_argdown(text: str, file: str | None = None) -> Document:
    """The Argdown of ``text`` as written, with the located diagnostics of its parse."""
    parser = _Parser(Document(file))
    _parse(parser, text)
    doc = parser.doc
    for nodes in doc.statements.values():
        for node in nodes:
            if node.more:
                node.text = " ".join([node.text or "", *node.more])
                node.more = []
    for argument in doc.arguments.values():
        if argument.more:
            argument.description = " ".join([argument.description or "", *argument.more])
            argument.more = []
    return doc

"""Canonical layout for map files (``argmap fmt``), keeping every comment.

The text is read token by token with PyYAML's scanner, the one the reader uses, so that fmt
sees the map exactly as ``argmap check`` does: keys are the text typed (``yes``, ``true``,
``1`` and ``01`` are four ids), scalars keep their value and their tag. Every comment and
blank line is attached to the part of the map it belongs to, and moves with it:

- a comment after something on its line stays at the end of that line (at its column when
  the line is short enough); when two comments would share one line, all but the last go on
  their own lines just above it;
- a comment on its own line belongs to what follows it, or, when it is indented at least as
  deep as the list or mapping that ends after it, closes that list or mapping;
- comments before the first key stay at the top of the file.

The layout: keys in the format's order (top level, source, claims, links), mappings in block
style, indentation of two spaces with list items indented under their key, ``links`` one
item after the other, other lists kept inline (``[a, b]``) or one item a line as written, but a
list written inline over several lines is joined onto one, unless a comment sits inside it:
then it is written one item a line, each comment beside its item. Quotes are kept only where
YAML needs them to read the same value and tag; block scalars (``|``, ``>``) keep their lines;
long lines are not folded; runs of blank lines become one.

Only maps without errors are formatted, and a formatted map must load to the same map and
hold the same comments as before, or the file is left alone: :class:`FormatError` says why
and where.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
from collections.abc import Sequence

import attrs
import yaml
from yaml import tokens as tk
from yaml.emitter import Emitter
from yaml.resolver import Resolver

from argmap.bulk import paused_gc
from argmap.checks import run_checks
from argmap.fields import CLAIM_FIELDS, LINK_FIELDS, SOURCE_FIELDS, TOP_FIELDS
from argmap.loading import MAX_BYTES, Loaded, parse

try:  # the scanner the reader uses (libyaml's when PyYAML was built with it)
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

INDENT = 2
"""Spaces a level: mapping entries under their key, list items under their key."""

SIMPLE_KEY_LIMIT = 1024
"""The longest key written as ``key: value`` (YAML's limit); a longer one (a quoted claim id of
1,024 characters) is written as ``? key`` / ``: value``."""

_BREAKS = "\r\n\x85\u2028\u2029"
"""What YAML 1.1 (PyYAML) takes for a line break, in comments and between lines."""
_LINES = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_COMMENT = re.compile(r"#[^\r\n\x85\u2028\u2029]*")
_NOTES = re.compile(r"#|[\r\n\x85\u2028\u2029][ \t]*[\r\n\x85\u2028\u2029]")
"""What a gap between tokens holds when it holds a comment or may hold a blank line."""
_PLAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.'()/-]*[A-Za-z0-9_.'()/-])?")
"""Texts that YAML can take plain anywhere (as keys, in lists written inline) whatever their
tag: no indicator, no line break, no space at either end."""
_STR = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()
_ANALYST = Emitter(io.StringIO(), allow_unicode=True)
"""Used for its analysis of a scalar only: where YAML lets it stand plain, or quoted."""


@functools.lru_cache(maxsize=2**16)
def _implicit_tag(value: str) -> str:
    """The tag YAML gives ``value`` written plain."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


class FormatError(ValueError):
    """The text is not a valid map, or it cannot be laid out without changing what it means
    or losing a comment. ``line`` and ``column`` (1-based) say where, when known; the text of
    the error starts with them (``line 3, column 5: ...``)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.message = message
        self.line = line
        self.column = column
        where = f"line {line}, column {column or 1}: " if line is not None else ""
        super().__init__(where + message)


class _Unsupported(Exception):
    def __init__(self, what: str, mark: yaml.Mark | None) -> None:
        super().__init__(what)
        self.mark = mark


# --- what the text is made of ------------------------------------------------------------


@attrs.define(eq=False)
class _Note:
    """A comment (``text`` starts with '#') or a blank line (``text`` is empty)."""

    text: str
    column: int
    line: int = 0
    trailing: bool = False
    """It follows something on its line (else it stands on its own line)."""

    @property
    def blank(self) -> bool:
        return not self.text


@attrs.define(eq=False)
class _Scalar:
    value: str
    style: str | None
    """None (plain), "'", '"', '|' or '>'."""
    tag: str
    """The tag the reader gives it (resolved from the text typed when plain)."""
    props: str = ""
    """Anchor and tag as written (``&a``, ``!!str``)."""
    lines: list[str] | None = None
    """A block scalar's lines, without their indentation (None: written from its value)."""
    indicator: bool = False
    """A block scalar that needs an indentation indicator."""


@attrs.define(eq=False)
class _Slot:
    """An entry of a mapping (``key`` set) or an item of a list, with the notes around it."""

    key: _Scalar | None = None
    value: _Node | None = None
    leading: list[_Note] = attrs.Factory(list)
    """Notes on the lines before it."""
    trail: list[_Note] = attrs.Factory(list)
    """Comments on its first line."""


@attrs.define(eq=False)
class _Collection:
    mapping: bool
    flow: bool
    props: str = ""
    slots: list[_Slot] = attrs.Factory(list)
    footer: list[_Note] = attrs.Factory(list)
    """Notes after its last entry that belong to it."""
    commented: bool = False
    """A comment stands inside the brackets of a flow collection."""
    block: bool = False
    """Written one item a line whatever it looked like (``links``)."""


_Node = _Scalar | _Collection


@attrs.define(eq=False)
class _Document:
    header: list[_Note | str]
    root: _Collection
    root_props: str
    end: bool
    footer: list[_Note]


# --- reading -------------------------------------------------------------------------------


def _block_lines(text: str, token: tk.ScalarToken, parent: int) -> tuple[list[str], int, str]:
    """A block scalar's content lines without their indentation, the number of empty lines
    after its last line, and its header (indicators and any comment)."""
    raw = text[token.start_mark.index : token.end_mark.index]
    pieces = _LINES.split(raw)
    header, rest = pieces[0], pieces[1:]
    if rest and rest[-1].strip(" ") == "":
        rest = rest[:-1]  # the indentation of the line after it, not one of its lines
    match = re.match(r"[|>]([-+]?)([1-9]?)([-+]?)", header)
    digit = match.group(2) if match else ""
    least = max(parent + 1, 1)
    if digit:
        indent = least + int(digit) - 1
    else:
        deepest = 0
        for line in rest:
            spaces = len(line) - len(line.lstrip(" "))
            deepest = max(deepest, spaces)
            if line.strip(" "):
                break
        indent = max(least, deepest)
    lines = []
    for line in rest:
        if line[:indent].strip(" ") == "" and len(line) > indent:
            lines.append(line[indent:])
        elif line.strip(" ") == "":
            lines.append("")
        else:
            break
    empty = 0
    while lines and lines[-1] == "":
        lines.pop()
        empty += 1
    return lines, empty, header


class _Reader:
    """Walks the tokens of a map the way PyYAML's parser does, attaching notes as it goes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stream = yaml.scan(text, Loader=_Loader)  # one token ahead, not a list of all
        self.current: tk.Token | None = next(self.stream)
        self.last: tk.Token = self.current
        self.pending: list[_Note] = []
        self.candidate: _Note | None = None
        self.indents = [-1]
        self.block: tuple[list[str], int, str] | None = None

    # --- tokens and the notes between them

    def peek(self) -> tk.Token:
        if self.current is None:
            raise IndexError("no token after the end of the stream")
        return self.current

    def mark(self) -> yaml.Mark:
        """Where the reader is."""
        mark: yaml.Mark = (self.current or self.last).start_mark
        return mark

    def next(self) -> tk.Token:
        token = self.peek()
        self.last = token
        self.candidate = None
        notes: list[_Note] = []
        if isinstance(token, tk.ScalarToken) and token.style in ("|", ">"):
            self.block = _block_lines(self.text, token, self.indents[-1])
            _lines, empty, header = self.block
            found = _COMMENT.search(header)
            if found:
                column = token.start_mark.column + found.start()
                notes.append(_Note(found.group().rstrip(), column, token.start_mark.line, True))
            kept = len(token.value) - len(token.value.rstrip("\n")) - 1  # empty lines of it
            if empty > max(kept, 0):  # blank lines after it that are not part of it
                notes.append(_Note("", 0))
        self.current = next(self.stream, None)
        if self.current is not None:
            notes.extend(self.gap(token, self.current))
        if notes and notes[0].trailing:
            self.candidate = notes[0]
        self.pending.extend(notes)
        if isinstance(token, (tk.BlockMappingStartToken, tk.BlockSequenceStartToken)):
            self.indents.append(token.start_mark.column)
        elif isinstance(token, tk.BlockEndToken):
            self.indents.pop()
        return token

    def gap(self, before: tk.Token, after: tk.Token) -> list[_Note]:
        """The comments and blank lines between two tokens."""
        start, end = before.end_mark.index, after.start_mark.index
        if end <= start:
            return []
        segment = self.text[start:end]
        at_line_start = start == 0 or self.text[start - 1] in _BREAKS
        if not at_line_start and not _NOTES.search(segment):
            return []  # spaces and at most one line break: the usual gap
        notes: list[_Note] = []
        line = before.end_mark.line
        column = before.end_mark.column
        pieces = _LINES.split(segment)
        for k, piece in enumerate(pieces):
            whole = k < len(pieces) - 1  # a line break follows it
            found = _COMMENT.search(piece)
            if found:
                own = (at_line_start or k > 0) and piece[: found.start()].strip(" \t\ufeff") == ""
                where = found.start() + (column if k == 0 else 0)
                text = found.group().rstrip(" \t")
                notes.append(_Note(text, where, line + k, not own))
            elif (
                whole
                and (k > 0 or at_line_start)
                and piece.strip(" \t") == ""
                and not (notes and notes[-1].blank)
            ):
                notes.append(_Note("", 0, line + k))
        return notes

    def claim(self) -> list[_Note]:
        """The comment after the token just read, on its line (it is taken from pending)."""
        note, self.candidate = self.candidate, None
        if note is None:
            return []
        for k in range(len(self.pending) - 1, -1, -1):
            if self.pending[k] is note:
                del self.pending[k]
                return [note]
        return []  # pragma: no cover - a candidate is always pending

    def take(self, flow: bool = False) -> list[_Note]:
        """Every note not yet placed (blank lines dropped inside flow collections)."""
        if not self.pending:
            return []
        taken, self.pending = self.pending, []
        return [n for n in taken if not n.blank] if flow else taken

    def take_footer(self, indent: int) -> list[_Note]:
        """The notes that close a block collection at ``indent``: those indented at least as
        deep (a blank line goes with the comment after it)."""
        count = 0
        for k, note in enumerate(self.pending):
            column = note.column
            if note.blank:
                after = [n for n in self.pending[k + 1 :] if not n.blank]
                column = after[0].column if after else -1
            if column < indent:
                break
            count += 1
        footer, self.pending = self.pending[:count], self.pending[count:]
        return footer

    # --- the grammar (PyYAML's parser, for one document)

    def document(self) -> _Document:
        self.next()  # stream start
        header: list[_Note | str] = []
        while isinstance(self.peek(), tk.DirectiveToken):
            header.extend(self.take())
            token = self.next()
            header.append(self.text[token.start_mark.index : token.end_mark.index])
            header.extend(self.claim())
        if isinstance(self.peek(), tk.DocumentStartToken):
            header.extend(self.take())
            self.next()
            header.append("---")
            header.extend(self.claim())
        header.extend(self.take())
        owner = _Slot()
        first = self.mark().line
        root = self.node(owner, block=True)
        if not isinstance(root, _Collection) or not root.mapping:
            raise _Unsupported("a document that is not a mapping", self.mark())
        # Comments beside a mapping written inline: after its '{', at the top; after its '}',
        # at the end.
        header.extend(owner.leading + [n for n in owner.trail if n.line == first])
        self.pending[:0] = [n for n in owner.trail if n.line != first]
        props, root.props = root.props, ""
        end = False
        while isinstance(self.peek(), tk.DocumentEndToken):
            self.next()
            end = True
        if not isinstance(self.peek(), tk.StreamEndToken):
            raise _Unsupported("a second document", self.mark())
        self.next()
        return _Document(header, root, props, end, self.take())

    def properties(self, owner: _Slot) -> tuple[str, bool]:
        """Anchor and tag as written, and whether there is a tag."""
        props, tagged = [], False
        while isinstance(self.peek(), (tk.AnchorToken, tk.TagToken)):
            token = self.next()
            tagged |= isinstance(token, tk.TagToken)
            props.append(self.text[token.start_mark.index : token.end_mark.index])
            owner.trail.extend(self.claim())
        return " ".join(props), tagged

    def node(self, owner: _Slot, *, block: bool) -> _Node | None:
        props, tagged = self.properties(owner)
        token = self.peek()
        if isinstance(token, tk.AliasToken):
            raise _Unsupported("an alias", token.start_mark)
        if block and isinstance(token, tk.BlockMappingStartToken):
            return self.block_collection(props, mapping=True)
        if block and isinstance(token, tk.BlockSequenceStartToken):
            return self.block_collection(props, mapping=False)
        if block and isinstance(token, tk.BlockEntryToken):
            return self.indentless_sequence(props)
        if isinstance(token, (tk.FlowSequenceStartToken, tk.FlowMappingStartToken)):
            owner.leading.extend(self.take(flow=not block))
            return self.flow_collection(owner, props)
        if isinstance(token, tk.ScalarToken):
            owner.leading.extend(self.take(flow=not block))
            return self.scalar(owner, props, tagged)
        if props:  # properties of an empty value
            return _Scalar("", None, _implicit_tag(""), props)
        return None

    def scalar(self, owner: _Slot, props: str, tagged: bool) -> _Scalar:
        token = self.next()
        assert isinstance(token, tk.ScalarToken)
        style = token.style
        if tagged:
            tag = "!"  # an explicit tag, written again as it was
        elif token.plain:
            tag = _implicit_tag(token.value)
        else:
            tag = _STR
        scalar = _Scalar(token.value, style, tag, props)
        if style in ("|", ">") and self.block is not None:
            lines, _empty, header = self.block
            scalar.lines = lines
            scalar.indicator = bool(re.search(r"[1-9]", header.split("#")[0]))
            self.block = None
        owner.trail.extend(self.claim())
        return scalar

    def block_collection(self, props: str, *, mapping: bool) -> _Collection:
        start = self.next()
        indent = start.start_mark.column
        collection = _Collection(mapping, flow=False, props=props)
        while True:
            token = self.peek()
            if isinstance(token, tk.BlockEndToken):
                collection.footer = self.take_footer(indent)
                self.next()
                return collection
            slot = _Slot(leading=self.take())
            if mapping and isinstance(token, tk.KeyToken):
                self.next()
                slot.trail.extend(self.claim())
                if not isinstance(self.peek(), (tk.ValueToken, tk.KeyToken, tk.BlockEndToken)):
                    slot.key = self.key(slot, block=True)
                if isinstance(self.peek(), tk.ValueToken):
                    self.next()
                    slot.trail.extend(self.claim())
                    if not isinstance(self.peek(), (tk.KeyToken, tk.ValueToken, tk.BlockEndToken)):
                        slot.value = self.node(slot, block=True)
            elif not mapping and isinstance(token, tk.BlockEntryToken):
                self.next()
                slot.trail.extend(self.claim())
                if not isinstance(self.peek(), (tk.BlockEntryToken, tk.BlockEndToken)):
                    slot.value = self.node(slot, block=True)
            else:
                raise _Unsupported("an entry without a key", token.start_mark)
            if mapping and slot.key is None:
                raise _Unsupported("an entry without a key", token.start_mark)
            collection.slots.append(slot)

    def indentless_sequence(self, props: str) -> _Collection:
        indent = self.peek().start_mark.column
        collection = _Collection(mapping=False, flow=False, props=props)
        while isinstance(self.peek(), tk.BlockEntryToken):
            slot = _Slot(leading=self.take())
            self.next()
            slot.trail.extend(self.claim())
            ends = (tk.BlockEntryToken, tk.KeyToken, tk.ValueToken, tk.BlockEndToken)
            if not isinstance(self.peek(), ends):
                slot.value = self.node(slot, block=True)
            collection.slots.append(slot)
        collection.footer = self.take_footer(indent + 1)
        return collection

    def key(self, slot: _Slot, *, block: bool) -> _Scalar:
        mark = self.peek().start_mark
        key = self.node(slot, block=block)
        if not isinstance(key, _Scalar) or key.tag == "tag:yaml.org,2002:null":
            raise _Unsupported("a key that is not a name", mark)
        return key

    def flow_collection(self, owner: _Slot, props: str) -> _Collection:
        start = self.next()
        mapping = isinstance(start, tk.FlowMappingStartToken)
        end = tk.FlowMappingEndToken if mapping else tk.FlowSequenceEndToken
        collection = _Collection(mapping, flow=True, props=props)
        head = self.claim()
        owner.trail.extend(head)
        collection.commented = bool(head)
        while True:
            token = self.peek()
            if isinstance(token, end):
                collection.footer = self.take(flow=True)
                collection.commented |= bool(collection.footer)
                self.next()
                owner.trail.extend(self.claim())
                return collection
            slot = _Slot(leading=self.take(flow=True))
            if isinstance(token, tk.KeyToken):
                if not mapping:
                    raise _Unsupported("a mapping written inside a list", token.start_mark)
                self.next()
                slot.trail.extend(self.claim())
                if not isinstance(self.peek(), (tk.ValueToken, tk.FlowEntryToken, end)):
                    slot.key = self.key(slot, block=False)
                if isinstance(self.peek(), tk.ValueToken):
                    self.next()
                    slot.trail.extend(self.claim())
                    if not isinstance(self.peek(), (tk.FlowEntryToken, end)):
                        slot.value = self.node(slot, block=False)
            elif mapping:
                if isinstance(token, tk.ValueToken):
                    raise _Unsupported("an entry without a key", token.start_mark)
                slot.key = self.key(slot, block=False)
            else:
                slot.value = self.node(slot, block=False)
            if mapping and slot.key is None:
                raise _Unsupported("an entry without a key", token.start_mark)
            if isinstance(self.peek(), tk.FlowEntryToken):
                self.next()
                slot.trail.extend(self.claim())
            collection.commented |= bool(slot.leading or slot.trail)
            collection.slots.append(slot)


def _comments(text: str) -> list[tuple[int, str]]:
    """Where each comment starts, and its text: a '#' between two tokens starts a comment,
    and so does one after the indicators of a block scalar."""
    found: list[tuple[int, str]] = []
    for before, after in itertools.pairwise(yaml.scan(text, Loader=_Loader)):
        start = before.start_mark.index
        if isinstance(before, tk.ScalarToken) and before.style in ("|", ">"):
            header = _LINES.split(text[start : before.end_mark.index], maxsplit=1)[0]
            if "#" in header:
                found.append((start + header.index("#"), header[header.index("#") :].rstrip()))
        start, end = before.end_mark.index, after.start_mark.index
        if end > start and "#" in text[start:end]:
            for match in _COMMENT.finditer(text, start, end):
                found.append((match.start(), match.group().rstrip(" \t")))
    return found


def comments(text: str) -> list[str]:
    """Every comment of a YAML text, in order, as written (from '#' to the end of its line,
    without trailing spaces). Raises ``yaml.YAMLError`` for text that is not YAML."""
    return [comment for _index, comment in _comments(text)]


# --- the canonical order ---------------------------------------------------------------------


def _name(slot: _Slot) -> str:
    return slot.key.value if slot.key is not None else ""


def _arrange(root: _Collection) -> None:
    _order(root, TOP_FIELDS)
    for slot in root.slots:
        name, value = _name(slot), slot.value
        if not isinstance(value, _Collection):
            continue
        if name == "source":
            _order(value, SOURCE_FIELDS)
        elif name == "claims" and value.mapping:
            value.block = True
            for claim in value.slots:
                _order(claim.value, CLAIM_FIELDS)
        elif name == "links" and not value.mapping:
            value.block = True
            for link in value.slots:
                _order(link.value, LINK_FIELDS)


def _order(node: _Node | None, order: tuple[str, ...]) -> None:
    """Entries in the format's order, one a line."""
    if isinstance(node, _Collection) and node.mapping:
        node.block = True
        rank = {name: k for k, name in enumerate(order)}
        node.slots.sort(key=lambda slot: rank.get(_name(slot), len(rank)))


# --- writing ---------------------------------------------------------------------------------


_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f",
    "\r": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P",
}  # fmt: skip


def _escaped(ch: str) -> str:
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    if (
        " " <= ch <= "~"
        or "\xa0" <= ch <= "\ud7ff"
        or "\ue000" <= ch <= "\ufffd"
        or ch >= "\U00010000"
    ) and ch != "\ufeff":
        return ch
    code = ord(ch)
    return (
        f"\\x{code:02X}"
        if code <= 0xFF
        else f"\\u{code:04X}"
        if code <= 0xFFFF
        else f"\\U{code:08X}"
    )


def _quoted(value: str, style: str) -> str:
    """``value`` in single or double quotes, on one line (every character but the printable
    ones escaped in double quotes)."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    return '"' + "".join(_escaped(ch) for ch in value) + '"'


def _flow_scalar(scalar: _Scalar, *, flow: bool, key: bool = False) -> str:
    """A scalar on one line, plain when YAML reads that as the same value and tag."""
    value = scalar.value
    if _PLAIN.fullmatch(value):
        plain, quotable = True, "'" not in value
    else:
        analysis = _ANALYST.analyze_scalar(value)
        plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
        plain = plain and not analysis.multiline and not (key and analysis.empty)
        quotable = analysis.allow_single_quoted and not analysis.multiline and "'" not in value
    if plain and (scalar.tag == "!" or _implicit_tag(value) == scalar.tag):
        text = value
    elif quotable:
        text = _quoted(value, "'")
    else:
        text = _quoted(value, '"')
    return f"{scalar.props} {text}" if scalar.props else text


def _block_scalar(scalar: _Scalar) -> tuple[str, list[str]] | None:
    """A block scalar's header and lines, when they read back to its value."""
    lines = scalar.lines
    if lines is None or scalar.style is None:
        return None
    value = scalar.value
    newlines = len(value) - len(value.rstrip("\n"))
    chomp = "-" if newlines == 0 else "" if newlines == 1 else "+"
    lines = lines + [""] * max(0, newlines - 1)
    first = next((line for line in lines if line), "")
    indicator = str(INDENT) if scalar.indicator or first[:1] in (" ", "\t") else ""
    header = scalar.style + indicator + chomp
    body = "".join(" " * INDENT + line + "\n" if line else "\n" for line in lines)
    try:
        read = yaml.compose(f"k: {header}\n{body}", Loader=_Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(read, yaml.MappingNode) or read.value[0][1].value != value:
        return None
    return header, lines


def _inline(node: _Node) -> str | None:
    """The node on one line (a scalar, an empty collection, a list of scalars), if it goes
    on one line."""
    if isinstance(node, _Scalar):
        if node.style in ("|", ">"):
            return None
        return _flow_scalar(node, flow=False)
    if not node.slots:
        text = "{}" if node.mapping else "[]"
    elif node.block or not node.flow or node.commented:
        return None
    else:
        items = []
        for slot in node.slots:
            if not isinstance(slot.value, _Scalar) or slot.value.style in ("|", ">"):
                return None
            item = _flow_scalar(slot.value, flow=True)
            if slot.key is not None:
                item = _flow_scalar(slot.key, flow=True, key=True) + ": " + item
            items.append(item)
        text = ("{" if node.mapping else "[") + ", ".join(items) + ("}" if node.mapping else "]")
    return f"{node.props} {text}" if node.props else text


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.soft: list[bool] = []
        """Blank lines that may go at the end of the file."""
        self.keep = False
        """The last lines are a block scalar that keeps its final line breaks: a blank line
        now would become part of it."""

    def add(self, line: str, soft: bool = False) -> None:
        self.lines.append(line)
        self.soft.append(soft)
        self.keep = False

    def notes(self, notes: Sequence[_Note], indent: int) -> None:
        for note in notes:
            if not note.blank:
                self.add(" " * indent + note.text)
            elif self.lines and self.lines[-1] != "" and not self.keep:
                self.add("", soft=True)

    def line(self, text: str, trail: _Note | None) -> None:
        if trail is not None:
            text = text.ljust(max(trail.column, len(text) + 1)) + trail.text
        self.add(text)

    def text(self) -> str:
        while self.lines and self.soft[-1]:
            self.lines.pop()
            self.soft.pop()
        return "\n".join(self.lines) + "\n"

    # --- the parts of a map

    def entries(self, mapping: _Collection, indent: int) -> None:
        for slot in mapping.slots:
            self.entry(slot, indent, indent, slot.leading, slot.trail)
        self.notes(mapping.footer, indent)

    def entry(
        self, slot: _Slot, indent: int, start: int, leading: list[_Note], trail: list[_Note]
    ) -> None:
        """A mapping entry with its keys at ``indent``; its first line starts at ``start``
        (with a dash when that is less), as do the notes before it."""
        assert slot.key is not None
        self.notes(leading + trail[:-1], start)
        prefix = " " * indent if start == indent else " " * start + "- "
        last = trail[-1] if trail else None
        key = _flow_scalar(slot.key, flow=False, key=True)
        if len(key) > SIMPLE_KEY_LIMIT:
            self.add(prefix + "? " + key)
            self.value(" " * indent + ":", slot.value, indent, last)
        else:
            self.value(prefix + key + ":", slot.value, indent, last)

    def items(self, sequence: _Collection, indent: int) -> None:
        for slot in sequence.slots:
            value = slot.value
            if (
                isinstance(value, _Collection)
                and value.mapping
                and value.slots
                and not value.props
                and _inline(value) is None
                and value.slots[0].key is not None
                and len(_flow_scalar(value.slots[0].key, flow=False, key=True)) <= SIMPLE_KEY_LIMIT
            ):
                # The first entry goes on the line of the dash; the notes before it, before
                # the dash.
                first, rest = value.slots[0], value.slots[1:]
                leading = slot.leading + first.leading
                self.entry(first, indent + INDENT, indent, leading, slot.trail + first.trail)
                for other in rest:
                    self.entry(other, indent + INDENT, indent + INDENT, other.leading, other.trail)
                self.notes(value.footer, indent + INDENT)
                continue
            self.notes(slot.leading + slot.trail[:-1], indent)
            last = slot.trail[-1] if slot.trail else None
            self.value(" " * indent + "-", value, indent, last)
        self.notes(sequence.footer, indent)

    def value(self, head: str, node: _Node | None, indent: int, trail: _Note | None) -> None:
        """The line that starts with ``head`` (a key and its colon, or a dash), with the value
        after it or on the lines below it."""
        if node is None:
            self.line(head, trail)
            return
        inline = _inline(node)
        if inline is not None:
            self.line(head + " " + inline, trail)
            return
        if isinstance(node, _Scalar):
            block = _block_scalar(node)
            if block is None:  # its lines cannot be kept: written from its value
                text = _quoted(node.value, '"')
                self.line(head + " " + (f"{node.props} {text}" if node.props else text), trail)
                return
            header, lines = block
            self.line(head + " " + (f"{node.props} {header}" if node.props else header), trail)
            for line in lines:
                self.add(" " * (indent + INDENT) + line if line else "")
            self.keep = header.endswith("+")
            return
        self.line(head + (" " + node.props if node.props else ""), trail)
        if node.mapping:
            self.entries(node, indent + INDENT)
        else:
            self.items(node, indent + INDENT)

    def document(self, document: _Document) -> None:
        for part in document.header:
            if isinstance(part, str):
                self.add(part)
            else:
                self.notes([part], 0)
        if document.root_props:
            self.add(document.root_props)
        self.entries(document.root, 0)
        if document.end:
            self.add("...")
        self.notes(document.footer, 0)


# --- the whole -------------------------------------------------------------------------------


def _layout(text: str) -> str:
    reader = _Reader(text)
    try:
        document = reader.document()
    except _Unsupported as problem:
        mark = problem.mark
        raise FormatError(
            f"fmt cannot lay out {problem}; the file was left as it is",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except (yaml.YAMLError, IndexError, AssertionError) as error:
        mark = reader.mark()
        raise FormatError(
            f"fmt could not read the layout ({type(error).__name__}); it was left as it is",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from error
    _arrange(document.root)
    writer = _Writer()
    writer.document(document)
    return writer.text()


def _where_changed(before: Loaded, after: Loaded) -> tuple[int, int]:
    """Where the first claim or link that formatting would change stands."""
    old, new = before.map, after.map
    if old is not None and new is not None:
        for claim, other in itertools.zip_longest(old.claims, new.claims):
            if claim != other and claim is not None:
                return before.positions.get(("claims", claim.id), (1, 1))
        for k, (link, other) in enumerate(itertools.zip_longest(old.links, new.links)):
            if link != other and link is not None:
                return before.positions.get(("links", k), (1, 1))
    return 1, 1


def formatted(text: str) -> str:
    """The map in canonical layout. Raises :class:`FormatError` for a map with errors, and
    when the layout cannot be rewritten without changing the map or losing a comment."""
    if text.startswith("\ufeff"):
        text = text[1:]
    before = parse(text)
    errors = [d for d in (*before.diagnostics, *run_checks(before)) if d.is_error]
    if not before.ok or errors:
        first = errors[0] if errors else None
        raise FormatError(
            "the map has errors; fix them first (argmap check shows them)",
            first.line if first else None,
            first.column if first else None,
        )
    try:
        with paused_gc():  # many small objects, none in cycles: see argmap.bulk
            result = _layout(text)
            old, new = _comments(text), comments(result)
        size = len(result.encode("utf-8"))
        if size > MAX_BYTES:  # argmap could not read it back
            raise FormatError(
                f"the formatted map would be {size / 2**20:.1f} MiB, more than the "
                f"{MAX_BYTES // 2**20} MiB argmap reads; it was left as it is",
                1,
                1,
            )
        after = parse(result)
    except FormatError:
        raise
    except Exception as error:  # a bug in fmt: said, never a traceback
        raise FormatError(
            f"fmt failed ({type(error).__name__}: {error}); the file was left as it is", 1, 1
        ) from error
    if after.map != before.map or not after.ok:
        line, column = _where_changed(before, after)
        raise FormatError("formatting would change the map; it was left as it is", line, column)
    if sorted(comment for _index, comment in old) != sorted(new):
        lost = [(i, c) for i, c in old if c not in new] or old
        index, comment = lost[0]
        before_it = _LINES.split(text[:index])
        raise FormatError(
            f"formatting would lose the comment {comment!r}; it was left as it is",
            len(before_it),
            len(before_it[-1]) + 1,
        )
    return result

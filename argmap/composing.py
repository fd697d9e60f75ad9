"""YAML text to light nodes, each with its tag, value, line and column.

Two composers give the same nodes:

- the fast one parses with rapidyaml (PyPI ``rapidyaml``, module ``ryml``) and locates each
  node from where its text lies in the parsed buffer;
- PyYAML's (libyaml through ``CSafeLoader``), which every text the fast one finds unusual goes
  through: anchors, aliases, tags, directives, several documents, tabs, characters YAML
  forbids, line breaks other than ``\\n``, empty values, deep nesting, and any text rapidyaml
  rejects. Its errors (``yaml.YAMLError``) are what :func:`compose` raises, so a bad map is
  always reported with PyYAML's message and position.

On the texts the fast composer takes, the two give equal nodes (tests/test_composing.py checks
this on generated maps). Plain scalars are resolved to tags by PyYAML's own YAML 1.1 rules.
Nodes are never constructed into Python objects, so no tag can run code.
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import os
import re
from collections.abc import Iterator
from typing import Any

import yaml

try:  # libyaml's composer is several times faster; the pure-Python one is the fallback.
    from yaml import CSafeLoader as _PyYAMLLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _PyYAMLLoader  # type: ignore[assignment]

PYYAML_LOADER = _PyYAMLLoader
"""The PyYAML loader class used for texts the fast composer leaves (libyaml's if built)."""

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency; its wheel may be missing
    ryml = None

_TAG = "tag:yaml.org,2002:"
STR, NULL, INT, BOOL = _TAG + "str", _TAG + "null", _TAG + "int", _TAG + "bool"
SEQ, MAP = _TAG + "seq", _TAG + "map"

MAX_DEPTH = 64
"""Deeper texts go to PyYAML, which reports nesting it cannot take; no map nests this deep."""


class Node:
    """A composed YAML node: its tag (``tag:yaml.org,2002:str`` ...), value and 1-based place."""

    __slots__ = ("column", "line", "tag", "value")

    def __init__(self, tag: str, value: Any, line: int, column: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.column = column

    def __eq__(self, other: object) -> bool:
        return (
            type(self) is type(other)
            and isinstance(other, Node)
            and (self.tag, self.value, self.line, self.column)
            == (other.tag, other.value, other.line, other.column)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.tag!r}, {self.value!r}, {self.line}, {self.column})"


class ScalarNode(Node):
    """``value`` is the scalar's text."""

    value: str


class SequenceNode(Node):
    """``value`` is the list of item nodes."""

    value: list[Node]


class MappingNode(Node):
    """``value`` is the list of (key node, value node) pairs, in the order written."""

    value: list[tuple[Node, Node]]


def compose(text: str) -> Node | None:
    """The nodes of the single YAML document in ``text`` (None for an empty one).

    Raises PyYAML's errors for text that is not valid YAML, and ``RecursionError`` for text
    nested too deeply for PyYAML.
    """
    node = compose_fast(text)
    if node is not None:
        return node
    return compose_pyyaml(text)


def compose_pyyaml(text: str) -> Node | None:
    """The nodes of ``text`` as PyYAML composes them."""
    root = yaml.compose(text, Loader=PYYAML_LOADER)
    return None if root is None else from_pyyaml(root)


def from_pyyaml(root: yaml.Node) -> Node:
    """PyYAML's nodes (as composed, or as built by another reader) as light nodes; each PyYAML
    node becomes one light node (aliases keep pointing at the same one, as in PyYAML)."""
    made: dict[int, Node] = {}

    def light(node: yaml.Node) -> Node:
        found = made.get(id(node))
        if found is not None:
            return found
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        result: Node
        if isinstance(node, yaml.ScalarNode):
            result = ScalarNode(node.tag, node.value, line, column)
        elif isinstance(node, yaml.SequenceNode):
            result = SequenceNode(node.tag, [], line, column)
        else:
            result = MappingNode(node.tag, [], line, column)
        made[id(node)] = result
        return result

    top = light(root)
    stack = [root]
    while stack:
        node = stack.pop()
        target = made[id(node)]
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                fresh = id(item) not in made
                target.value.append(light(item))
                if fresh:
                    stack.append(item)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pair = []
                for item in (key, value):
                    fresh = id(item) not in made
                    pair.append(light(item))
                    if fresh:
                        stack.append(item)
                target.value.append((pair[0], pair[1]))
    return top


# --- the fast composer -----------------------------------------------------------------------

_UNUSUAL = re.compile(
    # characters PyYAML's reader refuses, tabs, and line breaks other than \n
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


_BEFORE_MARK = frozenset(" \n[]{},:-")
"""Characters before an anchor (``&``), alias (``*``) or tag (``!``)."""


def _may_mark_nodes(text: str) -> bool:
    """Whether an anchor, alias or tag may stand somewhere in the text. Such texts go to
    PyYAML's composer, which reports them (no map needs them): rapidyaml 0.15 crashes the
    interpreter on some texts with many tags (tests/fuzz-regressions)."""
    for mark in "&*!":
        at = text.find(mark)
        while at >= 0:
            if (at == 0 or text[at - 1] in _BEFORE_MARK) and text[at + 1 : at + 2].strip():
                return True
            at = text.find(mark, at + 1)
    return False


def _probe_buffer_offset() -> int | None:
    """Where CPython keeps a memoryview's data pointer inside the memoryview object.

    rapidyaml hands each scalar over as a read-only memoryview into the parsed buffer; the
    distance of that pointer from the buffer's start is the scalar's offset in the text. The
    place is found by looking, and checked; None (and no fast composer) if it is not found.
    """
    probe = bytearray(b"argmap")
    address = ctypes.addressof(ctypes.c_char.from_buffer(probe))
    view = memoryview(probe)
    try:
        for offset in range(16, 160, 8):
            if ctypes.c_size_t.from_address(id(view) + offset).value == address:
                tail = memoryview(probe)[2:]
                if ctypes.c_size_t.from_address(id(tail) + offset).value == address + 2:
                    return offset
    finally:
        view.release()
    return None  # pragma: no cover - another Python implementation


_BUFFER_OFFSET = _probe_buffer_offset() if ryml is not None else None


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """rapidyaml writes its parse errors to the standard error stream before raising; argmap
    reports PyYAML's instead, so the stream is pointed at the null device meanwhile."""
    try:
        saved = os.dup(2)
    except OSError:  # no standard error stream at all
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class _Unusual(Exception):
    """The text needs PyYAML."""


_resolver = yaml.resolver.Resolver()
_IMPLICIT = (True, False)


def _resolve_plain(value: str, cache: dict[str, str]) -> str:
    tag = cache.get(value)
    if tag is None:
        tag = cache[value] = _resolver.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, value, _IMPLICIT
        )
    return tag


def compose_fast(text: str) -> Node | None:
    """The nodes of ``text`` by rapidyaml, or None when the text needs PyYAML."""
    if ryml is None or _BUFFER_OFFSET is None or _UNUSUAL.search(text):
        return None
    if _may_mark_nodes(text):  # before rapidyaml sees it: see _may_mark_nodes
        return None
    if text.startswith("%") or "\n%" in text:  # a directive
        return None
    source = text.encode("utf-8")
    if not source.strip():
        return None
    data = bytearray(source)  # rapidyaml unescapes and folds scalars in it, in place
    try:
        with _quiet_stderr():
            tree = ryml.parse_in_place(data)
    except Exception:  # rapidyaml's parse errors: PyYAML gives the located message
        return None
    try:
        return _Builder(tree, data, source, text).root()
    except _Unusual:
        return None


_VAL_QUOTED = ryml.VAL_SQUO | ryml.VAL_DQUO if ryml else 0
_KEY_QUOTED = ryml.KEY_SQUO | ryml.KEY_DQUO if ryml else 0
_VAL_BLOCK = ryml.VAL_LITERAL | ryml.VAL_FOLDED if ryml else 0
_ODD = (
    ryml.KEYANCH | ryml.VALANCH | ryml.KEYREF | ryml.VALREF | ryml.KEYTAG | ryml.VALTAG
    if ryml
    else 0
)
_KEY_STYLE = (ryml.KEY_PLAIN | _KEY_QUOTED) if ryml else 0
_VAL = ryml.VAL if ryml else 0
_FLOW = ryml.CONTAINER_STYLE_FLOW if ryml else 0
if ryml is not None:  # the wrapped functions themselves: a Python frame less for each call
    _type = ryml.ryml._ryml.Tree_type
    _key = ryml.ryml._ryml.Tree_key
    _val = ryml.ryml._ryml.Tree_val
    _first_child = ryml.ryml._ryml.Tree_first_child
    _next_sibling = ryml.ryml._ryml.Tree_next_sibling
_from_address = ctypes.c_size_t.from_address
_bisect = bisect.bisect_right
_VAL_STYLE = (ryml.VAL_PLAIN | _VAL_QUOTED | _VAL_BLOCK) if ryml else 0


class _Builder:
    """Walks a rapidyaml tree into light nodes, locating each from its offset in the buffer."""

    def __init__(self, tree: Any, data: bytearray, source: bytes, text: str) -> None:
        self.tree = tree
        self.data = source  # as written: what lies before a node is read from here
        self.start = ctypes.addressof(ctypes.c_char.from_buffer(data))
        self.size = len(data)
        self.ascii = len(source) == len(text)
        self.lines = [0, *(m.end() for m in re.finditer(b"\n", source))]
        self.tags: dict[str, str] = {}
        self.at = 0
        assert _BUFFER_OFFSET is not None
        self.pointer = _BUFFER_OFFSET

    def root(self) -> Node | None:
        tree = self.tree
        top = tree.root_id()
        kind = tree.type(top)
        if kind & ryml.STREAM == ryml.STREAM:
            if tree.num_children(top) != 1:
                raise _Unusual
            top = tree.first_child(top)
            kind = tree.type(top)
        if kind & ryml.DOC and not kind & (ryml.MAP | ryml.SEQ):
            raise _Unusual  # a document of one scalar: rare, and PyYAML's nodes are the rule
        return self.node(top, kind, 0)

    # --- positions -----------------------------------------------------------------------

    def place(self, offset: int) -> tuple[int, int]:
        line = _bisect(self.lines, offset)
        start = self.lines[line - 1]
        if self.ascii:
            return line, offset - start + 1
        return line, len(self.data[start:offset].decode("utf-8", "replace")) + 1

    def back_to(self, offset: int, marks: bytes) -> int:
        """The offset of the indicator (one of ``marks``) before ``offset``, across blanks."""
        data = self.data
        at = offset - 1
        while at >= 0 and data[at] in b" \n":
            at -= 1
        if at < 0 or data[at] not in marks:
            raise _Unusual
        return at

    def block_key(self, offset: int) -> int:
        """``offset``, the first key of a block mapping, which starts a line or follows the
        ``-`` of a sequence item; any other (an explicit ``?`` key) goes to PyYAML."""
        data = self.data
        at = offset - 1
        while at >= 0 and data[at] == 0x20:
            at -= 1
        if at >= 0 and data[at] not in b"\n-":
            raise _Unusual
        return offset

    # --- nodes ---------------------------------------------------------------------------

    def block_indicator(self, offset: int) -> int:
        """The ``|`` or ``>`` of a block scalar whose text starts at ``offset``."""
        data = self.data
        at = offset - 1
        while at >= 0 and data[at] == 0x20:
            at -= 1
        if at < 0 or data[at] != 0x0A:
            raise _Unusual
        at -= 1
        while at >= 0 and data[at] in b"+-0123456789 ":
            at -= 1
        if at < 0 or data[at] not in b"|>":
            raise _Unusual
        return at

    def scalar(self, view: memoryview | None, kind: int, quoted: int, block: int) -> Node:
        """A scalar node; its offset is kept in ``self.at``."""
        if view is None:
            raise _Unusual
        value = str(view, "utf-8")
        at = _from_address(id(view) + self.pointer).value - self.start
        if not 0 <= at <= self.size:
            raise _Unusual  # the scalar was moved out of the buffer (an escape that grew)
        if kind & quoted:
            at -= 1
            tag = STR
        elif kind & block:
            at = self.block_indicator(at)
            tag = STR
        elif value and value[0] not in "?:":  # libyaml takes those for indicators in flow
            tag = self.tags.get(value) or _resolve_plain(value, self.tags)
        else:
            raise _Unusual  # an empty value, or one libyaml may read otherwise
        self.at = at
        line = _bisect(self.lines, at)
        if self.ascii:
            return ScalarNode(tag, value, line, at - self.lines[line - 1] + 1)
        return ScalarNode(tag, value, *self.place(at))

    def node(self, index: int, kind: int, depth: int) -> Node:
        """The value of node ``index`` (whose key, if any, the caller reads); its offset is
        kept in ``self.at``."""
        if kind & _ODD or depth > MAX_DEPTH:
            raise _Unusual
        tree = self.tree
        scalar = self.scalar
        none = ryml.NONE
        first = -1
        if kind & ryml.MAP:
            pairs: list[tuple[Node, Node]] = []
            child = _first_child(tree, index)
            while child != none:
                child_kind = _type(tree, child)
                if child_kind & _ODD or not child_kind & _KEY_STYLE:
                    raise _Unusual
                key = scalar(_key(tree, child), child_kind, _KEY_QUOTED, 0)
                if first < 0:
                    first = self.at
                if child_kind & _VAL:
                    value = scalar(_val(tree, child), child_kind, _VAL_QUOTED, _VAL_BLOCK)
                else:
                    value = self.node(child, child_kind, depth + 1)
                pairs.append((key, value))
                child = _next_sibling(tree, child)
            if first < 0:
                raise _Unusual  # an empty mapping
            at = self.back_to(first, b"{") if kind & _FLOW else self.block_key(first)
            self.at = at
            return MappingNode(MAP, pairs, *self.place(at))
        if kind & ryml.SEQ:
            items: list[Node] = []
            child = _first_child(tree, index)
            while child != none:
                child_kind = _type(tree, child)
                if child_kind & _VAL:
                    if child_kind & _ODD or not child_kind & _VAL_STYLE:
                        raise _Unusual
                    items.append(scalar(_val(tree, child), child_kind, _VAL_QUOTED, _VAL_BLOCK))
                else:
                    items.append(self.node(child, child_kind, depth + 1))
                if first < 0:
                    first = self.at
                child = _next_sibling(tree, child)
            if first < 0:
                raise _Unusual  # an empty sequence
            at = self.back_to(first, b"[" if kind & _FLOW else b"-")
            self.at = at
            return SequenceNode(SEQ, items, *self.place(at))
        raise _Unusual

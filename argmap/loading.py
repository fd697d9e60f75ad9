"""Reading maps: YAML text to :class:`~argmap.model.ArgumentMap`, with every node located.

The YAML is composed into nodes by PyYAML (with libyaml where it is built), never constructed
into Python objects, so no tag can run code; the nodes are walked against the format. The
positions of the nodes are kept *beside* the model, in :attr:`Loaded.positions`, keyed by the
path of each value; checks report paths and the positions turn them into lines and columns.

Every problem found is collected; nothing is raised until the whole file has been read.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import os
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import Any, Protocol, TypeVar

import attrs
import yaml

from argmap.bulk import paused_gc
from argmap.diagnostics import Diagnostic, Path, did_you_mean
from argmap.fields import CLAIM_FIELDS, LINK_FIELDS, RELATIONS, SOURCE_FIELDS, TOP_FIELDS
from argmap.files import open_to_read
from argmap.marks import may_mark_nodes
from argmap.model import (
    ID_PATTERN,
    MAX_ID_LENGTH,
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

try:  # libyaml's parser, when PyYAML was built with it; the pure-Python one otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Node = yaml.Node
ScalarNode = yaml.ScalarNode
SequenceNode = yaml.SequenceNode
MappingNode = yaml.MappingNode

SUPPORTED_VERSIONS = (1,)

MAX_BYTES = 16 * 2**20
"""The largest map file read (16 MiB, some 130,000 claims); a larger one is refused at once
with ``limit-exceeded``. Nesting is limited by the YAML parser to about 1,000 levels."""


_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR, _NULL, _INT, _BOOL = _TAG + "str", _TAG + "null", _TAG + "int", _TAG + "bool"


def _integer(text: str) -> int:
    """A scalar resolved as an integer, read as PyYAML reads it (``0x1F``, ``017``, ``1_0``,
    ``1:30``: forms Python's ``int`` does not take)."""
    node = yaml.ScalarNode(_INT, text)
    return int(yaml.constructor.SafeConstructor().construct_yaml_int(node))


def _version(text: str) -> int | None:
    """The format version typed, or None for a number too long to be one (Python refuses to
    convert integers of thousands of digits)."""
    if len(text) > 20:
        return None
    return _integer(text)


Positions = dict[Path, tuple[int, int]]
Place = tuple[int, int]


class _Mark(Protocol):
    """A place in the text as the YAML parser gives it (PyYAML's and libyaml's marks): 0-based."""

    line: int
    column: int
    index: int


Placer = Callable[[_Mark], Place]
T = TypeVar("T")
A = TypeVar("A")


def _maker(cls: type[A]) -> Callable[..., A]:  # A is an attrs class
    """Builds instances of a frozen attrs class from values the reader has already checked,
    without the validators and converters (which would check them again, and dominate the time
    of reading a large map). Fields not given take their defaults."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    names = tuple(field.name for field in fields)
    defaults = {field.name: field.default for field in fields}
    new, set_field = object.__new__, object.__setattr__

    def make(**values: object) -> A:
        made = new(cls)
        for name in names:
            set_field(made, name, values[name] if name in values else defaults[name])
        return made

    return make


_claim = _maker(Claim)
_link = _maker(Link)
_RELATIONS = {relation.value: relation for relation in Relation}


@attrs.frozen
class Loaded:
    """The outcome of reading one map: the model (if one could be built) and what was found."""

    map: ArgumentMap | None
    """The map, built from the valid parts of the file; None when nothing could be built."""
    positions: Mapping[Path, Place]
    """Line and column (1-based) of each value, keyed by its path; of each claim's id key. For
    a map read quickly (see :mod:`argmap.quickload`), taken from the text when first asked."""
    diagnostics: tuple[Diagnostic, ...]
    """Problems found while reading, all located."""
    file: str | None = None
    text: str = ""
    unresolved: frozenset[str] = frozenset()
    """Ids of claims and links that were dropped for errors: references to them are not reported."""

    @property
    def ok(self) -> bool:
        return self.map is not None and not any(d.is_error for d in self.diagnostics)

    @functools.cached_property
    def lines(self) -> list[str]:
        """The text's lines as editors count them (:func:`editor_lines`), split once."""
        return editor_lines(self.text) if self.text else []


def _mark_place(mark: _Mark) -> Place:
    """Line and column (1-based) of a mark, as the YAML parser counts them."""
    return mark.line + 1, mark.column + 1


_EDITOR_BREAK = re.compile(r"\r\n?|\n")
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")
"""NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR: line breaks to YAML 1.1, not to editors."""


def editor_lines(text: str) -> list[str]:
    """The lines of a text as editors count them: split at LF, CRLF and CR only (not at the
    other breaks that ``str.splitlines`` and YAML know)."""
    return _EDITOR_BREAK.split(text)


class EditorPlaces:
    """Line and column of a character offset, as editors count lines (see :func:`editor_lines`);
    used for texts where the YAML parser's own count would differ."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(found.end() for found in _EDITOR_BREAK.finditer(text))]

    def of_index(self, index: int) -> Place:
        line = bisect.bisect_right(self._starts, index) - 1
        return line + 1, index - self._starts[line] + 1

    def of_mark(self, mark: _Mark) -> Place:
        return self.of_index(mark.index)


def _placer(text: str) -> Placer:
    """How to place a mark of the parser in ``text``: by its own line and column unless the
    text holds a break that YAML counts and editors do not."""
    if any(brk in text for brk in _YAML_ONLY_BREAKS):
        return EditorPlaces(text).of_mark
    return _mark_place


def _describe(node: Node) -> str:
    """What a node is, in words, for 'found ...' in messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing (null)"
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    kinds = {_INT: "the integer", _BOOL: "the boolean", _TAG + "float": "the number"}
    if node.tag in kinds:
        return f"{kinds[node.tag]} {value}"
    if node.tag == _TAG + "timestamp":
        return f"the date {value}"
    return f"the string {value!r}"


class _Reader:
    """Walks the composed nodes of one document, building the model and collecting diagnostics."""

    def __init__(
        self,
        file: str | None,
        place: Placer = _mark_place,
        tagged: Mapping[tuple[int, type[Node]], str] | None = None,
        *,
        may_alias: bool = True,
        consume: bool = False,
    ) -> None:
        self.file = file
        self.place = place
        self.tagged = tagged or {}
        """Tags written out in the text (``!!str``), by the offset and kind of their node: the
        composed node does not tell them from the tags the parser resolves."""
        self.diagnostics: list[Diagnostic] = []
        self.positions: Positions = {}
        self.unresolved: set[str] = set()
        self.seen_nodes: set[int] | None = set() if may_alias else None
        """The nodes met, to tell an alias (a node met twice); None for a text without one."""
        self.aliased = False
        self.consume = consume
        """Whether the claims and links are let go of as they are read (the nodes of a large
        map take more memory than its model)."""

    def where(self, node: Node) -> Place:
        return self.place(node.start_mark)

    # --- reporting ----------------------------------------------------------------------

    def report(self, code: str, message: str, node: Node | None, hint: str | None = None) -> None:
        line, column = self.where(node) if node is not None else (1, 1)
        self.diagnostics.append(
            Diagnostic.error(code, message, hint=hint).locate({(): (line, column)}, self.file)
        )

    def wrong_type(self, what: str, expected: str, node: Node) -> None:
        self.report("wrong-type", f"{what} must be {expected}, found {_describe(node)}", node)

    # --- generic shapes -----------------------------------------------------------------

    def _entries(self, node: MappingNode | SequenceNode) -> Iterator[Any]:
        """The items of a node's value, in turn; when consuming, each let go of once read."""
        items = node.value
        if not self.consume:
            yield from items
            return
        for index in range(len(items)):
            item = items[index]
            items[index] = None
            yield item
        items.clear()

    def _tag_ok(self, node: Node, what: str) -> bool:
        seen = self.seen_nodes
        if seen is not None:
            if id(node) in seen:
                self.aliased = True  # reported where each alias stands, by report_aliases()
                return False
            seen.add(id(node))
        allowed = (
            _SCALAR_TAGS
            if isinstance(node, ScalarNode)
            else {_TAG + "seq"}
            if isinstance(node, SequenceNode)
            else {_TAG + "map"}
        )
        written = self.tagged.get((node.start_mark.index, type(node))) if self.tagged else None
        if written is not None or node.tag not in allowed:
            tag = (written or node.tag).replace(_TAG, "!!")
            self.report(
                "wrong-type",
                f"{what or 'a value'} has the tag '{tag}'; maps take no YAML tags",
                node,
                "remove the tag",
            )
            return False
        return True

    def mapping(
        self, node: Node, what: str, fields: tuple[str, ...], path: Path
    ) -> dict[str, tuple[Node, Node]] | None:
        """The entries of a mapping node with known keys; unknown and repeated keys reported."""
        if not self._tag_ok(node, what):
            return None
        if not isinstance(node, MappingNode):
            self.wrong_type(what, "a mapping", node)
            return None
        entries: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag == _NULL:
                self.wrong_type(f"a key in {what}", "a field name", key)
                continue
            name = key.value
            if name not in fields:
                self.report(
                    "unknown-field",
                    f"{what} has no field '{name}' (fields: {', '.join(fields)})",
                    key,
                    did_you_mean(name, fields),
                )
                continue
            if name in entries:
                first = self.where(entries[name][0])[0]
                self.report(
                    "duplicate-id",
                    f"{what} has the field '{name}' twice",
                    key,
                    f"the first is on line {first}; remove one",
                )
                continue
            entries[name] = (key, value)
            self.positions[(*path, name)] = self.where(value)
        return entries

    def text(self, node: Node, what: str, *, allow_empty: bool = False) -> str | None:
        """A scalar's text as written; numbers, booleans and dates are taken as the text typed."""
        if not self._tag_ok(node, what):
            return None
        if not isinstance(node, ScalarNode):
            self.wrong_type(what, "a string", node)
            return None
        if node.tag == _NULL:
            self.wrong_type(what, "a string", node)
            return None
        if not allow_empty and not node.value.strip():
            self.report(
                "wrong-type", f"{what} must be a non-empty string, found an empty one", node
            )
            return None
        return str(node.value)

    def ident(self, node: Node, what: str) -> str | None:
        if not self._tag_ok(node, what):
            return None
        if not isinstance(node, ScalarNode) or node.tag == _NULL:
            self.wrong_type(what, "an id", node)
            return None
        if len(node.value) > MAX_ID_LENGTH and ID_PATTERN.match(node.value):
            self.report(
                "wrong-type",
                f"{what} must be an id of at most {MAX_ID_LENGTH} characters, found one of "
                f"{len(node.value):,}",
                node,
                "ids are short names; the claim's words belong in its text",
            )
            return None
        if not ID_PATTERN.fullmatch(node.value):
            self.report(
                "wrong-type",
                f"{what} must be an id (letters, digits, '_', '.', '-', starting with a letter "
                f"or digit), found {node.value!r}",
                node,
            )
            return None
        return str(node.value)

    def reference(self, node: Node, what: str) -> str | None:
        """A reference to a claim of another map: ``STEM#CLAIM-ID``."""
        if not self._tag_ok(node, what):
            return None
        if not isinstance(node, ScalarNode) or node.tag == _NULL:
            self.wrong_type(what, "a reference STEM#CLAIM-ID", node)
            return None
        if not REF_PATTERN.fullmatch(node.value):
            self.report(
                "wrong-type",
                f"{what} must be a reference STEM#CLAIM-ID (a map's file name without .yaml, "
                f"'#', a claim id), found {node.value!r}",
                node,
                "for example 'hanoi-walkout-leverage#us-regained-leverage'",
            )
            return None
        return str(node.value)

    def one_or_many(
        self,
        node: Node,
        what: str,
        path: Path,
        item: Callable[[Node, str], T | None],
    ) -> list[T] | None:
        """A scalar or a list of scalars, each read by ``item``; positions of list items kept."""
        if isinstance(node, MappingNode):
            if self._tag_ok(node, what):
                self.wrong_type(what, "one value or a list of values", node)
            return None
        if isinstance(node, SequenceNode):
            if not self._tag_ok(node, what):
                return None
            items: list[T] = []
            ok = True
            for index, child in enumerate(node.value):
                self.positions[(*path, index)] = self.where(child)
                value = item(child, f"item {index + 1} of {what}")
                if value is None:
                    ok = False
                else:
                    items.append(value)
            return items if ok else None
        value = item(node, what)
        if value is None:
            return None
        self.positions[(*path, 0)] = self.where(node)
        return [value]

    # --- the format -----------------------------------------------------------------------

    def document(self, root: Node | None) -> ArgumentMap | None:
        if root is None:
            self.report(
                "missing-field",
                "the map is empty; it needs at least 'argmap: 1' and 'claims'",
                None,
            )
            return None
        top = self.mapping(root, "the map", TOP_FIELDS, ())
        if top is None:
            return None
        self.positions[()] = (1, 1)

        if "argmap" not in top:
            self.report(
                "missing-field",
                "the map has no 'argmap' field (the format version)",
                root,
                "add 'argmap: 1' as the first line",
            )
        else:
            version = top["argmap"][1]
            if not isinstance(version, ScalarNode) or version.tag != _INT:
                self.wrong_type("'argmap' (the format version)", "the integer 1", version)
            elif _version(version.value) not in SUPPORTED_VERSIONS:
                shown = version.value if len(version.value) <= 20 else version.value[:17] + "..."
                self.report(
                    "unsupported-version",
                    f"format version {shown} is not one this release reads (it reads 1)",
                    version,
                )
                return None

        title = self.text(top["title"][1], "'title'") if "title" in top else None
        description = (
            self.text(top["description"][1], "'description'") if "description" in top else None
        )
        source = self.source(top["source"][1]) if "source" in top else None
        thesis: list[str] = []
        if "thesis" in top:
            thesis = self.one_or_many(top["thesis"][1], "'thesis'", ("thesis",), self.ident) or []

        if "claims" not in top:
            self.report("missing-field", "the map has no 'claims' field", root)
            claims = None
        else:
            claims = self.claims(top["claims"][1])
        links = self.links(top["links"][1]) if "links" in top else []
        expect = self.expectations(top["expect"][1]) if "expect" in top else []
        if claims is None:
            return None
        return ArgumentMap(
            claims=claims,
            links=links,
            expect=expect,
            thesis=thesis,
            title=title,
            description=description,
            source=source,
        )

    def expectations(self, node: Node) -> list[Expectation]:
        """``expect:``: semantics -> (claim or link id -> in / out / undecided)."""
        by_semantics = self.mapping(node, "'expect'", SEMANTICS_NAMES, ("expect",))
        found: list[Expectation] = []
        for semantics, (_key, inner) in (by_semantics or {}).items():
            what = f"'expect' for {semantics} semantics"
            if not self._tag_ok(inner, what):
                continue
            if not isinstance(inner, MappingNode):
                self.wrong_type(what, "a mapping of claim ids to in, out or undecided", inner)
                continue
            seen: dict[str, int] = {}
            for key, value in inner.value:
                item = self.ident(key, f"an id in {what}")
                if item is None:
                    continue
                if item in seen:
                    self.report(
                        "duplicate-id",
                        f"{what} names '{item}' twice",
                        key,
                        f"the first is on line {seen[item]}; remove one",
                    )
                    continue
                seen[item] = self.where(key)[0]
                self.positions[("expect", semantics, item)] = self.where(key)
                status = self.text(value, f"the expected status of '{item}'")
                if status is None:
                    continue
                if status not in STATUSES:
                    self.report(
                        "wrong-type",
                        f"the expected status of '{item}' must be in, out or undecided, "
                        f"found {status!r}",
                        value,
                        did_you_mean(status, STATUSES),
                    )
                    continue
                found.append(Expectation(semantics, item, status))
        return found

    def source(self, node: Node) -> Source | None:
        entries = self.mapping(node, "'source'", SOURCE_FIELDS, ("source",))
        if entries is None:
            return None
        values = {}
        for name, (_key, value) in entries.items():
            text = self.text(value, f"'{name}' of the source")
            if text is not None:
                values[name] = text
        return Source(**values)

    def claims(self, node: Node) -> list[Claim] | None:
        if not isinstance(node, MappingNode):
            self.wrong_type("'claims'", "a mapping of claim ids to claims", node)
            return None
        if not self._tag_ok(node, "'claims'"):
            return None
        if not node.value:
            self.report("wrong-type", "'claims' must hold at least one claim, found none", node)
        claims: list[Claim] = []
        first_line: dict[str, int] = {}
        for key, value in self._entries(node):
            claim_id = self.ident(key, "a claim id")
            if claim_id is None:
                continue
            if claim_id in first_line:
                self.report(
                    "duplicate-id",
                    f"claim '{claim_id}' is defined twice",
                    key,
                    f"the first is on line {first_line[claim_id]}; give this one another id",
                )
                continue
            first_line[claim_id] = self.where(key)[0]
            path: Path = ("claims", claim_id)
            self.positions[path] = self.where(key)
            claim = self.claim(claim_id, value, path)
            if claim is None:
                self.unresolved.add(claim_id)
            else:
                claims.append(claim)
        return claims

    def claim(self, claim_id: str, node: Node, path: Path) -> Claim | None:
        what = f"claim '{claim_id}'"
        if isinstance(node, ScalarNode) and node.tag != _NULL:
            text = self.text(node, f"the text of {what}")
            self.positions[(*path, "text")] = self.where(node)
            return _claim(id=claim_id, text=text) if text is not None else None
        if isinstance(node, ScalarNode):
            self.report(
                "missing-field",
                f"{what} has no text",
                node,
                "write the text after the id, or give a mapping with 'text'",
            )
            return None
        entries = self.mapping(node, what, CLAIM_FIELDS, path)
        if entries is None:
            return None
        if "text" not in entries and "ref" not in entries:
            self.report("missing-field", f"{what} has no 'text'", node)
            return None
        text = self.text(entries["text"][1], f"'text' of {what}") if "text" in entries else None
        fields: dict[str, object] = {}
        ok = True
        if "ref" in entries:
            ref = self.reference(entries["ref"][1], f"'ref' of {what}")
            ok = ref is not None
            fields["ref"] = ref
        if "same" in entries:
            same = self.one_or_many(
                entries["same"][1], f"'same' of {what}", (*path, "same"), self.reference
            )
            if same is not None:
                fields["same"] = tuple(same)
        for name in ("by", "note", "url"):
            if name in entries:
                value = self.text(entries[name][1], f"'{name}' of {what}")
                if value is not None:
                    fields[name] = value
        for name in ("quote", "tags"):
            if name in entries:
                values = self.one_or_many(
                    entries[name][1], f"'{name}' of {what}", (*path, name), self.text
                )
                if values is not None:
                    fields[name] = tuple(values)
        if "implicit" in entries:
            flag = entries["implicit"][1]
            what_flag = f"'implicit' of {what}"
            if isinstance(flag, ScalarNode) and flag.tag == _BOOL and self._tag_ok(flag, what_flag):
                fields["implicit"] = flag.value.lower() in ("true", "yes", "on", "y")
            else:
                self.wrong_type(f"'implicit' of {what}", "true or false", flag)
        if (text is None and "text" in entries) or not ok:
            return None
        return _claim(id=claim_id, text=text, **fields)

    def links(self, node: Node) -> list[Link]:
        if not isinstance(node, SequenceNode):
            self.wrong_type("'links'", "a list of links", node)
            return []
        if not self._tag_ok(node, "'links'"):
            return []
        links: list[Link] = []
        for index, item in enumerate(self._entries(node)):
            # Positions are kept under the index the link will have in the model, which differs
            # from its index in the file once an earlier link has been dropped for errors.
            path: Path = ("links", len(links))
            saved, self.positions = self.positions, {path: self.where(item)}
            link = self.link(index, item, path)
            found, self.positions = self.positions, saved
            if link is not None:
                self.positions.update(found)
                links.append(link)
        return links

    def link(self, index: int, node: Node, path: Path) -> Link | None:
        what = f"link {index + 1}"
        entries = self.mapping(node, what, LINK_FIELDS, path)
        if entries is None:
            return None
        link_id = self.ident(entries["id"][1], f"'id' of {what}") if "id" in entries else None
        if link_id is not None:
            what = f"link '{link_id}'"
        relations = [name for name in RELATIONS if name in entries]
        ok = True
        if "from" not in entries:
            self.report("missing-field", f"{what} has no 'from' (its premises)", node)
            ok = False
        if not relations:
            self.report(
                "missing-field",
                f"{what} has no relation: it needs one of 'supports', 'attacks', 'contradicts'",
                node,
            )
            ok = False
        elif len(relations) > 1:
            second = entries[relations[1]][0]
            self.report(
                "wrong-type",
                f"{what} has two relations ('{relations[0]}' and '{relations[1]}'); "
                "a link has exactly one",
                second,
                "split it into two links",
            )
            ok = False
        premises = None
        if "from" in entries:
            premises = self.one_or_many(
                entries["from"][1], f"'from' of {what}", (*path, "from"), self.ident
            )
            if premises is not None and not premises:
                self.wrong_type(
                    f"'from' of {what}", "a claim id or a list of claim ids", entries["from"][1]
                )
                premises = None
        target = None
        if relations:
            name = relations[0]
            target = self.ident(entries[name][1], f"'{name}' of {what}")
            if name == "contradicts" and premises is not None and len(premises) > 1:
                self.report(
                    "wrong-type",
                    f"'from' of {what} must be a single claim id for 'contradicts', "
                    f"found a list of {len(premises)}",
                    entries["from"][1],
                    "contradicts takes one claim on each side; write one link per pair",
                )
                ok = False
        fields = {}
        for name in ("scheme", "note"):
            if name in entries:
                value = self.text(entries[name][1], f"'{name}' of {what}")
                if value is not None:
                    fields[name] = value
        if not ok or premises is None or target is None or ("id" in entries and link_id is None):
            if link_id is not None:
                self.unresolved.add(link_id)
            return None
        return _link(
            premises=tuple(premises),
            relation=_RELATIONS[relations[0]],
            target=target,
            id=link_id,
            **fields,
        )


def _alias_diagnostics(text: str, file: str | None, place: Placer) -> list[Diagnostic]:
    """One diagnostic at each alias (``*name``) in the text; run only when aliases were met."""
    found = []
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None:
            found.append(
                Diagnostic.error(
                    "wrong-type",
                    f"the alias '*{event.anchor}' repeats another value; maps take no YAML aliases",
                    hint="write the value out where it is needed",
                ).locate({(): place(mark)}, file)
            )
    return found


_NODE_OF_EVENT: dict[type[yaml.Event], type[Node]] = {
    yaml.ScalarEvent: ScalarNode,
    yaml.SequenceStartEvent: SequenceNode,
    yaml.MappingStartEvent: MappingNode,
}


def _written_tags(text: str) -> dict[tuple[int, type[Node]], str]:
    """The tags written out in a text that composes, keyed as :attr:`_Reader.tagged` is."""
    found = {}
    for event in yaml.parse(text, Loader=_Loader):
        tag = getattr(event, "tag", None)
        if tag is not None:
            index = event.start_mark.index if event.start_mark is not None else -1
            found[(index, _NODE_OF_EVENT[type(event)])] = tag
    return found


_SURROGATE_PAIR = re.compile(r"(\\+)u(d[89ab][0-9a-f]{2}\\u)(d[c-f][0-9a-f]{2})", re.IGNORECASE)
_STAND_IN_ESCAPE = re.compile(r"\\u(e[89a-f][0-9a-f]{2}\\u)(e[c-f][0-9a-f]{2})", re.IGNORECASE)
_STAND_IN = re.compile("[\ue800-\uefff]")
_STAND_IN_PAIR = re.compile("([\ue800-\uebff])([\uec00-\uefff])")
_TO_STAND_IN, _FROM_STAND_IN = str.maketrans("dD", "eE"), str.maketrans("eE", "dD")


def _pairs_stood_in(text: str) -> str | None:
    """The text with each surrogate pair escape (``\\ud83d\\ude00``, as JSON writes characters
    outside the BMP) turned into escapes that libyaml takes, of private-use characters standing
    in for the two halves (``\\ue83d\\uee00``: the same length, so every place in the text
    stays). None when the text has no such pairs, or already holds such characters or escapes
    (then the pairs are left for the parser to refuse)."""
    if "\\u" not in text or _STAND_IN.search(text) or _STAND_IN_ESCAPE.search(text):
        return None
    changed = False

    def stand_in(found: re.Match[str]) -> str:
        nonlocal changed
        slashes, high, low = found.groups()
        if len(slashes) % 2 == 0:  # the backslash is itself escaped: no escape follows
            return found.group()
        changed = True
        return f"{slashes}u{_first_swapped(high, _TO_STAND_IN)}{_first_swapped(low, _TO_STAND_IN)}"

    stood_in = _SURROGATE_PAIR.sub(stand_in, text)
    return stood_in if changed else None


def _put_pairs_back(root: Node) -> None:
    """Undo :func:`_pairs_stood_in` in composed nodes: in double-quoted scalars, where the
    escapes were read, each stand-in pair becomes the character the pair encodes; in others,
    where a backslash is just a backslash, the escapes are written back as they were."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style == '"':
                node.value = _STAND_IN_PAIR.sub(_joined, node.value)
            elif "\\u" in node.value:
                node.value = _STAND_IN_ESCAPE.sub(_written_back, node.value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        else:
            stack.extend(child for pair in node.value for child in pair)


def _joined(found: re.Match[str]) -> str:
    high, low = (ord(half) for half in found.groups())
    return chr(0x10000 + ((high - 0xE800) << 10) + (low - 0xEC00))


def _written_back(found: re.Match[str]) -> str:
    high, low = found.groups()
    return f"\\u{_first_swapped(high, _FROM_STAND_IN)}{_first_swapped(low, _FROM_STAND_IN)}"


def _first_swapped(hexes: str, table: dict[int, int]) -> str:
    return hexes[0].translate(table) + hexes[1:]


def _long_key_before(text: str, index: int) -> bool:
    """Whether the text before ``index`` on its line is longer than YAML takes for a key (the
    parser then says that a mapping value is not allowed there, or that no ':' was found)."""
    return index - (text.rfind("\n", 0, index) + 1) > 1024 and text[index : index + 1] == ":"


def _syntax_error(
    error: yaml.YAMLError,
    file: str | None,
    text: str = "",
    place: Placer = _mark_place,
) -> Diagnostic:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        context_line, context_column = place(context_mark)
        context = f"{context} (at line {context_line}, column {context_column})"
    message = f"{context}, {problem}" if context else str(problem)
    line, column = place(mark) if mark is not None else (1, 1)
    at = text[mark.index] if mark is not None and mark.index < len(text) else ""
    hint = None
    if context and "increasing" in context and "level" in context:
        hint = "the YAML is nested too deeply; a map needs no more than five levels"
    elif "\\t" in message or "tab" in message or at == "\t":
        hint = "YAML indents with spaces, not tabs: replace the tabs with spaces"
    elif mark is not None and _long_key_before(text, mark.index):
        hint = "YAML takes keys of at most 1024 characters; ids are short names"
    elif "escape code" in str(problem) and mark is not None:
        escape = re.match(r"\\u(d[89a-f][0-9a-f]{2})", text[mark.index - 2 : mark.index + 4], re.I)
        if escape is not None:
            message = (
                f"the escape '{escape.group()}' in double quotes is half of a UTF-16 surrogate "
                "pair, without its other half"
            )
            column -= 2
            hint = "write the character itself, or its code point as \\UXXXXXXXX"
    return Diagnostic.error("yaml-syntax", f"not valid YAML: {message}", hint=hint).locate(
        {(): (line, column)}, file
    )


class PositionsOnDemand(Mapping[Path, Place]):
    """The positions of a valid map's values, found by the located reader when first needed:
    a valid map needs them only for warnings, and most maps have none."""

    def __init__(self, text: str, file: str | None) -> None:
        self._text = text
        self._file = file

    @cached_property
    def _table(self) -> Mapping[Path, Place]:
        return _located(self._text, self._file).positions

    def __getitem__(self, path: Path) -> Place:
        return self._table[path]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self._table)!r})"


def _too_large(size: int, file: str | None, imported: bool = False) -> Loaded:
    limit = MAX_BYTES // 2**20
    if imported:  # the words of argmap.formats.refusal, for a file of another format
        message = f"the file is {size / 2**20:.1f} MiB; argmap imports files of up to {limit} MiB"
        hint = "split it into several files"
    else:
        message = f"the map is {size / 2**20:.1f} MiB; argmap reads maps of up to {limit} MiB"
        hint = "split it into several maps"
    diag = Diagnostic.error("limit-exceeded", message, hint=hint)
    return Loaded(None, {}, (diag.locate({}, file),), file)


def parse(text: str, file: str | None = None) -> Loaded:
    """Read a map from text, collecting every diagnostic; never raises for bad input."""
    return _parse_text(text, file, None)


def _parse_text(text: str, file: str | None, encoded: bytes | None) -> Loaded:
    """:func:`parse`, given the text's UTF-8 bytes too when the caller has them."""
    if len(text) > MAX_BYTES:  # characters: at least as many bytes
        return _too_large(len(text.encode("utf-8", "replace")), file)
    if text.startswith("\ufeff"):
        text = text[1:]
        encoded = None
    with paused_gc():
        return _parse(text, file, encoded)


QUICK_FROM = 256 * 2**10
"""Texts of at least this many characters are first offered to the quick reader
(:mod:`argmap.quickload`, installed with ``pip install 'argmap[fast]'``); smaller ones are read
faster than its modules import."""


@functools.cache
def _quick_reader() -> Callable[[str, bytes | None], ArgumentMap | None] | None:
    """The quick reader's entry point, or None when its libraries are not installed."""
    try:
        from argmap.quickload import read_quickly
    except ImportError:
        return None
    return read_quickly


def _parse(text: str, file: str | None, encoded: bytes | None = None) -> Loaded:
    if len(text) >= QUICK_FROM:
        quick_reader = _quick_reader()
        quick = quick_reader(text, encoded) if quick_reader is not None else None
        if quick is not None:
            return Loaded(quick, PositionsOnDemand(text, file), (), file, text)
    return _located(text, file)


def _located(text: str, file: str | None) -> Loaded:
    """The located reader: every value's position kept, every problem reported."""
    place = _placer(text)
    stood_in = _pairs_stood_in(text)
    parsed = text if stood_in is None else stood_in
    try:
        root = yaml.compose(parsed, Loader=_Loader)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow; no mark
        code = error.character if isinstance(error.character, int) else ord(error.character)
        hint = "remove it, or write it as an escape inside double quotes"
        if code == 0 and text[1::2].count("\0") > len(text) // 4:
            hint = "the file looks like UTF-16 without a byte-order mark: save it as UTF-8"
        diag = Diagnostic.error(
            "yaml-syntax",
            f"not valid YAML: the character U+{code:04X} is not allowed in a YAML file",
            hint=hint,
        )
        where = EditorPlaces(text).of_index(error.position)
        return Loaded(None, {}, (diag.locate({(): where}, file),), file, text)
    except yaml.YAMLError as error:
        return Loaded(None, {}, (_syntax_error(error, file, parsed, place),), file, text)
    except RecursionError:
        diag = Diagnostic.error("yaml-syntax", "the YAML is nested too deeply to be a map")
        return Loaded(None, {}, (diag.locate({}, file),), file, text)
    if stood_in is not None and root is not None:
        _put_pairs_back(root)
    tagged = _written_tags(parsed) if may_mark_nodes(parsed, "!") else None
    reader = _Reader(file, place, tagged, may_alias=may_mark_nodes(parsed, "*"), consume=True)
    return _read_nodes(reader, root, text, parsed)


def from_node(root: Node | None, file: str | None = None, text: str = "") -> Loaded:
    """Read a map from composed YAML nodes: the walk of :func:`parse` after parsing. Readers of
    other syntaxes with the same document model (JSON) build PyYAML nodes carrying their own
    marks."""
    return _read_nodes(_Reader(file), root, text, text)


def _read_nodes(reader: _Reader, root: Node | None, text: str, parsed: str) -> Loaded:
    """The walk of ``root`` by ``reader``; ``parsed`` is the text as given to the parser."""
    model = reader.document(root)
    if reader.aliased:
        reader.diagnostics.extend(_alias_diagnostics(parsed, reader.file, reader.place))
    return Loaded(
        model,
        reader.positions,
        tuple(reader.diagnostics),
        reader.file,
        text,
        frozenset(reader.unresolved),
    )


_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(data: bytes, file: str | None = None) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a map file to text; invalid UTF-8 becomes a located ``yaml-syntax`` error."""
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            diag = Diagnostic.error(
                "yaml-syntax",
                f"the file is in {encoding} (it starts with a {encoding} byte-order mark); "
                "maps are read as UTF-8",
                hint="save the file as UTF-8",
            )
            return None, diag.locate({(): (1, 1)}, file)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        diag = Diagnostic.error(
            "yaml-syntax",
            f"the file is not valid UTF-8: byte 0x{data[error.start]:02x} cannot start a character",
            hint="save the file as UTF-8 (it may be in Latin-1 or another legacy encoding)",
        )
        return None, diag.locate({(): (line, column)}, file)


def read_limited(path: str | os.PathLike[str], *, imported: bool = False) -> bytes | Diagnostic:
    """The bytes of a file of at most :data:`MAX_BYTES`, or the located diagnostic saying why
    they cannot be had (unreadable, too large, a pipe that nothing writes to). Used for maps and
    (``imported``) for every file imported from another format."""
    file = os.fspath(path)
    try:
        with open_to_read(file) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return _too_large(size, file, imported).diagnostics[0]
            # As many bytes as the file holds and one more, to see whether it grew (a buffer
            # of the largest size allowed would be taken for every small map); a file that
            # grew, or a device, which has no size, is read on to the limit.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_BYTES + 1 - len(data))
    except OSError as error:
        reason = error.strerror or str(error)
        return Diagnostic.error("yaml-syntax", f"cannot read the file: {reason}").locate({}, file)
    if len(data) > MAX_BYTES:
        return _too_large(len(data), file, imported).diagnostics[0]
    return data


def read(path: str | os.PathLike[str]) -> Loaded:
    """Read a map file; an unreadable or undecodable file becomes a diagnostic too."""
    file = os.fspath(path)
    data = read_limited(file)
    if isinstance(data, Diagnostic):
        return Loaded(None, {}, (data,), file)
    text, problem = decode(data, file)
    if text is None:
        assert problem is not None
        return Loaded(None, {}, (problem,), file)
    # The quick reader parses the bytes as read, which are the text encoded (decode took a
    # byte order mark away): no second encoding of a large text.
    return _parse_text(text, file, data[3:] if data.startswith(codecs.BOM_UTF8) else data)

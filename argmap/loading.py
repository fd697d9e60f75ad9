"""Reading maps: YAML text to :class:`~argmap.model.ArgumentMap`, with every node located.

The YAML is composed into nodes by PyYAML (with libyaml where it is built), never constructed
into Python objects, so no tag can run code; the nodes are walked against the format. The
positions of the nodes are kept *beside* the model, in :attr:`Loaded.positions`, keyed by the
path of each value; checks report paths and the positions turn them into lines and columns.

Every problem found is collected; nothing is raised until the whole file has been read.
"""

from __future__ import annotations

import codecs
import functools
import os
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import TypeVar

import attrs
import yaml

from argmap.bulk import paused_gc
from argmap.diagnostics import Diagnostic, Path, did_you_mean
from argmap.fields import CLAIM_FIELDS, LINK_FIELDS, RELATIONS, SOURCE_FIELDS, TOP_FIELDS
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


Positions = dict[Path, tuple[int, int]]
Place = tuple[int, int]
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

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def _where(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


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

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.positions: Positions = {}
        self.unresolved: set[str] = set()
        self.seen_nodes: set[int] = set()
        self.aliased = False

    # --- reporting ----------------------------------------------------------------------

    def report(self, code: str, message: str, node: Node | None, hint: str | None = None) -> None:
        line, column = _where(node) if node is not None else (1, 1)
        self.diagnostics.append(
            Diagnostic.error(code, message, hint=hint).locate({(): (line, column)}, self.file)
        )

    def wrong_type(self, what: str, expected: str, node: Node) -> None:
        self.report("wrong-type", f"{what} must be {expected}, found {_describe(node)}", node)

    # --- generic shapes -----------------------------------------------------------------

    def _tag_ok(self, node: Node, what: str) -> bool:
        if id(node) in self.seen_nodes:
            self.aliased = True  # reported where each alias stands, by report_aliases()
            return False
        self.seen_nodes.add(id(node))
        allowed = (
            _SCALAR_TAGS
            if isinstance(node, ScalarNode)
            else {_TAG + "seq"}
            if isinstance(node, SequenceNode)
            else {_TAG + "map"}
        )
        if node.tag not in allowed:
            self.report(
                "wrong-type",
                f"{what} has the tag '{node.tag.replace(_TAG, '!!')}'; maps take no YAML tags",
                node,
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
                first = _line(entries[name][0])
                self.report(
                    "duplicate-id",
                    f"{what} has the field '{name}' twice",
                    key,
                    f"the first is on line {first}; remove one",
                )
                continue
            entries[name] = (key, value)
            self.positions[(*path, name)] = _where(value)
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
                self.positions[(*path, index)] = _where(child)
                value = item(child, f"item {index + 1} of {what}")
                if value is None:
                    ok = False
                else:
                    items.append(value)
            return items if ok else None
        value = item(node, what)
        if value is None:
            return None
        self.positions[(*path, 0)] = _where(node)
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
            elif _integer(version.value) not in SUPPORTED_VERSIONS:
                self.report(
                    "unsupported-version",
                    f"format version {version.value} is not one this release reads (it reads 1)",
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
                seen[item] = _line(key)
                self.positions[("expect", semantics, item)] = _where(key)
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
        for key, value in node.value:
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
            first_line[claim_id] = _line(key)
            path: Path = ("claims", claim_id)
            self.positions[path] = _where(key)
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
            self.positions[(*path, "text")] = _where(node)
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
            if isinstance(flag, ScalarNode) and flag.tag == _BOOL and self._tag_ok(flag, ""):
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
        for index, item in enumerate(node.value):
            # Positions are kept under the index the link will have in the model, which differs
            # from its index in the file once an earlier link has been dropped for errors.
            path: Path = ("links", len(links))
            saved, self.positions = self.positions, {path: _where(item)}
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


def _alias_diagnostics(text: str, file: str | None) -> list[Diagnostic]:
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
                ).locate({(): (mark.line + 1, mark.column + 1)}, file)
            )
    return found


def _syntax_error(error: yaml.YAMLError, file: str | None, text: str = "") -> Diagnostic:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        context = f"{context} (at line {context_mark.line + 1}, column {context_mark.column + 1})"
    message = f"{context}, {problem}" if context else str(problem)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    hint = None
    if context and "increasing" in context and "level" in context:
        hint = "the YAML is nested too deeply; a map needs no more than five levels"
    elif "\\t" in message or "tab" in message or _char_at(text, line, column) == "\t":
        hint = "YAML indents with spaces, not tabs: replace the tabs with spaces"
    return Diagnostic.error("yaml-syntax", f"not valid YAML: {message}", hint=hint).locate(
        {(): (line, column)}, file
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    if line - 1 < len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


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


def _too_large(size: int, file: str | None) -> Loaded:
    diag = Diagnostic.error(
        "limit-exceeded",
        f"the map is {size / 2**20:.1f} MiB; argmap reads maps of up to {MAX_BYTES // 2**20} MiB",
        hint="split it into several maps",
    )
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
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow; no mark
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        diag = Diagnostic.error(
            "yaml-syntax",
            f"not valid YAML: the character U+{code:04X} is not allowed in a YAML file",
            hint="remove it, or write it as an escape inside double quotes",
        )
        return Loaded(None, {}, (diag.locate({(): (line, column)}, file),), file, text)
    except yaml.YAMLError as error:
        return Loaded(None, {}, (_syntax_error(error, file, text),), file, text)
    except RecursionError:
        diag = Diagnostic.error("yaml-syntax", "the YAML is nested too deeply to be a map")
        return Loaded(None, {}, (diag.locate({}, file),), file, text)
    return from_node(root, file, text)


def from_node(root: Node | None, file: str | None = None, text: str = "") -> Loaded:
    """Read a map from composed YAML nodes: the walk of :func:`parse` after parsing. Readers of
    other syntaxes with the same document model (JSON) build PyYAML nodes carrying their own
    marks."""
    reader = _Reader(file)
    model = reader.document(root)
    if reader.aliased:
        reader.diagnostics.extend(_alias_diagnostics(text, file))
    return Loaded(
        model,
        reader.positions,
        tuple(reader.diagnostics),
        file,
        text,
        frozenset(reader.unresolved),
    )


def decode(data: bytes, file: str | None = None) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a map file to text; invalid UTF-8 becomes a located ``yaml-syntax`` error."""
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


def read(path: str | os.PathLike[str]) -> Loaded:
    """Read a map file; an unreadable or undecodable file becomes a diagnostic too."""
    file = os.fspath(path)
    try:
        with open(file, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return _too_large(size, file)
            # As many bytes as the file holds and one more, to see whether it grew (a buffer
            # of the largest size allowed would be taken for every small map); a file that
            # grew, or a device, which has no size, is read on to the limit.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_BYTES + 1 - len(data))
        if len(data) > MAX_BYTES:
            return _too_large(len(data), file)
    except OSError as error:
        diag = Diagnostic.error("yaml-syntax", f"cannot read the file: {error.strerror}")
        return Loaded(None, {}, (diag.locate({}, file),), file)
    text, problem = decode(data, file)
    if text is None:
        assert problem is not None
        return Loaded(None, {}, (problem,), file)
    # The quick reader parses the bytes as read, which are the text encoded (decode took a
    # byte order mark away): no second encoding of a large text.
    return _parse_text(text, file, data[3:] if data.startswith(codecs.BOM_UTF8) else data)

"""The quick reader: a map with nothing to report, read in bulk, with no positions taken.

Most maps a tool reads are valid; for them, positions are never needed. This reader parses
the text with rapidyaml, has rapidyaml write the tree as JSON into a buffer, reads that with
msgspec into the shape of the format (all in C: msgspec checks each value's type and refuses
unknown fields as it reads), and builds the model from those values. It answers only for texts it
is sure of: the map must be valid to the letter of :mod:`argmap.loading`, and every value must
be one PyYAML reads the same way. Anything else (an error to report, a scalar whose YAML type the
JSON hides, an anchor, a tag, a repeated key, a text rapidyaml and PyYAML could read apart)
gives None, and the located reader of :mod:`argmap.loading` takes the text.

What the JSON hides is whether a scalar was quoted: ``yes`` and ``'yes'`` both arrive as the
string ``"yes"``, though PyYAML reads the first as a boolean. So a string PyYAML *could* read
as another type, had it been written plain, is not taken here; nor is any number, boolean or
null except where the format asks for one (``argmap: 1``, ``implicit: true``). Repeated keys,
which the JSON reader would merge silently, are found by counting: rapidyaml's tree has
exactly one node more than the values read, unless a key was repeated.

:func:`read_quickly` is equal to the located reader on the texts it takes (tests/test_quickload.py
checks this on generated maps in many YAML layouts and on arbitrary texts).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import deque
from collections.abc import Callable, Iterator
from itertools import repeat
from operator import is_, itemgetter
from typing import Any

import msgspec
import ryml  # the 'fast' extra: argmap.loading imports this module only when it is installed
from msgspec import UNSET, UnsetType

from argmap.fields import CLAIM_FIELDS, LINK_FIELDS, SOURCE_FIELDS, TOP_FIELDS
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

_TOP = frozenset(TOP_FIELDS)
_SOURCE = frozenset(SOURCE_FIELDS)
_CLAIM = frozenset(CLAIM_FIELDS)
_LINK = frozenset(LINK_FIELDS)
_RELATIONS = {relation.value: relation for relation in Relation}
_STATUSES = frozenset(STATUSES)
_SEMANTICS = frozenset(SEMANTICS_NAMES)

_IDS = re.compile(rf"(?:{ID_PATTERN.pattern}\n)*")
"""Many ids at once: each followed by a line break (ids hold none)."""
_REFS = re.compile(rf"(?:{REF_PATTERN.pattern}\n)*")

_ALLOWED_BYTES = bytes(range(0x20, 0x7F)) + b"\n" + bytes(range(0x80, 0x100))
_UNUSUAL_UTF8 = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbf[\xbe\xbf]")
"""U+0080 to U+009F, U+2028, U+2029, U+FFFE and U+FFFF in UTF-8: with the control characters
outside ``_ALLOWED_BYTES`` (and surrogates, which do not encode), the characters that
the located reader must see (PyYAML refuses them or reads them as line breaks)."""


def _unusual(data: bytes) -> bool:
    """Whether the encoded text holds a character the located reader must see."""
    if data.translate(None, _ALLOWED_BYTES):
        return True
    return not data.isascii() and _UNUSUAL_UTF8.search(data) is not None


_AMBIGUOUS = frozenset(("~", "null", "Null", "NULL", "<<", "=", "!", "&", "*"))
"""Strings that, written plain, PyYAML reads as null or as a tag the format refuses; the JSON
does not say whether they were quoted. Numbers, booleans and dates written plain are read by
the located reader as the text typed, which is what the JSON holds, so they need no care."""
_REWRITTEN = frozenset((".inf", "-.inf", "+.inf", ".nan"))
"""What rapidyaml's JSON makes of ``inf``, ``infinity``, ``.NAN`` and the like, written plain."""
_DOUBTFUL = _AMBIGUOUS | _REWRITTEN
_LONGEST_DOUBTFUL = max(map(len, _DOUBTFUL))
_INDICATORS = "?:]}@`"
"""First characters of plain scalars that libyaml reads as indicators (or refuses) and
rapidyaml as text: a text starting with one goes to the located reader."""
_first = itemgetter(0)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""The start of a surrogate escape, which the located reader joins into a pair or refuses."""


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """rapidyaml writes its parse errors to the standard error stream before raising; the
    located reader reports the text instead, so the stream points at the null device meanwhile."""
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


class _NotQuick(Exception):
    """The text goes to the located reader."""


# --- the format's shape, for msgspec --------------------------------------------------------
# msgspec checks each value's type and refuses unknown fields while it reads the JSON (in C);
# the rules a type cannot say (ids, texts that read alike in any quoting, one relation per
# link) are checked by the builder. A field absent is UNSET; a field given as null is refused.
# Field by field, these are the lists of argmap.fields (tests/test_quickload.py checks it).


class _Source(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    title: str | UnsetType = UNSET
    outlet: str | UnsetType = UNSET
    author: str | UnsetType = UNSET
    date: str | UnsetType = UNSET
    url: str | UnsetType = UNSET
    file: str | UnsetType = UNSET


class _Claim(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    text: str | UnsetType = UNSET
    ref: str | UnsetType = UNSET
    same: str | list[str] | UnsetType = UNSET
    quote: str | list[str] | UnsetType = UNSET
    by: str | UnsetType = UNSET
    implicit: bool | UnsetType = UNSET
    tags: str | list[str] | UnsetType = UNSET
    note: str | UnsetType = UNSET
    url: str | UnsetType = UNSET


class _Link(msgspec.Struct, forbid_unknown_fields=True, gc=False, rename={"premises": "from"}):
    premises: str | list[str]
    supports: str | UnsetType = UNSET
    attacks: str | UnsetType = UNSET
    contradicts: str | UnsetType = UNSET
    id: str | UnsetType = UNSET
    scheme: str | UnsetType = UNSET
    note: str | UnsetType = UNSET


class _Document(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    argmap: int
    claims: dict[str, str | _Claim]
    title: str | UnsetType = UNSET
    description: str | UnsetType = UNSET
    source: _Source | UnsetType = UNSET
    thesis: str | list[str] | UnsetType = UNSET
    links: list[_Link] | UnsetType = UNSET
    expect: dict[str, dict[str, str]] | UnsetType = UNSET


_DECODER = msgspec.json.Decoder(_Document)
_LINKS_DECODER = msgspec.json.Decoder(list[_Link])


def _document(json_text: memoryview) -> _Document:
    """The map's values from rapidyaml's JSON (see :func:`_decoded`)."""
    return _decoded(_DECODER, _Document, json_text)  # type: ignore[no-any-return]


def _decoded(decoder: msgspec.json.Decoder[Any], shape: Any, json_text: memoryview) -> Any:
    """Values of the given shape from rapidyaml's JSON. msgspec refuses the control characters
    rapidyaml leaves unescaped in strings (written in YAML as escapes such as ``"\\a"``);
    Python's ``json`` takes them, and msgspec then checks the values it read."""
    try:
        return decoder.decode(json_text)
    except msgspec.ValidationError:
        raise
    except msgspec.DecodeError:
        values = json.loads(bytes(json_text).decode("utf-8"), strict=False)
        return msgspec.convert(values, shape, strict=True)


def _present(struct: msgspec.Struct) -> int:
    """How many fields of a struct were given."""
    return len(struct.__struct_fields__) - msgspec.structs.astuple(struct).count(UNSET)


class _Builder:
    """Builds the model from the values msgspec read, checking what their types do not say;
    raises _NotQuick at the first thing the located reader would report, or might read
    otherwise."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.refs: list[str] = []
        self.count = 0  # values seen, to compare with rapidyaml's node count
        self.claim_codes: dict[str, int] = {}
        """Each claim id's position among the claims."""
        self.claim_names: list[str] = []
        self.others: list[str] = []
        """Ids met in links that are not claim ids: links' own, or wrong."""

    def string(self, value: str) -> str:
        """A non-empty string that reads as a string in any quoting."""
        if not value or value.isspace() or value in _DOUBTFUL or value[0] in _INDICATORS:
            raise _NotQuick
        return value

    def ident(self, value: str) -> str:
        self.ids.append(self.string(value))
        return value

    def ref(self, value: str) -> str:
        self.refs.append(self.string(value))
        return value

    def strings(self, value: str | list[str], item: Callable[[str], str]) -> tuple[str, ...]:
        """One value or a list of values, as ``one_or_many`` reads them."""
        if type(value) is list:
            self.count += len(value)
            return tuple(map(item, value))
        return (item(value),)  # type: ignore[arg-type] # a str, as msgspec read it

    def document(self, data: _Document) -> ArgumentMap:
        if data.argmap != 1:
            raise _NotQuick
        self.count += _present(data)
        fields: dict[str, Any] = {}
        for name in ("title", "description"):
            value = getattr(data, name)
            if value is not UNSET:
                fields[name] = self.string(value)
        if data.source is not UNSET:
            fields["source"] = self.source(data.source)
        if data.thesis is not UNSET:
            fields["thesis"] = self.strings(data.thesis, self.ident)
        if data.expect is not UNSET:
            fields["expect"] = self.expectations(data.expect)
        claims = self.claims(data.claims)
        links = self.links(data.links) if data.links is not UNSET else ()
        return ArgumentMap(claims=claims, links=links, **fields)

    def source(self, data: _Source) -> Source:
        given = {
            name: self.string(getattr(data, name))
            for name in data.__struct_fields__
            if getattr(data, name) is not UNSET
        }
        self.count += len(given)
        return Source(**given)

    def expectations(self, data: dict[str, dict[str, str]]) -> list[Expectation]:
        if not data.keys() <= _SEMANTICS:
            raise _NotQuick
        self.count += len(data)
        found = []
        for semantics, inner in data.items():
            self.count += len(inner)
            for item, status in inner.items():
                if status not in _STATUSES:
                    raise _NotQuick
                found.append(Expectation(semantics, self.ident(item), status))
        return found

    def claims(self, data: dict[str, str | _Claim]) -> list[Claim]:
        if not data:
            raise _NotQuick
        self.count += len(data)
        # Every key is checked below; names found among them need no check of their own.
        names = list(data)
        self.claim_codes = dict(zip(names, range(len(names)), strict=True))
        self.claim_names = names
        self.ids.extend(names)  # json's keys are strings
        if not _DOUBTFUL.isdisjoint(names):
            raise _NotQuick
        texts = list(data.values())
        if all(map(is_, map(type, texts), repeat(str))) and _plain_texts(texts):  # type: ignore[arg-type]
            return _new_claims(self.claim_names, texts)  # type: ignore[arg-type] # texts all
        return [
            _new_claim(key, self.string(value)) if type(value) is str else self.claim(key, value)  # type: ignore[arg-type]
            for key, value in zip(names, texts, strict=True)
        ]

    def claim(self, claim_id: str, data: _Claim) -> Claim:
        self.count += _present(data)
        if data.text is UNSET and data.ref is UNSET:
            raise _NotQuick
        string = self.string
        made = _new_claim(claim_id, None if data.text is UNSET else string(data.text))
        for name in data.__struct_fields__:
            value = getattr(data, name)
            if value is UNSET or name == "text":
                continue
            if name == "implicit":
                _set_implicit(made, value)
            elif name in ("quote", "tags"):
                _CLAIM_SETTERS[name](made, self.strings(value, string))
            elif name == "same":
                _CLAIM_SETTERS[name](made, self.strings(value, self.ref))
            elif name == "ref":
                _CLAIM_SETTERS[name](made, self.ref(value))
            else:
                _CLAIM_SETTERS[name](made, string(value))
        return made

    def links(self, data: list[_Link]) -> list[Link]:
        """The links; the loop is written out for speed. Premises and targets that are claim
        ids need no check of their own."""
        codes, names = self.claim_codes, self.claim_names
        supports, attacks, contradicts = Relation.SUPPORTS, Relation.ATTACKS, Relation.CONTRADICTS
        # The links are made after the loop, in bulk, from these columns.
        all_premises: list[tuple[str, ...]] = []
        relations: list[Relation] = []
        targets: list[str] = []
        add_premises, add_relation, add_target = (
            all_premises.append,
            relations.append,
            targets.append,
        )
        with_id: list[int] = []  # the positions of the links with an id and no other field
        link_ids: list[str] = []
        more: list[tuple[int, _Link]] = []  # links with a scheme or a note
        # The premises and targets that are no claim's id: link ids (undercuts), or errors.
        others = self.others
        add_other = others.append
        count = 3 * len(data)  # each link, its 'from' and its relation
        unset = UNSET
        for position, item in enumerate(data):
            target = item.supports
            if target is not unset:
                relation = supports
                if item.attacks is not unset or item.contradicts is not unset:
                    raise _NotQuick
            elif (target := item.attacks) is not unset:
                relation = attacks
                if item.contradicts is not unset:
                    raise _NotQuick
            elif (target := item.contradicts) is not unset:
                relation = contradicts
            else:
                raise _NotQuick
            # Names of claims become the claim's own id object: one string object per name
            # makes the model smaller and the checks' lookups by name quicker.
            written = item.premises
            premises: tuple[str, ...]
            if type(written) is str:
                code = codes.get(written)
                if code is None:
                    add_other(written)
                    premises = (written,)
                else:
                    premises = (names[code],)
            else:
                if not written or (relation is contradicts and len(written) > 1):
                    raise _NotQuick
                count += len(written)
                found = list(map(codes.get, written))
                if None in found:
                    others += [p for p, c in zip(written, found, strict=True) if c is None]
                    premises = tuple(
                        [p if c is None else names[c] for p, c in zip(written, found, strict=True)]
                    )
                else:
                    premises = tuple(map(names.__getitem__, found))  # type: ignore[arg-type] # no None
            name: str = target  # a str: unset was ruled out above
            code = codes.get(name)
            if code is None:
                add_other(name)
            else:
                name = names[code]
            add_premises(premises)
            add_relation(relation)
            add_target(name)
            if item.scheme is not unset or item.note is not unset:
                more.append((position, item))
            elif item.id is not unset:
                with_id.append(position)
                link_ids.append(item.id)
        self.count += count + len(with_id)
        made: list[Link] = _new_links(all_premises, relations, targets)
        deque(map(_LINK_SETTERS["id"], map(made.__getitem__, with_id), link_ids), 0)
        self.others += link_ids
        for position, item in more:
            self.link_fields(item, made[position])
        if not _DOUBTFUL.isdisjoint(self.others):
            raise _NotQuick  # with _all_ids (read_quickly), what Builder.ident would refuse
        self.ids += self.others
        return made

    def link_fields(self, item: _Link, made: Link) -> None:
        """The fields of a link beyond 'from' and its relation."""
        for name in ("id", "scheme", "note"):
            value = getattr(item, name)
            if value is not UNSET:
                self.count += 1
                if name == "id":
                    self.others.append(value)
                else:
                    self.string(value)
                _LINK_SETTERS[name](made, value)


def _slot_setters(cls: type) -> dict[str, Any]:
    import attrs

    return {field.name: cls.__dict__[field.name].__set__ for field in attrs.fields(cls)}


_CLAIM_SETTERS = _slot_setters(Claim)
_LINK_SETTERS = _slot_setters(Link)
_set_implicit = _CLAIM_SETTERS["implicit"]


def _maker(cls: type, *names: str) -> Any:
    """A function of ``names`` that makes an instance of ``cls`` with those fields and every
    other at its default, setting each slot directly (no validators: the values are checked).
    Its code is written out field by field, as attrs writes its own ``__init__``."""
    import attrs

    setters = _slot_setters(cls)
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({', '.join(names)}):", "    made = new(cls)"]
    for field in attrs.fields(cls):
        scope[f"set_{field.name}"] = setters[field.name]
        scope[f"default_{field.name}"] = field.default
        value = field.name if field.name in names else f"default_{field.name}"
        lines.append(f"    set_{field.name}(made, {value})")
    lines.append("    return made")
    exec("\n".join(lines), scope)  # the code is ours, made of field names
    return scope["make"]


def _bulk_maker(cls: type, *names: str) -> Any:
    """A function of one list per field in ``names`` that makes one instance of ``cls`` per
    position, every other field at its default, field by field over all instances at once
    (the loops run in C), with no validators: the values are checked."""
    import attrs

    setters = _slot_setters(cls)
    fields = attrs.fields(cls)

    def make(*columns: list[Any]) -> list[Any]:
        size = len(columns[0])
        made: list[Any] = list(map(object.__new__, repeat(cls, size)))
        given = dict(zip(names, columns, strict=True))
        for field in fields:
            values = given.get(field.name)
            deque(map(setters[field.name], made, values or repeat(field.default, size)), 0)
        return made

    return make


def _plain_texts(texts: list[str]) -> bool:
    """Whether every text reads as a string in any quoting (:meth:`_Builder.string`, in bulk),
    in two passes over the texts: their lengths (texts longer than every doubtful string need
    not be looked up among them, which would hash each one), and their first characters (only
    a text that starts with a space can be all spaces)."""
    shortest = min(map(len, texts), default=_LONGEST_DOUBTFUL + 1)
    if shortest <= _LONGEST_DOUBTFUL and (not shortest or not _DOUBTFUL.isdisjoint(texts)):
        return False
    firsts = set(map(_first, texts))
    if not firsts.isdisjoint(_INDICATORS):
        return False
    return not any(map(str.isspace, firsts)) or not any(map(str.isspace, texts))


_new_claim: Callable[[str, str | None], Claim] = _maker(Claim, "id", "text")
_new_claims: Callable[[list[str], list[str]], list[Claim]] = _bulk_maker(Claim, "id", "text")
_new_links: Callable[[list[tuple[str, ...]], list[Relation], list[str]], list[Link]] = _bulk_maker(
    Link, "premises", "relation", "target"
)


def read_quickly(text: str, encoded: bytes | None = None) -> ArgumentMap | None:
    """The map in ``text`` if it is valid and read alike by rapidyaml and PyYAML; else None.
    ``encoded``, when given, is the text in UTF-8 (as read from its file)."""
    if text.startswith("%") or "\n%" in text:  # a directive
        return None
    if encoded is not None:
        data = encoded
    else:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return None
    if _unusual(data) or may_mark_nodes(text) or _SURROGATE_ESCAPE.search(text):
        return None
    try:
        with _quiet_stderr():  # rapidyaml writes its errors there before raising
            parsed = _parsed(data)
    except Exception:  # rapidyaml's parse errors, JSON it cannot write, values of other types
        return None
    if parsed is None:
        return None
    document, nodes = parsed
    builder = _Builder()
    try:
        made = builder.document(document)
    except (_NotQuick, ValueError):  # ValueError: the model's own validators, which check
        return None  # the few values built through them
    if builder.count + 1 != nodes:  # a key given twice, merged away in the JSON
        return None
    if not _all_ids(builder.ids) or not _all_match(_REFS, builder.refs):
        return None
    return made


_LINKS_LINE = b"\nlinks:\n"
_SPACES = re.compile(rb" *")
_OFF_THE_EDGE_ITEMS = re.compile(rb"\n[^ #\n-]|\n-[^ \n]")
"""A line at the left edge that is neither an item of a sequence there, nor a comment, nor blank."""


def _off_the_items(indent: int) -> re.Pattern[bytes]:
    """A line that is not indented by ``indent`` spaces (at least one), nor a comment, nor
    blank: what cannot stand among items indented so."""
    if not indent:
        return _OFF_THE_EDGE_ITEMS
    return re.compile(rb"\n(?! {%d}| *[#\n]|\Z)" % indent)  # re keeps the few made


_PIECE = 1 << 16
"""How many bytes of links, at the least, rapidyaml parses at a time (see :func:`_parsed`)."""


def _parsed(data: bytes) -> tuple[_Document, int] | None:
    """The map's values, and the count of rapidyaml's nodes for them; None for a text that is
    not one mapping.

    The links are parsed apart when the text allows it: when they come last, under a line
    ``links:``, as a sequence of items that all start at one indentation (as
    :func:`argmap.dumps` and ``argmap format`` write a map without expectations). The rest is
    parsed with ``links: []`` in their place, and the links a piece of about :data:`_PIECE`
    bytes at a time, each piece cut before an item, in one small tree: its memory stays in the
    processor's caches, where one tree of a large map's links does not (see
    docs/performance.md). What is parsed apart is read alike: the line ``links:`` closes everything
    before it, unless that is left open, as a quoted scalar or a flow collection can be, and
    then the rest fails to parse; a line that starts an item at the items' indentation closes
    the item before it likewise; and no line is indented less than the items, except blank lines
    and comments. Where a part fails, the text is parsed whole."""
    start = data.find(_LINKS_LINE) + len(_LINKS_LINE)
    first = _SPACES.match(data, start).end()  # type: ignore[union-attr] # it matches anywhere
    if (
        start >= len(_LINKS_LINE)
        and data.startswith((b"- ", b"-\n"), first)
        and _off_the_items(first - start).search(data, start - 1) is None
    ):
        head = b"".join((memoryview(data)[: start - 1], b" []\n"))
        try:
            found = _parsed_from(head, data, start, b"\n" + data[start:first] + b"- ")
        except Exception:  # a part rapidyaml rejects, or values of other types
            found = None
        if found is not None:
            return found
    return _parsed_from(data)


def _parsed_from(
    head: bytes, data: bytes = b"", start: int = 0, item: bytes = b""
) -> tuple[_Document, int] | None:
    """:func:`_parsed` of ``head``, with the links of ``data`` from ``start`` on in pieces when
    ``start`` is given, each piece cut before a line that starts with ``item``."""
    tree = ryml.parse_in_arena(head)
    top = tree.root_id()
    nodes = tree.size()
    if tree.is_stream(top):
        if tree.num_children(top) != 1:
            return None
        top = tree.first_child(top)
        nodes -= 1
    if not tree.is_map(top):
        return None
    json_text = _json_of(tree, top, len(head) + len(head) // 4 + 256)
    del tree  # its memory is free for what is read next
    document = _document(json_text)
    del json_text
    if start:
        pieces = _links_in_pieces(data, start, item)
        if pieces is None:
            return None
        document.links, more = pieces  # in place of the [] parsed with the rest
        nodes += more
    return document, nodes


def _links_in_pieces(data: bytes, start: int, item: bytes) -> tuple[list[_Link], int] | None:
    """The links from ``start`` to the end, parsed a piece at a time, and the count of their
    nodes; None if a piece is not a sequence."""
    view = memoryview(data)
    tree = ryml.Tree()
    links: list[_Link] = []
    nodes = 0
    while start < len(data):
        end = data.find(item, start + _PIECE) + 1 or len(data)
        tree.clear()
        tree.clear_arena()
        ryml.parse_in_arena(view[start:end], tree=tree)
        top = tree.root_id()
        if not tree.is_seq(top):
            return None
        nodes += tree.size() - 1
        links += _decoded(_LINKS_DECODER, list[_Link], _json_of(tree, top, 2 * (end - start) + 256))
        start = end
    return links, nodes


def _json_of(tree: Any, node: int, guess: int) -> memoryview:
    """rapidyaml's JSON of a node, written into a buffer of ``guess`` bytes (or, if that is too
    small, one of the size it asks for), without a copy as a Python string."""
    buffer = bytearray(guess)
    failed, size = ryml.emit_json_to_substr(tree, node, buffer)
    if failed:
        buffer = bytearray(size)
        failed, size = ryml.emit_json_to_substr(tree, node, buffer)
    return memoryview(buffer)[:size]


_ID_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"
"""The characters of :data:`argmap.model.ID_PATTERN`; its first character is not ``_.-``."""
_BAD_START = re.compile(rb"\n[-_.\n]")
"""A value after the first that starts with ``_.-`` or is empty: one pass over all of them
(four searches for two characters took twice as long)."""


def _all_ids(values: list[str]) -> bool:
    """Whether every value matches :data:`argmap.model.ID_PATTERN` (as ``_all_match(_IDS,
    values)`` says), by looking at the characters of all of them at once: a quarter of the
    time of the regular expression."""
    if values and max(map(len, values)) > MAX_ID_LENGTH:
        return False
    joined = "\n".join(values)
    if not joined.isascii() or joined.count("\n") != len(values) - 1:
        return _all_match(_IDS, values)
    encoded = joined.encode()
    return (
        (
            not encoded.translate(None, _ID_BYTES + b"\n")
            and joined[:1] not in "_.-\n"  # the first value: starts well, and is not empty
            and joined[-1:] != "\n"  # the last is not empty
            and _BAD_START.search(encoded) is None
        )
        or not values
    )


def _all_match(pattern: re.Pattern[str], values: list[str]) -> bool:
    """Whether every value matches, in one pass of the regular expression over all of them."""
    if not values:
        return True
    joined = "\n".join(values) + "\n"
    return joined.count("\n") == len(values) and pattern.fullmatch(joined) is not None

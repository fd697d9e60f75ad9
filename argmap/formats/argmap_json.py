"""argmap JSON: the whole model as JSON, for programs that would rather not read YAML.

The document has the fields of the YAML format (docs/format.md) in their long form: every claim
an object; ``quote``, ``tags``, ``same``, ``thesis`` and the ``from`` of supports and attacks
always lists (a contradiction's ``from`` is its one claim). It validates against the
published JSON Schema of the format (``argmap schema``, docs/argmap.schema.json), and reads back
to an equal map. Import accepts any JSON the schema allows, short forms included: the JSON is
decoded into located nodes and walked by the same reader as YAML, so every diagnostic of
``argmap check`` points at its line and column in the JSON file.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

import yaml

from argmap.diagnostics import Diagnostic, sort_key
from argmap.dumping import to_data
from argmap.formats import Format, limited, register
from argmap.formats.surrogates import HINT, SURROGATE, half_a_pair, lone_escape
from argmap.loading import Loaded, from_node
from argmap.model import ArgumentMap, Relation, to_tuple

_TAG = "tag:yaml.org,2002:"


def to_json_data(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as JSON-ready data in the long form of the format."""
    data = to_data(argument_map)
    if "thesis" in data:
        data["thesis"] = list(argument_map.thesis)
    for claim_id, item in data["claims"].items():
        if isinstance(item, str):
            data["claims"][claim_id] = {"text": item}
        else:
            for name in ("quote", "same"):
                if name in item:
                    item[name] = list(to_tuple(item[name]))
    for link, item in zip(argument_map.links, data.get("links", []), strict=True):
        if link.relation is not Relation.CONTRADICTS:  # the schema wants one claim there
            item["from"] = list(link.premises)
    return data


def export_json(argument_map: ArgumentMap) -> str:
    """The map as argmap JSON (indented, UTF-8 text, one trailing newline)."""
    return json.dumps(to_json_data(argument_map), indent=2, ensure_ascii=False) + "\n"


_TOKEN = re.compile(
    r"[ \t\n\r]*(?:([\[{])|([\]}])|(\")|[,:]|(true|false)|(null)"
    r"|(-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?))"
)
"""One JSON token after spaces: an opening bracket, a closing one, the start of a string, a
comma or colon, a boolean, null or a number."""
_OPENING, _CLOSING, _STRING, _BOOLEAN, _NULL, _NUMBER, _FRACTION, _EXPONENT = range(1, 9)


class _HalfAPair(Exception):
    """A string holds half of a surrogate pair: the escape that wrote it."""

    def __init__(self, escape: re.Match[str]) -> None:
        super().__init__(escape.group())
        self.escape = escape


class _Mark:
    """What readers use of a :class:`yaml.Mark`: the index in the text, and the line and column
    (from 0), found when first asked for. A JSON file has two marks for every value, most of
    which no reader asks about; this one is a fraction of yaml.Mark's memory and time."""

    __slots__ = ("_starts", "index")
    name = "<json>"
    buffer = None
    pointer = 0

    def __init__(self, index: int, starts: list[int]) -> None:
        self.index = index
        self._starts = starts

    @property
    def line(self) -> int:
        return bisect.bisect_right(self._starts, self.index) - 1

    @property
    def column(self) -> int:
        return self.index - self._starts[self.line]

    def get_snippet(self) -> None:
        return None


_STR, _BOOL, _NULL_TAG, _INT, _FLOAT = (_TAG + t for t in ("str", "bool", "null", "int", "float"))
_SEQ, _MAP = _TAG + "seq", _TAG + "map"


class _Decoder:
    """JSON text to YAML nodes whose marks hold the JSON line and column of each value.

    Runs only over text that :func:`json.loads` accepted, so it need not report syntax errors;
    it reads the tokens one after another, keeping the lists and objects still open on a stack
    (no recursion), in time linear in the text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def mark(self, index: int) -> Any:  # a yaml.Mark to the readers
        return _Mark(index, self.line_starts)

    def root(self) -> yaml.Node:
        """The node of the whole text."""
        text, starts, scalar = self.text, self.line_starts, yaml.ScalarNode
        open_: list[tuple[Any, list[Any]]] = []  # the start of each open list or object, items
        index = 0
        while True:
            token = _TOKEN.match(text, index)
            assert token is not None  # json.loads accepted the text
            kind = token.lastindex
            index = token.end()
            if kind is None:  # a comma or a colon
                continue
            at: Any = _Mark(token.start(kind), starts)
            if kind == _OPENING:
                open_.append((at, []))
                continue
            node: yaml.Node
            end: Any = _Mark(index, starts)
            if kind == _CLOSING:
                start, items = open_.pop()
                if token.group(kind) == "]":
                    node = yaml.SequenceNode(_SEQ, items, start, end)
                else:
                    pairs = list(zip(items[::2], items[1::2], strict=True))
                    node = yaml.MappingNode(_MAP, pairs, start, end)
            elif kind == _STRING:
                value, index = json.decoder.scanstring(text, index)  # type: ignore[attr-defined]
                if SURROGATE.search(value):
                    escape = lone_escape(text, at.index + 1, index - 1)
                    assert escape is not None  # json joins the halves of pairs
                    raise _HalfAPair(escape)
                end = _Mark(index, starts)
                node = scalar(_STR, value, at, end, '"')
            elif kind == _BOOLEAN:
                node = scalar(_BOOL, token.group(kind), at, end)
            elif kind == _NULL:
                node = scalar(_NULL_TAG, "null", at, end)
            else:
                fraction = token.group(_FRACTION) or token.group(_EXPONENT)
                node = scalar(_FLOAT if fraction else _INT, token.group(kind), at, end)
            if not open_:
                return node
            open_[-1][1].append(node)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def decode(text: str, file: str | None = None) -> yaml.Node | Diagnostic:
    """JSON text to nodes that know their line and column, or the located ``json-syntax``
    error that stops it. Other JSON formats (AIF) walk these nodes too."""
    decoder = _Decoder(text)
    try:
        json.loads(text, parse_constant=_no_constants)
        return decoder.root()
    except json.JSONDecodeError as error:
        diag = Diagnostic.error("json-syntax", f"not valid JSON: {error.msg}")
        return diag.locate({(): (error.lineno, error.colno)}, file)
    except ValueError as error:  # NaN or Infinity: no position from the decoder
        return Diagnostic.error("json-syntax", f"not valid JSON: {error}").locate({}, file)
    except RecursionError:
        diag = Diagnostic.error("json-syntax", "the JSON is nested too deeply to be read")
        return diag.locate({}, file)
    except _HalfAPair as half:
        mark = decoder.mark(half.escape.start())
        diag = Diagnostic.error(
            "json-syntax", f"not valid JSON: {half_a_pair(half.escape.group())}", hint=HINT
        )
        return diag.locate({(): (mark.line + 1, mark.column + 1)}, file)


def _other_format(root: yaml.Node) -> tuple[str, str] | None:
    """The name and ``--from`` of the JSON format ``root`` is in, when it is plainly not argmap
    JSON but AIF (``nodes`` and ``edges``) or xAIF (``AIF``)."""
    if not isinstance(root, yaml.MappingNode):
        return None
    keys = {key.value for key, _ in root.value if isinstance(key, yaml.ScalarNode)}
    if "argmap" in keys:
        return None
    if "AIF" in keys:
        return "an xAIF document (it has 'AIF')", "xaif"
    if {"nodes", "edges"} <= keys:
        return "an AIF graph (it has 'nodes' and 'edges')", "aif"
    return None


@limited("json-syntax")
def import_json(text: str, file: str | None = None) -> Loaded:
    """argmap JSON to a map, with every problem located in the JSON text."""
    text = text.removeprefix("\ufeff")
    root = decode(text, file)
    if isinstance(root, Diagnostic):
        return Loaded(None, {}, (root,), file, text)
    other = _other_format(root)
    if other is not None:
        name, option = other
        diag = Diagnostic.error(
            "other-format",
            f"this JSON is {name}, not an argmap map",
            hint=f"import it with --from {option}, or name the file *.{option}.json",
        )
        return Loaded(None, {}, (diag.locate({(): (1, 1)}, file),), file, text)
    loaded = from_node(root, file, text)
    # References, cycles and the other rules of the format are checked by the caller
    # (argmap.pipeline.check_import), located in the JSON as well.
    found = tuple(sorted(loaded.diagnostics, key=sort_key))
    return Loaded(loaded.map, loaded.positions, found, file, text, loaded.unresolved)


register(
    Format(
        "json",
        (".argmap.json", ".json"),
        "argmap JSON: the whole map, valid against the published JSON Schema",
        export=export_json,
        import_=import_json,
    )
)

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

import json
import re
from typing import Any

import yaml

from argmap.diagnostics import Diagnostic, sort_key
from argmap.dumping import to_data
from argmap.formats import Format, register
from argmap.loading import Loaded, from_node
from argmap.model import ArgumentMap, Relation, to_tuple

_TAG = "tag:yaml.org,2002:"
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_SPACE = re.compile(r"[ \t\n\r]*")


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


class _Decoder:
    """JSON text to YAML nodes whose marks hold the JSON line and column of each value.

    Runs only over text that :func:`json.loads` accepted, so it need not report syntax errors.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def mark(self, index: int) -> yaml.Mark:
        line = _bisect(self.line_starts, index)
        return yaml.Mark("<json>", index, line, index - self.line_starts[line], None, 0)

    def skip(self, index: int) -> int:
        match = _SPACE.match(self.text, index)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    def value(self, index: int) -> tuple[yaml.Node, int]:
        index = self.skip(index)
        start = self.mark(index)
        char = self.text[index]
        if char == "{":
            pairs: list[tuple[yaml.Node, yaml.Node]] = []
            index = self.skip(index + 1)
            while self.text[index] != "}":
                key, index = self.value(index)
                index = self.skip(index) + 1  # the colon
                item, index = self.value(index)
                pairs.append((key, item))
                index = self.skip(index)
                if self.text[index] == ",":
                    index = self.skip(index + 1)
            return yaml.MappingNode(_TAG + "map", pairs, start, self.mark(index + 1)), index + 1
        if char == "[":
            items: list[yaml.Node] = []
            index = self.skip(index + 1)
            while self.text[index] != "]":
                item, index = self.value(index)
                items.append(item)
                index = self.skip(index)
                if self.text[index] == ",":
                    index = self.skip(index + 1)
            return yaml.SequenceNode(_TAG + "seq", items, start, self.mark(index + 1)), index + 1
        if char == '"':
            text, end = json.decoder.scanstring(self.text, index + 1)  # type: ignore[attr-defined]
            return self.scalar("str", text, start, end), end
        for word, tag in (("true", "bool"), ("false", "bool"), ("null", "null")):
            if self.text.startswith(word, index):
                return self.scalar(tag, word, start, index + len(word)), index + len(word)
        match = _NUMBER.match(self.text, index)
        assert match is not None  # json.loads accepted the text
        tag = "float" if match.group(1) or match.group(2) else "int"
        return self.scalar(tag, match.group(), start, match.end()), match.end()

    def scalar(self, tag: str, value: str, start: yaml.Mark, end: int) -> yaml.ScalarNode:
        style = '"' if tag == "str" else None
        return yaml.ScalarNode(_TAG + tag, value, start, self.mark(end), style)


def _bisect(starts: list[int], index: int) -> int:
    low, high = 0, len(starts)
    while high - low > 1:
        middle = (low + high) // 2
        if starts[middle] <= index:
            low = middle
        else:
            high = middle
    return low


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def decode(text: str, file: str | None = None) -> yaml.Node | Diagnostic:
    """JSON text to nodes that know their line and column, or the located ``json-syntax``
    error that stops it. Other JSON formats (AIF) walk these nodes too."""
    try:
        json.loads(text, parse_constant=_no_constants)
        root, _ = _Decoder(text).value(0)
    except json.JSONDecodeError as error:
        diag = Diagnostic.error("json-syntax", f"not valid JSON: {error.msg}")
        return diag.locate({(): (error.lineno, error.colno)}, file)
    except ValueError as error:  # NaN or Infinity: no position from the decoder
        return Diagnostic.error("json-syntax", f"not valid JSON: {error}").locate({}, file)
    except RecursionError:
        diag = Diagnostic.error("json-syntax", "the JSON is nested too deeply to be read")
        return diag.locate({}, file)
    return root


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

"""xAIF: AIF wrapped as the argument-mining tools of ARG-tech exchange it, export and import.

An xAIF document is an object whose ``AIF`` holds the AIF graph (nodes, edges, locutions,
participants and ``schemefulfillments``), with the analysed ``text`` beside it and ``OVA``'s
layout. The graph is written and read exactly as :mod:`argmap.formats.aif` does; ``text``
holds the map's title and description (the source text is not in a map), and ``OVA`` the
source's url.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from argmap.diagnostics import Diagnostic
from argmap.formats import Format, limited, register
from argmap.formats.aif import read_aif, to_aif
from argmap.formats.argmap_json import decode
from argmap.loading import Loaded
from argmap.model import ArgumentMap


def to_xaif(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as an xAIF document (plain data)."""
    graph = to_aif(argument_map)
    graph["schemefulfillments"] = []
    heading = [t for t in (argument_map.title, argument_map.description) if t]
    source = argument_map.source
    return {
        "AIF": graph,
        "text": "\n\n".join(heading),
        "OVA": {
            "firstname": "",
            "surname": "",
            "url": source.url if source is not None and source.url else "",
            "nodes": [],
            "edges": [],
        },
    }


def export_xaif(argument_map: ArgumentMap) -> str:
    """The map as xAIF JSON text."""
    return json.dumps(to_xaif(argument_map), indent=2, ensure_ascii=False) + "\n"


@limited("json-syntax")
def import_xaif(text: str, file: str | None = None) -> Loaded:
    """xAIF JSON text to a map: the ``AIF`` graph read as AIF, problems located in the file."""
    text = text.removeprefix("\ufeff")
    root = decode(text, file)
    if isinstance(root, Diagnostic):
        return Loaded(None, {}, (root,), file, text)
    graph = None
    if isinstance(root, yaml.MappingNode):
        graph = next((value for key, value in root.value if key.value == "AIF"), None)
    if graph is None:
        problem = Diagnostic.error(
            "aif-structure",
            "an xAIF document is a JSON object with the AIF graph under 'AIF'; found no 'AIF'",
            hint="for AIF without the xAIF wrapper, use --from aif",
        )
        return Loaded(None, {}, (problem.locate({(): (1, 1)}, file),), file, text)
    return read_aif(graph, file, text, "'AIF' of the xAIF document")


register(
    Format(
        "xaif",
        (".xaif.json", ".xaif"),
        "xAIF: AIF wrapped with its text, as ARG-tech's argument-mining tools exchange it",
        export=export_xaif,
        import_=import_xaif,
    )
)

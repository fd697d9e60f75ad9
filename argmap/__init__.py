"""argmap: write, check, evaluate and draw argument maps.

::

    import argmap

    m = argmap.load("maps/hanoi-walkout-leverage.yaml")   # raises argmap.MapError if invalid
    for d in argmap.check(m):
        print(d.severity.value, d.code, d.message)
    svg = argmap.render(m)                                  # bytes of an SVG
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version

from argmap.checks import CHECKS, Check, CheckContext, check, run_checks
from argmap.corpus import Corpus, load_corpus
from argmap.diagnostics import Diagnostic, MapError, Severity, format_text
from argmap.dot import to_dot, to_graph
from argmap.dumping import dumps
from argmap.evaluation import Evaluation, Status, evaluate
from argmap.loading import Loaded, load, loads, parse, read
from argmap.model import (
    ArgumentMap,
    Claim,
    Link,
    Relation,
    Role,
    Source,
    attack,
    contradiction,
    support,
)
from argmap.rendering import RenderError, render

try:
    __version__ = version("argmap")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "CHECKS",
    "ArgumentMap",
    "Check",
    "CheckContext",
    "Claim",
    "Corpus",
    "Diagnostic",
    "Evaluation",
    "Link",
    "Loaded",
    "MapError",
    "Relation",
    "RenderError",
    "Role",
    "Severity",
    "Source",
    "Status",
    "__version__",
    "attack",
    "check",
    "check_file",
    "contradiction",
    "dumps",
    "evaluate",
    "find_source_text",
    "format_text",
    "load",
    "load_corpus",
    "loads",
    "parse",
    "read",
    "render",
    "support",
    "to_dot",
    "to_graph",
]


def find_source_text(
    argument_map: ArgumentMap | None, sources: Iterable[str | os.PathLike[str]]
) -> str | None:
    """The text named by the map's ``source.file``, looked up in each of ``sources`` in turn.

    Only files inside those folders are read, whatever the name holds (``../`` included).
    """
    name = argument_map.source.file if argument_map and argument_map.source else None
    if not name:
        return None
    for folder in sources:
        base = os.path.realpath(folder)
        candidate = os.path.realpath(os.path.join(base, name))
        if os.path.commonpath([base, candidate]) != base or not os.path.isfile(candidate):
            continue
        with open(candidate, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    return None


def check_file(
    path: str | os.PathLike[str],
    *,
    sources: Iterable[str | os.PathLike[str]] = (),
    checks: Mapping[str, Check] | None = None,
) -> list[Diagnostic]:
    """Every diagnostic of a map file, located at file, line and column, in file order."""
    loaded = read(path)
    return run_checks(loaded, source_text=find_source_text(loaded.map, sources), checks=checks)

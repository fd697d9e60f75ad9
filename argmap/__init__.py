"""argmap: write, check, evaluate and draw argument maps.

::

    import argmap

    m = argmap.load("maps/hanoi-walkout-leverage.yaml")   # raises argmap.MapError if invalid
    for d in argmap.check(m):
        print(d.severity.value, d.code, d.message)
    svg = argmap.render(m)                                  # bytes of an SVG

The names below are imported from their modules the first time they are used, so that
``import argmap`` (and a command that needs little, such as ``argmap render`` when every
drawing is up to date) does not load the YAML readers, the checks and Graphviz.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

__version__ = "0.1.0"
"""The version of argmap (pyproject.toml reads it from here)."""

if TYPE_CHECKING:
    from argmap.checks import CHECKS, Check, CheckContext, check
    from argmap.checks import run_checks as run_checks  # documented, though not in __all__
    from argmap.corpus import Corpus
    from argmap.diagnostics import Diagnostic, MapError, Severity, format_text
    from argmap.dot import to_dot, to_graph
    from argmap.dumping import dumps
    from argmap.evaluation import Evaluation, Status, evaluate
    from argmap.loading import Loaded, parse, read
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
    from argmap.pipeline import (
        check_corpus,
        check_file,
        find_source_text,
        load,
        load_corpus,
        loads,
    )
    from argmap.rendering import RenderError, render

_HOMES = {
    "argmap.checks": ("CHECKS", "Check", "CheckContext", "check", "run_checks"),
    "argmap.corpus": ("Corpus",),
    "argmap.pipeline": (
        "check_file",
        "find_source_text",
        "load",
        "load_corpus",
        "loads",
        "check_corpus",
    ),
    "argmap.diagnostics": ("Diagnostic", "MapError", "Severity", "format_text"),
    "argmap.dot": ("to_dot", "to_graph"),
    "argmap.dumping": ("dumps",),
    "argmap.evaluation": ("Evaluation", "Status", "evaluate"),
    "argmap.loading": ("Loaded", "parse", "read"),
    "argmap.model": (
        "ArgumentMap",
        "Claim",
        "Link",
        "Relation",
        "Role",
        "Source",
        "attack",
        "contradiction",
        "support",
    ),
    "argmap.rendering": ("RenderError", "render"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}
"""The module each name of the API is defined in."""

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
    "check_corpus",
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


if "IPython" in sys.modules:  # a notebook: maps show as their diagrams
    from argmap.notebook import register

    register()

if not TYPE_CHECKING:  # type checkers see the imports above

    def __getattr__(name: str) -> object:
        """A name of the API, imported from its module on first use (then kept here); or a
        submodule (``argmap.formats``), imported as ``import argmap.formats`` would."""
        home = _HOME.get(name)
        if home is not None:
            value = getattr(importlib.import_module(home), name)
            globals()[name] = value
            return value
        if not name.startswith("_"):
            try:
                return importlib.import_module(f"{__name__}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{__name__}.{name}":
                    raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), *_HOME})

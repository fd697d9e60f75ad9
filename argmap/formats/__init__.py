"""Interchange formats: argmap maps to and from the formats other tools read.

Each format lives in a module of its own in this package and registers a :class:`Format` in
:data:`FORMATS`: a name, the file suffixes it is known by, a function that writes a map as text
(``export``), and a function that reads text into a map (``import_``), either of which may be
missing. Imports never raise for bad input: they return a :class:`~argmap.loading.Loaded`
carrying the map built from what could be read (positions empty) and a located diagnostic,
at the line and column of the imported file, for everything that did not fit.

Users may register formats of their own::

    argmap.formats.register(Format("mine", (".mine",), "My format", export=my_writer))
"""

from __future__ import annotations

import functools
import importlib
import os
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import attrs

from argmap.bulk import paused_gc
from argmap.diagnostics import Diagnostic
from argmap.loading import MAX_BYTES, Loaded
from argmap.model import ID_PATTERN, MAX_ID_LENGTH, ArgumentMap

Exporter = Callable[[ArgumentMap], str]
"""Writes a map as the format's text."""
Importer = Callable[[str, "str | None"], Loaded]
"""Reads the format's text (and the file name, for diagnostics) into a map."""
AnImporter = TypeVar("AnImporter", bound=Callable[..., Loaded])


@attrs.frozen
class Format:
    """One interchange format."""

    name: str
    """What ``--to`` and ``--from`` call it."""
    suffixes: tuple[str, ...]
    """File name endings, the first one used for exports (``.argdown``)."""
    description: str
    export: Exporter | None = None
    import_: Importer | None = None


FORMATS: dict[str, Format] = {}
"""Every known format by name; extended by :func:`register`."""


def register(format: Format) -> Format:
    """Add a format (or replace the one of the same name); returns it."""
    FORMATS[format.name] = format
    return format


_loaded = False


def _load_builtin() -> None:
    """Import every module of this package once: each registers its format. Modules import
    what they need (XML, NetworkX) only when a map is exported or imported."""
    global _loaded
    if not _loaded:
        _loaded = True
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")


def get(name: str) -> Format:
    """The format called ``name``; KeyError naming the known ones otherwise."""
    _load_builtin()
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise KeyError(f"unknown format {name!r}; known formats: {known}") from None


def exporters() -> list[str]:
    """Names of the formats that maps can be exported to, sorted."""
    _load_builtin()
    return sorted(name for name, f in FORMATS.items() if f.export is not None)


def importers() -> list[str]:
    """Names of the formats that can be imported, sorted."""
    _load_builtin()
    return sorted(name for name, f in FORMATS.items() if f.import_ is not None)


def guess(path: str | os.PathLike[str]) -> Format | None:
    """The importable format whose suffix the file name ends with (longest suffix wins)."""
    _load_builtin()
    name = Path(path).name.lower()
    best: tuple[int, Format] | None = None
    for format in FORMATS.values():
        if format.import_ is None:
            continue
        for suffix in format.suffixes:
            if name.endswith(suffix.lower()) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), format)
    return best[1] if best else None


def export(argument_map: ArgumentMap, to: str) -> str:
    """The map written in the format called ``to``."""
    format = get(to)
    if format.export is None:
        raise KeyError(f"format {to!r} cannot be exported to")
    return format.export(argument_map)


_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def refusal(text: str, file: str | None, syntax: str) -> Loaded | None:
    """What an importer answers, before it parses anything, for a text it does not read: one
    larger than :data:`argmap.loading.MAX_BYTES` (in UTF-8), the limit of map files, is
    ``limit-exceeded``; one holding half of a UTF-16 surrogate pair (which no UTF-8 file can
    hold, but a string from Python can) is a located error of the format's ``syntax`` code.
    None for a text it reads."""
    size = len(text)
    if MAX_BYTES // 4 < size <= MAX_BYTES:  # up to four bytes a character
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        diag = Diagnostic.error(
            "limit-exceeded",
            f"the file is {size / 2**20:.1f} MiB; argmap imports files of up to "
            f"{MAX_BYTES // 2**20} MiB",
            hint="split it into several files",
        )
        return Loaded(None, {}, (diag.locate({}, file),), file)
    half = _SURROGATE.search(text)
    if half is None:
        return None
    at = half.start()
    starts = [0, *(brk.end() for brk in _LINE_BREAK.finditer(text, 0, at))]
    diag = Diagnostic.error(
        syntax,
        f"the text holds U+{ord(half.group()):04X}, half of a UTF-16 surrogate pair without "
        "its other half, which no UTF-8 file can hold",
        hint="the text was decoded wrongly (with 'surrogateescape'?): read the file as UTF-8",
    )
    return Loaded(None, {}, (diag.locate({(): (len(starts), at - starts[-1] + 1)}, file),), file)


def limited(syntax: str) -> Callable[[AnImporter], AnImporter]:
    """An importer that refuses what :func:`refusal` refuses, and builds what it reads with
    the garbage collector paused (:func:`argmap.bulk.paused_gc`: a large file makes hundreds of
    thousands of objects, none in cycles)."""

    def wrap(importer: AnImporter) -> AnImporter:
        @functools.wraps(importer)
        def read(text: str, file: str | None = None) -> Loaded:
            refused = refusal(text, file, syntax)
            if refused is not None:
                return refused
            with paused_gc():
                return importer(text, file)

        return read  # type: ignore[return-value]

    return wrap


_NOT_IN_IDS = re.compile(r"[^A-Za-z0-9_.-]+")


@attrs.define
class Ids:
    """Ids for what another format names otherwise (a title, a node id): the name where it is
    an argmap id, else the name with what an id cannot hold made hyphens (``fallback`` when
    nothing is left); cut to :data:`argmap.model.MAX_ID_LENGTH`, and numbered ``-2``, ``-3``,
    ... past the ids already ``taken``."""

    fallback: str
    taken: set[str] = attrs.Factory(set)
    _numbered: dict[str, int] = attrs.Factory(dict)
    """The last number tried after each id (the ids before it are taken): a thousand names
    made the same id are numbered in linear time."""

    def make(self, name: str) -> str:
        base = name if ID_PATTERN.fullmatch(name) else _NOT_IN_IDS.sub("-", name).strip("-._")
        base = (base or self.fallback)[:MAX_ID_LENGTH]
        number = self._numbered.get(base, 1)
        made = _numbered(base, number)
        while made in self.taken:
            number += 1
            made = _numbered(base, number)
        self._numbered[base] = number
        self.taken.add(made)
        return made


def _numbered(base: str, number: int) -> str:
    if number == 1:
        return base
    suffix = f"-{number}"
    return base[: MAX_ID_LENGTH - len(suffix)] + suffix


def import_text(text: str, from_: str, file: str | None = None) -> Loaded:
    """Text in the format called ``from_`` read into a map, with diagnostics."""
    format = get(from_)
    if format.import_ is None:
        raise KeyError(f"format {from_!r} cannot be imported")
    return format.import_(text, file)


__all__ = [
    "FORMATS",
    "Exporter",
    "Format",
    "Ids",
    "Importer",
    "export",
    "exporters",
    "from_networkx",
    "get",
    "guess",
    "import_text",
    "importers",
    "limited",
    "refusal",
    "register",
    "to_networkx",
]

from argmap.formats.networkx_graph import from_networkx, to_networkx  # noqa: E402

"""The whole path a map takes: read, check, and (in the drawing functions) draw.

Each step lives in its own module (:mod:`argmap.loading` reads, :mod:`argmap.checks` checks,
:mod:`argmap.evaluation` evaluates, :mod:`argmap.dot` and :mod:`argmap.rendering` draw); this
module strings them together, so that the library, ``argmap check``, ``argmap render`` and
``argmap watch`` all take the same path. Nothing here prints or exits: results are values.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from argmap.checks import Check, run_checks
from argmap.corpus import Corpus
from argmap.diagnostics import Diagnostic, MapError
from argmap.loading import Loaded, parse, read
from argmap.model import ArgumentMap


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


def check_loaded(
    loaded: Loaded,
    *,
    sources: Iterable[str | os.PathLike[str]] = (),
    checks: Mapping[str, Check] | None = None,
    corpus: Corpus | None = None,
) -> list[Diagnostic]:
    """Every diagnostic of a read map: the reader's and the checks', located, in file order.
    The map's source text is looked up in ``sources`` for ``quote-not-found``."""
    text = find_source_text(loaded.map, sources)
    return run_checks(loaded, source_text=text, checks=checks, corpus=corpus)


def check_file(
    path: str | os.PathLike[str],
    *,
    sources: Iterable[str | os.PathLike[str]] = (),
    checks: Mapping[str, Check] | None = None,
) -> list[Diagnostic]:
    """Every diagnostic of a map file, located at file, line and column, in file order."""
    return check_loaded(read(path), sources=sources, checks=checks)


def _valid(loaded: Loaded) -> ArgumentMap:
    diagnostics = run_checks(loaded)
    if loaded.map is None or any(d.is_error for d in diagnostics):
        raise MapError(diagnostics)
    return loaded.map


def loads(text: str, file: str | None = None) -> ArgumentMap:
    """A map from YAML text. Raises :class:`MapError` with every diagnostic if it has errors."""
    return _valid(parse(text, file))


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """A map from a YAML file. Raises :class:`MapError` with every diagnostic if it has errors."""
    return _valid(read(path))


def check_corpus(
    corpus: Corpus, *, sources: Iterable[str | os.PathLike[str]] = ()
) -> list[Diagnostic]:
    """Every diagnostic of every map of a folder, references across maps included."""
    folders = list(sources)
    found: list[Diagnostic] = []
    for stem in corpus.stems:
        loaded = corpus.loaded(stem)
        if loaded is None:  # pragma: no cover - every stem has a reading
            continue
        found.extend(check_loaded(loaded, sources=folders, corpus=corpus))
    return found


def load_corpus(folder: str | os.PathLike[str]) -> Corpus:
    """The maps of a folder, checked with their references across maps.

    Raises :class:`MapError` carrying every diagnostic of every map when any has errors.
    """
    corpus = Corpus(folder)
    diagnostics = check_corpus(corpus)
    if any(d.is_error for d in diagnostics):
        raise MapError(diagnostics)
    return corpus

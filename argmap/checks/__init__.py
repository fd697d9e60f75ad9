"""Consistency checks: each a plain generator function yielding diagnostics.

A check takes the map and a :class:`CheckContext` and yields :class:`~argmap.Diagnostic` values
that point at a path in the map. All checks are registered in :data:`CHECKS`, keyed by the code
they report; pass a mapping of your own to :func:`check` to add checks or leave some out::

    from argmap.checks import CHECKS

    def no_long_texts(m, ctx):
        for claim in m.claims:
            if len(claim.text) > 200:
                yield Diagnostic.warning("long-text", "claim text over 200 characters",
                                         ("claims", claim.id, "text"))

    my_checks = {**CHECKS, "long-text": no_long_texts}
    del my_checks["orphan-claim"]
    argmap.check(m, checks=my_checks)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.bulk import paused_gc
from argmap.checks.crossrefs import circular_ref, figure_mismatch
from argmap.checks.cycles import circular_support
from argmap.checks.duplicates import duplicate_claim, duplicate_id, duplicate_link
from argmap.checks.expectations import unexpected_status
from argmap.checks.quotes import normalise, quote_not_found
from argmap.checks.references import conflicting_links, self_reference, unknown_ref
from argmap.checks.thesis import disconnected, no_thesis, orphan_claim, unsupported_thesis
from argmap.diagnostics import ERROR_CODES, Diagnostic, sort_key
from argmap.loading import Loaded
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.corpus import Corpus


@attrs.frozen
class CheckContext:
    """What a check may need beyond the map itself."""

    source_text: str | None = None
    """The text the map is a map of, when it was found; ``quote-not-found`` needs it."""
    unresolved: frozenset[str] = frozenset()
    """Ids of claims and links that the loader dropped for errors; references to them are not
    reported again."""
    corpus: Corpus | None = None
    """The maps of the map's folder, for references across maps (``ref``, ``same``); without
    it, those references are not checked."""
    stem: str | None = None
    """The map's name in the corpus: its file name without ``.yaml``."""

    @cached_property
    def normalised_source(self) -> str | None:
        return None if self.source_text is None else normalise(self.source_text)


Check = Callable[[ArgumentMap, CheckContext], Iterable[Diagnostic]]
"""The signature of a check."""

CHECKS: dict[str, Check] = {
    "duplicate-id": duplicate_id,
    "unknown-ref": unknown_ref,
    "self-reference": self_reference,
    "circular-support": circular_support,
    "circular-ref": circular_ref,
    "conflicting-links": conflicting_links,
    "unexpected-status": unexpected_status,
    "no-thesis": no_thesis,
    "unsupported-thesis": unsupported_thesis,
    "orphan-claim": orphan_claim,
    "disconnected": disconnected,
    "duplicate-claim": duplicate_claim,
    "duplicate-link": duplicate_link,
    "quote-not-found": quote_not_found,
    "figure-mismatch": figure_mismatch,
}
"""Every check, keyed by the code it reports. Copy it to add or remove checks."""

__all__ = ["CHECKS", "Check", "CheckContext", "check", "run_checks"]


def check(
    argument_map: ArgumentMap,
    *,
    source_text: str | None = None,
    checks: Mapping[str, Check] | None = None,
    context: CheckContext | None = None,
) -> list[Diagnostic]:
    """Run the checks over a map and return what they find, errors first then by order found.

    The diagnostics carry paths but no lines: a map built in Python has no file. For located
    diagnostics of a file, use :func:`argmap.check_file`.
    """
    ctx = context or CheckContext(source_text=source_text)
    found: list[Diagnostic] = []
    with paused_gc():
        for fn in (checks if checks is not None else CHECKS).values():
            found.extend(fn(argument_map, ctx))
    found.sort(key=lambda d: not d.is_error)
    return found


def run_checks(
    loaded: Loaded,
    *,
    source_text: str | None = None,
    checks: Mapping[str, Check] | None = None,
    corpus: Corpus | None = None,
    references: bool = True,
) -> list[Diagnostic]:
    """The loader's diagnostics and the checks' ones for a read file, located and sorted.

    When the file had errors of form, only the error checks run over what could be read:
    warnings about a half-read map would mislead. References to other maps are looked up in
    ``corpus``, or, for a map file (``.yaml``, ``.yml``) with references, in the maps of the
    file's folder; with ``references=False`` and no corpus, they are not checked.
    """
    found = list(loaded.diagnostics)
    if loaded.map is not None:
        chosen = dict(checks if checks is not None else CHECKS)
        if any(d.is_error for d in found):
            chosen = {code: fn for code, fn in chosen.items() if code in ERROR_CODES}
        stem = Path(loaded.file).stem if loaded.file is not None else None
        if loaded.file is not None:
            from argmap.corpus import Corpus, has_references, is_map_file

            # A map file's references name the map files beside it; other formats (argmap
            # JSON, say) are checked alone unless given a corpus.
            if (
                corpus is None
                and references
                and is_map_file(loaded.file)
                and has_references(loaded.map)
            ):
                corpus = Corpus(Path(loaded.file).parent)
            if corpus is not None:
                corpus.add(loaded)
        ctx = CheckContext(
            source_text=source_text, unresolved=loaded.unresolved, corpus=corpus, stem=stem
        )
        with paused_gc():  # a map of a million claims may have millions of diagnostics
            for diagnostic in check(loaded.map, checks=chosen, context=ctx):
                found.append(diagnostic.locate(loaded.positions, loaded.file))
    found.sort(key=sort_key)
    return found

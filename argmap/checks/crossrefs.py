"""Checks of references across maps: ``ref`` and ``same`` name claims of maps of the folder.

They run when the context holds the folder's :class:`~argmap.corpus.Corpus` (as it does for any
map read from a file that has references); for a map built in Python without one, they find
nothing to check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic, Path, Suggester
from argmap.figures import Figure, differences
from argmap.model import ArgumentMap, Claim, split_ref

if TYPE_CHECKING:
    from argmap.checks import CheckContext
    from argmap.corpus import Corpus


def _references(claim: Claim) -> Iterator[tuple[str, str, Path]]:
    """Each reference of a claim: the field it is in, the reference, its path."""
    if claim.ref is not None:
        yield "ref", claim.ref, ("claims", claim.id, "ref")
    for index, ref in enumerate(claim.same):
        yield "same", ref, ("claims", claim.id, "same", index)


def _some_maps(stems: list[str], shown: int = 8) -> str:
    if not stems:
        return "the folder holds no maps"
    more = f", and {len(stems) - shown} more" if len(stems) > shown else ""
    return f"maps of the folder: {', '.join(stems[:shown])}{more}"


def _problem(
    corpus: Corpus, ref: str, hints: dict[str, Suggester]
) -> tuple[str, str | None] | None:
    """What is wrong with a reference (message tail, hint), or None when it names a claim.
    ``hints`` keeps a suggester per map (made when first needed)."""
    stem, claim_id = split_ref(ref)
    loaded = corpus.loaded(stem)
    if loaded is None:
        where = corpus.folder / f"{stem}.yaml"
        return (
            f"names no map '{stem}' (there is no {where})",
            _hint(hints, "", corpus.stems, stem) or _some_maps(corpus.stems),
        )
    m = loaded.map
    if m is None or claim_id in loaded.unresolved:
        return (
            f"names '{claim_id}' in map '{stem}', which could not be read",
            f"argmap check {corpus.path(stem)} shows its errors",
        )
    if corpus.claim(ref) is not None:
        return None
    if claim_id in m:
        return f"names '{claim_id}' in map '{stem}', which is a link, not a claim", None
    return (
        f"names no claim '{claim_id}' in map '{stem}'",
        _hint(hints, stem, (c.id for c in m.claims), claim_id),
    )


def _hint(hints: dict[str, Suggester], key: str, choices: Iterable[str], word: str) -> str | None:
    if key not in hints:
        hints[key] = Suggester(choices)
    return hints[key](word)


def unknown_cross_ref(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Each ``ref`` and ``same`` names a map of the folder and a claim of that map."""
    corpus = ctx.corpus
    if corpus is None:
        return
    hints: dict[str, Suggester] = {}
    for claim in m.claims:
        for field, ref, path in _references(claim):
            problem = _problem(corpus, ref, hints)
            if problem is not None:
                message, hint = problem
                yield Diagnostic.error(
                    "unknown-ref", f"'{field}' of claim '{claim.id}' {message}", path, hint
                )


def circular_ref(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Following references from a claim must end at a claim with a text of its own."""
    corpus, stem = ctx.corpus, ctx.stem
    if corpus is None or stem is None:
        return
    for claim in m.claims:
        if claim.ref is None or claim.text is not None:
            continue
        here = f"{stem}#{claim.id}"
        followed = corpus.follow(claim.ref)
        if not followed.cycle:
            continue
        if here in followed.cycle:
            start = followed.cycle.index(here)
            loop = (*followed.cycle[start:-1], *followed.cycle[:start], here)
            message = (
                f"claim '{claim.id}' refers, through references, back to itself: "
                f"{' -> '.join(loop)}"
            )
            hint = "give one claim of the cycle a text of its own, or its 'ref' another claim"
        else:
            message = (
                f"'ref' of claim '{claim.id}' leads into a cycle of references: "
                f"{' -> '.join(followed.cycle)}"
            )
            hint = "the cycle is reported in the maps it runs through"
        yield Diagnostic.error("circular-ref", message, ("claims", claim.id, "ref"), hint)


_KINDS = {"percent": "percentages", "money": "amounts", "number": "numbers"}


def _listed(found: list[Figure]) -> str:
    return ", ".join(f"'{f.written}'" for f in found)


def figure_mismatch(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Claims declared the same (and a referring claim with a text of its own and the claim it
    names) must give the same figures: percentages, amounts of money, numbers."""
    corpus, stem = ctx.corpus, ctx.stem
    if corpus is None or stem is None:
        return
    for claim in m.claims:
        mine = corpus.text(stem, claim)
        if mine is None:
            continue
        pairs: list[tuple[str, str, Path]] = []
        if claim.ref is not None and claim.text is not None:
            pairs.append(("ref", claim.ref, ("claims", claim.id, "text")))
        pairs += [("same", ref, path) for field, ref, path in _references(claim) if field == "same"]
        for field, ref, path in pairs:
            other = corpus.claim(ref)
            if other is None:
                continue
            theirs = corpus.text(split_ref(ref)[0], other)
            if theirs is None:
                continue
            for kind, here, there in differences(mine, theirs):
                relation = "refers to" if field == "ref" else "is declared the same as"
                yield Diagnostic.warning(
                    "figure-mismatch",
                    f"claim '{claim.id}' {relation} '{ref}', but their {_KINDS[kind]} differ: "
                    f"{_listed(here)} here, {_listed(there)} there",
                    path,
                    "check both against their sources; claims that give different figures "
                    "are not the same claim",
                )

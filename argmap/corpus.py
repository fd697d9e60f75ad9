"""A folder of maps, and the references between them.

A claim of one map may stand for a claim of another map of the same folder
(``ref: hanoi-walkout-leverage#us-regained-leverage``, the other map's file stem, ``#``, its
claim id), and may be declared the same as claims of other maps (``same: [stem#id, ...]``).
A :class:`Corpus` reads the maps of a folder as they are needed, follows references (a
reference to a claim that is itself a reference is followed on), and gives each referring claim
the text of the claim it names::

    import argmap

    corpus = argmap.load_corpus("maps")          # raises argmap.MapError if any map is invalid
    debate = corpus.resolved("debate")           # the map, with referenced texts filled in
    for stem, m in corpus.maps().items():
        print(stem, m.title)

The checks of references (``unknown-ref``, ``circular-ref``, ``figure-mismatch``) are in
:mod:`argmap.checks.crossrefs`; they run whenever a map read from a file has references.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

import attrs

from argmap.files import MAP_SUFFIXES
from argmap.loading import Loaded, read
from argmap.model import ArgumentMap, Claim, split_ref


def is_map_file(file: str | os.PathLike[str]) -> bool:
    """True for a file named like a map (``.yaml``, ``.yml``): one a corpus would read."""
    return Path(file).suffix.lower() in MAP_SUFFIXES


def has_references(m: ArgumentMap) -> bool:
    """True when a claim of the map names a claim of another map (``ref`` or ``same``)."""
    return any(claim.ref is not None or claim.same for claim in m.claims)


@attrs.frozen
class Followed:
    """Where following a reference led."""

    claim: Claim | None
    """The first claim on the way with a text of its own; None if the way is broken."""
    path: tuple[str, ...]
    """The references followed, ``stem#id`` each, starting with the claim followed from."""
    cycle: tuple[str, ...] = ()
    """When the way runs in a circle: the references of the circle, its first repeated last."""


class Corpus:
    """The maps of one folder, each read once when first needed."""

    def __init__(self, folder: str | os.PathLike[str], loaded: Iterable[Loaded] = ()) -> None:
        self.folder = Path(folder)
        self._loaded: dict[str, Loaded | None] = {}
        for item in loaded:
            self.add(item)

    def add(self, loaded: Loaded) -> None:
        """Use this reading of a map (say, of text not yet saved) instead of its file."""
        if loaded.file is not None:
            self._loaded[Path(loaded.file).stem] = loaded

    @cached_property
    def files(self) -> dict[str, Path]:
        """Stem -> file of every map of the folder (not of folders below it), by stem."""
        found: dict[str, Path] = {}
        try:
            entries = sorted(self.folder.iterdir())
        except OSError:
            entries = []
        for path in entries:
            if is_map_file(path) and not path.name.startswith(".") and path.is_file():
                found.setdefault(path.stem, path)
        return found

    @property
    def stems(self) -> list[str]:
        """The stems of the maps of the folder, sorted."""
        read = {stem for stem, loaded in self._loaded.items() if loaded is not None}
        return sorted(set(self.files) | read)

    def loaded(self, stem: str) -> Loaded | None:
        """The reading of the map ``stem`` (read on first use); None if the folder has none."""
        if stem not in self._loaded:
            path = self.files.get(stem)
            self._loaded[stem] = read(path) if path is not None else None
        return self._loaded[stem]

    def map(self, stem: str) -> ArgumentMap | None:
        """The map ``stem``, as far as it could be read; None if there is none."""
        loaded = self.loaded(stem)
        return loaded.map if loaded is not None else None

    def path(self, stem: str) -> str:
        """The file of the map ``stem``, for messages."""
        loaded = self._loaded.get(stem)
        if loaded is not None and loaded.file is not None:
            return loaded.file
        return os.fspath(self.files.get(stem, self.folder / f"{stem}.yaml"))

    def claim(self, ref: str) -> Claim | None:
        """The claim a reference ``stem#id`` names, or None if it names none."""
        stem, claim_id = split_ref(ref)
        m = self.map(stem)
        if m is None:
            return None
        try:
            return m.claim(claim_id)
        except KeyError:
            return None

    def follow(self, ref: str) -> Followed:
        """Follow a reference, and the references of the claims it leads to, to a claim with a
        text of its own."""
        seen: list[str] = []
        current = ref
        while True:
            if current in seen:
                start = seen.index(current)
                return Followed(None, tuple(seen), (*seen[start:], current))
            seen.append(current)
            claim = self.claim(current)
            if claim is None:
                return Followed(None, tuple(seen))
            if claim.text is not None or claim.ref is None:
                return Followed(claim, tuple(seen))
            current = claim.ref

    def text(self, stem: str, claim: Claim) -> str | None:
        """The text a claim of the map ``stem`` shows: its own, or the one its ``ref`` leads to."""
        if claim.text is not None:
            return claim.text
        if claim.ref is None:  # pragma: no cover - the model requires a text or a ref
            return None
        found = self.follow(claim.ref).claim
        return found.text if found is not None else None

    def resolve(self, stem: str, m: ArgumentMap) -> ArgumentMap:
        """The map with each referring claim given the text its reference leads to (claims whose
        reference leads nowhere keep none)."""
        claims = []
        for claim in m.claims:
            if claim.text is None:
                text = self.text(stem, claim)
                if text is not None:
                    claim = attrs.evolve(claim, text=text)
            claims.append(claim)
        return attrs.evolve(m, claims=claims)

    def resolved(self, stem: str) -> ArgumentMap:
        """The map ``stem`` with referenced texts filled in; KeyError if the folder has none."""
        m = self.map(stem)
        if m is None:
            raise KeyError(stem)
        return self.resolve(stem, m)

    def maps(self) -> dict[str, ArgumentMap]:
        """Every map of the folder that could be read, by stem, as written."""
        found = {}
        for stem in self.stems:
            m = self.map(stem)
            if m is not None:
                found[stem] = m
        return found

"""Up-to-date records of drawings: which drawings need not be drawn again.

A drawing is up to date when its file is newer than every map it was drawn from (the map, and
every map of the folder for a map that refers to other maps) and the stamp file of its output
folder, ``.argmap.render.json``, says that it was drawn with the same options (the options'
key, argmap's version among them). Only the stamp is read, and only the drawing and its maps
are looked at (one ``stat`` each): this module imports nothing of argmap's reading or drawing.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

STAMP = ".argmap.render.json"
"""The stamp file of an output folder: for each drawing, the version and options it was drawn
with, and the maps it was drawn from."""


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


class Stamps:
    """The stamp files of the output folders of a batch, by folder."""

    def __init__(self) -> None:
        self.folders: dict[str, dict[str, dict[str, object]]] = {}
        self.changed: set[str] = set()

    def entries(self, folder: str) -> dict[str, dict[str, object]]:
        if folder not in self.folders:
            try:
                with open(os.path.join(folder, STAMP), encoding="utf-8") as handle:
                    found = json.load(handle)
                self.folders[folder] = found if isinstance(found, dict) else {}
            except (OSError, ValueError):
                self.folders[folder] = {}
        return self.folders[folder]

    def up_to_date(self, target: Path, key: str) -> bool:
        """Whether the drawing ``target`` was made with the options of ``key`` and is newer than
        every map it was drawn from."""
        drawing = os.fspath(target)
        folder, name = os.path.split(drawing)
        entry = self.entries(folder).get(name)
        if not isinstance(entry, dict) or entry.get("options") != key:
            return False
        inputs = entry.get("inputs")
        if not isinstance(inputs, list) or not inputs:
            return False
        drawn = _mtime(drawing)
        if drawn is None:
            return False
        for source in inputs:
            changed = _mtime(source) if isinstance(source, str) else None
            if changed is None or changed > drawn:
                return False
        return True

    def record(self, target: Path, key: str, inputs: tuple[str, ...]) -> None:
        """Note that ``target`` was drawn with the options of ``key`` from the maps ``inputs``."""
        folder, name = os.path.split(os.fspath(target))
        self.entries(folder)[name] = {"options": key, "inputs": list(inputs)}
        self.changed.add(folder)

    def forget(self, target: Path) -> None:
        folder, name = os.path.split(os.fspath(target))
        if self.entries(folder).pop(name, None) is not None:
            self.changed.add(folder)

    def save(self) -> None:
        """Write the stamp files that changed (atomically)."""
        from argmap.files import WriteError, write_atomic

        for folder in sorted(self.changed):
            text = json.dumps(self.folders[folder], indent=1, sort_keys=True) + "\n"
            # A record that cannot be written costs only a drawing made again next time.
            with contextlib.suppress(WriteError):
                write_atomic(os.path.join(folder, STAMP), text.encode("utf-8"))
        self.changed.clear()

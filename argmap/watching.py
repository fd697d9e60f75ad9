"""Watching maps for changes (``argmap watch``): which files changed since the last look.

Polls modification times and sizes: no platform file-notification service is needed, and a
folder of hundreds of maps costs a few milliseconds a look.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from argmap.files import expand_paths


@attrs.define
class Watcher:
    """Remembers the state of the maps under some paths; :meth:`changed` says what moved."""

    paths: tuple[str, ...]
    seen: dict[Path, tuple[int, int]] = attrs.field(factory=dict)

    def _stamp(self, path: Path) -> tuple[int, int] | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def changed(self) -> tuple[list[Path], list[Path]]:
        """Maps new or modified since the last call, and maps removed (all maps on the first)."""
        current: dict[Path, tuple[int, int]] = {}
        for path in expand_paths(p for p in self.paths if os.path.exists(p)):
            stamp = self._stamp(path)
            if stamp is not None:
                current[path] = stamp
        modified = [p for p, s in current.items() if self.seen.get(p) != s]
        removed = [p for p in self.seen if p not in current]
        self.seen = current
        return modified, removed


def describe(paths: Iterable[Path]) -> str:
    return ", ".join(str(p) for p in paths)

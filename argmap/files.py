"""Files: finding maps in folders, naming outputs, and writing outputs safely."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders replaced by the maps below them (``*.yaml``, ``*.yml``), sorted.

    Hidden folders and files (names starting with '.') inside a folder are skipped. A file
    named twice is listed once.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            children = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in MAP_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            children = [path]
        for child in children:
            key = child.resolve()
            if key not in seen:
                seen.add(key)
                found.append(child)
    return found


def output_path(map_path: Path, format: str, output_dir: Path | None = None) -> Path:
    """Where a map's drawing goes: its stem with the format's suffix, beside it or in a folder."""
    name = map_path.stem + "." + format
    return (output_dir if output_dir is not None else map_path.parent) / name


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never half of it."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=".argmap-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise

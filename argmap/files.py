"""Files: finding maps in folders, naming outputs, and writing outputs safely."""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")


def open_to_read(path: str | os.PathLike[str]) -> io.BufferedReader:
    """``path`` opened for reading in binary, without waiting for a writer when it is a named
    pipe (reading one that nothing writes to then ends at once, with no bytes)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def is_pipe(handle: io.BufferedReader) -> bool:
    """Whether an open file is a named pipe."""
    return stat.S_ISFIFO(os.fstat(handle.fileno()).st_mode)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders replaced by the maps below them (``*.yaml``, ``*.yml``), sorted.

    Hidden folders and files (names starting with '.') inside a folder are skipped, and so are
    links to folders. A file named twice is listed once.
    """
    found: list[Path] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            relative = sorted(_maps_below(os.fspath(path), ()))
            children = [path.joinpath(*parts) for parts in relative]
        else:
            children = [path]
        for child, key in zip(children, real_paths(children), strict=True):
            if key not in seen:
                seen.add(key)
                found.append(child)
    return found


def _maps_below(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The map files below ``folder``, as the names leading to them from it (one listing of each
    folder; only links are looked up one by one)."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except PermissionError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            if name.lower().endswith(MAP_SUFFIXES) and entry.is_file():
                yield (*parts, name)
            elif entry.is_dir(follow_symlinks=False):
                yield from _maps_below(entry.path, (*parts, name))
        except OSError:
            continue


def real_paths(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """``os.path.realpath`` of each path (what ``Path.resolve()`` gives, as text), for many paths
    at once: each folder is resolved once and listed once, and only the names in it that are
    links are resolved one by one."""
    folders: dict[str, tuple[str, frozenset[str] | None]] = {}
    found = []
    for path in paths:
        text = os.fspath(path)
        parent, name = os.path.split(text)
        folder = folders.get(parent)
        if folder is None:
            real = os.path.realpath(parent)
            links: frozenset[str] | None
            try:
                with os.scandir(real) as listing:
                    links = frozenset(e.name for e in listing if e.is_symlink())
            except (FileNotFoundError, NotADirectoryError):  # nothing in it can be a link
                links = frozenset()
            except OSError:  # unreadable: each path on its own
                links = None
            folder = folders[parent] = (real, links)
        real, links = folder
        plain = links is not None and name not in links and name not in ("", ".", "..")
        found.append(os.path.join(real, name) if plain else os.path.realpath(text))
    return found


def output_path(map_path: Path, format: str, output_dir: Path | None = None) -> Path:
    """Where a map's drawing goes: its stem with the format's suffix, beside it or in a folder."""
    name = map_path.stem + "." + format
    return (output_dir if output_dir is not None else map_path.parent) / name


class WriteError(OSError):
    """An output that could not be written: its path and the system's reason (a folder that
    cannot be written to, a full disk, a path under a file)."""

    def __init__(self, path: str | os.PathLike[str], reason: str, verb: str = "write") -> None:
        super().__init__(f"cannot {verb} {os.fspath(path)}: {reason}")
        self.path = os.fspath(path)
        self.reason = reason


def make_folder(path: str | os.PathLike[str]) -> None:
    """Make an output folder and the folders above it, if missing; :class:`WriteError` when
    it cannot be made."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        if isinstance(error, FileExistsError):
            reason = "it is a file, not a folder"
        raise WriteError(path, reason, "make the folder") from error


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never half of it;
    :class:`WriteError` when it cannot be written (nothing is left behind)."""
    try:
        _write_atomic(path, data)
    except OSError as error:
        raise WriteError(path, error.strerror or str(error)) from error


def _write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    import tempfile

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

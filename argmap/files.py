"""Files: finding maps in folders, naming outputs, and writing outputs safely."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")


PIPE_WAIT = 5.0
"""Seconds to wait for something to write to a named pipe given as a map."""


def open_to_read(path: str | os.PathLike[str]) -> io.BufferedReader:
    """``path`` opened for reading in binary. A named pipe is opened without waiting for a
    writer, and then given :data:`PIPE_WAIT` seconds to be written to (a writer that opens it
    after argmap does is in time): past that, :class:`TimeoutError`, where opening it the usual
    way would wait for ever."""
    import select

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode) and hasattr(select, "poll"):
            waiting = select.poll()
            waiting.register(fd, select.POLLIN | select.POLLHUP)
            if not waiting.poll(PIPE_WAIT * 1000):
                raise TimeoutError(
                    errno.ETIMEDOUT,
                    f"it is a named pipe that nothing wrote to in {PIPE_WAIT:g} s",
                )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


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


def write_atomic(path: str | os.PathLike[str], data: bytes, *, in_place: bool = False) -> None:
    """Write a file so that readers see the old content or the new, never half of it: the data
    goes to a temporary file in the same folder, which is synced and then renamed over it.
    :class:`WriteError` when it cannot be written; nothing is left behind.

    An output (the default) replaces whatever has its name, a link included, and gets the mode
    the umask leaves of 0666: an output never writes outside its folder. A user's own file
    rewritten ``in_place`` (``argmap fmt``) is written through a link to its target, in the
    target's folder, leaving the link as it is; it keeps its mode (and its owner and group,
    where the user may keep them); and a read-only file (no one may write it, or this user may
    not) is not written.
    """
    try:
        _write_atomic(path, data, in_place)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteError(path, reason) from error


def _write_atomic(path: str | os.PathLike[str], data: bytes, in_place: bool) -> None:
    import stat
    import tempfile

    target = os.fspath(path)
    if in_place and os.path.islink(target):
        target = os.path.realpath(target)
    before: os.stat_result | None = None
    if in_place:
        with contextlib.suppress(FileNotFoundError):
            before = os.stat(target)
    if before is not None and stat.S_ISREG(before.st_mode):
        if not before.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, "the file is read-only", os.fspath(path))
        mode = stat.S_IMODE(before.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=".argmap-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            if before is not None and stat.S_ISREG(before.st_mode):
                made = os.fstat(out.fileno())
                if (made.st_uid, made.st_gid) != (before.st_uid, before.st_gid):
                    try:
                        os.chown(temporary, before.st_uid, before.st_gid)
                    except OSError:  # only root may give a file away; a member, its group
                        with contextlib.suppress(OSError):
                            os.chown(temporary, -1, before.st_gid)
        os.chmod(temporary, mode)  # after chown, which may clear set-id bits
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Make a rename in ``folder`` survive a crash (where folders can be synced)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)

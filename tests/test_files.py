"""Finding maps in folders and resolving many paths at once, checked against pathlib.

``expand_paths`` lists each folder once with ``os.scandir`` and ``real_paths`` resolves each
folder once; the references here are the straightforward pathlib versions (``rglob`` and
``Path.resolve`` of every path), run on generated trees of files, folders and links.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.files import MAP_SUFFIXES, expand_paths, real_paths


def reference_expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """expand_paths as pathlib says it: rglob, then filter, sort and drop repeats."""
    found: list[Path] = []
    seen: set[Path] = set()
    for named in paths:
        path = Path(named)
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


NAMES = st.sampled_from(
    ["a.yaml", "b.yml", "C.YAML", "a-c.yaml", "a", "b", "sub", ".hidden", ".h.yaml", "x.txt"]
)
"""Names whose orders differ as text and as paths (``a/...`` against ``a-c.yaml``), hidden
names, suffixes in capitals and names that are not maps."""

ENTRIES = st.lists(
    st.tuples(
        st.lists(NAMES, min_size=1, max_size=3),
        st.sampled_from(["file", "folder", "link to file", "link to folder", "broken link"]),
    ),
    max_size=12,
)
"""A tree: each entry a path of names under the root and what to make there."""


def build(root: Path, entries: list[tuple[list[str], str]]) -> list[Path]:
    """Make what ``entries`` says under ``root`` (skipping what clashes with what is there);
    every path made, and a few paths that are not there."""
    made: list[Path] = []
    for names, kind in entries:
        path = root.joinpath(*names)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "file":
                path.write_text("argmap: 1\n", encoding="utf-8")
            elif kind == "folder":
                path.mkdir()
            elif kind == "broken link":
                path.symlink_to(root / "nowhere")
            else:  # a link to something made before, or to the root itself
                targets = [p for p in made if p.is_dir() == (kind == "link to folder")]
                path.symlink_to(targets[-1] if targets else root)
        except OSError:  # a name taken by another kind, or a file where a folder should be
            continue
        made.append(path)
    return [*made, root / "missing.yaml", root / "missing" / "m.yaml"]


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(ENTRIES)
def test_expand_paths_finds_what_rglob_finds(entries: list[tuple[list[str], str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "root"
        root.mkdir()
        made = build(root, entries)
        given_paths = [root, *[p for p in made if p.is_file()][:3]]
        assert expand_paths(given_paths) == reference_expand(given_paths)
        inside = root / "sub"
        if inside.is_dir() and not inside.is_symlink():
            assert expand_paths([inside, root]) == reference_expand([inside, root])


@SETTINGS
@given(ENTRIES, st.sampled_from(["absolute", "relative", "dotted"]))
def test_real_paths_are_what_resolve_gives(entries: list[tuple[list[str], str]], form: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "root"
        root.mkdir()
        made = build(root, entries)
        if form == "relative":
            made = [p.relative_to(Path(folder)) for p in made]
            base: Path | None = Path(folder)
        elif form == "dotted":  # through "..": resolve() must not drop the folder before it
            made = [p.parent / ".." / p.parent.name / p.name for p in made if p.parent != root]
            base = None
        else:
            base = None
        here = os.getcwd()
        try:
            if base is not None:
                os.chdir(base)
            assert real_paths(made) == [str(p.resolve()) for p in made]
        finally:
            os.chdir(here)


def test_real_paths_follow_a_link_in_place_of_a_name(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text("argmap: 1\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.svg").symlink_to(tmp_path / "maps" / "a.yaml")
    (tmp_path / "linked").symlink_to(tmp_path / "maps")
    paths = [tmp_path / "out" / "a.svg", tmp_path / "out" / "b.svg", tmp_path / "linked" / "a.yaml"]
    real = str((tmp_path / "maps" / "a.yaml").resolve())
    assert real_paths(paths) == [real, str((tmp_path / "out" / "b.svg").resolve()), real]


def test_expand_paths_skips_hidden_names_and_links_to_folders(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.YML", "a/z.yaml", "a-c.yaml", ".hidden/d.yaml", "sub/.e.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("argmap: 1\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)  # not followed: no endless walk, no repeats
    (tmp_path / "same.yaml").symlink_to(tmp_path / "b.yaml")  # the same file as b.yaml
    found = expand_paths([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/z.yaml",
        "a-c.yaml",
        "a.YML",
        "b.yaml",
    ]

"""Hostile input: every case ends quickly, within bounded memory, with a located diagnostic
and never a traceback. Each runs in a child process capped at 500 MB of address space and
stopped after 30 s (a guard against hangs, not a timing: benchmarks/hostile.py prints times)."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import argmap
from argmap.loading import MAX_BYTES

MEMORY_CAP = 500 * 2**20
CHILD = """
import json, sys, time
import argmap
start = time.perf_counter()
found = argmap.check_file(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start,
                  "diagnostics": [d.to_dict() for d in found]}))
"""


def capped() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def check_in_child(path: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=capped,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return found


def alias_bomb() -> bytes:
    lines = ["argmap: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines += ["claims:", "  c: *a9"]
    return ("\n".join(lines) + "\n").encode()


CASES: dict[str, tuple[bytes, tuple[str, int, int]]] = {
    "alias bomb": (alias_bomb(), ("unknown-field", 2, 1)),
    "python tag": (
        b'argmap: 1\nclaims:\n  a: !!python/object/apply:os.system ["touch /tmp/argmap-pwned"]\n',
        ("wrong-type", 3, 6),
    ),
    "deep flow nesting": (
        b"argmap: 1\nclaims:\n  a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        ("yaml-syntax", 3, 1004),
    ),
    "deep block nesting": (
        b"argmap: 1\nclaims:\n  a:\n"
        + b"".join(b" " * (4 + 2 * i) + b"k:\n" for i in range(3000))
        + b" " * 6004
        + b"x\n",
        ("yaml-syntax", 1001, 2000),
    ),
    "invalid UTF-8": (b"argmap: 1\nclaims:\n  a: caf\xe9\n", ("yaml-syntax", 3, 9)),
    "NUL byte": (b"argmap: 1\nclaims:\n  a: A\x00B\n", ("yaml-syntax", 3, 7)),
    "tab indentation": (b"argmap: 1\nclaims:\n\ta: A.\n", ("yaml-syntax", 3, 1)),
    "empty file": (b"", ("missing-field", 1, 1)),
    "only a comment": (b"# nothing\n", ("missing-field", 1, 1)),
    "top-level list": (b"- argmap: 1\n- claims: {}\n", ("wrong-type", 1, 1)),
    "top-level number": (b"42\n", ("wrong-type", 1, 1)),
    "two documents": (b"argmap: 1\nclaims: {a: A.}\n---\nargmap: 1\n", ("yaml-syntax", 3, 1)),
    "binary junk": (bytes(range(256)) * 4, ("yaml-syntax", 2, 118)),
    "control character": (b"argmap: 1\nclaims:\n  a: A\x07B\n", ("yaml-syntax", 3, 7)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_gets_a_located_diagnostic(name: str, tmp_path: Path) -> None:
    data, (code, line, column) = CASES[name]
    path = tmp_path / "hostile.yaml"
    path.write_bytes(data)
    found = check_in_child(path)
    assert found, "no diagnostic"
    first = found[0]
    assert (first["code"], first["line"], first["column"]) == (code, line, column), first
    assert first["file"] == str(path)
    assert not Path("/tmp/argmap-pwned").exists()


def test_a_50_mb_map_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w") as out:
        out.write("argmap: 1\nclaims:\n")
        line = "  c{}: A claim of the enormous map, repeated to make the file large.\n"
        for i in range(700_000):
            out.write(line.format(i))
    assert path.stat().st_size > 50 * 10**6
    found = check_in_child(path)
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("limit-exceeded", 1, 1)]
    assert "argmap reads maps of up to 16 MiB" in str(found[0]["message"])


def test_an_enormous_single_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("argmap: 1\nthesis: a\nclaims:\n  a: " + "word " * 1_000_000 + "\n")
    found = check_in_child(path)
    assert [d["code"] for d in found] == ["unsupported-thesis"]


def test_bom_crlf_and_numbers_where_text_belongs_load(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_bytes(
        b"\xef\xbb\xbfargmap: 1\r\nthesis: '2019'\r\nclaims:\r\n  '2019': 2019-03-01\r\n"
        b"  b: 42\r\n  c: true\r\nlinks:\r\n  - from: [b, c]\r\n    supports: '2019'\r\n"
    )
    assert check_in_child(path) == []
    m = argmap.load(path)
    assert [c.text for c in m.claims] == ["2019-03-01", "42", "true"]


def _fifo_with(tmp_path: Path, data: bytes) -> Path:
    """A named pipe that a thread fills with ``data``: a file with no size to go by."""
    path = tmp_path / "piped.yaml"
    os.mkfifo(path)

    def fill() -> None:
        with contextlib.suppress(BrokenPipeError), path.open("wb") as out:
            out.write(data)

    threading.Thread(target=fill, daemon=True).start()
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_map_from_a_pipe_is_read_whole(tmp_path: Path) -> None:
    claims = "".join(f"  c{i}: Claim {i}.\n" for i in range(5_000))
    links = "".join(f"  - {{from: c{i}, supports: c0}}\n" for i in range(1, 5_000))
    text = f"argmap: 1\nthesis: c0\nclaims:\n{claims}links:\n{links}"
    loaded = argmap.read(_fifo_with(tmp_path, text.encode()))
    assert loaded.diagnostics == ()
    assert loaded.map is not None
    assert (len(loaded.map.claims), len(loaded.map.links)) == (5_000, 4_999)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    loaded = argmap.read(_fifo_with(tmp_path, b"#" * (MAX_BYTES + 10)))
    assert [d.code for d in loaded.diagnostics] == ["limit-exceeded"]
    assert f"argmap reads maps of up to {MAX_BYTES // 2**20} MiB" in loaded.diagnostics[0].message

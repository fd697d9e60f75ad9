"""Hostile and unusual input to the reader and the terminal output: each case of the hardening
run, with the exact diagnostic or the exact behaviour argmap promises (docs/security.md)."""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap import MapError, format_text
from argmap.cli import main
from argmap.diagnostics import EXCERPT_WIDTH, printable


def located(text: str) -> list[tuple[int, int, str, str]]:
    loaded = argmap.parse(text, "m.yaml")
    return [(d.line or 0, d.column or 0, d.code, d.message) for d in argmap.run_checks(loaded)]


def errors(text: str) -> list[tuple[int, int, str, str]]:
    return [d for d in located(text) if d[2] not in ("no-thesis", "orphan-claim")]


# --- surrogate escapes ------------------------------------------------------------------------


def test_a_surrogate_pair_escape_reads_as_its_character() -> None:
    text = (
        'argmap: 1\ntitle: "smile \\ud83d\\ude00 \\uD83D\\uDE03"\nclaims:\n  a: "\\ud83d\\ude00"\n'
    )
    m = argmap.loads(text)
    assert m.title == "smile \U0001f600 \U0001f603"
    assert m.claim("a").text == "\U0001f600"


def test_json_written_by_json_dumps_reads_with_its_emoji() -> None:
    data = {"argmap": 1, "thesis": "a", "claims": {"a": "Leverage \U0001f4aa", "b": "x \u00e9"}}
    data["links"] = [{"from": "b", "supports": "a"}]
    text = json.dumps(data)  # ensure_ascii: every emoji as a surrogate pair escape
    assert "\\ud83d\\udcaa" in text
    assert argmap.loads(text).claim("a").text == "Leverage \U0001f4aa"


def test_surrogate_escapes_outside_double_quotes_stay_as_typed() -> None:
    text = (
        "argmap: 1\nclaims:\n"
        '  a: "\\ud83d\\ude00"\n'
        "  b: plain \\ud83d\\ude00\n"
        "  c: 'single \\uD83D\\uDE00'\n"
        '  d: "escaped \\\\ud83d\\\\ude00"\n'
    )
    m = argmap.loads(text)
    assert [c.text for c in m.claims] == [
        "\U0001f600",
        "plain \\ud83d\\ude00",
        "single \\uD83D\\uDE00",
        "escaped \\ud83d\\ude00",
    ]


def test_a_surrogate_pair_keeps_later_columns() -> None:
    text = 'argmap: 1\nclaims:\n  a: {text: "\\ud83d\\ude00", by: [x]}\n'
    assert errors(text) == [
        (3, 33, "wrong-type", "'by' of claim 'a' must be a string, found a list")
    ]


@pytest.mark.parametrize(
    ("escape", "column"), [("\\ud800", 10), ("\\udfff", 10), ("\\ud83d x \\ude00", 10)]
)
def test_a_lone_surrogate_escape_is_a_located_error(escape: str, column: int) -> None:
    text = f'argmap: 1\nclaims:\n  a: "ab {escape}"\n'
    half = escape[:6]
    assert errors(text) == [
        (
            3,
            column,
            "yaml-syntax",
            f"not valid YAML: the escape '{half}' in double quotes is half of a UTF-16 "
            "surrogate pair, without its other half",
        )
    ]
    with pytest.raises(MapError):
        argmap.loads(text)


def test_a_lone_surrogate_stops_one_map_of_a_folder_not_the_html_pages(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text('argmap: 1\nclaims:\n  a: "\\ud800"\n')
    (tmp_path / "good.yaml").write_text("argmap: 1\nthesis: a\nclaims:\n  a: A.\n")
    result = CliRunner().invoke(main, ["render", "-f", "html", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "good.html").exists()
    assert (tmp_path / "index.html").exists()


# --- numbers, tags, encodings ---------------------------------------------------------------


def test_a_format_version_of_five_thousand_digits() -> None:
    text = "argmap: " + "9" * 5000 + "\nclaims:\n  a: A.\n"
    assert errors(text) == [
        (
            1,
            9,
            "unsupported-version",
            "format version 99999999999999999... is not one this release reads (it reads 1)",
        )
    ]


@pytest.mark.parametrize(
    ("value", "tag"),
    [("!!str x", "!!str"), ("!!timestamp 2001-01-01", "!!timestamp"), ("! x", "!")],
)
def test_every_tag_is_refused_even_of_a_kind_the_format_takes(value: str, tag: str) -> None:
    text = f"argmap: 1\nclaims:\n  a: {value}\n"
    assert errors(text) == [
        (3, 6, "wrong-type", f"the text of claim 'a' has the tag '{tag}'; maps take no YAML tags")
    ]


def test_a_tagged_key_is_refused_and_its_mapping_is_not() -> None:
    text = "argmap: 1\nclaims:\n  !!str a: A.\n"
    assert errors(text) == [
        (3, 3, "wrong-type", "a claim id has the tag '!!str'; maps take no YAML tags")
    ]


def test_an_exclamation_mark_in_prose_is_no_tag() -> None:
    m = argmap.loads("argmap: 1\nclaims:\n  a: Wow! It works ! really\n")
    assert m.claim("a").text == "Wow! It works ! really"


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_a_file_in_utf16_or_utf32_with_a_mark_is_named_as_such(
    tmp_path: Path, encoding: str, name: str
) -> None:
    path = tmp_path / "m.yaml"
    data = "argmap: 1\nclaims:\n  a: A.\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    [found] = argmap.check_file(path)
    assert (found.line, found.column, found.code, found.message, found.hint) == (
        1,
        1,
        "yaml-syntax",
        f"the file is in {name} (it starts with a {name} byte-order mark); maps are read as UTF-8",
        "save the file as UTF-8",
    )


def test_utf16_without_a_mark_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes("argmap: 1\nclaims:\n  a: A.\n".encode("utf-16-le"))
    [found] = argmap.check_file(path)
    assert (found.line, found.column, found.hint) == (
        1,
        2,
        "the file looks like UTF-16 without a byte-order mark: save it as UTF-8",
    )


# --- lines as editors count them --------------------------------------------------------------


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_yaml_only_line_breaks_do_not_shift_later_lines(brk: str) -> None:
    text = f'argmap: 1\nclaims:\n  a: "one{brk}two{brk}three"\n  b: {{text: x, by: [y]}}\n'
    assert errors(text) == [
        (4, 20, "wrong-type", "'by' of claim 'b' must be a string, found a list")
    ]
    broken = f'argmap: 1\nclaims:\n  a: "x{brk}y"\n  b: [\n'
    assert [d[:3] for d in errors(broken)] == [(5, 1, "yaml-syntax")]


def test_a_yaml_only_break_outside_quotes_is_placed_on_the_editor_line() -> None:
    text = "argmap: 1\nclaims:\n  a: A.\u2028  b: [x]\n  c: {by: 1}\n"
    found = errors(text)
    assert [(line, column) for line, column, _, _ in found] == [(3, 14), (4, 6)]


def test_a_lone_carriage_return_is_a_line_break() -> None:
    text = "argmap: 1\rclaims:\r  a: {text: x, by: [y]}\r"
    assert errors(text) == [
        (3, 20, "wrong-type", "'by' of claim 'a' must be a string, found a list")
    ]


def test_source_lines_are_the_editor_lines() -> None:
    loaded = argmap.parse("argmap: 1\nclaims:\n  a: 'x\u2028y'\r\n  b: c\rd: e\n")
    assert loaded.lines == ["argmap: 1", "claims:", "  a: 'x\u2028y'", "  b: c", "d: e", ""]


# --- terminal output --------------------------------------------------------------------------

ESCAPES = "\x1b]0;pwned\x07 \x1b[2J \x1b]8;;http://example.org\x1b\\link\x1b]8;;\x1b\\ \u202e"


def test_printable_escapes_every_control_character() -> None:
    assert printable(ESCAPES) == (
        "\\x1b]0;pwned\\x07 \\x1b[2J \\x1b]8;;http://example.org\\x1b\\link\\x1b]8;;\\x1b\\ \\u202e"
    )
    assert printable("tab\there", keep_tabs=True) == "tab\there"
    assert printable("plain text, caf\u00e9") == "plain text, caf\u00e9"


def test_show_prints_control_characters_escaped(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    quoted = json.dumps(ESCAPES)
    path.write_text(f"argmap: 1\ntitle: {quoted}\nthesis: a\nclaims:\n  a: {quoted}\n")
    result = CliRunner().invoke(main, ["show", str(path)], color=True)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert "\\x1b]0;pwned\\x07" in result.output


def test_the_source_excerpt_under_check_color_escapes_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"argmap: 1\nclaims:\n  a: \x1b]0;pwned\x07\n")
    result = CliRunner().invoke(main, ["check", "--color", str(path)], color=True)
    assert result.exit_code == 1
    excerpt = next(line for line in result.output.splitlines() if " | " in line)
    assert "\\x1b]0;pwned\\x07" in excerpt
    assert "]0;pwned\x07" not in result.output


def test_the_caret_stays_under_the_column_after_escapes() -> None:
    loaded = argmap.parse('argmap: 1\nclaims:\n  a: {text: "\u202e", by: [y]}\n', "m.yaml")
    [found] = [d for d in argmap.run_checks(loaded) if d.code == "wrong-type"]
    text = format_text(found, loaded.lines)
    excerpt, caret = text.split("\n")[1:3]
    assert excerpt[caret.index("^")] == "["


def test_a_long_line_is_shown_as_a_window_around_the_column() -> None:
    text = "argmap: 1\nclaims:\n  a: {text: " + "x" * 5000 + ", by: [y]}\n"
    loaded = argmap.parse(text, "m.yaml")
    [found] = [d for d in argmap.run_checks(loaded) if d.code == "wrong-type"]
    excerpt, caret = format_text(found, loaded.lines).split("\n")[1:3]
    assert len(excerpt) < EXCERPT_WIDTH + 20
    assert excerpt[caret.index("^")] == "["
    assert " | ..." in excerpt


# --- files that are not files ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("command", [["check"], ["render"], ["fmt"], ["show"]])
def test_a_named_pipe_nothing_writes_to_is_an_error_in_seconds(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap import files

    monkeypatch.setattr(files, "PIPE_WAIT", 0.2)
    pipe = tmp_path / "p.yaml"
    os.mkfifo(pipe)
    result = CliRunner().invoke(main, [*command, str(pipe)])
    assert result.exit_code == 1
    assert (
        f"{pipe}:1:1: error[yaml-syntax]: cannot read the file: it is a named pipe that "
        "nothing wrote to in 0.2 s"
    ) in result.output


def _pipe_written_to(path: Path, text: str) -> threading.Thread:
    """A named pipe at ``path`` and a thread that opens it (after argmap does, most times) and
    writes ``text`` to it; join the thread when done."""
    os.mkfifo(path)

    def write() -> None:
        with open(path, "w") as out:
            out.write(text)

    writer = threading.Thread(target=write)
    writer.start()
    return writer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    pipe = tmp_path / "p.yaml"
    writer = _pipe_written_to(pipe, "argmap: 1\nthesis: a\nclaims:\n  a: A.\n")
    try:
        loaded = argmap.read(pipe)  # the writer opens the pipe after argmap does, in time
        assert loaded.map is not None
        assert loaded.map.claim("a").text == "A."
    finally:
        writer.join(timeout=5)


def test_a_folder_named_as_a_map_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "m.yaml"
    folder.mkdir()
    [found] = argmap.check_file(folder)
    assert (found.code, found.message) == ("yaml-syntax", "cannot read the file: Is a directory")


# --- file-system errors -----------------------------------------------------------------------

MAP = "argmap: 1\nthesis: a\nclaims:\n  a: A.\n  b:    B.\nlinks:\n  - {from: b, supports: a}\n"


def _full_disk(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _no_entry(*_args: object, **_kwargs: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize(
    ("command", "verb"),
    [
        (["render", "-f", "dot", "--jobs", "1"], "drawn"),
        (["render", "-f", "html"], "drawn"),
        (["export", "--to", "json"], "exported"),
    ],
)
@pytest.mark.parametrize(("failure", "reason"), [(_full_disk, "No space left on device")])
def test_a_full_disk_is_told_per_map_and_leaves_nothing_behind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    verb: str,
    failure: object,
    reason: str,
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    out = tmp_path / "out"
    monkeypatch.setattr(os, "fsync", failure)
    result = CliRunner().invoke(main, [*command, str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{path}: not {verb}: cannot write {out}" in result.output
    assert f": {reason}" in result.output
    assert list(out.iterdir()) == []
    assert path.read_text() == MAP


def test_an_unwritable_output_folder_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    monkeypatch.setattr(tempfile, "mkstemp", _no_entry)
    result = CliRunner().invoke(main, ["render", "-f", "dot", "--jobs", "1", str(path)])
    assert result.exit_code == 1
    assert f"{path}: not drawn: cannot write {tmp_path / 'm.dot'}: Permission denied" in (
        result.output
    )


@pytest.mark.parametrize("command", [["render"], ["export", "--to", "json"], ["split"]])
def test_an_output_folder_under_a_file_is_told(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP.replace("thesis: a", "thesis: [a, c]") + "  - {from: b, supports: c}\n")
    path.write_text(path.read_text().replace("claims:\n", "claims:\n  c: C.\n"))
    (tmp_path / "file").write_text("")
    result = CliRunner().invoke(main, [*command, str(path), "-o", str(tmp_path / "file" / "out")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"cannot make the folder {tmp_path / 'file' / 'out'}: Not a directory" in result.output


def test_import_into_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "m.json"
    source.write_text(json.dumps({"argmap": 1, "thesis": "a", "claims": {"a": "A."}}))
    monkeypatch.setattr(os, "fsync", _full_disk)
    result = CliRunner().invoke(main, ["import", "--from", "json", str(source)])
    assert result.exit_code == 1
    assert (
        f"{source}: not imported: cannot write {tmp_path / 'm.yaml'}: No space left on device"
    ) in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_fmt_on_a_full_disk_keeps_the_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    monkeypatch.setattr(os, "fsync", _full_disk)
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 1
    assert f"{path}: error: cannot write {path}: No space left on device" in result.output
    assert f"{path}: not formatted" in result.output
    assert path.read_text() == MAP
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]


def test_an_output_that_is_a_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "m.dot").symlink_to(outside)
    result = CliRunner().invoke(
        main, ["render", "-f", "dot", str(path), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert outside.read_text() == "keep me"
    assert not (tmp_path / "out" / "m.dot").is_symlink()
    assert (tmp_path / "out" / "m.dot").read_text().startswith("digraph")


def test_new_into_a_path_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    target = tmp_path / "file" / "m.yaml"
    result = CliRunner().invoke(main, ["new", str(target), "--title", "T"])
    assert result.exit_code == 1
    assert f"Error: cannot make the folder {tmp_path / 'file'}: it is a file, not a folder" in (
        result.output
    )


# --- what cannot be drawn ---------------------------------------------------------------------


def test_an_id_longer_than_yaml_takes_for_a_key() -> None:
    text = "argmap: 1\nclaims:\n  " + "a" * 1100 + ": A.\n"
    [found] = argmap.parse(text, "m.yaml").diagnostics
    assert (found.line, found.column, found.code, found.hint) == (
        3,
        1103,
        "yaml-syntax",
        "YAML takes keys of at most 1024 characters; ids are short names",
    )


def test_an_id_of_seventeen_thousand_characters_is_refused() -> None:
    long_id = "a" * 17_000
    text = f"argmap: 1\nthesis: {long_id}\nclaims:\n  b: B.\n"
    assert errors(text)[0] == (
        2,
        9,
        "wrong-type",
        "'thesis' must be an id of at most 1024 characters, found one of 17,000",
    )
    assert argmap.loads(f"argmap: 1\nthesis: {'a' * 1024}\nclaims:\n  {'a' * 1024}: A.\n")


def test_a_text_of_a_megabyte_is_drawn_cut_and_longer_in_the_tooltip() -> None:
    words = " ".join(f"w{i}" for i in range(200_000))
    m = argmap.loads(f"argmap: 1\nthesis: a\nclaims:\n  a: {words}\n")
    dot = argmap.to_dot(m)
    label = dot.split("label=", 1)[1].split(" color=", 1)[0]
    tip = dot.split("tooltip=", 1)[1]
    assert len(label) < 1000
    assert label.endswith('w181 \u2026"')
    assert "w600 " in tip
    assert "w199999" not in dot
    assert len(dot) < 8000


@pytest.mark.needs_dot
def test_a_text_of_a_megabyte_draws() -> None:
    from argmap.rendering import render

    words = " ".join(f"w{i}" for i in range(200_000))
    m = argmap.loads(f"argmap: 1\nthesis: a\nclaims:\n  a: {words}\n")
    assert render(m, "svg", "system").startswith(b"<?xml")


# --- suggestions in linear time ---------------------------------------------------------------


def test_a_suggester_over_few_choices_is_difflib() -> None:
    import difflib

    from argmap.diagnostics import Suggester

    choices = [f"claim-{i}" for i in range(Suggester.SCAN)]
    suggest = Suggester(choices)
    for word in ("claim-7x", "clam-42", "zzz"):
        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        assert suggest(word) == (f"did you mean '{close[0]}'?" if close else None)


def test_a_suggester_over_many_choices_finds_a_typo_and_stops_at_its_most() -> None:
    from argmap.diagnostics import Suggester

    suggest = Suggester([f"premise-{i}" for i in range(100_000)] + ["us-has-leverage"])
    assert suggest("us-has-leveraeg") == "did you mean 'us-has-leverage'?"
    assert suggest("premise-5000x") == "did you mean 'premise-5000'?"
    for _ in range(Suggester.MOST - 2):
        suggest("premise-5000x")
    assert suggest("premise-5000x") is None


def test_thousands_of_unknown_names_are_checked_in_linear_time() -> None:
    count = 20_000
    lines = ["argmap: 1", "thesis: c0", "claims:", *(f"  c{i}: Claim {i}." for i in range(count))]
    lines += ["links:", *(f"  - {{from: c{i}, supports: gone{i}}}" for i in range(count))]
    found = argmap.run_checks(argmap.parse("\n".join(lines) + "\n", "m.yaml"))
    unknown = [d for d in found if d.code == "unknown-ref"]
    assert len(unknown) == count
    assert unknown[0].message == "'supports' of a link names no claim: 'gone0'"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_fmt_of_a_named_pipe_with_a_writer_reads_it_once_and_writes_nothing(
    tmp_path: Path,
) -> None:
    pipe = tmp_path / "p.yaml"
    writer = _pipe_written_to(pipe, "argmap: 1\nthesis: a\nclaims:\n  a:    A.\n")
    try:
        result = CliRunner().invoke(main, ["fmt", str(pipe)])
        assert result.exit_code == 1
        assert f"{pipe} is not a file; fmt rewrites files" in result.output
    finally:
        writer.join(timeout=5)


# --- the embedded Graphviz's compiled module, cached ------------------------------------------


def test_the_embedded_graphviz_is_compiled_once_into_the_users_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap import rendering

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(rendering, "_BACKEND", None)
    m = argmap.loads(MAP)
    first = rendering.render(m, "svg", "embedded")
    [cached] = (tmp_path / "argmap").glob("graphviz-*.cwasm")
    made = cached.stat().st_mtime_ns
    monkeypatch.setattr(rendering, "_BACKEND", None)  # as a new command would
    assert rendering.render(m, "svg", "embedded") == first
    assert cached.stat().st_mtime_ns == made  # read, not written again
    cached.write_bytes(b"not a compiled module")
    monkeypatch.setattr(rendering, "_BACKEND", None)
    assert rendering.render(m, "svg", "embedded") == first  # compiled again, and cached
    assert cached.read_bytes() != b"not a compiled module"
    assert not list((tmp_path / "argmap").glob(".argmap-*"))


def test_an_import_that_would_make_a_map_past_the_limit_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap import loading

    monkeypatch.setattr(loading, "MAX_BYTES", 4000)
    source = tmp_path / "big.argdown"
    source.write_text("[T]: The thesis.\n" + "".join(f"  <+ [P{i}]: P {i}.\n" for i in range(150)))
    assert source.stat().st_size < 4000
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 1
    assert (
        f"{source}: not imported: the map built from it would be 0.0 MiB, more than the 0 MiB"
        in (result.output)
    )
    assert not (tmp_path / "big.yaml").exists()


def test_the_lines_of_a_file_are_split_once_for_all_its_diagnostics() -> None:
    loaded = argmap.parse("argmap: 1\nclaims:\n  a: {by: [x]}\n", "m.yaml")
    assert loaded.lines is loaded.lines

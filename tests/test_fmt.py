"""argmap fmt: canonical layout that keeps every comment and never changes what a map means."""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from yaml.emitter import Emitter
from yaml.resolver import Resolver

import argmap
from argmap.cli import main
from argmap.dumping import to_data
from argmap.formatting import FormatError, formatted
from argmap.formatting import comments as yaml_comments
from argmap.model import ArgumentMap
from tests.conftest import ROOT
from tests.strategies import valid_maps

MESSY = """\
# A messy map: keys out of order, odd indentation, needless quotes.
links:
- supports: t        # the main inference
  from: [p, q]
  id: main
claims:
    t: "The thesis."
    p:
        by: 'Someone'
        text: A premise.   # stated early on
    q: A second premise.
thesis: t
argmap: 1
title: 'A messy map'
"""

CANONICAL = """\
# A messy map: keys out of order, odd indentation, needless quotes.
argmap: 1
title: A messy map
thesis: t
claims:
  t: The thesis.
  p:
    text: A premise.       # stated early on
    by: Someone
  q: A second premise.
links:
  - from: [p, q]
    supports: t      # the main inference
    id: main
"""


def comments(text: str) -> list[str]:
    """Comment lines, and the comments after values (plain scalars in these tests)."""
    return sorted(m.group(1) for m in re.finditer(r"(?m)(?:^|\s)(#[^\n]*)$", text))


def test_canonical_layout() -> None:
    assert formatted(MESSY) == CANONICAL
    assert formatted(CANONICAL) == CANONICAL


def test_meaning_and_comments_are_kept() -> None:
    assert argmap.loads(formatted(MESSY)) == argmap.loads(MESSY)
    assert comments(formatted(MESSY)) == comments(MESSY)


def test_a_map_with_errors_is_refused() -> None:
    with pytest.raises(FormatError, match="the map has errors"):
        formatted("argmap: 1\nclaims:\n  a: A.\nlinks:\n  - from: x\n    supports: a\n")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps(), st.lists(st.from_regex(r"[A-Za-z0-9 ]{0,20}", fullmatch=True), max_size=3))
def test_generated_maps_keep_meaning_and_comments(m: ArgumentMap, notes: list[str]) -> None:
    text = argmap.dumps(m)
    lines = text.splitlines()
    for i, note in enumerate(notes):  # comments on their own lines, before top-level keys
        lines.insert(0, f"# note {i}: {note}")
    text = "\n".join(lines) + "\n"
    assume(not any(d.is_error for d in argmap.check(m)))  # random expectations may not hold
    refusal = ""
    try:
        result = formatted(text)
    except FormatError as error:  # never a changed map: at worst the file is left alone
        refusal = str(error)
    if refusal:
        assert "left as it is" in refusal
        return
    assert argmap.parse(result).map == argmap.parse(text).map == m
    kept = [line for line in result.splitlines() if line.startswith("# note")]
    assert sorted(kept) == sorted(f"# note {i}: {note}".rstrip() for i, note in enumerate(notes))
    assert formatted(result) == result


def test_a_formatting_that_would_change_the_map_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.formatting as formatting

    real = formatting.parse
    calls: list[str] = []

    def parse_then_alter(text: str, file: str | None = None) -> argmap.Loaded:
        calls.append(text)
        if len(calls) == 2:  # the formatted text: pretend it reads differently
            return real(text.replace("The thesis.", "Another thesis."), file)
        return real(text, file)

    monkeypatch.setattr(formatting, "parse", parse_then_alter)
    with pytest.raises(FormatError, match="would change the map"):
        formatting.formatted(MESSY)


@pytest.mark.parametrize("path", sorted(ROOT.glob("maps/*.yaml")), ids=lambda p: p.stem)
def test_the_maps_are_canonical(path: Path) -> None:
    assert formatted(path.read_text(encoding="utf-8")) == path.read_text(encoding="utf-8")


def test_fmt_command(tmp_path: Path) -> None:
    messy = tmp_path / "messy.yaml"
    messy.write_text(MESSY)
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\nclaims:\n  a: A.\nlinks:\n  - from: x\n    supports: a\n")
    runner = CliRunner()
    result = runner.invoke(main, ["fmt", "--check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == f"{messy}: would be reformatted\n"
    assert messy.read_text() == MESSY  # --check changes nothing
    result = runner.invoke(main, ["fmt", str(tmp_path)])
    assert result.exit_code == 1  # the broken map was left as it is
    assert f"{broken}: not formatted (1 error)" in result.stderr
    assert messy.read_text() == CANONICAL
    assert broken.read_text().startswith("argmap: 1\nclaims:\n  a: A.")
    assert not list(tmp_path.glob(".argmap-*"))
    broken.unlink()
    assert runner.invoke(main, ["fmt", "--check", str(tmp_path)]).exit_code == 0


# --- maps written in random layouts, with comments in every place YAML allows one --------------

_COMMENT_WORDS = ["", " why", " # twice", " not: a key", " [a, b]", " {x}", " '\"", " -", " é 😀"]


def _scalar(value: object, *, flow: bool) -> str:
    """A scalar as PyYAML's emitter writes it on one line (plain when it reads back the same)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, str)
    plain = Resolver().resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    analysis = Emitter(io.StringIO(), allow_unicode=True).analyze_scalar(value)
    if (
        plain
        and not analysis.multiline
        and (analysis.allow_flow_plain if flow else analysis.allow_block_plain)
    ):
        return value
    return _emitted(value, "'" if analysis.allow_single_quoted and not analysis.multiline else '"')


def _emitted(value: str, style: str) -> str:
    events = [
        yaml.StreamStartEvent(),
        yaml.DocumentStartEvent(explicit=False),
        yaml.ScalarEvent(None, None, (False, True), value, style=style),
        yaml.DocumentEndEvent(explicit=False),
        yaml.StreamEndEvent(),
    ]
    text = yaml.emit(events, allow_unicode=True, width=10**9)
    if text.endswith("\n...\n"):
        text = text[: -len("...\n")]
    return text[:-1] if text.endswith("\n") else text


class _Layout:
    """Writes plain data (the shape of the YAML format) as YAML text in a layout drawn at
    random, with numbered comments (``#@N@``) drawn into every kind of place: after values,
    on their own lines and blank lines between entries, after a key or a dash whose value
    comes on the next lines, inside inline lists and mappings spread over lines (after the
    bracket, after each comma, between items, before the closing bracket), after inline links,
    before the first key and at the end."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.count = 0
        self.free: set[int] = set()
        """The mappings whose keys may come in any order."""
        self.after_block = False
        """The last lines are a block scalar, which would take a deeper comment line in."""

    def chance(self, percent: int) -> bool:
        return self.draw(st.integers(0, 99)) < percent

    def comment(self) -> str:
        self.count += 1
        return f"#@{self.count}@" + self.draw(st.sampled_from(_COMMENT_WORDS))

    def after(self) -> str:
        return "  " + self.comment() if self.chance(30) else ""

    def own(self, indent: int) -> list[str]:
        lines = [""] if self.chance(15) else []
        if self.chance(25):
            deepest = indent if self.after_block else indent + 4
            lines.append(" " * self.draw(st.integers(0, deepest)) + self.comment())
        self.after_block = False
        return lines

    def order(self, data: dict[str, object]) -> list[str]:
        """The keys of a mapping, shuffled when their order means nothing."""
        keys = list(data)
        return list(self.draw(st.permutations(keys))) if id(data) in self.free else keys

    def document(self, data: dict[str, object]) -> str:
        claims, links = data["claims"], data.get("links", [])
        assert isinstance(claims, dict)
        assert isinstance(links, list)
        parts = [data, data.get("source"), *claims.values(), *links]
        self.free = {id(part) for part in parts if isinstance(part, dict) and self.chance(50)}
        lines = [self.comment()] if self.chance(30) else []
        lines += self.mapping_lines(data, 0)
        if self.chance(30):
            lines += ["", self.comment()]
        return "\n".join(lines) + "\n"

    def mapping_lines(self, data: dict[str, object], indent: int) -> list[str]:
        lines: list[str] = []
        for key in self.order(data):
            lines += self.own(indent)
            lines += self.entry(_scalar(key, flow=False), data[key], indent, " " * indent)
        return lines

    def entry(self, key: str, value: object, indent: int, prefix: str) -> list[str]:
        """``key: value`` with its first line starting with ``prefix``."""
        head = prefix + key + ":"
        self.after_block = False
        if isinstance(value, (dict, list)) and not value:
            return [head + " " + self.flow(value) + self.after()]
        if isinstance(value, dict):
            kind = self.draw(st.sampled_from(["block", "flow", "lines"]))
            if kind == "block":
                return [head + self.after(), *self.mapping_lines(value, indent + 2)]
            if kind == "flow":
                return [head + " " + self.flow(value) + self.after()]
            return self.flow_lines(head, value, indent)
        if isinstance(value, list):
            kind = self.draw(st.sampled_from(["block", "flow", "lines"]))
            if kind == "block":
                lines = [head + self.after()]
                for item in value:
                    lines += self.own(indent + 2)
                    lines += self.item(item, indent + 2)
                return lines
            if kind == "flow":
                return [head + " " + self.flow(value) + self.after()]
            return self.flow_lines(head, value, indent)
        if isinstance(value, str) and self.chance(20):
            block = _emitted(value, self.draw(st.sampled_from(["|", ">"])))
            read = yaml.compose("k: " + block + "\n", Loader=yaml.SafeLoader)
            if block[:1] in "|>" and read.value[0][1].value == value:  # PyYAML wrote it right
                header, *body = block.split("\n")
                body = [" " * indent + line if line else "" for line in body]
                self.after_block = True
                return [head + " " + header + self.after(), *body]
        if self.chance(10):  # the value on the next line
            return [
                head + self.after(),
                " " * (indent + 2) + _scalar(value, flow=False) + self.after(),
            ]
        return [head + " " + _scalar(value, flow=False) + self.after()]

    def item(self, value: object, indent: int) -> list[str]:
        if isinstance(value, dict) and value:
            kind = self.draw(st.sampled_from(["block", "dash", "flow", "lines"]))
            if kind in ("block", "dash"):
                keys = self.order(value)
                lines: list[str] = []
                if kind == "dash":
                    lines.append(" " * indent + "-" + self.after())
                    lines += self.entry(
                        _scalar(keys[0], flow=False), value[keys[0]], indent + 2, " " * (indent + 2)
                    )
                else:
                    lines += self.entry(
                        _scalar(keys[0], flow=False),
                        value[keys[0]],
                        indent + 2,
                        " " * indent + "- ",
                    )
                for key in keys[1:]:
                    lines += self.own(indent + 2)
                    lines += self.entry(
                        _scalar(key, flow=False), value[key], indent + 2, " " * (indent + 2)
                    )
                return lines
            if kind == "flow":
                return [" " * indent + "- " + self.flow(value) + self.after()]
            return self.flow_lines(" " * indent + "-", value, indent)
        return [" " * indent + "- " + _scalar(value, flow=False) + self.after()]

    def flow(self, value: object) -> str:
        if isinstance(value, dict):
            keys = self.order(value)
            return (
                "{"
                + ", ".join(f"{_scalar(k, flow=True)}: {self.flow(value[k])}" for k in keys)
                + "}"
            )
        if isinstance(value, list):
            return "[" + ", ".join(self.flow(item) for item in value) + "]"
        return _scalar(value, flow=True)

    def flow_lines(
        self, head: str, value: dict[str, object] | list[object], indent: int
    ) -> list[str]:
        """An inline mapping or list spread over lines, one item a line."""
        mapping = isinstance(value, dict)
        items = (
            [f"{_scalar(k, flow=True)}: {self.flow(value[k])}" for k in self.order(value)]
            if isinstance(value, dict)
            else [self.flow(item) for item in value]
        )
        inner = " " * (indent + 4)
        lines = [head + " " + ("{" if mapping else "[") + self.after()]
        for k, item in enumerate(items):
            lines += self.own(indent + 4)
            comma = "," if k < len(items) - 1 or self.chance(20) else ""
            lines.append(inner + item + comma + self.after())
        lines += self.own(indent + 4)
        lines.append(" " * (indent + 2) + ("}" if mapping else "]") + self.after())
        return lines


@st.composite
def commented_texts(draw: st.DrawFn) -> tuple[ArgumentMap, str, int]:
    m = draw(
        valid_maps(max_claims=5).filter(lambda m: not any(d.is_error for d in argmap.check(m)))
    )
    layout = _Layout(draw)
    text = layout.document(to_data(m))
    return m, text, layout.count


MARK = re.compile(r"#@(\d+)@")


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(commented_texts())
def test_every_comment_is_kept_in_any_layout(case: tuple[ArgumentMap, str, int]) -> None:
    m, text, count = case
    assert argmap.loads(text) == m  # the layout drawn is the map
    numbers = [str(n) for n in range(1, count + 1)]
    assert sorted(MARK.findall(text), key=int) == numbers
    result = formatted(text)
    assert sorted(MARK.findall(result), key=int) == numbers  # each comment once
    assert len(yaml_comments(result)) == len(yaml_comments(text)) == count
    assert argmap.loads(result) == m
    assert formatted(result) == result


# --- issue 28: comments in inline collections, ids YAML reads as other types, files ---------

FLOW_COMMENTS = """\
argmap: 1
claims:
  a: A.
  b: B.
  c: {text: C.,   # why c
      by: Someone}   # after c
  d: D.
links:
  - from: [a,  # why a
      b]  # both
    supports: c
  - {from: c, supports: d}  # note
  - from: [
      # the premise
      d,
    ]
    attacks: a
# the end
"""

FLOW_COMMENTS_FORMATTED = """\
argmap: 1
claims:
  a: A.
  b: B.
  c:                 # after c
    text: C.      # why c
    by: Someone
  d: D.
links:
  - from: # both
      - a      # why a
      - b
    supports: c
  - from: c                 # note
    supports: d
  - from:
      # the premise
      - d
    attacks: a
# the end
"""


def test_comments_inside_inline_lists_and_mappings_are_kept() -> None:
    """An inline list or mapping with a comment inside is written one item a line, each
    comment beside its item; a comment after an inline link stays on the link's first line."""
    result = formatted(FLOW_COMMENTS)
    assert result == FLOW_COMMENTS_FORMATTED
    assert yaml_comments(result) == [
        "# after c",
        "# why c",
        "# both",
        "# why a",
        "# note",
        "# the premise",
        "# the end",
    ]
    assert formatted(result) == result
    assert argmap.loads(result) == argmap.loads(FLOW_COMMENTS)


def test_a_comment_after_an_inline_link_is_formatted_once() -> None:
    text = "argmap: 1\nclaims:\n  a: A.\n  b: B.\nlinks:\n  - {from: a, supports: b}  # note\n"
    once = formatted(text)
    assert once == (
        "argmap: 1\nclaims:\n  a: A.\n  b: B.\nlinks:\n"
        "  - from: a                 # note\n    supports: b\n"
    )
    assert formatted(once) == once


def test_an_inline_list_over_lines_without_comments_goes_on_one_line() -> None:
    text = "argmap: 1\nclaims:\n  a: A.\n  b: B.\n  c: C.\n"
    text += "links:\n  - from: [a,\n      b]\n    supports: c\n"
    assert formatted(text).endswith("links:\n  - from: [a, b]\n    supports: c\n")


def fmt_refuses(path: Path) -> str:
    """What ``argmap fmt`` says on stderr about a map it must leave as it is (exit 1)."""
    before = path.read_bytes()
    outcome = CliRunner().invoke(main, ["fmt", str(path)])
    assert outcome.exit_code == 1
    assert path.read_bytes() == before
    return outcome.stderr


IDS_AS_TYPED = """\
argmap: 1
claims:
  yes: Yes is an id.
  true: So is true.
  on: And on.
  no: And no.
  1: One.
  01: Zero one.
  "null": Null, quoted.
links:
  - {from: [yes, true, on, no], supports: 1}
  - from: "01"
    attacks: 'null'
"""


def test_ids_that_yaml_reads_as_booleans_or_numbers_are_kept_as_typed(tmp_path: Path) -> None:
    """The reader takes ids as the text typed: yes, true, on, no, 1 and 01 are six ids, and
    fmt keeps each as it is (quotes stay where YAML would read the text as another type)."""
    m = argmap.loads(IDS_AS_TYPED)
    assert [c.id for c in m.claims] == ["yes", "true", "on", "no", "1", "01", "null"]
    result = formatted(IDS_AS_TYPED)
    assert result == (
        "argmap: 1\nclaims:\n  yes: Yes is an id.\n  true: So is true.\n  on: And on.\n"
        "  no: And no.\n  1: One.\n  01: Zero one.\n  'null': Null, quoted.\nlinks:\n"
        "  - from: [yes, true, on, no]\n    supports: 1\n  - from: '01'\n    attacks: 'null'\n"
    )
    assert argmap.loads(result) == m
    path = tmp_path / "ids.yaml"
    path.write_text(IDS_AS_TYPED, encoding="utf-8")
    outcome = CliRunner().invoke(main, ["fmt", str(path)])
    assert (outcome.exit_code, outcome.stderr) == (0, f"{path}: reformatted\n1 map reformatted\n")
    assert path.read_text(encoding="utf-8") == result


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (
            "  null: B.\n",
            ":4:3: error[wrong-type]: a claim id must be an id, found nothing (null)\n",
        ),
        ('  "yes": B.\n', ":4:3: error[duplicate-id]: claim 'yes' is defined twice\n"),
    ],
    ids=["null", "quoted-duplicate"],
)
def test_ids_the_reader_refuses_are_located_errors(
    tmp_path: Path, second: str, expected: str
) -> None:
    path = tmp_path / "m.yaml"
    text = "argmap: 1\nclaims:\n  yes: A.\n" + second
    path.write_text(text, encoding="utf-8")
    stderr = fmt_refuses(path)
    assert stderr.startswith(f"{path}{expected}")
    assert f"{path}: not formatted (1 error)\n" in stderr
    assert "Error" not in stderr  # no exception's name


def test_an_unexpected_failure_is_a_located_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.formatting as formatting

    def broken(text: str) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(formatting, "_layout", broken)
    with pytest.raises(FormatError) as raised:
        formatted(MESSY)
    assert (raised.value.line, raised.value.column) == (1, 1)
    path = tmp_path / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    assert fmt_refuses(path) == (
        f"{path}:1:1: error: fmt failed (RuntimeError: boom); the file was left as it is\n"
        f"{path}: not formatted\n0 maps reformatted\n"
    )


def test_a_formatting_that_would_lose_a_comment_is_refused_where_the_comment_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argmap.formatting as formatting

    real = formatting.comments

    def losing(text: str) -> list[str]:
        return [c for c in real(text) if c != "# stated early on"]

    monkeypatch.setattr(formatting, "comments", losing)
    with pytest.raises(FormatError) as raised:
        formatted(MESSY)
    assert str(raised.value) == (
        "line 10, column 28: formatting would lose the comment '# stated early on'; "
        "it was left as it is"
    )


def test_a_formatting_that_would_change_the_map_is_refused_where_it_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argmap.formatting as formatting

    real = formatting._layout
    monkeypatch.setattr(formatting, "_layout", lambda text: real(text).replace("B.", "C."))
    with pytest.raises(FormatError) as raised:
        formatted("argmap: 1\nclaims:\n  a: A.\n  b: B.\n")
    assert str(raised.value) == (
        "line 4, column 3: formatting would change the map; it was left as it is"
    )


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644, 0o664, 0o666, 0o755])
def test_fmt_keeps_the_mode_of_a_map(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    path.chmod(mode)
    assert CliRunner().invoke(main, ["fmt", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert not list(tmp_path.glob(".argmap-*"))


def test_fmt_leaves_a_read_only_map_as_it_is(tmp_path: Path) -> None:
    """A read-only map is not formatted (as most formatters, which open it for writing):
    it stays read-only and unchanged, and fmt says so and exits 1; --check still tells."""
    path = tmp_path / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    path.chmod(0o444)
    assert fmt_refuses(path) == (
        f"{path}: error: cannot write {path}: the file is read-only\n"
        f"{path}: not formatted\n0 maps reformatted\n"
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not list(tmp_path.glob(".argmap-*"))
    check = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert (check.exit_code, check.stdout) == (1, f"{path}: would be reformatted\n")


def test_fmt_writes_through_a_link_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    target = tmp_path / "maps" / "messy.yaml"
    target.write_text(MESSY, encoding="utf-8")
    target.chmod(0o664)
    (tmp_path / "work").mkdir()
    link = tmp_path / "work" / "messy.yaml"
    link.symlink_to(Path("..") / "maps" / "messy.yaml")
    outcome = CliRunner().invoke(main, ["fmt", str(link)])
    assert (outcome.exit_code, outcome.stderr) == (0, f"{link}: reformatted\n1 map reformatted\n")
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("..", "maps", "messy.yaml")
    assert target.read_text(encoding="utf-8") == CANONICAL
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert names == ["maps", "maps/messy.yaml", "work", "work/messy.yaml"]  # no temporary left


def test_write_atomic_keeps_mode_and_links_and_refuses_read_only_files(tmp_path: Path) -> None:
    from argmap.files import WriteError, write_atomic

    new = tmp_path / "new.txt"
    umask = os.umask(0o022)
    try:
        write_atomic(new, b"new")
    finally:
        os.umask(umask)
    assert (new.read_bytes(), stat.S_IMODE(new.stat().st_mode)) == (b"new", 0o644)
    new.chmod(0o620)
    write_atomic(new, b"again", in_place=True)
    assert (new.read_bytes(), stat.S_IMODE(new.stat().st_mode)) == (b"again", 0o620)
    link = tmp_path / "link.txt"
    link.symlink_to("new.txt")
    write_atomic(link, b"through", in_place=True)
    assert link.is_symlink()
    assert new.read_bytes() == b"through"
    new.chmod(0o400)
    with pytest.raises(WriteError, match=f"cannot write {link}: the file is read-only"):
        write_atomic(link, b"refused", in_place=True)
    assert new.read_bytes() == b"through"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "new.txt"]


def test_block_scalars_keep_their_lines_and_final_line_breaks() -> None:
    text = (
        "argmap: 1\nclaims:\n  a:\n    note: |+  # kept breaks\n        kept\n\n"
        "    text: >-\n       folded\n       here\n\n       and here\n\n  b: B.\n"
    )
    result = formatted(text)
    assert result == (
        "argmap: 1\nclaims:\n  a:\n    text: >-\n      folded\n      here\n\n      and here\n"
        "    note: |+  # kept breaks\n      kept\n\n  b: B.\n"
    )
    assert argmap.loads(result) == argmap.loads(text)
    assert formatted(result) == result


def test_comments_beside_a_map_written_inline_stay_at_its_ends() -> None:
    text = "{argmap: 1,  # one\n claims: {a: A.}}  # end\n# last\n"
    assert formatted(text) == "argmap: 1    # one\nclaims:\n  a: A.\n# end\n# last\n"


def test_a_map_that_would_grow_past_the_size_limit_is_left_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Inline lists and mappings written one item a line take more room: a map near the
    limit could grow past what argmap reads, and is then left as it is."""
    import argmap.formatting as formatting

    monkeypatch.setattr(formatting, "MAX_BYTES", len(CANONICAL.encode()) - 1)
    with pytest.raises(FormatError) as raised:
        formatted(MESSY)
    assert str(raised.value) == (
        "line 1, column 1: the formatted map would be 0.0 MiB, more than the 0 MiB argmap "
        "reads; it was left as it is"
    )

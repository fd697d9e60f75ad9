"""Diagnostics: what is wrong with a map, where, and how to fix it.

A check yields :class:`Diagnostic` values that name the part of the map at fault by a *path*
(``("links", 2, "supports")``); :meth:`Diagnostic.locate` then fills in file, line and column
from the positions the loader recorded. Diagnostics are collected, never raised one by one:
an invalid map raises a single :class:`MapError` carrying all of them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

Path = tuple[str | int, ...]
"""Where in a map a diagnostic points: keys and list indexes from the top of the document."""


class Severity(enum.Enum):
    """How bad a diagnostic is: errors make a map invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


ERROR_CODES: tuple[str, ...] = (
    "yaml-syntax",
    "unsupported-version",
    "unknown-field",
    "missing-field",
    "wrong-type",
    "duplicate-id",
    "unknown-ref",
    "self-reference",
    "circular-support",
    "circular-ref",
    "conflicting-links",
    "unexpected-status",
    "limit-exceeded",
)
"""The error codes of format version 1."""

WARNING_CODES: tuple[str, ...] = (
    "no-thesis",
    "unsupported-thesis",
    "orphan-claim",
    "disconnected",
    "duplicate-claim",
    "duplicate-link",
    "quote-not-found",
    "figure-mismatch",
)
"""The warning codes of format version 1."""


@attrs.frozen
class Diagnostic:
    """One problem found in a map."""

    severity: Severity
    code: str
    message: str
    path: Path = ()
    """The part of the map at fault; used to find line and column."""
    hint: str | None = None
    file: str | None = None
    line: int | None = None
    """1-based line of the YAML node at fault."""
    column: int | None = None
    """1-based column of the YAML node at fault."""

    @classmethod
    def error(cls, code: str, message: str, path: Path = (), hint: str | None = None) -> Diagnostic:
        return cls(Severity.ERROR, code, message, path, hint)

    @classmethod
    def warning(
        cls, code: str, message: str, path: Path = (), hint: str | None = None
    ) -> Diagnostic:
        return cls(Severity.WARNING, code, message, path, hint)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def locate(self, positions: Mapping[Path, tuple[int, int]], file: str | None) -> Diagnostic:
        """This diagnostic with line and column of its path (or of its nearest recorded parent)."""
        if self.line is not None:
            if self.file == file or file is None:
                return self
            line, column = self.line, self.column or 1
        else:
            path = self.path
            while path and path not in positions:
                path = path[:-1]
            line, column = positions.get(path, (1, 1))
        # The constructor, not attrs.evolve: a map of a million claims may have millions.
        return Diagnostic(
            self.severity, self.code, self.message, self.path, self.hint, file, line, column
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the contract: file, line, column, severity, code, message, hint."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }

    def __str__(self) -> str:
        return f"{printable(self.file or '<string>')}:{self.line or 1}:{self.column or 1}: " + (
            f"{self.severity.value}[{self.code}]: {printable(self.message)}"
        )


EXCERPT_WIDTH = 160
"""The most characters of a source line shown under a diagnostic; a longer line is shown as a
window around the column."""


def format_text(diagnostic: Diagnostic, source_lines: Sequence[str] | None = None) -> str:
    """The text form of the contract, with the offending line and a caret under the column.
    Control characters of the source line are shown escaped, so a map cannot drive the
    terminal; a line longer than :data:`EXCERPT_WIDTH` is cut to a window around the column."""
    return "\n".join([str(diagnostic), *excerpt(diagnostic, source_lines)])


def excerpt(diagnostic: Diagnostic, source_lines: Sequence[str] | None = None) -> list[str]:
    """The lines :func:`format_text` prints under the first: the source line, the caret, the
    hint, those that there are."""
    out = []
    line_no = diagnostic.line or 1
    if source_lines is not None and 1 <= line_no <= len(source_lines):
        text = source_lines[line_no - 1].rstrip("\r\n")
        gutter = str(line_no)
        col = max(1, diagnostic.column or 1)
        if len(text) <= EXCERPT_WIDTH and text.isprintable():  # most lines: shown as they are
            out.append(f" {gutter} | {text}")
            out.append(f" {' ' * len(gutter)} | {' ' * (col - 1)}^")
            if diagnostic.hint:
                out.append(f"  = hint: {printable(diagnostic.hint)}")
            return out
        before, after = text[: col - 1], text[col - 1 :]
        cut_before = len(before) > EXCERPT_WIDTH // 2
        if cut_before:
            before = before[-(EXCERPT_WIDTH // 2) :]
        if len(before) + len(after) > EXCERPT_WIDTH:
            after = after[: EXCERPT_WIDTH - len(before)] + "..."
        shown_before = ("..." if cut_before else "") + printable(before, keep_tabs=True)
        # Tabs are kept so the caret lines up under them.
        lead = (
            "".join(ch if ch == "\t" else " " for ch in shown_before)
            if "\t" in shown_before
            else " " * len(shown_before)
        )
        out.append(f" {gutter} | {shown_before}{printable(after, keep_tabs=True)}")
        out.append(f" {' ' * len(gutter)} | {lead}^")
    if diagnostic.hint:
        out.append(f"  = hint: {printable(diagnostic.hint)}")
    return out


def printable(text: str, *, keep_tabs: bool = False) -> str:
    """``text`` with every character that is not printable (control characters such as ESC,
    C1 controls, line and paragraph separators, bidirectional overrides) written as its Python
    escape, so that text from a map can go to a terminal as it is."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or (keep_tabs and ch == "\t") else ascii(ch)[1:-1] for ch in text
    )


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest choice to a mistyped word, if one is close enough."""
    return Suggester(choices)(word)


class Suggester:
    """Did-you-mean hints for many words over one set of choices (the claim ids of a map), in
    time linear in the number of choices and words: the closest choice by
    :func:`difflib.get_close_matches`, looked for among every choice when there are at most
    :attr:`SCAN` of them, else among the :attr:`NEAR` choices next to the word in alphabetical
    order, forwards and backwards (a slip keeps the start or the end of a word); and no more
    than :attr:`MOST` hints in all (a map with thousands of unknown names needs no thousandth
    suggestion)."""

    SCAN = 100
    NEAR = 400
    MOST = 1000

    def __init__(self, choices: Iterable[str]) -> None:
        self._choices = list(dict.fromkeys(choices))
        self._sorted: tuple[list[str], list[str]] | None = None
        self._given = 0

    def __call__(self, word: str) -> str | None:
        import difflib  # here: only a mistake needs a suggestion

        if self._given >= self.MOST:
            return None
        self._given += 1
        near = self._choices if len(self._choices) <= self.SCAN else self._near(word)
        close = difflib.get_close_matches(word, near, n=1, cutoff=0.6)
        return f"did you mean '{close[0]}'?" if close else None

    def _near(self, word: str) -> list[str]:
        import bisect

        if self._sorted is None:
            self._sorted = (sorted(self._choices), sorted(c[::-1] for c in self._choices))
        forwards, backwards = self._sorted
        side = self.NEAR // 4
        at = bisect.bisect_left(forwards, word)
        found = dict.fromkeys(forwards[max(0, at - side) : at + side])
        at = bisect.bisect_left(backwards, word[::-1])
        found.update(dict.fromkeys(c[::-1] for c in backwards[max(0, at - side) : at + side]))
        return list(found)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file or "", diagnostic.line or 0, diagnostic.column or 0, diagnostic.code)


class MapError(ValueError):
    """An invalid map: carries every diagnostic found in it, errors and warnings alike."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        shown = errors or list(self.diagnostics)
        summary = f"{len(errors)} error{'s' if len(errors) != 1 else ''} in map"
        super().__init__(summary + ":\n" + "\n".join(str(d) for d in shown))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

"""What ``argmap render`` says of a long drawing: one line with its estimate as it starts, and
on a terminal a spinner with the seconds it has taken, cleared when it ends."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pathlib import Path

    from argmap.pipeline import Plan

SLOW = 2.0
"""Drawings whose dot layout would take at least this many seconds are announced."""
FRAMES = "|/-\\"
TICK = 0.1
"""Seconds between two frames of the spinner."""
CLEAR = "\r\033[K"


def about(seconds: float) -> str:
    """A duration as the estimate says it: ``15 s``, ``85 s``, ``3 min``."""
    if seconds < 99.5:
        return f"{max(1, round(seconds))} s"
    return f"{seconds / 60:.0f} min"


def announcement(plan: Plan) -> str | None:
    """The line said as a drawing starts, or None for a drawing that is quick, or drawn by a
    layout that was asked for and has no estimate."""
    if plan.dot_seconds < SLOW:
        return None
    claims = f"{plan.claims:,} claims"
    if plan.switched:
        return (
            f"{plan.path}: {claims} would take about {about(plan.dot_seconds)} with dot; "
            f"drawn with {plan.layout} (--layout dot to insist)"
        )
    if plan.layout != "dot":
        return None
    return f"drawing {plan.path}: {claims}, about {about(plan.dot_seconds)} with dot"


class Drawings:
    """Told of each drawing as it starts (:meth:`planned`, the pipeline's ``on_plan``) and as it
    ends (:meth:`done`): says the long ones in a line on standard error, and where that is a
    terminal and ``spin`` is allowed, shows a spinner with the seconds taken while they run.
    Plans may come from another thread (the workers' plans do)."""

    def __init__(
        self,
        spin: bool = True,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = self.stream.isatty()
        self.spin = spin and self.terminal
        self.clock = clock
        self.running: dict[str, float] = {}
        """The long drawings under way: their names and when each started."""
        self.finished: set[str] = set()
        self.frame = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread: threading.Thread | None = None

    def planned(self, plan: Plan) -> None:
        line = announcement(plan)
        name = str(plan.path)
        with self.lock:
            if line is None or name in self.finished:  # its outcome came first: nothing to say
                return
            self.write((CLEAR if self.terminal else "") + line + "\n")
            if not self.spin:
                return
            self.running[name] = self.clock()
            self.draw()
            if self.thread is None:
                self.thread = threading.Thread(target=self.turn, name="argmap-spinner")
                self.thread.daemon = True
                self.thread.start()

    def done(self, path: Path) -> None:
        """The drawing of ``path`` ended (its outcome is about to be said)."""
        name = str(path)
        with self.lock:
            self.finished.add(name)
            if self.running.pop(name, None) is not None:
                self.write(CLEAR)
                self.draw()

    def draw(self) -> None:
        """One frame of the spinner, for the drawing that started first (with the lock held)."""
        if not self.running:
            return
        name, started = next(iter(self.running.items()))
        seconds = self.clock() - started
        more = f" (and {len(self.running) - 1} more)" if len(self.running) > 1 else ""
        spinner = FRAMES[self.frame % len(FRAMES)]
        self.write(f"{CLEAR}{spinner} drawing {name}{more}: {seconds:.0f} s")
        self.frame += 1

    def turn(self) -> None:
        while not self.stopped.wait(TICK):
            with self.lock:
                self.draw()

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def __enter__(self) -> Drawings:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stopped.set()
        if self.thread is not None:
            self.thread.join()
        with self.lock:
            if self.running:
                self.running.clear()
                self.write(CLEAR)

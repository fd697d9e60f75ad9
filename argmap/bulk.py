"""Building many objects at once: reading, checking, writing and drawing large maps."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: building hundreds of thousands of nodes and model
    objects (none of them in cycles) would otherwise set off full collections again and again,
    which makes reading grow faster than the map."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

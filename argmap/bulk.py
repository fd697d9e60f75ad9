"""Building many objects at once: reading, checking, writing and drawing large maps."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: building hundreds of thousands of nodes and model
    objects (none of them in cycles) would otherwise set off full collections again and again,
    which makes reading grow faster than the map.

    On the way out, what was made inside goes to the collector's oldest generation at once
    (:func:`_to_oldest`), so that re-enabling the collector does not set off a collection of
    the young generation that goes through every object just made."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _to_oldest()
            gc.enable()


def _to_oldest() -> None:
    """Move every object the collector tracks to its oldest generation, without a collection.

    ``gc.freeze`` moves them all to the permanent generation and ``gc.unfreeze`` moves that to
    the oldest; neither goes through the objects, where a collection of the young generation
    would go through every object just made. Garbage among the objects moved is still
    collected, by the next full collection. A program that froze objects of its own keeps them
    frozen: then nothing is moved."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()

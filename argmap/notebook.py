"""Maps shown as their diagrams in Jupyter and other IPython displays.

``import argmap`` in a running IPython registers :func:`svg` as the SVG display of
:class:`~argmap.ArgumentMap`, by the class's name, so that nothing is imported until a map is
shown. Elsewhere, call :func:`register` once IPython is running.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import ArgumentMap


def svg(argument_map: ArgumentMap) -> str:
    """The map's diagram as SVG text."""
    from argmap.rendering import render

    return render(argument_map, "svg").decode("utf-8")


def register() -> bool:
    """Show maps as diagrams in the running IPython; False when there is none."""
    try:
        from IPython import get_ipython  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["image/svg+xml"]
    formatter.for_type_by_name("argmap.model", "ArgumentMap", svg)
    return True

"""The JSON Schema of the map format, shipped with the package (``argmap schema`` prints it)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def schema_text() -> str:
    """The schema as JSON text."""
    return files("argmap").joinpath("schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The schema as a dictionary."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded

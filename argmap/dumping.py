"""Writing maps: the model to canonical YAML that reads back to an equal map.

Canonical means: top-level keys in the order of the format, claims in map order, a claim with
only text written in the short form ``id: text``, single-item lists written as one value, and
strings quoted only where YAML needs it.
"""

from __future__ import annotations

from typing import Any

import yaml

from argmap.model import ArgumentMap, Claim, Link

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def _one_or_list(values: tuple[str, ...]) -> str | list[str]:
    return values[0] if len(values) == 1 else list(values)


def _claim(claim: Claim) -> str | dict[str, Any]:
    data: dict[str, Any] = {}
    if claim.text is not None:
        data["text"] = claim.text
    if claim.ref is not None:
        data["ref"] = claim.ref
    if claim.same:
        data["same"] = _one_or_list(claim.same)
    if claim.quote:
        data["quote"] = _one_or_list(claim.quote)
    if claim.by is not None:
        data["by"] = claim.by
    if claim.implicit:
        data["implicit"] = True
    if claim.tags:
        data["tags"] = list(claim.tags)
    for name in ("note", "url"):
        value = getattr(claim, name)
        if value is not None:
            data[name] = value
    if list(data) == ["text"] and "\n" not in data["text"]:
        return str(data["text"])
    return data


def _link(link: Link) -> dict[str, Any]:
    data: dict[str, Any] = {"from": _one_or_list(link.premises), link.relation.value: link.target}
    for name in ("id", "scheme", "note"):
        value = getattr(link, name)
        if value is not None:
            data[name] = value
    return data


def to_data(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as plain Python data in the shape of the YAML format."""
    data: dict[str, Any] = {"argmap": argument_map.version}
    if argument_map.title is not None:
        data["title"] = argument_map.title
    if argument_map.description is not None:
        data["description"] = argument_map.description
    source = argument_map.source
    if source is not None:
        data["source"] = {
            name: getattr(source, name)
            for name in ("title", "outlet", "author", "date", "url", "file")
            if getattr(source, name) is not None
        }
    if argument_map.thesis:
        data["thesis"] = _one_or_list(argument_map.thesis)
    data["claims"] = {claim.id: _claim(claim) for claim in argument_map.claims}
    if argument_map.links:
        data["links"] = [_link(link) for link in argument_map.links]
    if argument_map.expect:
        expect: dict[str, dict[str, str]] = {}
        for e in argument_map.expect:
            expect.setdefault(e.semantics, {})[e.item] = e.status
        data["expect"] = expect
    return data


def dumps(argument_map: ArgumentMap) -> str:
    """The map as canonical YAML; ``argmap.loads(argmap.dumps(m)) == m``."""
    return yaml.dump(
        to_data(argument_map),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=None,
    )

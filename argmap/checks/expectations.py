"""The check that a map's ``expect:`` block holds: each claim has the status its author expects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.checks import CheckContext


def unexpected_status(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Evaluate the map under each semantics its expectations name, and compare."""
    if not m.expect or ctx.unresolved:
        return
    from argmap.evaluation import evaluate

    results = {}
    for expectation in m.expect:
        if expectation.item not in m:
            continue  # reported as unknown-ref
        semantics = expectation.semantics
        if semantics not in results:
            results[semantics] = evaluate(m, semantics)  # type: ignore[arg-type]
        try:
            actual = results[semantics].status(expectation.item).value
        except KeyError:  # a contradiction's id: it has no status of its own
            actual = "undecided"
        if actual != expectation.status:
            yield Diagnostic.error(
                "unexpected-status",
                f"'{expectation.item}' is {actual} under {semantics} semantics, "
                f"not {expectation.status} as expected",
                ("expect", semantics, expectation.item),
                f"`argmap eval --semantics {semantics}` shows why; update the expectation if the "
                "map is right",
            )

"""Add a check of your own and switch one of the built-in checks off.

Run: python examples/custom_check.py [MAP.yaml]
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import argmap
from argmap import ArgumentMap, CheckContext, Diagnostic
from argmap.checks import CHECKS


def long_claim_text(m: ArgumentMap, ctx: CheckContext) -> Iterator[Diagnostic]:
    """Claim texts should be short, plain sentences: warn above 25 words."""
    for claim in m.claims:
        words = len(claim.text.split())
        if words > 25:
            yield Diagnostic.warning(
                "long-claim",
                f"claim '{claim.id}' has {words} words; keep claim texts under 25",
                ("claims", claim.id, "text"),
            )


def main(path: str) -> int:
    my_checks = {**CHECKS, "long-claim": long_claim_text}
    del my_checks["duplicate-claim"]  # switched off for this run
    found = argmap.check_file(path, checks=my_checks)
    for d in found:
        print(d)
    print(f"{len(found)} diagnostics")
    return 1 if any(d.is_error for d in found) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "maps/hanoi-walkout-leverage.yaml"))

"""Take a map to Argdown and back, and bring a hand-written Argdown debate into argmap.

Run: python examples/argdown_exchange.py [OUTPUT-DIR]

Writes OUTPUT-DIR/walkout.argdown (open it in the Argdown editor or run `argdown map` on it)
and OUTPUT-DIR/debate.yaml, the map read from a few lines of Argdown.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap
from argmap import formats

DEBATE = """\
===
title: Did walking away pay off?
===

[leverage]: Walking away regained US leverage over China.
  + [resolve]: The walkout showed resolve. #evidence
  - [unrelated]: The summit has no bearing on the trade talks.

<main>

(1) [resolve]
(2) [watching]: Beijing watched the summit as a test of resolve.
-- practical reasoning --
(3) [leverage]

<Vague objection>: The US will regret it.
"""


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    walkout = argmap.load(Path(__file__).parent.parent / "docs" / "tutorial" / "walkout.yaml")
    text = formats.export(walkout, "argdown")
    (out / "walkout.argdown").write_text(text, encoding="utf-8")
    back = formats.import_text(text, "argdown", "walkout.argdown")
    assert back.map is not None
    same = back.map.claims == walkout.claims and set(back.map.links) == set(walkout.links)
    print(f"walkout: {len(text.splitlines())} lines of Argdown; read back the same: {same}")

    debate = formats.import_text(DEBATE, "argdown", "debate.argdown")
    for diagnostic in debate.diagnostics:  # what the map cannot hold, at its line
        print(diagnostic)
    assert debate.map is not None
    (out / "debate.yaml").write_text(argmap.dumps(debate.map), encoding="utf-8")
    linked = debate.map.link("main")
    print(f"debate: {', '.join(linked.premises)} support {linked.target} together")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "argdown-example")))

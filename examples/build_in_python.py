"""Build a small map in Python, check it, evaluate it, write it as YAML and draw it as SVG.

Run: python examples/build_in_python.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap
from argmap import ArgumentMap, Claim, attack, support


def build() -> ArgumentMap:
    return ArgumentMap(
        title="Walking away in Hanoi regained US leverage",
        thesis="leverage",
        claims={
            "leverage": "Walking away from the Hanoi summit regained US leverage over China.",
            "resolve": "The walkout showed the US will reject deals below its expectations.",
            "stake": Claim(
                "stake",
                "China has a big stake in the summit's outcome.",
                quote="a big stake in the outcome of the now failed summit in Vietnam",
            ),
            "unrelated": Claim(
                "unrelated",
                "Some officials insist the summit and the trade talks are mostly unrelated.",
                by="US officials",
            ),
        },
        links=[
            support(["resolve", "stake"], "leverage", id="resolve-and-stake"),
            attack("unrelated", "resolve-and-stake"),  # an undercut: it denies the inference
        ],
    )


def main(out: Path) -> None:
    m = build()
    problems = argmap.check(m)
    for d in problems:
        print(f"{d.severity.value}[{d.code}]: {d.message}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "hanoi.yaml").write_text(argmap.dumps(m), encoding="utf-8")
    assert argmap.load(out / "hanoi.yaml") == m  # the YAML reads back to the same map
    (out / "hanoi.svg").write_bytes(argmap.render(m))
    print(f"premises under the thesis: {', '.join(m.premises_under('leverage'))}")
    status = argmap.evaluate(m).claims  # grounded semantics
    print(
        f"thesis: {status['leverage'].value}; undercut by: unrelated ({status['unrelated'].value})"
    )
    (out / "hanoi-eval.svg").write_bytes(argmap.render(m, evaluation=argmap.evaluate(m)))
    print(f"wrote {out / 'hanoi.yaml'} and {out / 'hanoi.svg'}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/example"))

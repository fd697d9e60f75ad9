"""Synthetic argument maps for benchmarks: trees of support with linked premises, rebuttals,
undercuts and contradictions, of any size.

    python benchmarks/generate.py 10000 > big.yaml
"""

from __future__ import annotations

import random
import sys

from argmap import ArgumentMap, Claim, Link, Relation, dumps


def synthetic_map(claims: int, seed: int = 0) -> ArgumentMap:
    """A map of ``claims`` claims: one thesis, a support tree below it (a third of the supports
    linked), one attack for every five claims (a quarter of them undercuts), and one
    contradiction for every fifty claims."""
    rng = random.Random(seed)
    ids = [f"c{i}" for i in range(claims)]
    made = [
        Claim(cid, f"Claim number {i} of the synthetic map, with some words.")
        for i, cid in enumerate(ids)
    ]
    links: list[Link] = []
    next_claim = 1
    frontier = [0]
    while next_claim < claims and frontier:
        parent = frontier.pop(0)
        for _ in range(rng.randint(1, 3)):
            if next_claim >= claims:
                break
            size = 2 if rng.random() < 1 / 3 and next_claim + 1 < claims else 1
            premises = ids[next_claim : next_claim + size]
            frontier.extend(range(next_claim, next_claim + size))
            next_claim += size
            links.append(Link(tuple(premises), Relation.SUPPORTS, ids[parent], id=f"s{len(links)}"))
    supports = list(links)
    # Attacks and contradictions are drawn at random; those that would repeat a link, or attack
    # what the same premise supports (an error), are left out, so that every map is valid.
    supported = {(link.premises, link.target) for link in supports}
    stated: set[object] = set()
    for _ in range(claims // 5):
        attacker = rng.randrange(1, claims)
        if rng.random() < 0.25:
            target = rng.choice(supports)
            if attacker in (int(p[1:]) for p in target.premises):
                continue
            key = (ids[attacker], target.id or "")
        else:
            target_claim = rng.randrange(claims)
            if target_claim == attacker:
                continue
            key = (ids[attacker], ids[target_claim])
        if key in stated or ((key[0],), key[1]) in supported:
            continue
        stated.add(key)
        links.append(Link((ids[attacker],), Relation.ATTACKS, key[1]))
    for _ in range(claims // 50):
        a, b = rng.sample(range(claims), 2)
        pair = frozenset((ids[a], ids[b]))
        if pair in stated:
            continue
        stated.add(pair)
        links.append(Link((ids[a],), Relation.CONTRADICTS, ids[b]))
    return ArgumentMap(
        claims=made, links=links, thesis=ids[0], title=f"Synthetic map of {claims} claims"
    )


if __name__ == "__main__":
    sys.stdout.write(dumps(synthetic_map(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)))

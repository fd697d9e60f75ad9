"""What to draw for maps that refer to other maps: one map with its references boxed by the map
they come from, or every map of a folder merged into one diagram.

Both give a model and a :class:`~argmap.dot.Grouping` for :func:`argmap.dot.to_dot`; nothing
here runs Graphviz.

- :func:`drawing`: a map as written, its referring claims given the texts they lead to and
  drawn inside one box per referenced map, labelled with that map's source title and outlet.
  A claim of another map named in ``same`` is drawn too, in its map's box, joined to the claim
  that names it by a grey double line.
- :func:`merged`: all maps in one diagram, one box per map. A referring claim *is* the claim it
  names, so it is drawn once, in the box of the map that states it, and the links of the
  referring map reach across boxes to it. Claims declared the same are joined by a double line.
  Node ids are ``STEM.CLAIM-ID``.
"""

from __future__ import annotations

import attrs

from argmap.corpus import Corpus
from argmap.dot import Cluster, Grouping
from argmap.model import ArgumentMap, Claim, Link, split_ref


def map_label(corpus: Corpus, stem: str) -> str:
    """A map as a box label: its source's title and outlet, else its title, else its stem."""
    m = corpus.map(stem)
    if m is None:
        return stem
    source = m.source
    title = (source.title if source else None) or m.title or stem
    outlet = source.outlet if source else None
    return f"{title} \u2014 {outlet}" if outlet else title


def drawing(corpus: Corpus, stem: str, m: ArgumentMap) -> tuple[ArgumentMap, Grouping]:
    """The map ``stem`` ready to draw: referenced texts filled in, referring claims boxed by the
    map they refer to, and the claims named in ``same`` drawn beside them."""
    resolved = corpus.resolve(stem, m)
    members: dict[str, list[str]] = {}
    node_of_ref: dict[str, str] = {}
    for claim in m.claims:
        if claim.ref is not None:
            members.setdefault(split_ref(claim.ref)[0], []).append(claim.id)
            node_of_ref.setdefault(claim.ref, claim.id)
    others: list[Claim] = []
    same: list[tuple[str, str]] = []
    for claim in m.claims:
        for ref in claim.same:
            if ref not in node_of_ref:
                other_stem, other_id = split_ref(ref)
                target = corpus.claim(ref)
                if target is None:
                    continue  # reported by the checks
                name = f"{other_stem}.{other_id}"
                while name in resolved:
                    name += "_"
                text = corpus.text(other_stem, target) or ref
                others.append(Claim(name, text, quote=target.quote, by=target.by, ref=ref))
                members.setdefault(other_stem, []).append(name)
                node_of_ref[ref] = name
            same.append((claim.id, node_of_ref[ref]))
    clusters = [Cluster(map_label(corpus, s), tuple(ids)) for s, ids in members.items()]
    return resolved, Grouping(clusters, others, same)


def _node(stem: str, claim_id: str) -> str:
    return f"{stem}.{claim_id}"


def merged(corpus: Corpus, title: str | None = None) -> tuple[ArgumentMap, Grouping]:
    """Every map of the corpus that could be read, in one model: node ids ``STEM.CLAIM-ID``,
    referring claims merged into the claims they name, one box per map."""
    maps = corpus.maps()
    where: dict[tuple[str, str], str] = {}  # (stem, claim id) -> node
    for stem, m in maps.items():
        for claim in m.claims:
            where[(stem, claim.id)] = _node(stem, claim.id)
            if claim.ref is not None and claim.text is None:
                followed = corpus.follow(claim.ref)
                if followed.claim is not None and split_ref(followed.path[-1])[0] in maps:
                    where[(stem, claim.id)] = _node(*split_ref(followed.path[-1]))
    claims: list[Claim] = []
    members: dict[str, list[str]] = {}
    links: list[Link] = []
    thesis: list[str] = []
    same: set[tuple[str, str]] = set()
    for stem, m in maps.items():
        names = {c.id for c in m.claims}
        for claim in m.claims:
            node = where[(stem, claim.id)]
            for ref in claim.same:
                other = where.get(split_ref(ref))
                if other is not None and other != node:
                    same.add((min(node, other), max(node, other)))
            if node != _node(stem, claim.id):
                continue  # drawn in the box of the map it refers to
            text = corpus.text(stem, claim) or claim.label
            claims.append(attrs.evolve(claim, id=node, text=text, same=()))
            members.setdefault(stem, []).append(node)
        for link in m.links:

            def rename(item: str, stem: str = stem, names: set[str] = names) -> str:
                return where[(stem, item)] if item in names else _node(stem, item)

            links.append(
                attrs.evolve(
                    link,
                    premises=tuple(rename(p) for p in link.premises),
                    target=rename(link.target),
                    id=_node(stem, link.id) if link.id else None,
                )
            )
        thesis.extend(where.get((stem, t), _node(stem, t)) for t in m.thesis)
    clusters = [Cluster(map_label(corpus, s), tuple(ids)) for s, ids in members.items()]
    model = ArgumentMap(claims=claims, links=links, thesis=list(dict.fromkeys(thesis)), title=title)
    return model, Grouping(clusters, (), sorted(same))

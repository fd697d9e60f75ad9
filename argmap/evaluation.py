"""Which claims stand: acceptability semantics over argument maps.

A map is translated into an abstract argumentation framework (Dung 1995) whose arguments are
the map's claims, its links (the inferences), and auxiliary arguments that make an inference
depend on its premises and a supported claim depend on its supports:

- a premise ``p`` of link ``L`` attacks an auxiliary ``n(L, p)`` that attacks ``L``: the link
  stands only while every premise stands;
- a supported claim ``c`` is attacked by an auxiliary ``u(c)`` that every support link of ``c``
  attacks: a supported claim stands only while one of its supports stands;
- an attack link attacks its target: a claim (rebuttal) or a link (undercut);
- a contradiction is a pair of attacks between its two claims.

On a map of claims and single-premise attacks only, the labels of the claims are exactly those
of Dung's semantics on the framework of the claims and attacks. docs/semantics.md explains the
choice and shows examples.

Grounded semantics is computed here in time linear in the size of the map. Complete, preferred
and stable extensions are enumerated by the clingo answer-set solver with the standard
encodings.
"""

from __future__ import annotations

import enum
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate, compress, repeat
from operator import is_not, not_
from typing import TYPE_CHECKING, Literal, NamedTuple

import attrs

from argmap.bulk import paused_gc
from argmap.checks.index import index_of
from argmap.model import ArgumentMap, Relation

if TYPE_CHECKING:
    from argmap.checks.index import MapIndex

Semantics = Literal["grounded", "complete", "preferred", "stable"]
SEMANTICS: tuple[Semantics, ...] = ("grounded", "complete", "preferred", "stable")
MAX_EXTENSIONS = 1000
"""How many extensions are enumerated at most (:attr:`Evaluation.truncated` tells of more)."""


class Status(enum.Enum):
    """The label of a claim or link."""

    IN = "in"
    """Accepted: it stands against every attack."""
    OUT = "out"
    """Rejected: an accepted argument defeats it (or all of its supports fell)."""
    UNDECIDED = "undecided"
    """Neither: the attacks leave it open."""


@attrs.frozen
class Framework:
    """An abstract argumentation framework: arguments 0..n-1, with a name each, and attacks."""

    names: tuple[str, ...]
    attacks: tuple[tuple[int, int], ...]

    def __len__(self) -> int:
        return len(self.names)

    def attackers(self) -> list[list[int]]:
        found: list[list[int]] = [[] for _ in self.names]
        for a, b in self.attacks:
            found[b].append(a)
        return found


@attrs.frozen
class Translation:
    """A map's framework, and which argument stands for each claim and link."""

    framework: Framework
    claims: Mapping[str, int]
    """Claim id -> argument."""
    links: Mapping[int, int]
    """Link index -> argument (contradictions have none: they are attacks)."""


def translate(m: ArgumentMap) -> Translation:
    """The abstract argumentation framework of a map (see the module's documentation)."""
    names: list[str] = []
    attacks: list[tuple[int, int]] = []

    def new(name: str) -> int:
        names.append(name)
        return len(names) - 1

    claims: dict[str, int] = {}
    for claim in m.claims:
        if claim.id not in claims:
            claims[claim.id] = new(f"claim:{claim.id}")
    links: dict[int, int] = {}
    usable = []
    for index, link in enumerate(m.links):
        if link.relation is Relation.CONTRADICTS or any(p not in claims for p in link.premises):
            continue
        links[index] = new(f"link:{link.id or index}")
        usable.append(index)
    by_id = {m.links[i].id: links[i] for i in usable if m.links[i].id is not None}
    unsupported: dict[str, int] = {}
    for index in usable:
        link = m.links[index]
        arg = links[index]
        for premise in dict.fromkeys(link.premises):
            aux = new(f"lacks:{link.id or index}:{premise}")
            attacks.append((claims[premise], aux))
            attacks.append((aux, arg))
        if link.relation is Relation.SUPPORTS:
            if link.target not in claims:
                continue
            if link.target not in unsupported:
                aux = unsupported[link.target] = new(f"unsupported:{link.target}")
                attacks.append((aux, claims[link.target]))
            attacks.append((arg, unsupported[link.target]))
        else:
            target = claims.get(link.target, by_id.get(link.target))
            if target is not None:
                attacks.append((arg, target))
    for link in m.links:
        if link.relation is Relation.CONTRADICTS:
            a, b = claims.get(link.premises[0]), claims.get(link.target)
            if a is not None and b is not None:
                attacks.extend(((a, b), (b, a)))
    return Translation(Framework(tuple(names), tuple(attacks)), claims, links)


def grounded(framework: Framework) -> list[Status]:
    """The grounded labelling, in time linear in arguments plus attacks.

    An argument is in when all its attackers are out, out when an attacker is in, and
    undecided when the process stops without deciding it.
    """
    count = [0] * len(framework)
    targets: list[list[int]] = [[] for _ in range(len(framework))]
    for a, b in framework.attacks:
        count[b] += 1
        targets[a].append(b)
    label = [Status.UNDECIDED] * len(framework)
    queue = [a for a in range(len(framework)) if count[a] == 0]
    for a in queue:
        label[a] = Status.IN
    while queue:
        a = queue.pop()
        for b in targets[a]:
            if label[b] is not Status.UNDECIDED:
                continue
            label[b] = Status.OUT
            for c in targets[b]:
                count[c] -= 1
                if count[c] == 0 and label[c] is Status.UNDECIDED:
                    label[c] = Status.IN
                    queue.append(c)
    return label


def grounded_map(m: ArgumentMap) -> tuple[dict[str, Status], dict[int, Status]]:
    """The grounded labels of a map's claims and links, computed on the map itself (see
    :func:`_grounded_labels`): claim id -> status, and link position -> status."""
    return _statuses(m, _grounded_labels(m))


@attrs.frozen
class _Labels:
    """The grounded labels of a map's nodes, as :func:`_grounded_labels` leaves them."""

    label: bytearray
    """Each node's label: 0 undecided, 1 in, 2 out. Claim i is node i, the arguing links
    follow."""
    arguing: list[int]
    """The positions of the links that are arguments, in order."""
    arguing_flags: list[bool]
    """For each link, whether it is an argument."""


_STATUS_OF = (Status.UNDECIDED, Status.IN, Status.OUT)
_ONLY_IN = bytes([0, 1]) + bytes(254)
"""A table for ``bytes.translate``: a label to 1 if it is in, to 0 otherwise."""


def _statuses(m: ArgumentMap, found: _Labels) -> tuple[dict[str, Status], dict[int, Status]]:
    """Claim id -> status, and link position -> status."""
    index = index_of(m)
    n_claims = index.claim_count
    label = found.label
    ids = index.names[:n_claims]
    if index.claims_unique:
        claims = dict(zip(ids, map(_STATUS_OF.__getitem__, label[:n_claims]), strict=True))
    else:
        codes = index.codes
        claims = {cid: _STATUS_OF[label[codes[cid]]] for cid in ids}
    statuses = map(_STATUS_OF.__getitem__, label[n_claims:])
    return claims, dict(zip(found.arguing, statuses, strict=True))


class _Graph(NamedTuple):
    """A map's arguments for grounded labelling: nodes, what each attacks, and counters.

    Claim i is node i (a claim whose id an earlier claim has is never reached); the links that
    can be arguments follow, node ``n_claims + k`` being the link at ``arguing[k]``.
    """

    size: int
    arguing: list[int]
    """The positions of the links that are arguments (supports and attacks whose premises
    are all claims)."""
    arguing_flags: list[bool]
    """For each link, whether it is an argument."""
    attacks_of: dict[int, list[int]]
    """Attacker -> what it attacks (few nodes attack)."""
    # Flat arrays of 32-bit integers, so that a large map's tables stay small.
    supports: array[int]
    """Claim -> its support links."""
    supported_by: array[int]
    """Support link node -> the claim it supports; -1 for other nodes."""
    waiting: array[int]
    """Node -> its premises (as often as ``founded`` holds the node for each) and its
    attackers."""
    start: array[int]
    """Claim -> where its links start in ``founded`` (and, last, its end)."""
    founded: array[int]
    """The link nodes that each claim is a premise of, claim after claim."""


def _graph(index: MapIndex) -> _Graph:
    """The graph of a map, built link by link from the codes of the map's index."""
    n_claims = index.claim_count
    flat, starts, targets = index.flat_premises, index.premise_starts, index.targets
    relations = index.relations
    contradicts, supports_relation = Relation.CONTRADICTS, Relation.SUPPORTS
    # A support or attack link whose premises are all claims is an argument.
    # Link node n_claims + k is the link at arguing[k].
    arguing_flags = list(map(is_not, relations, repeat(contradicts)))
    for position in index.naming_others()[1]:
        arguing_flags[position] = False
    arguing = list(compress(range(len(relations)), arguing_flags))
    size = n_claims + len(arguing)
    by_id: dict[int, int] = {}  # the code of an arguing link's id -> its node
    for position, code in index.named_link_ids().items():
        k = bisect_left(arguing, position)
        if k < len(arguing) and arguing[k] == position:
            by_id[code] = n_claims + k

    attacks_of: dict[int, list[int]] = {}  # attacker -> what it attacks (few nodes attack)
    supports = array("i", bytes(4 * n_claims))  # claim -> support links not yet out
    supported_by = array("i", [-1]) * size  # support link -> the claim it supports
    waiting = array("i", bytes(4 * size))  # premises not yet in + attackers not yet out
    # claim -> the links it is a premise of, as one flat array with offsets (no list per claim)
    found_claims: list[int] = []  # (claim, link node) pairs, as two columns
    found_nodes: list[int] = []
    add_claim, add_node = found_claims.append, found_nodes.append
    for node, position in enumerate(arguing, n_claims):
        first, end = starts[position], starts[position + 1]
        if end - first == 1:
            add_claim(flat[first])
            add_node(node)
            waiting[node] += 1
        else:
            distinct = dict.fromkeys(flat[first:end])
            found_claims += distinct
            found_nodes += repeat(node, len(distinct))
            waiting[node] += len(distinct)
        target = targets[position]
        if relations[position] is supports_relation:
            if target < n_claims:
                supported_by[node] = target
                supports[target] += 1
        else:
            hit = target if target < n_claims else by_id.get(target)
            if hit is not None:
                attacks_of.setdefault(node, []).append(hit)
                waiting[hit] += 1
    for position in index.contradictions:
        a, b = flat[starts[position]], targets[position]
        if a < n_claims and b < n_claims:
            attacks_of.setdefault(a, []).append(b)
            attacks_of.setdefault(b, []).append(a)
            waiting[a] += 1
            waiting[b] += 1
    counts = [0] * n_claims
    for claim_no in found_claims:
        counts[claim_no] += 1
    start = array("i", accumulate(counts, initial=0))
    fill = start[:-1]
    founded = array("i", bytes(4 * len(found_claims)))
    for claim_no, node in zip(found_claims, found_nodes, strict=True):
        founded[fill[claim_no]] = node
        fill[claim_no] += 1

    return _Graph(
        size, arguing, arguing_flags, attacks_of, supports, supported_by, waiting, start, founded
    )


def _grounded_labels(m: ArgumentMap) -> _Labels:
    """The grounded labels of a map's claims and links, computed on the map itself.

    The same labels as :func:`grounded` over :func:`translate`, with the auxiliary arguments
    folded into counters: a link is in when its premises are in and its attackers out, out when
    a premise is out or an attacker in; a claim is in when it is unsupported or one of its
    supports is in, and all its attackers (attack links and contradicting claims) are out; it is
    out when an attacker is in, or when it is supported and every support is out. One pass over
    a queue: linear in the size of the map. Tests check it against the framework route.
    """
    index = index_of(m)
    n_claims = index.claim_count
    graph = _graph(index)
    size, arguing, arguing_flags = graph.size, graph.arguing, graph.arguing_flags
    attacks_of, supports, supported_by = graph.attacks_of, graph.supports, graph.supported_by
    waiting, start, founded = graph.waiting, graph.start, graph.founded

    UNDEC, IN, OUT = 0, 1, 2
    label = bytearray(size)  # UNDEC
    has_in_support = bytearray(n_claims)
    queue: list[int] = []  # nodes just labelled; their label says in or out
    for node in compress(range(size), map(not_, waiting)):  # nothing to wait for
        if node >= n_claims or supports[node] == 0:
            label[node] = IN
            queue.append(node)
    no_attacks: list[int] = []
    while queue:
        node = queue.pop()
        if label[node] == IN:
            for hit in attacks_of.get(node, no_attacks):
                if label[hit] == UNDEC:
                    label[hit] = OUT
                    queue.append(hit)
            if node < n_claims:
                for k in range(start[node], start[node + 1]):
                    link_no = founded[k]
                    waiting[link_no] -= 1
                    if waiting[link_no] == 0 and label[link_no] == UNDEC:
                        label[link_no] = IN
                        queue.append(link_no)
            else:
                conclusion = supported_by[node]
                if conclusion >= 0:
                    has_in_support[conclusion] = 1
                    if label[conclusion] == UNDEC and waiting[conclusion] == 0:
                        label[conclusion] = IN
                        queue.append(conclusion)
        else:
            for hit in attacks_of.get(node, no_attacks):
                waiting[hit] -= 1
                if (
                    waiting[hit] == 0
                    and label[hit] == UNDEC
                    and (hit >= n_claims or supports[hit] == 0 or has_in_support[hit])
                ):
                    label[hit] = IN
                    queue.append(hit)
            if node < n_claims:
                for k in range(start[node], start[node + 1]):
                    link_no = founded[k]
                    if label[link_no] == UNDEC:
                        label[link_no] = OUT
                        queue.append(link_no)
            else:
                conclusion = supported_by[node]
                if conclusion >= 0:
                    supports[conclusion] -= 1
                    if (
                        supports[conclusion] == 0
                        and not has_in_support[conclusion]
                        and label[conclusion] == UNDEC
                    ):
                        label[conclusion] = OUT
                        queue.append(conclusion)
    return _Labels(label, arguing, arguing_flags)


_ENCODING = {
    "base": """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
""",
    "admissible": """
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
""",
    "complete": ":- out(X), not undefended(X).\n",
    "stable": ":- out(X), not defeated(X).\n",
    "maximal": "#heuristic in(X) : arg(X). [1,true]\n",
}


def extensions(
    framework: Framework, semantics: Semantics, limit: int = MAX_EXTENSIONS
) -> tuple[list[frozenset[int]], bool]:
    """The extensions of a framework under a semantics, and whether there were more than
    ``limit``. Grounded is computed directly; the others by clingo."""
    if semantics == "grounded":
        labels = grounded(framework)
        return [frozenset(i for i, s in enumerate(labels) if s is Status.IN)], False
    import clingo  # imported here: only multi-extension semantics need the solver

    parts = ["base", "stable"] if semantics == "stable" else ["base", "admissible", "complete"]
    arguments = ["maximal"] if semantics == "preferred" else []
    options = [str(limit + 1), "--warn=none"]
    if arguments:
        options += ["--heuristic=Domain", "--enum-mode=domRec"]
    control = clingo.Control(options, logger=lambda _code, _message: None)
    program = "".join(_ENCODING[p] for p in parts + arguments) + "#show in/1.\n"
    facts = [f"arg(0..{len(framework) - 1})." if len(framework) else ""]
    facts.extend(f"att({a},{b})." for a, b in framework.attacks)
    control.add("base", [], program + "\n".join(facts))
    control.ground([("base", [])])
    found: list[frozenset[int]] = []

    def on_model(model: clingo.Model) -> None:
        found.append(frozenset(s.arguments[0].number for s in model.symbols(shown=True)))

    control.solve(on_model=on_model)
    truncated = len(found) > limit
    return found[:limit], truncated


def labelling(framework: Framework, extension: frozenset[int]) -> list[Status]:
    """The labelling of an extension: in, out if attacked by it, undecided otherwise."""
    label = [Status.IN if i in extension else Status.UNDECIDED for i in range(len(framework))]
    for a, b in framework.attacks:
        if a in extension and label[b] is Status.UNDECIDED:
            label[b] = Status.OUT
    return label


@attrs.frozen
class Evaluation:
    """What a semantics says about a map.

    ``claims`` and ``links`` hold each item's status: for grounded semantics its label; for the
    others the sceptical label (in if in every extension, out if out in every one, undecided
    otherwise; undecided for everything when there is no extension).
    """

    semantics: Semantics
    claims: Mapping[str, Status]
    links: Mapping[int, Status]
    """Link index -> status, for supports and attacks (contradictions are not arguments)."""
    extensions: tuple[frozenset[str], ...]
    """The claim ids in each extension."""
    credulous: frozenset[str]
    """Claims in at least one extension."""
    sceptical: frozenset[str]
    """Claims in every extension (none when there is no extension)."""
    truncated: bool = False
    """True when there were more than :data:`MAX_EXTENSIONS` extensions."""
    link_ids: Mapping[str, int] = attrs.field(factory=dict)

    def status(self, item_id: str) -> Status:
        """The status of a claim, or of a link by its id."""
        if item_id in self.claims:
            return self.claims[item_id]
        return self.links[self.link_ids[item_id]]


def evaluate(
    m: ArgumentMap, semantics: Semantics = "grounded", *, limit: int = MAX_EXTENSIONS
) -> Evaluation:
    """Evaluate a map under grounded, complete, preferred or stable semantics."""
    if semantics not in SEMANTICS:
        raise ValueError(f"semantics must be one of {', '.join(SEMANTICS)}, found {semantics!r}")
    if semantics == "grounded":  # one labelling, computed on the map in linear time
        with paused_gc():  # many small lists, none in cycles: see argmap.bulk
            found_labels = _grounded_labels(m)
            claims, links = _statuses(m, found_labels)
        return _grounded_evaluation(m, found_labels, claims, links)
    t = translate(m)
    found, truncated = extensions(t.framework, semantics, limit)
    labels = [labelling(t.framework, e) for e in found]

    def combined(arg: int) -> Status:
        if len(labels) == 1:
            return labels[0][arg]
        seen = {lab[arg] for lab in labels}
        return seen.pop() if len(seen) == 1 else Status.UNDECIDED

    claim_names = {arg: cid for cid, arg in t.claims.items()}
    as_claims = tuple(frozenset(claim_names[a] for a in e if a in claim_names) for e in found)
    credulous = frozenset().union(*as_claims) if as_claims else frozenset()
    sceptical = frozenset.intersection(*as_claims) if as_claims else frozenset()
    return Evaluation(
        semantics,
        {cid: combined(arg) for cid, arg in t.claims.items()},
        {index: combined(arg) for index, arg in t.links.items()},
        as_claims,
        credulous,
        sceptical,
        truncated,
        {m.links[i].id: i for i in t.links if m.links[i].id is not None},  # type: ignore[misc]
    )


def _grounded_evaluation(
    m: ArgumentMap, found: _Labels, claims: dict[str, Status], links: dict[int, Status]
) -> Evaluation:
    """The evaluation of a map's grounded labels: the accepted claims and the arguing links by
    id, made from the labels."""
    index = index_of(m)
    n_claims = index.claim_count
    if index.claims_unique:
        in_flags = found.label[:n_claims].translate(_ONLY_IN)
        accepted = frozenset(compress(index.names[:n_claims], in_flags))
    else:
        accepted = frozenset(cid for cid, s in claims.items() if s is Status.IN)
    positions, ids = index.link_id_columns
    pairs = zip(ids, positions, strict=True)
    if len(found.arguing) == len(m.links):  # every link an argument
        link_ids = dict(pairs)
    else:
        link_ids = dict(compress(pairs, map(found.arguing_flags.__getitem__, positions)))
    return Evaluation("grounded", claims, links, (accepted,), accepted, accepted, False, link_ids)


def iter_statuses(m: ArgumentMap, evaluation: Evaluation) -> Iterator[tuple[str, Status]]:
    """Each claim id with its status, theses first, then in map order."""
    seen: set[str] = set()
    for cid in [*m.thesis, *(c.id for c in m.claims)]:
        if cid in evaluation.claims and cid not in seen:
            seen.add(cid)
            yield cid, evaluation.claims[cid]


__all__: Sequence[str] = (
    "SEMANTICS",
    "Evaluation",
    "Framework",
    "Semantics",
    "Status",
    "evaluate",
    "extensions",
    "grounded",
    "labelling",
    "translate",
)

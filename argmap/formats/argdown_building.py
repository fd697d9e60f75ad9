"""Building a map from parsed Argdown (the second half of importing Argdown; the first is
:mod:`argmap.formats.argdown_parsing`).

Statements become claims (titled ids, text, tags and the data argmap has fields for); each
inference of an argument's premise-conclusion structure becomes a support of its conclusion,
or, when the conclusion is a statement marked ``{negates: X}``, an attack on claim or link X;
relations become supports, attacks, contradictions and undercuts. Whatever a map cannot hold
is a located ``argdown-unsupported`` warning, so that nothing is dropped without a word: the
result is a :class:`~argmap.loading.Loaded` with the parse's diagnostics and the build's.

Argdown allows links that a map may not hold (a support cycle, a link aimed at one of its own
premises or at itself, premises that both support and attack a claim, an attack on a link that
was not kept): each is dropped with a warning that says why, found here by looking at the links
themselves.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from typing import Any

import attrs

from argmap.diagnostics import Diagnostic
from argmap.formats import Ids
from argmap.formats.argdown_parsing import (
    Argument,
    Document,
    Node,
    RelationLine,
    Where,
    parse_argdown,
    syntax_error,
    unsupported,
)
from argmap.loading import Loaded
from argmap.model import (
    ID_PATTERN,
    REF_PATTERN,
    SEMANTICS_NAMES,
    STATUSES,
    ArgumentMap,
    Claim,
    Expectation,
    Link,
    Relation,
    Source,
)
from argmap.supports import cycle_message, walk_cycles

_Pending = tuple[tuple[str, ...], str, Where, dict[str, Any], str | None]
"""An attack read from an argument that concludes [not X]: premises, X, where, link fields,
and the argument's title when it is the argument's last inference."""

_KINDS = {"+": "support", "<+": "support", "+>": "support", "-": "attack", "<-": "attack"}
_KINDS |= {
    "->": "attack",
    "><": "contradiction",
    "_>": "undercut",
    "<_": "undercut",
    "_": "undercut",
}
_INCOMING = ("+", "<+", "-", "<-", "<_", "_")
"""Operators whose line (the child) is the source of the relation, its parent the target."""


_CLAIM_DATA: dict[str, tuple[type, str]] = {
    "quote": (str, "a non-empty string or a list of them"),
    "by": (str, "a non-empty string"),
    "implicit": (bool, "true or false"),
    "note": (str, "a non-empty string"),
    "url": (str, "a non-empty string"),
}
"""The data of a statement that are fields of a claim, with the type each must have (a map
holds no empty or blank text)."""


def _filled(value: object) -> bool:
    """True for a string that is not blank: what a map holds as text."""
    return isinstance(value, str) and bool(value.strip())


def _short(value: object) -> str:
    """A value for a message, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- links that a map may not hold -----------------------------------------------------------


def _refused(claims: list[Claim], links: list[Link]) -> tuple[int, str] | None:
    """The first link that a map may not hold, as its position and the reason: a link aimed at
    one of its premises or at itself, then a cycle of supports, then premises that both support
    and attack a claim, then a link that names something neither a claim nor (for an attack)
    a support or attack link. None when every link is fine."""
    return (
        _self_reference(links)
        or _support_cycle(links)
        or _conflict(links)
        or _unknown_name({c.id for c in claims}, links)
    )


def _describe(link: Link) -> str:
    return f"link '{link.id}'" if link.id else "a link"


def _self_reference(links: list[Link]) -> tuple[int, str] | None:
    for position, link in enumerate(links):
        reason = _aims_at_itself(link)
        if reason is not None:
            return position, reason
    return None


def _aims_at_itself(link: Link) -> str | None:
    if link.target in link.premises:
        field = link.relation.value
        return f"{_describe(link)} {field} '{link.target}', one of its own premises"
    if link.relation is Relation.ATTACKS and link.target == link.id:
        return f"{_describe(link)} attacks itself"
    return None


def _support_cycle(links: list[Link]) -> tuple[int, str] | None:
    """The first cycle of supports (as ``circular-support`` reports it), at the first of its
    links."""
    cycles = walk_cycles(links)
    return cycle_message(cycles[0]) if cycles else None


def _conflict(links: list[Link]) -> tuple[int, str] | None:
    """The first attack whose premises also support its target."""
    supported = {
        (link.target, frozenset(link.premises))
        for link in links
        if link.relation is Relation.SUPPORTS
    }
    for position, link in enumerate(links):
        reason = _conflicting(link, supported)
        if reason is not None:
            return position, reason
    return None


def _conflicting(link: Link, supported: set[tuple[str, frozenset[str]]]) -> str | None:
    if link.relation is Relation.ATTACKS and (link.target, frozenset(link.premises)) in supported:
        premises = ", ".join(repr(p) for p in link.premises)
        return (
            f"{_describe(link)} attacks '{link.target}', which the same premises "
            f"({premises}) support"
        )
    return None


def _unknown_name(claim_ids: set[str], links: list[Link]) -> tuple[int, str] | None:
    """The first link with a premise that is no claim, or a target that is no claim (or, for
    an attack, no support or attack link)."""
    link_ids = Counter(link.id for link in links if link.id)
    contradictions = Counter(
        link.id for link in links if link.relation is Relation.CONTRADICTS and link.id
    )
    for position, link in enumerate(links):
        found = _names_unknown(link, claim_ids, link_ids, contradictions)
        if found is not None:
            return position, found
    return None


def _names_unknown(
    link: Link, claim_ids: set[str], link_ids: Counter[str], contradictions: Counter[str]
) -> str | None:
    """Why the link names something that is no claim (or, for an attack, no support or
    attack link), given the ids of the links there are; None when it names nothing unknown."""
    what = _describe(link)

    def not_a_claim(name: str, what: str) -> str | None:
        if name in claim_ids:
            return None
        if link_ids[name] > 0:
            return f"{what} names '{name}', which is a link, not a claim"
        return f"{what} names no claim: '{name}'"

    for premise in link.premises:
        found = not_a_claim(premise, f"'from' of {what}")
        if found is not None:
            return found
    target = link.target
    if link.relation is not Relation.ATTACKS:
        return not_a_claim(target, f"'{link.relation.value}' of {what}")
    if target in claim_ids:
        return None
    if contradictions[target] > 0:
        return (
            f"'attacks' of {what} names '{target}', a contradiction; only support and "
            "attack links can be undercut"
        )
    if link_ids[target] == 0:
        return f"'attacks' of {what} names no claim or link: '{target}'"
    return None


def refusals(claims: list[Claim], links: list[Link]) -> list[tuple[int, str]]:
    """Every link that a map may not hold, as its position and the reason: the links that
    dropping the first link :func:`_refused` names, again and again until it names none,
    drops, with the same reasons, found in time near linear in the number of links.

    Dropping a link never makes another aim at itself, close a cycle of supports or attack
    what the same premises support, so each of these kinds is found in one pass, in that
    order; it may leave an attack aimed at a link that is gone, which a queue of the links
    that name a dropped link's id finds."""
    alive = [True] * len(links)
    found: list[tuple[int, str]] = []

    def drop(position: int, reason: str) -> None:
        alive[position] = False
        found.append((position, reason))

    for position, link in enumerate(links):
        reason = _aims_at_itself(link)
        if reason is not None:
            drop(position, reason)
    for position, reason in _cycle_breaks(links, alive):
        drop(position, reason)
    supported = {
        (link.target, frozenset(link.premises))
        for position, link in enumerate(links)
        if alive[position] and link.relation is Relation.SUPPORTS
    }
    for position, link in enumerate(links):
        reason = _conflicting(link, supported) if alive[position] else None
        if reason is not None:
            drop(position, reason)
    claim_ids = {c.id for c in claims}
    kept = [link for position, link in enumerate(links) if alive[position]]
    link_ids = Counter(link.id for link in kept if link.id)
    contradictions = Counter(
        link.id for link in kept if link.relation is Relation.CONTRADICTS and link.id
    )
    attacking: dict[str, list[int]] = {}
    queue: list[int] = []
    for position, link in enumerate(links):
        if not alive[position]:
            continue
        if link.relation is Relation.ATTACKS:
            attacking.setdefault(link.target, []).append(position)
        if _names_unknown(link, claim_ids, link_ids, contradictions) is not None:
            queue.append(position)
    while queue:  # the first refused link (by position) first, as _refused finds it
        position = heapq.heappop(queue)
        if not alive[position]:
            continue
        link = links[position]
        reason = _names_unknown(link, claim_ids, link_ids, contradictions)
        assert reason is not None  # dropping links only makes names unknown
        drop(position, reason)
        if not link.id:
            continue
        link_ids[link.id] -= 1
        if link.relation is Relation.CONTRADICTS:
            contradictions[link.id] -= 1
        for other in attacking.get(link.id, ()):
            if alive[other] and _names_unknown(links[other], claim_ids, link_ids, contradictions):
                heapq.heappush(queue, other)
    return found


_CYCLE_ROUNDS_WORK = 4
"""How many times the number of links the rounds of :func:`_cycle_breaks` may look at links
before the cycles left are broken at once."""


def _cycle_breaks(links: list[Link], alive: list[bool]) -> Iterator[tuple[int, str]]:
    """The support links to drop, with their reasons, until no supports form a cycle.

    Dropping a link changes only the group of claims that support each other round (the
    strongly connected component) it is in, so one round drops, in every group, the first link
    of the cycle :func:`argmap.supports.walk_cycles` reports there (as ``circular-support``
    does), and the next round looks again: the links that dropping the first cycle's link
    again and again would drop. A file made to need very many rounds has the cycles left
    broken at once by :func:`_back_links` instead."""
    positions = [
        p for p, link in enumerate(links) if alive[p] and link.relation is Relation.SUPPORTS
    ]
    budget = _CYCLE_ROUNDS_WORK * len(links) + 10_000
    while positions:
        if budget < len(positions):
            yield from _back_links(links, positions)
            return
        budget -= len(positions)
        cycles = walk_cycles([links[p] for p in positions])
        if not cycles:
            return
        dropped = set()
        for cycle in cycles:
            at, message = cycle_message(cycle)
            dropped.add(positions[at])
            yield positions[at], message
        positions = [p for p in positions if p not in dropped]


def _back_links(links: list[Link], positions: list[int]) -> Iterator[tuple[int, str]]:
    """Support links that close a cycle, found in one depth-first walk: each link that leads
    back to a claim on the walk's path is dropped, which leaves no cycle (every link left leads
    to a claim whose walk ended before the walk of its premise)."""
    edges: dict[str, list[tuple[str, int]]] = {}
    for position in positions:
        link = links[position]
        for premise in link.premises:
            edges.setdefault(premise, []).append((link.target, position))
    depth: dict[str, int] = {}  # a claim on the path -> its place there; -1 once walked
    path: list[str] = []
    dropped: set[int] = set()
    for root in edges:
        if root in depth:
            continue
        depth[root] = 0
        path.append(root)
        walk = [iter(edges[root])]
        while walk:
            step = next(walk[-1], None)
            if step is None:
                walk.pop()
                depth[path.pop()] = -1
                continue
            claim, position = step
            place = depth.get(claim)
            if place is None:
                depth[claim] = len(path)
                path.append(claim)
                walk.append(iter(edges.get(claim, ())))
            elif place >= 0 and position not in dropped:
                dropped.add(position)
                yield position, "support links form a cycle: " + _round(path, place)


def _round(path: list[str], start: int) -> str:
    """The claims of ``path`` from ``start`` and back to it, the middle left out when long."""
    length = len(path) - start
    if length > 8:  # not sliced whole: a long path may be closed by many links
        names = [*path[start : start + 3], f"... ({length - 6} more)", *path[-3:]]
    else:
        names = path[start:]
    return " -> ".join([*names, path[start]])


# --- the map ------------------------------------------------------------------------------


@attrs.define
class _Builder:
    doc: Document
    diagnostics: list[Diagnostic] = attrs.Factory(
        lambda self: list(self.doc.diagnostics), takes_self=True
    )
    """The parse's diagnostics, then the build's."""
    ids: dict[tuple[str, str], str] = attrs.Factory(dict)  # (kind, title) -> id
    names: Ids = attrs.Factory(lambda: Ids("statement"))
    used: set[str] = attrs.Factory(lambda self: self.names.taken, takes_self=True)
    """Every id given (claims' and links'): the ids :attr:`names` makes are never these."""
    claims: list[Claim] = attrs.Factory(list)
    links: list[Link] = attrs.Factory(list)
    wheres: list[Where] = attrs.Factory(list)
    """Where each link was read, for diagnostics."""
    held: Counter[Link] = attrs.Factory(Counter)
    """How many times each link is in ``links``: a relation that repeats one is not added."""
    negations: dict[str, str] = attrs.Factory(dict)  # statement title -> negated id
    arguments_as_claims: set[str] = attrs.Factory(set)
    conclusions: dict[str, str] = attrs.Factory(dict)  # argument title -> conclusion title
    strict: bool = False

    def error(self, message: str, where: Where, hint: str | None = None) -> None:
        self.diagnostics.append(syntax_error(message, where, self.doc.file, hint))

    def warn(self, message: str, where: Where, hint: str | None = None) -> None:
        self.diagnostics.append(unsupported(message, where, self.doc.file, hint))

    def add(self, link: Link, where: Where) -> None:
        self.links.append(link)
        self.wheres.append(where)
        self.held[link] += 1

    def replace(self, index: int, link: Link) -> None:
        self.held[self.links[index]] -= 1
        self.links[index] = link
        self.held[link] += 1

    def drop_invalid_links(self) -> None:
        """Links that a map may not hold, dropped with a located warning (see
        :func:`refusals`), until the others are all fine."""
        gone = set()
        for index, reason in refusals(self.claims, self.links):
            self.warn(f"{reason}: this link is not kept", self.wheres[index])
            gone.add(index)
        if gone:
            kept = [i for i in range(len(self.links)) if i not in gone]
            self.links = [self.links[i] for i in kept]
            self.wheres = [self.wheres[i] for i in kept]

    def new_id(self, kind: str, title: str) -> str:
        made = self.ids[(kind, title)] = self.names.make(title)
        return made

    def claim(self, title: str, nodes: list[Node]) -> None:
        data: dict[str, Any] = {}
        for node in nodes:
            for key, value in node.data.items():
                data.setdefault(key, value)
        where = nodes[0].where
        definitions = [n for n in nodes if n.text]
        text = data.pop("text", None)
        if not isinstance(text, str) or not text.strip():
            text = definitions[0].text if definitions else None
        for other in definitions[1:]:
            if other.text != definitions[0].text:
                self.warn(
                    f"statement [{title}] is defined again with another text; argmap keeps the "
                    f"first (line {definitions[0].where[0]})",
                    other.where,
                )
        ref = data.pop("ref", None)
        if not (isinstance(ref, str) and REF_PATTERN.fullmatch(ref)):
            if ref is not None:
                self.warn(f"data 'ref' of [{title}] is not STEM#CLAIM-ID: not kept", where)
            ref = None
        elif text is not None and " ".join(text.split()) == f"\u2192 {ref}":
            text = None  # the label argmap shows for a claim that takes its text from its ref
        claim_id = self.new_id("statement", title)
        if text is None and ref is None:
            shown = "title" if title else "id"  # a title of spaces is empty
            self.warn(f"statement [{title}] has no text: its {shown} is its text", where)
            text = title or claim_id
        tags = list(dict.fromkeys(t for node in nodes for t in node.tags))
        fields: dict[str, Any] = {}
        if "tags" in data:
            value = data.pop("tags")
            if isinstance(value, list) and all(map(_filled, value)):
                tags = value
            else:
                self.warn(
                    f"data 'tags' of [{title}] is not a list of non-empty strings: not kept", where
                )
        fields["tags"] = tags
        fields["ref"] = ref
        if "same" in data:
            same = data.pop("same")
            same = [same] if isinstance(same, str) else same
            if isinstance(same, list) and all(
                isinstance(r, str) and REF_PATTERN.fullmatch(r) for r in same
            ):
                fields["same"] = same
            else:
                self.warn(
                    f"data 'same' of [{title}] is not a list of STEM#CLAIM-ID: not kept", where
                )
        for key, (kind, expected) in _CLAIM_DATA.items():
            if key not in data:
                continue
            value = data.pop(key)
            ok = (
                isinstance(value, bool)
                if kind is bool
                else _filled(value)
                or (key == "quote" and isinstance(value, list) and all(map(_filled, value)))
            )
            if ok:
                fields[key] = value
            else:
                self.warn(
                    f"data '{key}' of [{title}] must be {expected}, found {_short(value)}: "
                    "not kept",
                    where,
                )
        data.pop("negates", None)
        for key in data:
            self.warn(f"data '{key}' of [{title}] has no place in an argmap claim: not kept", where)
        self.claims.append(Claim(claim_id, text, **fields))

    def endpoint(self, node: Node) -> tuple[str, str]:
        """What a relation's end stands for: ("claim", id), ("argument", title) or None."""
        if node.kind == "statement":
            if node.title in self.negations:
                return ("negation", node.title)
            return ("claim", self.ids[("statement", node.title)])
        if node.title in self.arguments_as_claims:
            return ("claim", self.ids[("argument", node.title)])
        return ("argument", node.title)


def _relations(
    builder: _Builder,
) -> Iterator[tuple[str, tuple[str, str], tuple[str, str], Where, str]]:
    """Each relation as (kind, source, target, where, operator)."""
    for op, parent, child, where in builder.doc.relations:
        source, target = (child, parent) if op in _INCOMING else (parent, child)
        yield _KINDS[op], builder.endpoint(source), builder.endpoint(target), where, op


def _build(builder: _Builder) -> ArgumentMap | None:
    doc = builder.doc
    model = doc.front.get("model")
    if isinstance(model, dict) and model.get("mode") == "strict":
        builder.strict = True
    # statements marked {negates: X} that only conclude arguments and attack or undercut
    candidates = {
        title: nodes[0].data.get("negates")
        for title, nodes in doc.statements.items()
        if any(isinstance(n.data.get("negates"), str) for n in nodes)
    }
    relations_of: dict[str, list[RelationLine]] = {}
    for relation in doc.relations:
        _, parent, child, _ = relation
        if candidates and "statement" in (parent.kind, child.kind):
            for title in {parent.title, child.title}:
                relations_of.setdefault(title, []).append(relation)
    lasts: dict[str, list[bool]] = {}  # statement title -> is it last, for each place in a pcs
    for argument in doc.arguments.values() if candidates else ():
        if argument.pcs:
            items = argument.pcs.items
            for index, (kind, item) in enumerate(items):
                if kind == "statement":
                    lasts.setdefault(item.title, []).append(index == len(items) - 1)
    for title, negated in candidates.items():
        uses_ok = all(
            (op in ("->", "_>") and parent.title == title and parent.kind == "statement")
            for op, parent, _, _ in relations_of.get(title, ())
        )
        concluded_only = bool(lasts.get(title)) and all(lasts[title])
        if uses_ok and concluded_only and isinstance(negated, str):
            builder.negations[title] = negated

    def first_definition(item: tuple[str, list[Node]]) -> Where:
        nodes = item[1]
        return min((n.where for n in nodes if n.text), default=nodes[0].where)

    for title, nodes in sorted(doc.statements.items(), key=first_definition):
        if title not in builder.negations:
            builder.claim(title, nodes)
    for title, argument in doc.arguments.items():
        if argument.pcs is None:
            builder.arguments_as_claims.add(title)
            builder.warn(
                f"argument <{title}> has no premise-conclusion structure: it is read as a claim",
                argument.where,
            )
            claim_id = builder.new_id("argument", title)
            note = argument.data.get("note")
            builder.claims.append(
                Claim(
                    claim_id,
                    argument.description or title or claim_id,
                    note=note if _filled(note) else None,
                )
            )
    # arguments with premise-conclusion structures: one support (or attack) per inference
    final: dict[str, int] = {}  # argument title -> index in links of its last inference
    pending_attacks: list[_Pending] = []
    for argument in doc.arguments.values():
        if argument.pcs is not None:
            _steps(builder, argument, final, pending_attacks)
    for premises_, negated, where, fields, last_of in pending_attacks:
        # arguments that conclude [not X]: attacks on claim X or undercuts of argument X
        if negated not in builder.used:
            builder.warn(
                f"[not {negated}] names no claim or argument: the attack is not kept", where
            )
            continue
        if last_of is not None:
            final[last_of] = len(builder.links)
        builder.add(Link(premises_, Relation.ATTACKS, negated, **fields), where)
    for kind, source, target, where, op in _relations(builder):
        _relation(builder, kind, source, target, where, final, op)
    if not builder.claims:
        if any(d.is_error for d in builder.diagnostics):
            return None
        builder.diagnostics.append(
            Diagnostic.error(
                "missing-field", "the file holds no statement: a map needs at least one claim"
            ).locate({(): (1, 1)}, doc.file)
        )
        return None
    builder.drop_invalid_links()
    return _map(builder)


def _steps(
    builder: _Builder,
    argument: Argument,
    final: dict[str, int],
    pending: list[_Pending],
) -> None:
    assert argument.pcs is not None
    items = argument.pcs.items
    if not items or items[-1][0] != "statement" or all(k != "inference" for k, _ in items):
        builder.error(
            f"the premise-conclusion structure of <{argument.title}> must end with an inference "
            "line (----) and a conclusion",
            argument.pcs.where,
        )
        return
    if items[0][0] != "statement":
        builder.error(
            f"the premise-conclusion structure of <{argument.title}> starts with an inference "
            "line: it has no premise",
            argument.pcs.where,
        )
        return
    data = dict(argument.data)
    link_id: str | None = None
    wanted = data.pop("id", None)
    note = data.pop("note", None)
    if not _filled(note):
        note = argument.description
    group: list[str] = []
    steps: list[tuple[list[str], Node, dict[str, Any]]] = []
    inference: dict[str, Any] | None = None
    for kind, value in items:
        if kind == "inference":
            if inference is not None or not group:
                builder.error("two inference lines follow each other", value["where"])
                return
            inference = value
            continue
        if inference is not None:
            steps.append((group, value, inference))
            group = [value.title]
            inference = None
        else:
            group.append(value.title)
    for extra in group[1:]:
        builder.warn(
            f"[{extra}] follows the last conclusion of <{argument.title}>: it is not kept",
            argument.pcs.where,
        )
    for number, (premise_titles, conclusion, inference) in enumerate(steps, start=1):
        last = number == len(steps)
        fields: dict[str, Any] = {}
        rules = list(inference["rules"])
        inference_data = dict(inference["data"])
        scheme = inference_data.pop("scheme", None)
        if _filled(scheme):
            rules.insert(0, scheme)
        if rules:
            fields["scheme"] = ", ".join(rules)
        for key in inference_data:
            builder.warn(
                f"inference data '{key}' has no place in an argmap link: not kept",
                inference["where"],
            )
        if last:
            if note:
                fields["note"] = note
            if (
                isinstance(wanted, str)
                and ID_PATTERN.fullmatch(wanted)
                and wanted not in builder.used
            ):
                link_id = wanted
            elif ID_PATTERN.fullmatch(argument.title) and argument.title not in builder.used:
                link_id = argument.title
            if link_id is not None:
                builder.used.add(link_id)
                fields["id"] = link_id
        premise_ids = tuple(
            dict.fromkeys(
                builder.ids.get(("statement", t), t)
                for t in premise_titles
                if t not in builder.negations
            )
        )
        if not premise_ids:
            builder.warn(
                f"an inference of <{argument.title}> has no premise that is a claim: not kept",
                conclusion.where,
            )
            continue
        if conclusion.title in builder.negations:
            negated = builder.negations[conclusion.title]
            title = argument.title if last else None
            pending.append((premise_ids, negated, conclusion.where, fields, title))
            continue
        conclusion_id = builder.ids[("statement", conclusion.title)]
        if conclusion_id in premise_ids:
            builder.warn(
                f"<{argument.title}> concludes one of its own premises: the inference is not kept",
                conclusion.where,
            )
            continue
        if last:
            final[argument.title] = len(builder.links)
            builder.conclusions[argument.title] = conclusion_id
        builder.add(Link(premise_ids, Relation.SUPPORTS, conclusion_id, **fields), conclusion.where)
    for key in data:
        builder.warn(
            f"data '{key}' of <{argument.title}> has no place in an argmap link: not kept",
            argument.where,
        )


def _link_id(builder: _Builder, title: str, final: dict[str, int]) -> str | None:
    """The id of the link that an argument's last inference became (given one if needed)."""
    index = final.get(title)
    if index is None or index < 0:
        return None
    link = builder.links[index]
    if link.id is None:
        new = builder.new_id("link", title)
        builder.replace(index, attrs.evolve(link, id=new))
        return new
    return link.id


def _relation(
    builder: _Builder,
    kind: str,
    source: tuple[str, str],
    target: tuple[str, str],
    where: Where,
    final: dict[str, int],
    op: str,
) -> None:
    if source[0] == "negation" or target[0] == "negation":
        if kind in ("attack", "undercut") and source[0] == "negation":
            return  # read with the arguments that conclude it
        builder.warn(f"relation '{op}' with a [not ...] statement is not kept", where)
        return
    if source[0] == "argument":
        conclusion = builder.conclusions.get(source[1])
        if conclusion is None:
            builder.warn(f"<{source[1]}> has no conclusion to relate: '{op}' is not kept", where)
            return
        source = ("claim", conclusion)
    if kind == "undercut":
        if target[0] != "argument":
            builder.warn(
                f"an undercut must aim at an argument's inference; '{op}' aims at a claim and "
                "is not kept",
                where,
            )
            return
        link_id = _link_id(builder, target[1], final)
        if link_id is None:
            builder.warn(f"<{target[1]}> has no inference to undercut: '{op}' is not kept", where)
            return
        builder.add(Link((source[1],), Relation.ATTACKS, link_id), where)
        return
    if target[0] == "argument":
        builder.warn(
            f"{'an' if kind == 'attack' else 'a'} {kind} of argument <{target[1]}> names none "
            "of its premises: argmap cannot say "
            "what it bears on, so it is not kept",
            where,
            hint="aim the relation at the premise (or the conclusion) it is about",
        )
        return
    if source[1] == target[1]:
        builder.warn(f"relation '{op}' of a claim to itself is not kept", where)
        return
    if kind == "contradiction" or (kind == "attack" and builder.strict):
        relation = Relation.CONTRADICTS
    elif kind == "support":
        relation = Relation.SUPPORTS
    else:
        relation = Relation.ATTACKS
    link = Link((source[1],), relation, target[1])
    if not builder.held[link]:
        builder.add(link, where)


def _map(builder: _Builder) -> ArgumentMap:
    doc = builder.doc
    front = dict(doc.front)
    where = doc.front_where
    title = front.pop("title", None)
    if not _filled(title):
        title = (doc.headings[0][0] or None) if doc.headings else None
        headings = doc.headings[1:]
    else:
        headings = doc.headings
    for heading, at in headings:
        builder.warn(f"heading '{heading}' is not kept: argmap maps have no sections", at)
    extra = front.pop("argmap", None)
    fields: dict[str, Any] = {}
    if isinstance(extra, dict):
        description = extra.get("description")
        if _filled(description):
            fields["description"] = description
        source = extra.get("source")
        if isinstance(source, dict):
            try:
                fields["source"] = Source(
                    **{str(k): str(v) for k, v in source.items() if _filled(str(v))}
                )
            except TypeError:
                builder.warn("front matter 'argmap.source' has unknown fields: not kept", where)
        thesis = extra.get("thesis")
        theses = [thesis] if isinstance(thesis, str) else thesis if isinstance(thesis, list) else []
        claim_ids = {c.id for c in builder.claims}
        named = [isinstance(t, str) and t in claim_ids for t in theses]
        fields["thesis"] = [t for t, ok in zip(theses, named, strict=True) if ok]
        for t, ok in zip(theses, named, strict=True):
            if not ok:
                builder.warn(f"thesis {_short(t)} names no statement: not kept", where)
        expect = extra.get("expect")
        if isinstance(expect, dict):
            found = []
            for semantics, items in expect.items():
                if semantics in SEMANTICS_NAMES and isinstance(items, dict):
                    for item, status in items.items():
                        if status in STATUSES and str(item) in builder.used:
                            found.append(Expectation(semantics, str(item), status))
                        else:
                            builder.warn(
                                f"expectation {_short(item)}: {_short(status)} is not kept", where
                            )
                else:
                    builder.warn(f"expectations under {_short(semantics)} are not kept", where)
            fields["expect"] = found
    return ArgumentMap(claims=builder.claims, links=builder.links, title=title, **fields)


def build_map(doc: Document, text: str) -> Loaded:
    """The map that a parsed Argdown text makes, with the parse's diagnostics and the build's
    for everything that did not fit, in the order of the text."""
    builder = _Builder(doc)
    built = _build(builder)
    diagnostics = tuple(sorted(builder.diagnostics, key=lambda d: (d.line or 0, d.column or 0)))
    return Loaded(built, {}, diagnostics, doc.file, text)


def read_argdown(text: str, file: str | None = None) -> Loaded:
    """Argdown text read into a map, with a located diagnostic for everything that did not fit."""
    return build_map(parse_argdown(text, file), text)

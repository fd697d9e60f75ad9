"""Tables over a map's claims and links, built once and shared by the checks.

The checks ask the same few questions of every claim and link: is this premise a claim, which
links end at this claim, was this premise set stated twice. Asked name by name, each question
is a dictionary lookup of a string, and on a large map most of the time goes to fetching those
strings from memory, again in every check. :class:`MapIndex` looks each name up once and gives
it an integer code, keeps one column per field of the links, and answers the checks' questions
for the whole map at once with set operations and iteration in C (``map``, ``compress``,
``chain``), so that the checks only loop in Python over what is wrong.

A map builds its index on first use (``ArgumentMap._index``) and keeps it: the map cannot
change. Each table is built when a check first asks for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from functools import cached_property
from itertools import chain, compress, count, islice, repeat
from operator import attrgetter, contains, eq, gt, is_, is_not, lt, ne, not_
from typing import TYPE_CHECKING, cast

from argmap.model import Relation

if TYPE_CHECKING:
    from argmap.model import Claim, Link

_SUPPORTS = Relation.SUPPORTS
_ATTACKS = Relation.ATTACKS
_CONTRADICTS = Relation.CONTRADICTS


class MapIndex:
    """Integer codes for every name of a map, and columns over its links.

    Claim ``i`` of the map has code ``i`` unless an earlier claim has the same id (then the
    id's code is the first claim's position); every other name that the map uses (link ids,
    names that no claim has) gets a code from ``len(claims)`` on. So a name is a claim id
    exactly when its code is below :attr:`claim_count`. Link columns are lists in link order.
    """

    def __init__(self, claims: tuple[Claim, ...], links: tuple[Link, ...]) -> None:
        # The index holds the map's tuples, not the map: the map holds the index.
        self._links = links
        ids: list[str] = list(map(attrgetter("id"), claims))
        self.claim_count = len(ids)
        """How many claims the map has; codes below it are claim ids."""
        last = len(ids) - 1
        self.codes: dict[str, int] = dict(zip(reversed(ids), range(last, -1, -1), strict=True))
        """Each name's code."""
        self.names: list[str] = ids
        """Each code's name (at the position of a repeated claim id, that id again)."""
        self.claims_unique = len(self.codes) == len(ids)
        """No two claims have the same id."""
        self.claim_codes: Collection[int] = (
            range(len(ids)) if self.claims_unique else frozenset(self.codes.values())
        )
        """The codes of the claim ids."""

    # --- names --------------------------------------------------------------------------

    def code(self, name: str) -> int:
        """The code of a name, given one if the map had not used it yet."""
        found = self.codes.get(name)
        if found is None:
            found = self.codes[name] = len(self.names)
            self.names.append(name)
        return found

    def _code_all(self, names: list[str | None]) -> list[int | None]:
        """The codes of many names at once (None stays None)."""
        codes = cast(dict[str | None, int], self.codes)
        found = list(map(codes.get, names))
        if None in found:
            fresh = dict.fromkeys(compress(names, map(is_, found, repeat(None))))
            fresh.pop(None, None)
            if fresh:
                codes.update(zip(fresh, count(len(self.names))))
                self.names.extend(cast(dict[str, None], fresh))
                found = list(map(codes.get, names))
        return found

    def is_claim(self, name: str) -> bool:
        """Whether a claim has this id."""
        found = self.codes.get(name)
        return found is not None and found < self.claim_count

    def has(self, name: str) -> bool:
        """Whether a claim or a link has this id (``name in m``)."""
        link_ids = self.link_id_codes  # first, so that the links' ids have their codes
        found = self.codes.get(name)
        return found is not None and (found < self.claim_count or found in link_ids)

    # --- link columns -------------------------------------------------------------------

    @cached_property
    def relations(self) -> list[Relation]:
        return list(map(attrgetter("relation"), self._links))

    @cached_property
    def is_support(self) -> list[bool]:
        return list(map(is_, self.relations, repeat(_SUPPORTS)))

    @cached_property
    def is_attack(self) -> list[bool]:
        return list(map(is_, self.relations, repeat(_ATTACKS)))

    @cached_property
    def contradictions(self) -> list[int]:
        """The positions of the contradiction links."""
        found = map(is_, self.relations, repeat(_CONTRADICTS))
        return list(compress(range(len(self._links)), found))

    @cached_property
    def targets(self) -> list[int]:
        """The code of each link's target."""
        return self._code_all(list(map(attrgetter("target"), self._links)))  # type: ignore[return-value]

    @cached_property
    def premises(self) -> list[tuple[int, ...]]:
        """The codes of each link's premises."""
        columns = list(map(attrgetter("premises"), self._links))
        flat = self._code_all(list(chain.from_iterable(columns)))
        rows = iter(flat)
        return list(map(tuple, map(islice, repeat(rows), map(len, columns))))  # type: ignore[arg-type]

    @cached_property
    def flat_premises(self) -> list[int]:
        """Every premise of every link, in order."""
        return list(chain.from_iterable(self.premises))

    @cached_property
    def premise_owners(self) -> list[int]:
        """For each entry of :attr:`flat_premises`, the position of its link."""
        return list(chain.from_iterable(map(repeat, count(), map(len, self.premises))))

    @cached_property
    def ids(self) -> list[int | None]:
        """The code of each link's id, None for a link without one."""
        return self._link_ids[0]

    @cached_property
    def link_ids_unique(self) -> bool:
        """No two links have the same id, and no link has a name that a claim has."""
        return self._link_ids[1]

    @cached_property
    def _link_ids(self) -> tuple[list[int | None], bool]:
        ids: list[str | None] = list(map(attrgetter("id"), self._links))
        named = list(map(is_not, ids, repeat(None)))
        present: list[str] = list(compress(ids, named))  # type: ignore[arg-type]
        before = len(self.names)
        fresh = dict(zip(present, count(before)))
        self.codes.update(fresh)
        if len(self.codes) != before + len(present):
            # An id used twice, or a link with a name the map already used (the update then
            # gave that name another code): number the names one by one instead.
            self.codes = dict(zip(reversed(self.names), range(before - 1, -1, -1), strict=True))
            found = self._code_all(ids)
            codes: list[int] = list(compress(found, named))  # type: ignore[arg-type]
            first = self.claim_count
            return found, len(set(codes)) == len(codes) and min(codes, default=first) >= first
        self.names.extend(present)
        numbered: list[int | None] = [None] * len(ids)
        for position, code in zip(compress(range(len(ids)), named), count(before)):
            numbered[position] = code
        return numbered, True

    @cached_property
    def link_id_codes(self) -> set[int]:
        ids = self.ids
        return set(compress(ids, map(is_not, ids, repeat(None))))  # type: ignore[arg-type]

    @cached_property
    def contradiction_id_codes(self) -> set[int]:
        """The codes of the ids of contradiction links."""
        ids = self.ids
        return {code for code in map(ids.__getitem__, self.contradictions) if code is not None}

    # --- derived tables -----------------------------------------------------------------

    @cached_property
    def touched(self) -> set[int]:
        """The codes of every name a link has as a premise or a target."""
        found = set(self.flat_premises)
        found.update(self.targets)
        return found

    @cached_property
    def supported(self) -> set[int]:
        """The codes of the targets of support links."""
        return set(compress(self.targets, self.is_support))

    @cached_property
    def self_targeting(self) -> list[int]:
        """The positions of the links whose target is one of their premises or their own id."""
        links = range(len(self._links))
        found = set(compress(links, map(contains, self.premises, self.targets)))
        found.update(compress(links, map(eq, self.ids, self.targets)))
        return sorted(found)

    def keys(self) -> list[tuple[frozenset[int], int]]:
        """Each link's premise set and target."""
        return list(zip(map(frozenset, self.premises), self.targets, strict=True))

    @cached_property
    def repeated_keys(self) -> set[tuple[frozenset[int], int]]:
        """The premise sets and targets that more than one link has."""
        keys = self.keys()
        if len(set(keys)) == len(keys):
            return set()
        return {key for key, times in Counter(keys).items() if times > 1}

    def by_target(self) -> dict[int, list[int]]:
        """The positions of the links that end at each code: the links whose target it is, and
        the contradictions that have it on either side."""
        table: dict[int, list[int]] = {}
        get = table.get
        for index, target in enumerate(self.targets):
            group = get(target)
            if group is None:
                table[target] = [index]
            else:
                group.append(index)
        premises = self.premises
        for index in self.contradictions:
            table.setdefault(premises[index][0], []).append(index)
        return table

    def bearing(self, thesis: Iterable[str]) -> set[int]:
        """The codes of the claims and links that bear on a thesis through some chain of links.

        A link bears when its target bears (for a contradiction: either side); its premises,
        target and id then bear. Breadth first, one level at a time; each link is taken at
        most twice.
        """
        reached = {self.code(name) for name in thesis}
        table, premises, targets, ids = self.by_target(), self.premises, self.targets, self.ids
        frontier: Iterable[int] = reached
        while True:
            found = list(chain.from_iterable(filter(None, map(table.get, frontier))))
            if not found:
                return reached
            nodes: set[int | None] = set(chain.from_iterable(map(premises.__getitem__, found)))
            nodes.update(map(targets.__getitem__, found))
            nodes.update(map(ids.__getitem__, found))
            nodes.discard(None)
            nodes.difference_update(reached)
            reached.update(nodes)  # type: ignore[arg-type]
            frontier = nodes  # type: ignore[assignment]

    @cached_property
    def supports_acyclic(self) -> bool:
        """Whether the support links form no cycle (a link from a claim to itself aside).

        Kahn's algorithm: take away claims that no remaining support link reaches, until none
        is left (no cycle) or every claim left is reached (a cycle among them).
        """
        chosen = list(compress(range(len(self._links)), self.is_support))
        rows = list(map(self.premises.__getitem__, chosen))
        tails = list(chain.from_iterable(rows))
        heads = list(
            chain.from_iterable(map(repeat, map(self.targets.__getitem__, chosen), map(len, rows)))
        )
        loops = list(map(ne, tails, heads))
        if not all(loops):
            tails = list(compress(tails, loops))
            heads = list(compress(heads, loops))
        if all(map(lt, tails, heads)) or all(map(gt, tails, heads)):
            return True  # every link leads the same way through the order of the codes
        size = len(self.names)
        waiting = [0] * size
        for head in heads:
            waiting[head] += 1
        out: list[list[int] | None] = [None] * size
        for tail, head in zip(tails, heads, strict=True):
            group = out[tail]
            if group is None:
                out[tail] = [head]
            else:
                group.append(head)
        ready = list(compress(range(size), map(not_, waiting)))
        taken = 0
        while ready:
            group = out[ready.pop()]
            if group is None:
                continue
            taken += len(group)
            for head in group:
                waiting[head] -= 1
                if not waiting[head]:
                    ready.append(head)
        return taken == len(tails)

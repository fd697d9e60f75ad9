"""Tables over a map's claims and links, built once and shared by the checks.

The checks ask the same few questions of every claim and link: is this premise a claim, which
links end at this claim, was this premise set stated twice. :class:`MapIndex` looks each name
up once and gives it an integer code, keeps one column per field of the links, and answers the
checks' questions for the whole map at once, so that the checks only loop in Python over what
is wrong.

:func:`index_of` builds a map's index on first use and keeps it while the map lives: the map
cannot change. Each table is built when a check first asks for it.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from functools import cached_property
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import add, and_, attrgetter, eq, ge, gt, is_, is_not, lt, mul, ne, not_
from typing import TYPE_CHECKING

from argmap.model import Relation

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Claim, Link

"""Positions in a column of codes where a name is not a claim id, and the names there."""

_SUPPORTS = Relation.SUPPORTS
_ATTACKS = Relation.ATTACKS
_CONTRADICTS = Relation.CONTRADICTS
_FEW = 8
"""Links with at most this many premises have their premises' owners found by a sort."""


class MapIndex:
    """Integer codes for every name of a map, and columns over its links.

    Claim ``i`` of the map has code ``i`` unless an earlier claim has the same id (then the
    id's code is the first claim's position); every other name that the map uses (link ids,
    names that no claim has) gets a code from ``len(claims)`` on. So a name is a claim id
    exactly when its code is below :attr:`claim_count`. Link columns are lists in link order.
    """

    def __init__(self, claims: tuple[Claim, ...], links: tuple[Link, ...]) -> None:
        """The index of these claims and links."""
        # The index holds the map's tuples, not the map, so that the map can die while its
        # index is cached (see index_of).
        self._links = links
        self._coding = threading.Lock()
        """Held while new names get codes, so that threads checking one map agree on them."""
        ids: list[str] = list(map(attrgetter("id"), claims))
        codes = dict(zip(ids, range(len(ids)), strict=True))
        if len(codes) != len(ids):  # a repeated id: its code is its first claim's position
            last = len(ids) - 1
            codes = dict(zip(reversed(ids), range(last, -1, -1), strict=True))
        self.claim_count = len(ids)
        """How many claims the map has; codes below it are claim ids."""
        self.codes: dict[str, int] = codes
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
            with self._coding:
                found = self.codes.get(name)
                if found is None:  # the name first, then its code: a code always has a name
                    found = len(self.names)
                    self.names.append(name)
                    self.codes[name] = found
        return found

    def _code_all(self, names: list[str]) -> list[int]:
        """The codes of many names at once."""
        found = list(map(self.codes.get, names))
        if None in found:
            self._code_missing(found, names.__getitem__)
        return found  # type: ignore[return-value]

    def _code_missing(self, found: list[int | None], name_at: Callable[[int], str]) -> None:
        """Fill in the codes missing from ``found`` (None), ``name_at`` giving the name at a
        position."""
        missing = list(compress(range(len(found)), map(is_, found, repeat(None))))
        self._fill(found, missing, list(map(name_at, missing)))

    def _fill(self, found: list[int | None], positions: list[int], names: list[str]) -> None:
        """Put the codes of these names at these positions of ``found``, with new codes for
        names the map had not used yet (under the lock)."""
        with self._coding:
            codes, known = self.codes, self.names
            for position, name in zip(positions, names, strict=True):
                code = codes.get(name)
                if code is None:  # the name first, then its code: a code always has a name
                    code = len(known)
                    known.append(name)
                    codes[name] = code
                found[position] = code

    def is_claim(self, name: str) -> bool:
        """Whether a claim has this id."""
        found = self.codes.get(name)
        return found is not None and found < self.claim_count

    def has(self, name: str) -> bool:
        """Whether a claim or a link has this id (``name in m``)."""
        return self.is_claim(name) or name in self.link_id_set

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
        return self._code_all(list(map(attrgetter("target"), self._links)))

    @cached_property
    def _premises(self) -> tuple[list[int], list[int]]:
        rows = list(map(attrgetter("premises"), self._links))
        return self._code_all(list(chain.from_iterable(rows))), list(map(len, rows))

    @property
    def flat_premises(self) -> list[int]:
        """The codes of every premise of every link, link after link."""
        return self._premises[0]

    @property
    def premise_counts(self) -> list[int]:
        """How many premises each link has."""
        return self._premises[1]

    @cached_property
    def single_premises(self) -> bool:
        """Whether every link has one premise."""
        counts = self.premise_counts
        return counts.count(1) == len(counts)

    @cached_property
    def premise_starts(self) -> list[int]:
        """Where each link's premises start in :attr:`flat_premises` (and, last, its end)."""
        return list(accumulate(self.premise_counts, initial=0))

    def premises_of(self, position: int) -> list[int]:
        """The codes of the premises of one link."""
        starts = self.premise_starts
        return self.flat_premises[starts[position] : starts[position + 1]]

    @cached_property
    def premise_owners(self) -> Sequence[int]:
        """For each entry of :attr:`flat_premises`, the position of its link."""
        if self.single_premises:
            return range(len(self._links))
        counts = self.premise_counts
        most = max(counts)
        if most <= _FEW and min(counts):
            # Every position, then again each with more than one premise, more than two, and
            # so on: sorted runs that the sort merges in one pass.
            positions = range(len(counts))
            more = (compress(positions, map(gt, counts, repeat(k))) for k in range(1, most))
            return sorted(chain(positions, *more))
        return list(chain.from_iterable(map(repeat, count(), counts)))

    @cached_property
    def premise_targets(self) -> list[int]:
        """For each entry of :attr:`flat_premises`, the target of its link."""
        if self.single_premises:
            return self.targets
        return list(map(self.targets.__getitem__, self.premise_owners))

    def naming_others(self) -> tuple[list[int], list[int]]:
        """The positions of the links whose target no claim has, and (each once, in order) of
        those with a premise that no claim has."""
        first = self.claim_count
        flat, targets = self.flat_premises, self.targets
        ends = list(compress(range(len(targets)), map(ge, targets, repeat(first))))
        if max(flat, default=0) < first:
            return ends, []
        return ends, sorted(set(compress(self.premise_owners, map(ge, flat, repeat(first)))))

    def touches_every_claim(self) -> bool:
        """Whether every claim is a premise or the target of some link."""
        return self.touched.issuperset(self.claim_codes)

    @cached_property
    def _ids(self) -> tuple[list[int], list[int | None], bool]:
        # The names that links use are coded first: an id then has a code exactly when a
        # claim has it or a link names it, and only then can it matter to the other tables.
        self._premises, self.targets  # noqa: B018 - codes them, in this order
        positions, present = self.link_id_columns
        first = self.claim_count
        every = self.link_id_set
        # Most ids have no code: only those that a claim has or a link names.
        codes = self.codes
        coded = {name: codes[name] for name in every.intersection(codes)}
        found: list[int | None] = list(map(coded.get, present)) if coded else [None] * len(present)
        unique = len(every) == len(present) and min(coded.values(), default=first) >= first
        return positions, found, unique

    @cached_property
    def link_id_set(self) -> set[str]:
        """The links' ids."""
        return set(self.link_id_columns[1])

    @cached_property
    def link_id_columns(self) -> tuple[list[int], list[str]]:
        """The positions of the links that have an id, and their ids."""
        ids = list(map(attrgetter("id"), self._links))
        named = list(map(is_not, ids, repeat(None)))
        return list(compress(range(len(ids)), named)), list(compress(ids, named))

    def named_link_ids(self) -> dict[int, int]:
        """Link position -> the code of its id, for the links whose id another link names as
        a premise or target and no claim has: what an undercut can aim at.

        :attr:`id_of` with the codes of claim ids left out, found by looking each id up among
        the names that links use and no claim has, without the full table of ids."""
        self._premises, self.targets  # noqa: B018 - codes the names the links use
        first = self.claim_count
        if "_ids" in self.__dict__:
            return {p: c for p, c in self.id_of.items() if c >= first}
        extra = self.names[first:]
        if not extra:
            return {}
        table = dict(zip(extra, count(first)))
        positions, present = self.link_id_columns
        found = list(map(table.get, present))
        pairs = zip(positions, found, strict=True)
        return dict(compress(pairs, map(is_not, found, repeat(None))))  # type: ignore[arg-type]

    @property
    def id_positions(self) -> list[int]:
        """The positions of the links that have an id."""
        return self._ids[0]

    @property
    def id_codes(self) -> list[int | None]:
        """The codes of their ids; None for an id that nothing else in the map names."""
        return self._ids[1]

    @cached_property
    def id_of(self) -> dict[int, int]:
        """Link position -> the code of its id, for the links whose id has one."""
        codes = self.id_codes
        pairs = zip(self.id_positions, codes, strict=True)
        return dict(compress(pairs, map(is_not, codes, repeat(None))))  # type: ignore[arg-type]

    @cached_property
    def link_id_codes(self) -> set[int]:
        """The codes of the links' ids that have one."""
        return set(self.id_of.values())

    @property
    def link_ids_unique(self) -> bool:
        """No two links have the same id, and no link has a claim's id."""
        return self._ids[2]

    @cached_property
    def contradiction_id_codes(self) -> set[int]:
        """The codes of the ids of contradiction links."""
        id_of = self.id_of
        return {id_of[i] for i in self.contradictions if i in id_of}

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
        same = map(eq, self.flat_premises, self.premise_targets)
        found = set(compress(self.premise_owners, same))
        # Only an id with a code can be a target: the few that a claim has or a link names.
        codes = self.targets
        found.update(position for position, code in self.id_of.items() if codes[position] == code)
        return sorted(found)

    def keys(self) -> list[Hashable]:
        """For each link, its target and its premises as a set: equal for two links exactly
        when they have the same target and the same premises."""
        targets, flat, starts = self.targets, self.flat_premises, self.premise_starts
        found: list[Hashable] = []
        for position, target in enumerate(targets):
            premises = frozenset(flat[starts[position] : starts[position + 1]])
            if len(premises) == 1:
                found.append((target, *premises))
            else:
                found.append((target, premises))
        return found

    @cached_property
    def repeated_keys(self) -> set[Hashable]:
        """The :meth:`keys` that more than one link has."""
        return self._repeated() if self._may_repeat() else set()

    def _may_repeat(self) -> bool:
        """Whether two links may have the same key; False only when none has.

        By sorting, not hashing: a link with one or two premises has a key that is one integer
        (as every code is below ``size``), a link with more its target and the sorted tuple of
        its distinct premises; equal keys are then neighbours.
        """
        targets, flat, counts = self.targets, self.flat_premises, self.premise_counts
        size = len(self.names)
        if self.single_premises:
            return _has_neighbours(sorted(map(add, map(mul, targets, repeat(size)), flat)))
        starts = self.premise_starts
        one = list(map(eq, counts, repeat(1)))
        firsts = map(flat.__getitem__, compress(starts, one))
        keys = list(map(add, map(mul, compress(targets, one), repeat(size)), firsts))
        two = list(map(eq, counts, repeat(2)))
        at = list(compress(starts, two))
        lefts = list(map(flat.__getitem__, at))
        rights = list(map(flat.__getitem__, map(add, at, repeat(1))))
        if any(map(eq, lefts, rights)):
            return True
        rows = map(add, map(mul, compress(targets, two), repeat(size)), map(min, lefts, rights))
        highs = map(add, map(mul, rows, repeat(size)), map(max, lefts, rights))
        keys += map(add, highs, repeat(size * size))
        if _has_neighbours(sorted(keys)):
            return True
        several = list(compress(range(len(counts)), map(gt, counts, repeat(2))))
        return bool(several) and self._several_may_repeat(several)

    def _several_may_repeat(self, several: list[int]) -> bool:
        """Whether two of these links, each with more than two premises, may have one key."""
        targets, flat, starts = self.targets, self.flat_premises, self.premise_starts
        sets = [sorted(set(flat[starts[i] : starts[i + 1]])) for i in several]  # few links
        if min(map(len, sets)) <= 2:  # premises repeated: the key of a link with fewer
            return True
        return _has_neighbours(
            sorted(zip(map(targets.__getitem__, several), map(tuple, sets), strict=True))
        )

    def _repeated(self) -> set[Hashable]:
        return {key for key, times in Counter(self.keys()).items() if times > 1}

    def _bearers(self) -> dict[int, list[int]]:
        """For each code, the codes that bear on a thesis when it does: the premises and ids of
        the links that end at it, and for a contradiction, everything of the link on the other
        side too. Ids that no link names and no claim has are left out: they lead nowhere."""
        # Only the ids that have a code can lead on: those that a link names or a claim has.
        targets, id_of = self.targets, self.id_of
        nodes = chain(self.flat_premises, id_of.values())
        ends = chain(self.premise_targets, map(targets.__getitem__, id_of))
        table: dict[int, list[int]] = {}
        get = table.get
        for node, target in zip(nodes, ends, strict=True):
            group = get(target)
            if group is None:
                table[target] = [node]
            else:
                group.append(node)
        for position in self.contradictions:
            side = self.premises_of(position)
            group = table.setdefault(side[0], [])
            group += side
            group.append(targets[position])
            if position in id_of:
                group.append(id_of[position])
        return table

    def linked_bear(self, thesis: Iterable[str], rounds: int = 2) -> bool:
        """Whether every name that a link uses bears on a thesis, as passes over the links in
        their order show it: a link's premises (and its id) bear when its target bore before.

        True is sure. False only says that ``rounds`` passes did not show it (a link listed
        before the one that makes its target bear, a contradiction read backwards, a name
        that no claim has): :meth:`bearing` then decides. A map written from its thesis down
        passes in one round, or two when it has undercuts.
        """
        targets, flat, id_of = self.targets, self.flat_premises, self.id_of
        start = [self.code(name) for name in thesis]  # after the links' names have codes
        bears = [False] * len(self.names)
        for code in start:
            bears[code] = True
        for _ in range(rounds):
            nodes = chain(flat, id_of.values())
            ends = chain(self.premise_targets, map(targets.__getitem__, id_of))
            for end, node in zip(ends, nodes, strict=True):
                if bears[end]:
                    bears[node] = True
            if all(map(bears.__getitem__, flat)) and all(map(bears.__getitem__, targets)):
                return True
        return False

    def bearing(self, thesis: Iterable[str], stop: Iterable[str] = ()) -> set[int]:
        """The codes of the claims and links that bear on a thesis through some chain of links.

        A link bears when its target bears (for a contradiction: either side); its premises,
        target and id then bear. Breadth first, one level at a time. The names in ``stop`` are
        reached, but nothing bears on a thesis through them.
        """
        stopped = {self.code(name) for name in stop}
        start = {self.code(name) for name in thesis}
        reached = start | stopped
        table = self._bearers()
        frontier: Iterable[int] = start - stopped
        while True:
            found = set(chain.from_iterable(filter(None, map(table.get, frontier))))
            found.difference_update(reached)
            if not found:
                return reached
            reached.update(found)
            frontier = found

    @cached_property
    def supports_acyclic(self) -> bool:
        """Whether the support links form no cycle (a link from a claim to itself aside).

        Kahn's algorithm: take away claims that no remaining support link reaches, until none
        is left (no cycle) or every claim left is reached (a cycle among them).
        """
        if self.single_premises:
            is_support = self.is_support
        else:
            is_support = list(map(self.is_support.__getitem__, self.premise_owners))
        chosen = list(map(and_, is_support, map(ne, self.flat_premises, self.premise_targets)))
        tails = list(compress(self.flat_premises, chosen))
        heads = list(compress(self.premise_targets, chosen))
        if all(map(lt, tails, heads)) or all(map(gt, tails, heads)):
            return True  # every link leads the same way through the order of the codes
        return self._kahn(tails, heads)

    def _kahn(self, tails: list[int], heads: list[int]) -> bool:
        """Whether these links from tails to heads form no cycle."""
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


def _has_neighbours(ordered: Sequence[object]) -> bool:
    """Whether a sorted list holds some value twice."""
    return any(map(eq, ordered, islice(ordered, 1, None)))


_INDEXES: dict[int, MapIndex] = {}
"""Each living map's index, by the map's ``id``: an entry goes when its map dies."""
_KEEPING = threading.Lock()


def index_of(argument_map: ArgumentMap) -> MapIndex:
    """The index of a map, built on first use and kept while the map lives."""
    key = id(argument_map)
    found = _INDEXES.get(key)
    if found is not None:
        return found
    with _KEEPING:  # one index for a map, though several threads check it
        found = _INDEXES.get(key)
        if found is None:
            found = _INDEXES[key] = MapIndex(argument_map.claims, argument_map.links)
            # The map's id is free for another object once the map dies: drop the entry then.
            weakref.finalize(argument_map, _INDEXES.pop, key, None).atexit = False
        return found

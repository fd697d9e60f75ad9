"""The argument map model: claims, links between them, and the map that holds both.

Every class here is a frozen attrs class. Lists given to constructors become tuples, a single
string where a list of ids is expected becomes a one-item tuple, so a map can be written in
Python as tersely as in YAML::

    from argmap import ArgumentMap, Claim, support, attack

    m = ArgumentMap(
        thesis="t",
        claims={
            "t": "Walking away regained leverage.",
            "p": Claim("p", "China trades most with North Korea.", quote="90 percent"),
            "q": "The talks are unrelated.",
        },
        links=[support("p", "t"), attack("q", "t")],
    )

The model holds what a map says; whether it is consistent (ids resolve, no support cycles, ...)
is the business of :mod:`argmap.checks`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from itertools import repeat
from typing import Any

import attrs

MAX_ID_LENGTH = 1024
"""The longest id: YAML's own limit on a key written plain, which a claim id is."""
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,1023}")
"""What a claim id or link id looks like."""
REF_PATTERN = re.compile(r"([A-Za-z0-9][A-Za-z0-9_.-]{0,1023})#([A-Za-z0-9][A-Za-z0-9_.-]{0,1023})")
"""A reference to a claim of another map of the same folder: ``STEM#CLAIM-ID``."""


def split_ref(ref: str) -> tuple[str, str]:
    """``"stem#claim-id"`` as ``("stem", "claim-id")``; ValueError if it is not a reference."""
    match = REF_PATTERN.fullmatch(ref)
    if match is None:
        raise ValueError(f"a reference is STEM#CLAIM-ID, found {ref!r}")
    return match.group(1), match.group(2)


def _check_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"'{attribute.name}' must be an id matching {ID_PATTERN.pattern}, found {value!r}"
        )


def _check_optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_id(instance, attribute, value)


def _check_ids(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _check_id(instance, attribute, item)


def _check_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{attribute.name}' must be a non-empty string, found {value!r}")


def _check_optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_text(instance, attribute, value)


def _check_ref(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not REF_PATTERN.fullmatch(value):
        raise ValueError(f"'{attribute.name}' must be a reference STEM#CLAIM-ID, found {value!r}")


def _check_optional_ref(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_ref(instance, attribute, value)


def _check_refs(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _check_ref(instance, attribute, item)


def _check_strings(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"'{attribute.name}' must be a list of strings, found {value!r}")


def to_tuple(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """A string becomes a one-item tuple, ``None`` an empty one, any other iterable a tuple."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


_optional_str = attrs.validators.optional(attrs.validators.instance_of(str))


@attrs.frozen
class Source:
    """What a map is a map of. Every field is optional."""

    title: str | None = attrs.field(default=None, validator=_optional_str)
    outlet: str | None = attrs.field(default=None, validator=_optional_str)
    author: str | None = attrs.field(default=None, validator=_optional_str)
    date: str | None = attrs.field(default=None, validator=_optional_str)
    url: str | None = attrs.field(default=None, validator=_optional_str)
    file: str | None = attrs.field(default=None, validator=_optional_str)
    """Name of the source text, looked up in the ``--sources`` directories."""


@attrs.frozen
class Claim:
    """A statement in the map: a premise, an intermediate conclusion or a thesis.

    Which of those it is follows from the links (see :meth:`ArgumentMap.role`). A claim has its
    own ``text``, or a ``ref`` to a claim of another map of the same folder whose text it takes
    (see :class:`argmap.corpus.Corpus`), or both: then its own text is shown in this map.
    """

    id: str = attrs.field(validator=_check_id)
    text: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The claim in the map author's words; None for a reference that takes its text from the
    claim it names."""
    quote: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_strings)
    """Verbatim excerpts of the source that state the claim."""
    by: str | None = attrs.field(default=None, validator=_optional_str)
    """Who asserts the claim in the source."""
    implicit: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    """A premise the source leaves unstated and the map reconstructs."""
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_strings)
    note: str | None = attrs.field(default=None, validator=_optional_str)
    url: str | None = attrs.field(default=None, validator=_optional_str)
    ref: str | None = attrs.field(default=None, validator=_check_optional_ref)
    """``STEM#CLAIM-ID``: this claim is that claim of the map ``STEM.yaml`` of the same folder."""
    same: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_refs)
    """``STEM#CLAIM-ID`` references to claims of other maps that state the same thing."""

    def __attrs_post_init__(self) -> None:
        if self.text is None and self.ref is None:
            raise ValueError(f"claim {self.id!r} needs a 'text' or a 'ref', found neither")

    @property
    def label(self) -> str:
        """The text to show: the claim's text, or for an unresolved reference, the reference."""
        return self.text if self.text is not None else f"\u2192 {self.ref}"


class Relation(enum.Enum):
    """What a link does to its target."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    CONTRADICTS = "contradicts"


@attrs.frozen
class Link:
    """A relation from one or several premises to a target.

    ``premises`` with several ids is a linked argument: the premises support (or attack) only
    together. An ``ATTACKS`` link whose target is a link id is an undercut: it denies the
    inference, not the conclusion. ``CONTRADICTS`` is symmetric and has one claim on each side.
    """

    premises: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_check_ids)
    relation: Relation = attrs.field(validator=attrs.validators.instance_of(Relation))
    target: str = attrs.field(validator=_check_id)
    id: str | None = attrs.field(default=None, validator=_check_optional_id)
    scheme: str | None = attrs.field(default=None, validator=_optional_str)
    note: str | None = attrs.field(default=None, validator=_optional_str)

    @premises.validator
    def _not_empty(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if not value:
            raise ValueError("'premises' must name at least one claim, found none")

    @property
    def is_linked(self) -> bool:
        """True when several premises work together."""
        return len(self.premises) > 1


def support(premises: str | Iterable[str], target: str, **fields: Any) -> Link:
    """A link where ``premises`` (one id, or several linked ids) support ``target``."""
    return Link(to_tuple(premises), Relation.SUPPORTS, target, **fields)


def attack(premises: str | Iterable[str], target: str, **fields: Any) -> Link:
    """A link where ``premises`` attack ``target``: a claim (rebuttal) or a link id (undercut)."""
    return Link(to_tuple(premises), Relation.ATTACKS, target, **fields)


def contradiction(one: str, other: str, **fields: Any) -> Link:
    """A symmetric link: claims ``one`` and ``other`` cannot both hold."""
    return Link((one,), Relation.CONTRADICTS, other, **fields)


class Role(enum.Enum):
    """The part a claim plays, derived from the thesis list and the support links."""

    THESIS = "thesis"
    """Named in the map's ``thesis``."""
    PREMISE = "premise"
    """Nothing supports it."""
    INTERMEDIATE = "intermediate"
    """Supported, and in turn a premise of another link."""
    CONCLUSION = "conclusion"
    """Supported, but neither a thesis nor a premise of any link."""


STATUSES = ("in", "out", "undecided")
"""The statuses an evaluation gives a claim or link."""
SEMANTICS_NAMES = ("grounded", "complete", "preferred", "stable")
"""The semantics a map's expectations may name."""


@attrs.frozen
class Expectation:
    """A status the author expects a claim (or link) to have under a semantics.

    ``argmap check`` evaluates the map and reports ``unexpected-status`` where it differs.
    """

    semantics: str = attrs.field(validator=attrs.validators.in_(SEMANTICS_NAMES))
    item: str = attrs.field(validator=_check_id)
    """The id of a claim, or of a link."""
    status: str = attrs.field(validator=attrs.validators.in_(STATUSES))


def _all_of(cls: type, items: tuple[Any, ...], field: str) -> None:
    """Raise TypeError naming the first item that is not a ``cls`` (all tested in one pass in
    C, as a large map has hundreds of thousands)."""
    if not all(map(isinstance, items, repeat(cls))):
        wrong = next(item for item in items if not isinstance(item, cls))
        raise TypeError(f"'{field}' must hold {cls.__name__} objects, found {wrong!r}")


def _to_claims(value: Iterable[Claim] | Mapping[str, str | Claim]) -> tuple[Claim, ...]:
    if isinstance(value, Mapping):
        return tuple(
            item if isinstance(item, Claim) else Claim(key, item) for key, item in value.items()
        )
    return tuple(value)


def _to_links(value: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(value)


def _to_expectations(value: Iterable[Expectation]) -> tuple[Expectation, ...]:
    return tuple(value)


def _to_source(value: Source | Mapping[str, str] | None) -> Source | None:
    if value is None or isinstance(value, Source):
        return value
    return Source(**value)


@attrs.frozen
class ArgumentMap:
    """A whole map: its claims in order, its links in order, its theses and its source."""

    claims: tuple[Claim, ...] = attrs.field(converter=_to_claims)
    links: tuple[Link, ...] = attrs.field(default=(), converter=_to_links)
    thesis: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_ids)
    title: str | None = attrs.field(default=None, validator=_optional_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)
    source: Source | None = attrs.field(default=None, converter=_to_source)
    expect: tuple[Expectation, ...] = attrs.field(default=(), converter=_to_expectations)
    """Expected statuses, verified by ``argmap check``."""
    version: int = 1

    @claims.validator
    def _claims_are_claims(self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        _all_of(Claim, value, "claims")

    @links.validator
    def _links_are_links(self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        _all_of(Link, value, "links")

    # --- lookup -------------------------------------------------------------------------

    @cached_property
    def _claims_by_id(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in reversed(self.claims)}

    @cached_property
    def _links_by_id(self) -> dict[str, Link]:
        return {link.id: link for link in reversed(self.links) if link.id is not None}

    @cached_property
    def _links_by_target(self) -> dict[str, list[Link]]:
        index: dict[str, list[Link]] = {}
        for link in self.links:
            index.setdefault(link.target, []).append(link)
            if link.relation is Relation.CONTRADICTS:
                index.setdefault(link.premises[0], []).append(link)
        return index

    @cached_property
    def _links_by_premise(self) -> dict[str, list[Link]]:
        index: dict[str, list[Link]] = {}
        for link in self.links:
            for premise in dict.fromkeys(link.premises):
                index.setdefault(premise, []).append(link)
        return index

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (the first, if a broken map repeats it); KeyError if none."""
        return self._claims_by_id[claim_id]

    def link(self, link_id: str) -> Link:
        """The link with this id; KeyError if none."""
        return self._links_by_id[link_id]

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._claims_by_id or item_id in self._links_by_id

    @property
    def theses(self) -> tuple[Claim, ...]:
        """The thesis claims that exist in the map, in the order ``thesis`` names them."""
        return tuple(self._claims_by_id[t] for t in self.thesis if t in self._claims_by_id)

    # --- graph questions ----------------------------------------------------------------

    def supporters(self, target: str) -> list[Link]:
        """The support links whose conclusion is ``target``."""
        return [
            link
            for link in self._links_by_target.get(target, [])
            if link.relation is Relation.SUPPORTS
        ]

    def attackers(self, target: str) -> list[Link]:
        """The attack links on ``target``: rebuttals of a claim, or undercuts of a link id."""
        return [
            link
            for link in self._links_by_target.get(target, [])
            if link.relation is Relation.ATTACKS
        ]

    def contradictions(self, claim_id: str) -> list[str]:
        """The claims declared to contradict ``claim_id`` (either side of the link)."""
        found: list[str] = []
        for link in self._links_by_target.get(claim_id, []):
            if link.relation is Relation.CONTRADICTS:
                other = link.premises[0] if link.target == claim_id else link.target
                found.append(other)
        return found

    def links_from(self, claim_id: str) -> list[Link]:
        """The links in which ``claim_id`` is a premise."""
        return list(self._links_by_premise.get(claim_id, []))

    def role(self, claim_id: str) -> Role:
        """The role of a claim: thesis, premise, intermediate conclusion or conclusion."""
        if claim_id in self.thesis:
            return Role.THESIS
        if not self.supporters(claim_id):
            return Role.PREMISE
        if any(link.relation is not Relation.CONTRADICTS for link in self.links_from(claim_id)):
            return Role.INTERMEDIATE
        return Role.CONCLUSION

    def premises_under(self, claim_id: str) -> list[str]:
        """The basic premises a claim rests on: unsupported claims reached by support links.

        Walks the support links down from ``claim_id`` (cycles are tolerated) and returns the
        claims nothing supports, in the order first met.
        """
        found: list[str] = []
        seen = {claim_id}
        stack = [claim_id]
        while stack:
            current = stack.pop()
            below = self.supporters(current)
            if not below and current != claim_id:
                found.append(current)
            for link in reversed(below):
                for premise in reversed(link.premises):
                    if premise not in seen:
                        seen.add(premise)
                        stack.append(premise)
        return found

    def walk_supports(self, claim_id: str) -> Iterator[Link]:
        """Every support link below ``claim_id``, depth first, each once."""
        seen: set[int] = set()
        stack = [claim_id]
        visited = {claim_id}
        while stack:
            current = stack.pop()
            for link in self.supporters(current):
                if id(link) in seen:
                    continue
                seen.add(id(link))
                yield link
                for premise in link.premises:
                    if premise not in visited:
                        visited.add(premise)
                        stack.append(premise)

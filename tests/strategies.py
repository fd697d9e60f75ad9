"""Hypothesis strategies that generate argument maps."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap import ArgumentMap, Claim, Link, Relation, Source
from argmap.model import SEMANTICS_NAMES, STATUSES, Expectation

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,12}", fullmatch=True)

# Any text but surrogates (which no UTF-8 file can hold).
texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
optional_texts = st.none() | texts
refs = st.builds(lambda stem, claim_id: f"{stem}#{claim_id}", ids, ids)
"""References to claims of other maps: STEM#CLAIM-ID."""


@st.composite
def claims(draw: st.DrawFn, claim_id: str) -> Claim:
    ref = draw(st.none() | refs)
    return Claim(
        claim_id,
        draw(texts) if ref is None else draw(optional_texts),
        ref=ref,
        same=draw(st.lists(refs, max_size=2)),
        quote=draw(st.lists(texts, max_size=2)),
        by=draw(optional_texts),
        implicit=draw(st.booleans()),
        tags=draw(st.lists(texts, max_size=2)),
        note=draw(optional_texts),
        url=draw(st.none() | st.just("https://example.org/a?b=c&d=<e>")),
    )


sources = st.none() | st.builds(
    Source,
    title=optional_texts,
    outlet=optional_texts,
    author=optional_texts,
    date=st.none() | st.just("2019-03-01") | texts,
    url=optional_texts,
    file=optional_texts,
)


@st.composite
def valid_maps(draw: st.DrawFn, max_claims: int = 8) -> ArgumentMap:
    """Maps with no errors: ids resolve, supports run from later claims to earlier ones (so no
    cycle), no premise set both supports and attacks one target, ids are unique."""
    claim_ids = draw(st.lists(ids, min_size=1, max_size=max_claims, unique=True))
    made = [draw(claims(cid)) for cid in claim_ids]
    links: list[Link] = []
    used_ids = set(claim_ids)
    supported: set[tuple[frozenset[str], str]] = set()
    attacked: set[tuple[frozenset[str], str]] = set()
    for _ in range(draw(st.integers(0, 2 * len(claim_ids)))):
        kind = draw(st.sampled_from(list(Relation)))
        link_id = draw(st.none() | ids)
        if link_id in used_ids:
            link_id = None
        extra = {"scheme": draw(optional_texts), "note": draw(optional_texts)}
        if kind is Relation.CONTRADICTS:
            if len(claim_ids) < 2:
                continue
            a, b = draw(st.lists(st.sampled_from(claim_ids), min_size=2, max_size=2, unique=True))
            link = Link((a,), kind, b, id=link_id, **extra)
        elif kind is Relation.SUPPORTS:
            t = draw(st.integers(0, len(claim_ids) - 1))
            later = claim_ids[t + 1 :]
            if not later:
                continue
            premises = draw(st.lists(st.sampled_from(later), min_size=1, max_size=3, unique=True))
            if (frozenset(premises), claim_ids[t]) in attacked:
                continue
            supported.add((frozenset(premises), claim_ids[t]))
            link = Link(tuple(premises), kind, claim_ids[t], id=link_id, **extra)
        else:
            targets = claim_ids + [
                lk.id for lk in links if lk.id and lk.relation is not Relation.CONTRADICTS
            ]
            target = draw(st.sampled_from(targets))
            candidates = [c for c in claim_ids if c != target]
            if not candidates:
                continue
            premises = draw(
                st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True)
            )
            if (frozenset(premises), target) in supported:
                continue
            attacked.add((frozenset(premises), target))
            link = Link(tuple(premises), kind, target, id=link_id, **extra)
        if link_id:
            used_ids.add(link_id)
        links.append(link)
    thesis = draw(st.lists(st.sampled_from(claim_ids), max_size=2, unique=True))
    expect = [
        Expectation(semantics, item, draw(st.sampled_from(STATUSES)))
        for semantics in draw(st.lists(st.sampled_from(SEMANTICS_NAMES), max_size=2, unique=True))
        for item in draw(st.lists(st.sampled_from(claim_ids), max_size=2, unique=True))
    ]
    return ArgumentMap(
        expect=expect,
        claims=made,
        links=links,
        thesis=thesis,
        title=draw(optional_texts),
        description=draw(optional_texts),
        source=draw(sources),
    )


@st.composite
def any_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps that may be broken in every way the model allows: dangling ids, cycles, repeats."""
    pool = draw(st.lists(ids, min_size=1, max_size=6))
    claim_list = [Claim(cid, draw(texts)) for cid in pool]
    links = [
        Link(
            tuple(draw(st.lists(st.sampled_from([*pool, "ghost"]), min_size=1, max_size=3))),
            draw(st.sampled_from(list(Relation))),
            draw(st.sampled_from([*pool, "ghost", "L1"])),
            id=draw(st.none() | st.sampled_from([*pool, "L1", "L2"])),
        )
        for _ in range(draw(st.integers(0, 10)))
    ]
    thesis = draw(st.lists(st.sampled_from([*pool, "ghost"]), max_size=3))
    return ArgumentMap(claims=claim_list, links=links, thesis=thesis)


_few_names = st.sampled_from(["a", "b", "c", "A", "L1", "L2", "ghost"])
_alike_texts = st.sampled_from(
    [
        *("Same text.", "same  TEXT", "\uff33ame text", " same-text ", "Same_text"),
        *("Stra\u00dfe", "STRASSE", "\u00e9t\u00e9", "e\u0301te\u0301", "\ufb01ne", "fine"),
        *("a\x00b", "a b", "!!", "\u00a0x\t", "x", "\u0130", "i\u0307"),
    ]
)


@st.composite
def tangled_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps broken in every way at once over a few names, so that names, texts and links
    collide: ids repeated and shared by claims and links, names of nothing, cycles, links
    stated twice or both ways, texts alike but for case, spacing or Unicode forms, references."""
    claim_list = []
    for cid in draw(st.lists(_few_names.filter(lambda n: n != "ghost"), min_size=1, max_size=7)):
        if draw(st.integers(0, 5)) == 0:
            claim_list.append(Claim(cid, None, ref=draw(refs)))
        else:
            claim_list.append(Claim(cid, draw(_alike_texts | texts)))
    links = [
        Link(
            tuple(draw(st.lists(_few_names, min_size=1, max_size=3))),
            draw(st.sampled_from(list(Relation))),
            draw(_few_names),
            id=draw(st.none() | _few_names),
        )
        for _ in range(draw(st.integers(0, 12)))
    ]
    expect = [
        Expectation(semantics, item, "in")
        for semantics in draw(st.lists(st.sampled_from(SEMANTICS_NAMES), max_size=1))
        for item in draw(st.lists(_few_names, max_size=2, unique=True))
    ]
    thesis = draw(st.lists(_few_names, max_size=3))
    return ArgumentMap(claims=claim_list, links=links, thesis=thesis, expect=expect)


unresolved_names = st.frozensets(_few_names, max_size=2)
"""Names that a loader could have dropped for errors (``CheckContext.unresolved``)."""


# --- Argdown text --------------------------------------------------------------------------------

_argdown_pieces = st.sampled_from(
    [
        *"[]<>():{}#*_-+=/\\\n \t.,ab1\"'@!",
        *("---", "(1) ", "  + ", "===\n", "----\n", "\n\n", "<!--", "-->", "/*", "*/", "//"),
        *("[a]: ", "<A>: ", "  _> ", "  >< ", "{id: x}"),
    ]
)
argdown_noise = st.lists(_argdown_pieces, max_size=80).map("".join)
"""Text made of Argdown's markup in any order: mostly not Argdown at all."""

_titles = st.sampled_from(["a", "b", "c", "A b", "not a"])
_statements = st.builds(
    lambda title, rest: f"[{title}]: {rest}" if rest else f"[{title}]",
    _titles,
    st.sampled_from(["", "Text.", "Other text.", "{negates: a}", "x {id: b}", "#tag"]),
)
_elements = _statements | st.sampled_from(["<L>", "<M>", "<a b>", "<L>: An argument."])
_operators = st.sampled_from(["+", "-", "+>", "->", "<+", "<-", "><", "_>", "<_"])


@st.composite
def _argdown_blocks(draw: st.DrawFn) -> str:
    lines = [draw(_elements)]
    for _ in range(draw(st.integers(0, 3))):
        indent = "  " * draw(st.integers(1, 2))
        lines.append(f"{indent}{draw(_operators)} {draw(_elements)}")
    if lines[0].startswith("<") and draw(st.booleans()):
        lines.append("")
        count = draw(st.integers(1, 3))
        lines += [f"({i + 1}) {draw(_statements)}" for i in range(count)]
        lines.append(draw(st.sampled_from(["----", "-- a scheme --"])))
        lines.append(f"({count + 1}) {draw(_statements)}")
    return "\n".join(lines)


argdown_documents = st.builds(
    lambda mode, blocks: mode + "\n\n".join(blocks) + "\n",
    st.sampled_from(["", "===\nmodel:\n  mode: strict\n===\n\n"]),
    st.lists(_argdown_blocks(), min_size=1, max_size=6),
)
"""Well-formed Argdown of statements, arguments, relation trees and premise-conclusion
structures, in loose or strict mode: relations of every kind between any of them."""

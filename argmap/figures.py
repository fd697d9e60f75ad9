"""Figures written in a text: percentages, amounts of money and other numbers, normalised.

``figures("China accounts for 90 percent of its trade")`` and ``figures("... about 90% ...")``
give the same set, and so do "$1.5 billion", "1.5 billion dollars" and "US$1,500 million".
The ``figure-mismatch`` check compares the figures of claims declared the same.

A figure is a :class:`Figure`: its kind (``percent``, ``money`` or ``number``), its value as a
normalised decimal string, its currency for money, and the words it was written as.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import attrs

SCALES = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
}
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "¥": "CNY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "won": "KRW",
}
WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORD_NUMBER = "|".join(sorted(WORDS, key=len, reverse=True))
_SCALE = r"(?:thousand|million|billion|trillion|mn|bn|tn|[kmb])\b"
_CURRENCY_BEFORE = r"(?:US\$|\$|€|£|¥|USD|EUR|GBP|CNY|RMB)"
_CURRENCY_AFTER = r"(?:US\s+)?(?:dollars?|euros?|pounds?|yuan|renminbi|won|USD|EUR|GBP|CNY|RMB)\b"

_FIGURE = re.compile(
    rf"""
    (?P<before>{_CURRENCY_BEFORE})?\s?
    (?P<number>(?<![\w.]){_NUMBER}(?!\d|(?:st|nd|rd|th)\b)|\b(?:{_WORD_NUMBER})\b)
    (?:[\s-]*(?P<scale>{_SCALE}))?
    (?:\s*(?P<percent>%|\bper\s?cent\b|\bpercent\b|\bpercentage\s+points?\b))?
    (?:\s*(?P<after>{_CURRENCY_AFTER}))?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@attrs.frozen
class Figure:
    """One figure of a text."""

    kind: str
    """``percent``, ``money`` or ``number``."""
    value: str
    """The value as a normalised decimal: ``"1500000000"`` for "$1.5 billion"."""
    currency: str | None = attrs.field(default=None, eq=True)
    written: str = attrs.field(default="", eq=False)
    """The words of the text that gave the figure."""

    def __str__(self) -> str:
        return self.written


def _value(number: str, scale: str | None) -> Decimal | None:
    word = WORDS.get(number.lower())
    try:
        value = Decimal(word) if word is not None else Decimal(number.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    if scale:
        value *= SCALES[scale.lower()]
    return value


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def figures(text: str) -> list[Figure]:
    """The figures of a text, in order (each once)."""
    found: list[Figure] = []
    for match in _FIGURE.finditer(text):
        number = match.group("number")
        before, after = match.group("before"), match.group("after")
        scale, percent = match.group("scale"), match.group("percent")
        is_word = number.lower() in WORDS
        if is_word and not (percent or before or after or scale):
            continue  # "one of the reasons": a word is a figure only with a unit
        if scale and scale.lower() in ("m", "b", "k") and not (before or after):
            scale = None  # "5 m" without a currency is more likely metres than millions
        value = _value(number, scale)
        if value is None:  # pragma: no cover
            continue
        written = match.group(0).strip()
        if percent:
            figure = Figure("percent", _canonical(value), None, written)
        elif before or after:
            currency = CURRENCIES.get((before or after or "").lower().split()[-1])
            figure = Figure("money", _canonical(value), currency or (before or after), written)
        else:
            figure = Figure("number", _canonical(value), None, written)
        if figure not in found:
            found.append(figure)
    return found


def differences(one: str, other: str) -> list[tuple[str, list[Figure], list[Figure]]]:
    """For each kind of figure that both texts hold, where their figures differ: the kind, the
    figures of ``one`` and those of ``other``. Kinds only one text holds are not compared."""
    first, second = figures(one), figures(other)
    found = []
    for kind in ("percent", "money", "number"):
        a = [f for f in first if f.kind == kind]
        b = [f for f in second if f.kind == kind]
        if a and b and set(a) != set(b):
            found.append((kind, a, b))
    return found

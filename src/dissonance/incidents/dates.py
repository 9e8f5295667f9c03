"""Dates in the text, resolved against the document's own date.

"6 January 2021", "January 6", "el 6 de enero", "early January", "last
Wednesday", "ayer", "22.05.2018": the days an operation happened, which keep
two operations in the same city weeks apart from being merged.

All-digit dates are read only where the order of day and month is not in
doubt: a dotted date (22.05.2018, the style of official papers in Latin
America, Europe and India) is day first; with slashes or dashes a number
over 12 tells which is the day (22/05/2018, 05/22/2018). "05/06/2019" could
be either, and is not read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from ..nlp.lexicon import fold

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5, "domingo": 6,
}
_M = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_W = "(" + "|".join(WEEKDAYS) + ")"
_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("numeric", re.compile(r"(?<![\w./-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)(?![\w/-]|\.\w)")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?{_M}(?:,?\s+(?:de(?:l)?\s+)?(\d{{4}}))?", re.I)),
    ("mdy", re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("part", re.compile(rf"\b(early|mid|late|beginning of|end of|principios de|mediados de|finales de|fines de)[\s-]+{_M}(?:\s+(?:de(?:l)?\s+)?(\d{{4}}))?", re.I)),
    ("my", re.compile(rf"\b{_M}\s+(?:de(?:l)?\s+)?(\d{{4}})\b", re.I)),
    ("weekday", re.compile(rf"\b(last|this past|on|el pasado|el|este)\s+{_W}\b(?!,?\s+\d)", re.I)),
    ("yesterday", re.compile(r"\b(yesterday|last night|ayer|anoche|anteayer)\b", re.I)),
]
_PART_DAY = {"early": 5, "beginning of": 5, "principios de": 5, "mid": 15, "mediados de": 15,
             "late": 25, "end of": 25, "finales de": 25, "fines de": 25}


YEAR_LOOKBACK = 3  # a year the text names up to this many years before its own date may be the events' year


def _year_for(month: int, day: int, anchor: dt.date | None, years: frozenset[int] = frozenset()) -> int | None:
    """The year of a date written without one: the document's own year, or the year before if that would
    put the date after the document, unless the text names neither but names an earlier year close to its
    date ("the night of 22 November", in an interview of 2007 about 2005: 2005)."""
    if anchor is None:
        return None
    year = anchor.year
    if years and year not in years and year - 1 not in years:
        earlier = [y for y in years if year - YEAR_LOOKBACK <= y < year]
        if earlier:
            return max(earlier)
    try:
        if dt.date(year, month, min(day, 28)) > anchor + dt.timedelta(days=2):
            year -= 1
    except ValueError:
        return None
    return year


def _safe(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric(first: int, separator: str, second: int, year: int) -> dt.date | None:
    """An all-digit date where day and month cannot be confused (module docstring)."""
    if separator == "." or (first > 12 >= second):
        return _safe(year, second, first)
    if second > 12 >= first:
        return _safe(year, first, second)
    return None


class FoundDate(NamedTuple):
    date: dt.date
    start: int
    end: int
    precise: bool  # a day was named (not "early January" or "July 2021")


def find_dates(text: str, anchor: dt.date | None, years: frozenset[int] = frozenset()) -> list[FoundDate]:
    """Each resolvable date expression, in order of position; `years`: the years the text names."""
    folded = fold(text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            date = None
            g = m.groups()
            if kind == "iso":
                date = _safe(int(g[0]), int(g[1]), int(g[2]))
            elif kind == "numeric":
                date = _numeric(int(g[0]), g[1], int(g[2]), int(g[3]))
            elif kind == "dmy":
                day, month = int(g[0]), MONTHS[g[1].lower()]
                date = _safe(int(g[2]) if g[2] else _year_for(month, day, anchor, years), month, day)
            elif kind == "mdy":
                month, day = MONTHS[g[0].lower()], int(g[1])
                date = _safe(int(g[2]) if g[2] else _year_for(month, day, anchor, years), month, day)
            elif kind == "part":
                month, day = MONTHS[g[1].lower()], _PART_DAY.get(g[0].lower(), 15)
                date = _safe(int(g[2]) if g[2] else _year_for(month, day, anchor, years), month, day)
            elif kind == "my":
                month = MONTHS[g[0].lower()]
                date = _safe(int(g[1]), month, 15)
            elif kind == "weekday" and anchor is not None:
                back = (anchor.weekday() - WEEKDAYS[g[1].lower()]) % 7
                if back == 0 and g[0].lower() in ("last", "this past", "el pasado"):
                    back = 7  # "last Thursday" written on a Thursday is a week ago; "on Thursday" is today
                date = anchor - dt.timedelta(days=back)
            elif kind == "yesterday" and anchor is not None:
                date = anchor - dt.timedelta(days=2 if g[0].lower() == "anteayer" else 1)
            if date and 1950 <= date.year <= 2100:
                found.append(FoundDate(date, m.start(), m.end(), kind not in ("part", "my")))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda t: t[1])


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None

"""Normalise publication dates to `YYYY-MM-DD`.

The format wants ISO dates, but people write "18 February 2021",
"18 de febrero de 2021" or "Feb. 18, 2021", and YAML front matter hands over
`date` objects. A date that cannot be read with certainty is refused rather
than guessed: "03/04/2021" is the 3rd of April in Caracas and the 4th of March
in a US newsroom, so numeric dates are accepted only when the day is
unambiguous. Refused dates are reported by the caller and kept as
`meta["date_raw"]`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "ene": 1, "abr": 4, "ago": 8, "dic": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "fev": 2, "set": 9, "out": 10, "dez": 12,
}
# Words a written date may carry that say nothing about which day it is.
FILLERS = {
    "de", "del", "of", "the", "st", "nd", "rd", "th", "el", "o", "do",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
    "segunda", "terça", "terca", "quarta", "quinta", "sexta", "feira",
}
_TOKENS = re.compile(r"\d+|[^\W\d_]+")
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")


class DateError(ValueError):
    """A date that cannot be normalised; the message says why."""


def _ymd(y: int, m: int, d: int) -> str:
    try:
        return date(y, m, d).isoformat()
    except ValueError as exc:
        raise DateError(f"not a calendar date ({exc})") from None


def _numeric(a: str, b: str, c: str) -> str:
    if len(a) == 4:  # 2021/02/18, 2021.02.18
        return _ymd(int(a), int(b), int(c))
    if len(c) != 4:
        raise DateError("two-digit or missing year")
    first, second, year = int(a), int(b), int(c)
    if first > 12 >= second:
        return _ymd(year, second, first)
    if second > 12 >= first:
        return _ymd(year, first, second)
    if first == second:
        return _ymd(year, first, first)
    raise DateError("ambiguous day and month (write YYYY-MM-DD)")


def _written(text: str) -> str:
    day = month = year = None
    for token in _TOKENS.findall(text.lower()):
        if token.isdigit():
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None:
                day = int(token)
            else:
                raise DateError(f"unexpected number {token!r}")
        elif token in MONTHS and month is None:
            month = MONTHS[token]
        elif token not in FILLERS:
            raise DateError(f"unexpected word {token!r}")
    if year is None or month is None or day is None:
        raise DateError("needs a day, a month and a year")
    return _ymd(year, month, day)


def normalise_date(value: object) -> str:
    """`value` as `YYYY-MM-DD`, or `DateError` saying why not.

    >>> normalise_date("18 February 2021")
    '2021-02-18'
    >>> normalise_date("jueves, 18 de febrero de 2021")
    '2021-02-18'
    >>> normalise_date("2021-02-18T09:30:00Z")
    '2021-02-18'
    >>> normalise_date("18/02/2021")
    '2021-02-18'
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise DateError(f"expected a date, got {type(value).__name__}")
    text = str(value).strip()
    if not text:
        raise DateError("empty")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if text.isdigit() and len(text) == 8:  # 20210218
        return _ymd(int(text[:4]), int(text[4:6]), int(text[6:]))
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric(*numeric.groups())
    return _written(text)

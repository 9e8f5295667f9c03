"""Dates are normalised to YYYY-MM-DD or refused with a reason, never guessed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dissonance.ingest import DateError, normalise_date


@pytest.mark.parametrize(
    "value, expected",
    [
        (date(2021, 2, 18), "2021-02-18"),
        (datetime(2021, 2, 18, 23, 59), "2021-02-18"),
        ("2021-02-18", "2021-02-18"),
        ("2021-02-18T09:30:00Z", "2021-02-18"),
        ("18 February 2021", "2021-02-18"),
        ("February 18, 2021", "2021-02-18"),
        ("Feb. 18th, 2021", "2021-02-18"),
        ("Thursday, 18 February 2021", "2021-02-18"),
        ("18 de febrero de 2021", "2021-02-18"),
        ("jueves 18 de febrero de 2021", "2021-02-18"),
        ("18 de fevereiro de 2021", "2021-02-18"),
        ("18/02/2021", "2021-02-18"),
        ("02/18/2021", "2021-02-18"),
        ("2021/02/18", "2021-02-18"),
        ("18.02.2021", "2021-02-18"),
        (20210218, "2021-02-18"),
    ],
)
def test_dates_normalised(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value, reason",
    [
        ("03/04/2021", "ambiguous"),
        ("February 2021", "needs a day"),
        ("2021-02-30", "not a calendar date"),
        ("last Thursday", "unexpected word"),
        ("", "empty"),
        (["2021"], "expected a date"),
        ("18/02/21", "year"),
    ],
)
def test_dates_refused(value, reason):
    with pytest.raises(DateError, match=reason):
        normalise_date(value)

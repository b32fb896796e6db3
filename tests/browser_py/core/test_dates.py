"""Dates and numbers per language (browser_py.core.dates.FORMATS,
browser_py.core.wording.NUMBER_SIGNS) agree with Babel's CLDR data, and
English keeps its own words.

Babel runs only here: Pyodide has the standard library alone, so the
patterns are copied into the code, and this test keeps the copy honest.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent, get_decimal_symbol

from browser_py.core import dates, i18n, wording

#: Every day of two years, leap day included, and the calendar's ends.
DAYS = [date(2027, 12, 31) - timedelta(days=n) for n in range(731)] + [
    date(1, 1, 1),
    date(9999, 12, 31),
]


@pytest.fixture(params=sorted(dates.FORMATS))
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    previous = i18n.use(gettext.NullTranslations(), request.param)
    try:
        yield request.param
    finally:
        i18n.use(previous)


def test_every_language_is_checked() -> None:
    assert "zh_Hans" in dates.FORMATS
    assert set(wording.NUMBER_SIGNS) == set(dates.FORMATS)


def test_dates_match_babel(language: str) -> None:
    for day in DAYS:
        assert dates.long_date(day) == format_date(day, "full", locale=language), day
        assert dates.day_month_long(day) == format_skeleton("MMMd", day, locale=language), day
        assert dates.short_date(day) == format_skeleton("MMMEd", day, locale=language), day
        assert dates.day_month(day) == format_skeleton("Md", day, locale=language), day


def test_chinese_dates_read_as_the_plan_says() -> None:
    previous = i18n.use(gettext.NullTranslations(), "zh_Hans")
    try:
        day = date(2026, 12, 1)
        assert dates.long_date(day) == "2026年12月1日星期二"
        assert dates.day_month_long(day) == "12月1日"
        assert dates.short_date(day) == "12月1日周二"
        assert dates.day_month(day) == "12/1"
    finally:
        i18n.use(previous)


def test_numbers_match_babel(language: str) -> None:
    decimal, percent = wording.NUMBER_SIGNS[language]
    assert decimal == get_decimal_symbol(language)
    for value in (0.5, 2.25, 7.0, 12.75, 999.5):
        assert wording.number(value) == format_decimal(
            round(value, 1), format="0.#", locale=language
        )
    for part, whole in ((1, 4), (2, 3), (0, 5), (5, 5)):
        expected = format_percent(round(100 * part / whole) / 100, locale=language)
        assert wording.percent(part, whole) == expected
    assert percent.format(value=25) == format_percent(0.25, locale=language)


def test_english_keeps_its_own_words() -> None:
    previous = i18n.use(None)
    try:
        assert i18n.language() == "en"
        day = date(2026, 12, 1)
        assert dates.long_date(day) == "Tuesday 1 December 2026"
        assert dates.day_month_long(day) == "1 December"
        assert dates.short_date(day) == "Tue 1 Dec"
        assert dates.day_month(day) == "1 Dec"
        assert wording.number(2.75) == "2.8"
        assert wording.percent(1, 4) == "25%"
    finally:
        i18n.use(previous)

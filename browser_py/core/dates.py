"""Calendar arithmetic and date wording shared by the worksheets.

Dates are written out by hand instead of with ``strftime`` because
``%A``/``%B`` follow the process locale, and Pyodide's locale is not the
reader's: spelling the names here keeps every result identical in CPython
and in the browser. The names, their abbreviations, the order of a date's
parts and the relative words ("tomorrow") go through :mod:`browser_py.core.i18n`,
so another language can write them its own way; the tables below stay in
English (the source strings).

A language listed in :data:`FORMATS` writes its dates from there instead:
the order of the parts and the names, copied from the Unicode CLDR (Babel
cannot run in the browser: Pyodide gets the standard library only), and
checked against Babel's ``format_date`` by ``tests/browser_py/core/test_dates.py``
so they cannot drift. Simplified Chinese (``zh_Hans``)::

    long_date       2026年12月1日星期二    (CLDR "full")
    day_month_long  12月1日               (skeleton MMMd)
    short_date      12月1日周二           (skeleton MMMEd)
    day_month       12/1                  (skeleton Md)

The relative words ("tomorrow", "in 3 days") stay in the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from browser_py.core.i18n import NC_, _, language, ngettext, pgettext

DAY_NAMES = (
    NC_("weekday", "Monday"),
    NC_("weekday", "Tuesday"),
    NC_("weekday", "Wednesday"),
    NC_("weekday", "Thursday"),
    NC_("weekday", "Friday"),
    NC_("weekday", "Saturday"),
    NC_("weekday", "Sunday"),
)
MONTH_NAMES = (
    NC_("month", "January"),
    NC_("month", "February"),
    NC_("month", "March"),
    NC_("month", "April"),
    NC_("month", "May"),
    NC_("month", "June"),
    NC_("month", "July"),
    NC_("month", "August"),
    NC_("month", "September"),
    NC_("month", "October"),
    NC_("month", "November"),
    NC_("month", "December"),
)
#: The short forms lists and chart axes use (in English, the first three
#: letters of the names above).
DAY_ABBREVIATIONS = (
    NC_("abbreviated weekday", "Mon"),
    NC_("abbreviated weekday", "Tue"),
    NC_("abbreviated weekday", "Wed"),
    NC_("abbreviated weekday", "Thu"),
    NC_("abbreviated weekday", "Fri"),
    NC_("abbreviated weekday", "Sat"),
    NC_("abbreviated weekday", "Sun"),
)
MONTH_ABBREVIATIONS = (
    NC_("abbreviated month", "Jan"),
    NC_("abbreviated month", "Feb"),
    NC_("abbreviated month", "Mar"),
    NC_("abbreviated month", "Apr"),
    NC_("abbreviated month", "May"),
    NC_("abbreviated month", "Jun"),
    NC_("abbreviated month", "Jul"),
    NC_("abbreviated month", "Aug"),
    NC_("abbreviated month", "Sep"),
    NC_("abbreviated month", "Oct"),
    NC_("abbreviated month", "Nov"),
    NC_("abbreviated month", "Dec"),
)


@dataclass(frozen=True, slots=True)
class DateFormats:
    """One language's dates (see the module docstring). A pattern's fields:
    ``{year}``, ``{month}`` (its number), ``{day}``, ``{weekday}`` and
    ``{short_weekday}`` (from the tuples, Monday first)."""

    long: str
    day_month_long: str
    short: str
    day_month: str
    weekdays: tuple[str, ...]
    short_weekdays: tuple[str, ...]


#: The languages whose dates are not made from the catalogue, by the code
#: :func:`browser_py.core.i18n.language` gives.
FORMATS: dict[str, DateFormats] = {
    "zh_Hans": DateFormats(
        long="{year}年{month}月{day}日{weekday}",
        day_month_long="{month}月{day}日",
        short="{month}月{day}日{short_weekday}",
        day_month="{month}/{day}",
        weekdays=("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
        short_weekdays=("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    ),
}


def _in_language(pattern: str, day: date) -> str | None:
    """``day`` in the active language's ``pattern`` (a :class:`DateFormats`
    attribute), or ``None`` when the language writes dates from the catalogue."""
    formats = FORMATS.get(language())
    if formats is None:
        return None
    return str(getattr(formats, pattern)).format(
        year=day.year,
        month=day.month,
        day=day.day,
        weekday=formats.weekdays[day.weekday()],
        short_weekday=formats.short_weekdays[day.weekday()],
    )


# ASCII digits only: a date input never holds others, and Python's \d would
# also take Arabic-Indic or full-width digits.
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)


def parse_iso(text: str) -> date | None:
    """``"2026-11-20"`` -> ``date(2026, 11, 20)``; anything else -> ``None``.

    Only the exact ``YYYY-MM-DD`` form that ``<input type=date>`` produces is
    accepted, so "20/11/2026" is never silently read the wrong way round.
    """
    match = _ISO_DATE.match(text)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def long_date(day: date) -> str:
    """``"Friday 20 November 2026"``: used where the reader acts on the date."""
    own = _in_language("long", day)
    if own is not None:
        return own
    # TRANSLATORS: a full date, "Friday 20 November 2026".
    return _("{weekday} {day} {month} {year}").format(
        weekday=pgettext("weekday", DAY_NAMES[day.weekday()]),
        day=day.day,
        month=pgettext("month", MONTH_NAMES[day.month - 1]),
        year=day.year,
    )


def day_month_long(day: date) -> str:
    """``"20 November"``: for running text where the year is obvious."""
    own = _in_language("day_month_long", day)
    if own is not None:
        return own
    # TRANSLATORS: a date without its year, "20 November".
    return _("{day} {month}").format(
        day=day.day, month=pgettext("month", MONTH_NAMES[day.month - 1])
    )


def short_date(day: date) -> str:
    """``"Fri 20 Nov"``: used in lists and charts where space is short."""
    own = _in_language("short", day)
    if own is not None:
        return own
    # TRANSLATORS: a short date for lists, "Fri 20 Nov".
    return _("{short_weekday} {day} {short_month}").format(
        short_weekday=pgettext("abbreviated weekday", DAY_ABBREVIATIONS[day.weekday()]),
        day=day.day,
        short_month=pgettext("abbreviated month", MONTH_ABBREVIATIONS[day.month - 1]),
    )


def day_month(day: date) -> str:
    """``"20 Nov"``: the shortest form, for chart axes."""
    own = _in_language("day_month", day)
    if own is not None:
        return own
    # TRANSLATORS: the shortest date, for chart axes, "20 Nov".
    return _("{day} {short_month}").format(
        day=day.day, short_month=pgettext("abbreviated month", MONTH_ABBREVIATIONS[day.month - 1])
    )


def relative(day: date, today: date) -> str:
    """``"today"``, ``"tomorrow"``, ``"in 3 days"``, ``"yesterday"``, ``"3 days ago"``."""
    delta = (day - today).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("tomorrow")
    if delta == -1:
        return _("yesterday")
    if delta > 1:
        return ngettext("in {count} day", "in {count} days", delta).format(count=delta)
    return ngettext("{count} day ago", "{count} days ago", -delta).format(count=-delta)


def add_days(day: date, days: int) -> date | None:
    """``day + days``, or ``None`` past the calendar's ends (year 1 or 9999),
    which a reader can reach by typing an odd year."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def add_working_days(day: date, days: int) -> date | None:
    """The date ``days`` working days (Monday to Friday) after ``day``.

    Public holidays differ by country and we do not know the reader's, so
    only weekends are skipped; the worksheet says so.
    """
    current: date | None = day
    remaining = days
    while remaining > 0 and current is not None:
        current = add_days(current, 1)
        if current is not None and current.weekday() < 5:
            remaining -= 1
    return current


def monday_of(day: date) -> date:
    """The Monday that starts ``day``'s week (weeks run Monday to Sunday)."""
    return add_days(day, -day.weekday()) or day


# A saved time with its offset; ASCII digits only, as in storage.js and the
# form (Python's \d would also take digits no date input holds).
_ISO_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$", re.ASCII
)


def parse_timestamp(text: object) -> datetime | None:
    """An ISO 8601 date and time with an offset (``...Z`` or ``+01:00``), or
    ``None``. A bare date or a time without offset is refused: a saved time
    means nothing without its zone."""
    if not isinstance(text, str) or not _ISO_TIMESTAMP.match(text):
        return None
    try:
        # fromisoformat accepts at most 6 fraction digits; JS writes 3.
        return datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", text))
    except ValueError:
        return None

"""Calendar arithmetic and date wording shared by the worksheets.

Dates are written out by hand instead of with ``strftime`` because
``%A``/``%B`` follow the process locale, and Pyodide's locale is not the
reader's: spelling the names here keeps every result identical in CPython
and in the browser.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
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
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def day_month_long(day: date) -> str:
    """``"20 November"``: for running text where the year is obvious."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]}"


def short_date(day: date) -> str:
    """``"Fri 20 Nov"``: used in lists and charts where space is short."""
    return f"{DAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_NAMES[day.month - 1][:3]}"


def day_month(day: date) -> str:
    """``"20 Nov"``: the shortest form, for chart axes."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"


def relative(day: date, today: date) -> str:
    """``"today"``, ``"tomorrow"``, ``"in 3 days"``, ``"yesterday"``, ``"3 days ago"``."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if delta > 1:
        return f"in {delta} days"
    return f"{-delta} days ago"


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

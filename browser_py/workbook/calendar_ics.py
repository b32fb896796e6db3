"""The reader's dates as a calendar file (iCalendar, RFC 5545).

Nothing is worked out twice, and no display text is read back: each
worksheet's own ``compute`` runs on the saved answers (with the others as
context, as on its page) and returns its dated events as data, with ISO
dates (``Outcome.events``, described in :class:`browser_py.core.blocks.Outcome`).
An event with a ``time`` is a timed event at that *floating* local time (6 pm
wherever the reader's calendar is), lasting its ``minutes``; one without is
an all-day event, whose description ends with the step of the guide it comes
from.

The file is a pure function of the saved answers, ``today``, the round and
the reminder chosen: ``DTSTAMP`` is the start of ``today`` in UTC, and each
event's ``UID`` (:func:`event_uid`, the one place it is made) is a hash of
data only: the round, the worksheet id, the kind of event, its date and the
event's ``key`` (what tells apart two events of one kind, such as a practice
session's area and method: option values, never words), so importing a newer
file updates the events a calendar already has instead of adding copies, two
rounds' events never share a UID, and the English and the Chinese pages give
one event the same UID. Events equal in all of those are numbered in the
order the worksheets make them (``-2``, ``-3``), which no language changes.
The round is left out of the hash for the first round (``r0``, where answers
saved before rounds went) and for search-scoped worksheets (the same in every
round).

Migration: up to the Chinese edition a UID hashed the event's title, the one
text that is translated; a title that changes with the page's language, or
with the reader's own edit, could not keep its UID. The recipe was changed
once, with a ``v2`` in the hash so no new UID can equal an old one. A
calendar that imported a file made before the change keeps those events; the
first file imported after it adds its events beside them rather than
updating them (delete the old Rebound entries once, or the calendar
subscription, then import). Every later file updates as before.

Reminders: follow-ups, check-ins and practice sessions (the event kinds in
:data:`REMINDED_KINDS`) carry a ``VALARM`` (``ACTION:DISPLAY``) whose
``TRIGGER`` is the lead time the reader picked on the workbook page, one of
:data:`REMINDERS` (``"none"`` leaves the alarms out). For an all-day event
the trigger counts from the start of its day.

Text is escaped (``\\ ; ,`` and line breaks), lines end in CRLF and are
folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from browser_py.core.dates import add_days, parse_iso
from browser_py.core.i18n import N_, _
from browser_py.core.manifest import Step, specs_of
from browser_py.core.wording import sentences
from browser_py.workbook.exchange import strip_controls
from browser_py.workbook.overview import run_saved, saved_values

PRODID = "-//Rebound//Rebound workbook calendar//EN"
#: The calendar's name in the reader's calendar app (translated where written).
CALENDAR_NAME = N_("Rebound")

#: The reminder lead times the workbook page offers: its value -> the
#: ``TRIGGER`` (a duration before the event's start). "none" adds no alarm.
REMINDERS: dict[str, str | None] = {
    "none": None,
    "at-time": "PT0M",
    "1h": "-PT1H",
    "1d": "-P1D",
    "2d": "-P2D",
}
DEFAULT_REMINDER = "1d"
#: The event kinds that get a reminder: follow-ups, check-ins, practice sessions.
REMINDED_KINDS = frozenset({"follow-up", "check-in", "session"})
#: The round of saved data from before rounds existed (and of a v1 export).
DEFAULT_ROUND = "r0"

#: Longest line in octets, CRLF excluded (RFC 5545, section 3.1).
MAX_LINE_OCTETS = 75


@dataclass(frozen=True, slots=True)
class Event:
    """One calendar entry. ``start`` is a ``datetime`` (floating local time)
    for a timed event, a ``date`` for an all-day one."""

    worksheet: str
    kind: str
    start: date | datetime
    end: date | datetime
    summary: str
    description: str
    round: str = ""
    #: Data that tells this event from another of its kind on its day (see
    #: the module docstring); never translated text.
    key: str = ""
    #: Where it came in the worksheets' own order: numbers equal events.
    order: int = 0

    @property
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    def uid(self, occurrence: int = 0) -> str:
        """Stable across exports: the same event always gets the same UID."""
        return event_uid(self.round, self.worksheet, self.kind, self.day, self.key, occurrence)


#: Names the UID recipe in the hash (see "Migration" in the module docstring).
UID_RECIPE = "v2"


def event_uid(
    round_id: str, worksheet: str, kind: str, day: date, key: str = "", occurrence: int = 0
) -> str:
    """The one recipe for an event's UID: a hash of the round, the worksheet,
    the kind of event, its date and its ``key`` (``occurrence`` tells apart
    events equal in all of those). The first round (``r0``) and ``""`` (a
    search-scoped worksheet's events) leave the round out, so an event keeps
    its UID whether it was saved before rounds existed or after."""
    parts = (UID_RECIPE, worksheet, kind, day.isoformat(), key)
    if round_id not in ("", DEFAULT_ROUND):
        parts = (*parts, round_id)
    key = "\x1f".join(parts)
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    suffix = f"-{occurrence + 1}" if occurrence else ""
    return f"{digest}{suffix}@rebound.calendar"


def uid_round(worksheet_id: str, round_id: str, steps: Sequence[Step]) -> str:
    """The round an event's UID names: ``""`` for the first round and for a
    search-scoped worksheet (see the module docstring)."""
    scoped = {step.worksheet.id: step.worksheet.scope for step in steps}
    if round_id == "r0" or scoped.get(worksheet_id) == "search":
        return ""
    return round_id


def _clock(value: object) -> time | None:
    """``"18:00"`` as a time of day, or ``None``."""
    if not isinstance(value, str):
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        return None


def event_from(step: Step, data: Mapping[str, Any]) -> Event | None:
    """The calendar entry for one of a worksheet's events (see the module
    docstring), or ``None`` when the data does not make one."""
    day = parse_iso(str(data.get("date", "")))
    title = str(data.get("title", "")).strip()
    if day is None or not title:
        return None
    details = str(data.get("details", "")).strip()
    if data.get("step_note", True) is not False:
        # TRANSLATORS: the end of a calendar entry's description: the step's
        # number and its page's name, "From step 2 of the Rebound guide: Ask for feedback."
        note = _("From step {number} of the Rebound guide: {name}.").format(
            number=step.number, name=step.name
        )
        details = sentences(details, note)
    kind = str(data.get("kind", "event"))
    key = str(data.get("key", ""))
    worksheet_id = step.worksheet.id
    if "time" in data:
        clock = _clock(data.get("time"))
        minutes = data.get("minutes")
        if clock is None or not isinstance(minutes, int) or minutes <= 0:
            return None
        start = datetime.combine(day, clock)
        end_at = start + timedelta(minutes=minutes)
        return Event(worksheet_id, kind, start, end_at, title, details, key=key)
    end = add_days(day, 1)
    if end is None:
        return None
    return Event(worksheet_id, kind, day, end, title, details, key=key)


def calendar_events(saved: Mapping[str, object], steps: Sequence[Step], today: date) -> list[Event]:
    """Every dated event the saved answers give, sorted by date."""
    specs = specs_of(steps)
    values, _stamps, _notes = saved_values(saved, specs)
    events: list[Event] = []
    for step in steps:
        if step.worksheet.id not in values:
            continue
        for data in run_saved(step.worksheet, values, specs, today).events:
            event = event_from(step, data) if isinstance(data, Mapping) else None
            if event is not None:
                events.append(replace(event, order=len(events)))
    events.sort(key=lambda event: (event.day, isinstance(event.start, datetime), event.summary))
    return events


# --------------------------------------------------------------------------
# RFC 5545 text
# --------------------------------------------------------------------------


def escape_text(text: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line breaks
    escaped; control characters (other than the line breaks) removed."""
    text = strip_controls(text).replace("\t", " ")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line: at most 75 octets per physical line, CRLF plus a
    space before each continuation, never inside a UTF-8 character."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8", "surrogatepass"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_LINE_OCTETS - 1  # the leading space counts
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _date_value(value: date | datetime) -> tuple[str, str]:
    """(parameter suffix, value) for DTSTART/DTEND."""
    if isinstance(value, datetime):
        return "", value.strftime("%Y%m%dT%H%M%S")
    return ";VALUE=DATE", value.strftime("%Y%m%d")


def alarm_lines(event: Event, trigger: str | None) -> list[str]:
    """The ``VALARM`` of ``event`` for a ``trigger`` from :data:`REMINDERS`,
    or none when it has no reminder."""
    if trigger is None or event.kind not in REMINDED_KINDS:
        return []
    return [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"TRIGGER:{trigger}",
        f"DESCRIPTION:{escape_text(event.summary)}",
        "END:VALARM",
    ]


def reminder_trigger(choice: object) -> str | None:
    """The ``TRIGGER`` for the reader's choice (the default when none is sent)."""
    if choice is None:
        choice = DEFAULT_REMINDER
    if not isinstance(choice, str) or choice not in REMINDERS:
        raise ValueError(
            _("unknown reminder {choice}; use one of: {known}").format(
                choice=repr(str(choice)[:20]), known=", ".join(REMINDERS)
            )
        )
    return REMINDERS[choice]


def to_ics(
    events: Sequence[Event],
    today: date,
    *,
    trigger: str | None = None,
) -> str:
    """The calendar file's text (each event's UID names its own ``round``)."""
    stamp = f"{today.strftime('%Y%m%d')}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(_(CALENDAR_NAME))}",
    ]
    # Equal events are numbered in the worksheets' order, not the file's
    # (sorted by title, which the language changes).
    seen: dict[str, int] = {}
    uids: dict[int, str] = {}
    for index in sorted(range(len(events)), key=lambda index: events[index].order):
        base = events[index].uid()
        uids[index] = events[index].uid(seen.get(base, 0))
        seen[base] = seen.get(base, 0) + 1
    for index, event in enumerate(events):
        start_param, start = _date_value(event.start)
        end_param, end = _date_value(event.end)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uids[index]}",
            f"DTSTAMP:{stamp}",
            f"DTSTART{start_param}:{start}",
            f"DTEND{end_param}:{end}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            "TRANSP:" + ("OPAQUE" if isinstance(event.start, datetime) else "TRANSPARENT"),
            *alarm_lines(event, trigger),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def build_calendar(
    saved: Mapping[str, object],
    steps: Sequence[Step],
    today: date,
    *,
    round_id: str = DEFAULT_ROUND,
    reminder: object = None,
) -> dict[str, Any]:
    """``{"ok": True, "ics": text, "events": count, "filename": name}`` for
    the round ``round_id`` (``saved``: its entries and the search-scoped ones).

    ``reminder`` is the reader's choice from :data:`REMINDERS` (raises
    :class:`ValueError` with a sentence for any other)."""
    trigger = reminder_trigger(reminder)
    events = [
        replace(event, round=uid_round(event.worksheet, round_id, steps))
        for event in calendar_events(saved, steps, today)
    ]
    return {
        "ok": True,
        "ics": to_ics(events, today, trigger=trigger),
        "events": len(events),
        "filename": "rebound-dates.ics",
    }

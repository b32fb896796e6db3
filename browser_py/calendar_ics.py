"""The reader's dates as a calendar file (iCalendar, RFC 5545).

Three worksheets give dates worth a calendar entry:

* the learning plan's sessions, as timed events at :data:`SESSION_TIME`
  local time (a *floating* time: 6 pm wherever the reader's calendar is),
  lasting the session's minutes; only once the reader has chosen a start
  date, because a plan that starts "next Monday" by default would move
  every time the file is made;
* the feedback request's day to send the email and the day to follow up,
  as all-day events, once the reader has said when they heard back;
* the feelings check-in date, as an all-day event.

Nothing is worked out twice: each worksheet's own ``compute`` runs on the
saved answers (through :func:`browser_py.overview.default_runner`) and the
dates are read from what it returns: the plan's ``sessions``, and the
feedback request's "Send"/"Follow up" statistics.

The file is a pure function of the saved answers and ``today``: ``DTSTAMP``
is the start of ``today`` in UTC, and each event's ``UID`` is a hash of the
worksheet id, the kind of event, its date and its title, so importing a
newer file updates the events a calendar already has instead of adding
copies. Text is escaped (``\\ ; ,`` and line breaks), lines end in CRLF and
are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from .dates import DAY_NAMES, MONTH_NAMES, add_days, parse_iso
from .exchange import strip_controls
from .overview import STEP_NUMBER, Runner, Step, default_runner, saved_values, specs_of

PRODID = "-//Rebound//Rebound workbook calendar//EN"
CALENDAR_NAME = "Rebound"

#: When a planned session starts, in the reader's local time.
SESSION_TIME = time(18, 0)

#: Longest line in octets, CRLF excluded (RFC 5545, section 3.1).
MAX_LINE_OCTETS = 75

#: The labels of the feedback worksheet's timing statistics.
FEEDBACK_SEND_LABELS = ("Send by", "Send")
FEEDBACK_FOLLOW_LABEL = "Follow up once around"


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

    @property
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    def uid(self, occurrence: int = 0) -> str:
        """Stable across exports: the same event always gets the same UID."""
        key = "\x1f".join((self.worksheet, self.kind, self.day.isoformat(), self.summary))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        suffix = f"-{occurrence + 1}" if occurrence else ""
        return f"{digest}{suffix}@rebound.calendar"


def parse_long_date(text: str) -> date | None:
    """``"Wednesday 25 November 2026"`` (:func:`browser_py.dates.long_date`)
    back to a date, or ``None``."""
    parts = text.split()
    if len(parts) != 4 or parts[0] not in DAY_NAMES or parts[2] not in MONTH_NAMES:
        return None
    try:
        day = date(int(parts[3]), MONTH_NAMES.index(parts[2]) + 1, int(parts[1]))
    except ValueError:
        return None
    return day if DAY_NAMES[day.weekday()] == parts[0] else None


def _stats(outcome_blocks: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in outcome_blocks:
        if block.get("type") == "stats":
            for item in block.get("items", []):
                found.setdefault(str(item.get("label")), str(item.get("value")))
    return found


def _session_events(worksheet_id: str, sessions: object) -> list[Event]:
    out: list[Event] = []
    if not isinstance(sessions, list):
        return out
    for session in sessions:
        if not isinstance(session, Mapping):
            continue
        day = parse_iso(str(session.get("date", "")))
        minutes = session.get("minutes")
        title = str(session.get("title", "")).strip()
        if day is None or not isinstance(minutes, int) or minutes <= 0 or not title:
            continue
        start = datetime.combine(day, SESSION_TIME)
        details = str(session.get("details", "")).strip()
        week = session.get("week")
        description = " ".join(
            part
            for part in (
                details,
                f"Week {week} of your learning plan." if isinstance(week, int) else "",
                f"{minutes} minutes.",
            )
            if part
        )
        out.append(
            Event(
                worksheet_id,
                "session",
                start,
                start + timedelta(minutes=minutes),
                f"{title} (practice)",
                description,
            )
        )
    return out


def _all_day(
    worksheet_id: str, kind: str, day: date | None, summary: str, description: str
) -> list[Event]:
    end = add_days(day, 1) if day is not None else None
    if day is None or end is None:
        return []
    return [Event(worksheet_id, kind, day, end, summary, description)]


def calendar_events(
    saved: Mapping[str, object], steps: Sequence[Step], today: date, runner: Runner = default_runner
) -> list[Event]:
    """Every dated event the saved answers give, sorted by date."""
    specs = specs_of(steps)
    values, _, _ = saved_values(saved, specs)
    pages = {step.worksheet.id: step for step in steps}

    def where(worksheet_id: str) -> str:
        step = pages[worksheet_id]
        name = STEP_NUMBER.sub("", step.page_title).strip() or step.worksheet.title
        return f"From step {step.number} of the Rebound guide: {name}."

    def run(worksheet_id: str) -> Any:
        context = {
            other: other_values for other, other_values in values.items() if other != worksheet_id
        }
        return runner(specs[worksheet_id], values[worksheet_id], context, today)

    events: list[Event] = []
    if "learning-plan" in values and "learning-plan" in specs:
        outcome = run("learning-plan")
        if "start" not in outcome.missing:
            events += _session_events("learning-plan", outcome.extra.get("sessions"))
    if "feedback" in values and "feedback" in specs:
        outcome = run("feedback")
        stats = _stats(outcome.blocks)
        company = " ".join(str(values["feedback"].get("company", "")).split())
        to = f" to {company}" if company else ""
        send = next(
            (parse_long_date(stats[label]) for label in FEEDBACK_SEND_LABELS if label in stats),
            None,
        )
        follow = parse_long_date(stats.get(FEEDBACK_FOLLOW_LABEL, ""))
        events += _all_day(
            "feedback",
            "send",
            send,
            f"Send your feedback request{to}",
            "Copy the email from the feedback request worksheet and send it. " + where("feedback"),
        )
        events += _all_day(
            "feedback",
            "follow-up",
            follow,
            f"Follow up on your feedback request{to}",
            "If there has been no reply, send one short, "
            "friendly follow-up, then let it go. " + where("feedback"),
        )
    if "feelings" in values and "feelings" in specs:
        day = parse_iso(str(values["feelings"].get("checkin_date", "")))
        events += _all_day(
            "feelings",
            "check-in",
            day,
            "Check in with yourself",
            "How strong is the feeling now? Add a check-in and rate it again. " + where("feelings"),
        )
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


def to_ics(events: Sequence[Event], today: date) -> str:
    """The calendar file's text."""
    stamp = f"{today.strftime('%Y%m%d')}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(CALENDAR_NAME)}",
    ]
    seen: dict[str, int] = {}
    for event in events:
        base = event.uid()
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        start_param, start = _date_value(event.start)
        end_param, end = _date_value(event.end)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid(occurrence)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART{start_param}:{start}",
            f"DTEND{end_param}:{end}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            "TRANSP:" + ("OPAQUE" if isinstance(event.start, datetime) else "TRANSPARENT"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def build_calendar(
    saved: Mapping[str, object], steps: Sequence[Step], today: date, runner: Runner = default_runner
) -> dict[str, Any]:
    """``{"ok": True, "ics": text, "events": count, "filename": name}``."""
    events = calendar_events(saved, steps, today, runner)
    return {
        "ok": True,
        "ics": to_ics(events, today),
        "events": len(events),
        "filename": "rebound-dates.ics",
    }

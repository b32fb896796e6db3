"""Feelings check-in: name the feelings, rate them, and box them in time.

The worksheet's point is that a feeling named and given a date to look at
again is easier to carry than a vague weight. So the result reflects the
words back, sizes the rating gently, turns the check-in date into "in 3
days", and, once the reader has rated the feeling again, shows how it
moved since the first rating, in words and as a small chart.

If anything the reader wrote or ticked has words of hopelessness or
self-harm (:mod:`browser_py.core.support`), the result leads with the
support note and its link and keeps only the facts: the feelings named, the
ratings and their chart. It does not echo those words back with advice,
size the feeling as ordinary, or ask the reader to wait for a check-in day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from browser_py.core import blocks, charts, support
from browser_py.core.answers import Answers, as_date, as_int, as_text, is_blank, option_label
from browser_py.core.blocks import Block, Outcome
from browser_py.core.dates import add_days, day_month, long_date, relative, short_date
from browser_py.core.i18n import _, ngettext
from browser_py.core.spec import Field
from browser_py.core.wording import join_words

#: Fields a complete check-in has.
NEEDED = ("emotions", "intensity", "checkin_date")

#: Feelings that often sit next to the hard ones; seeing them together is a
#: sign of mixed feelings, which the guide wants the reader to know are fine.
LIGHTER = frozenset({"relieved", "hopeful"})

#: A time box longer than this many days gets a gentle nudge to shorten it.
LONG_BOX_DAYS = 7


def compute(answers: Answers, context: Mapping[str, Any], today: date) -> Outcome:
    """Blocks for the feelings worksheet (``context`` is not used)."""
    concern = support.find_any([*support.written_text(answers).values(), *_picked(answers)])
    if concern is not None:
        return _supported(answers, today)
    out: list[Block] = [blocks.heading(_("What is here right now"))]
    high = answers.scale_max("intensity", 10)
    low = _scale_min(answers)
    out += _named(answers)
    words = answers.text("in_words")
    if words:
        out.append(
            blocks.paragraph(
                _("In your own words: {words}. Naming it yourself is the first step.").format(
                    words=words
                )
            )
        )
    intensity = answers.integer("intensity")
    if intensity is not None:
        out += _strength(intensity, low, high)
    need = answers.text("need")
    if need:
        out.append(
            blocks.paragraph(
                _(
                    "What would help today: {need}. Give it a place in your day, even a small one."
                ).format(need=need)
            )
        )
    out += _time_box(answers.day("checkin_date"), today)
    out += _progress(answers, intensity, low, high, today)
    return Outcome(out, _missing(answers), events=_events(answers))


def _missing(answers: Answers) -> list[str]:
    return [
        field_id
        for field_id in NEEDED
        if answers.field(field_id) is not None and is_blank(answers.values.get(field_id))
    ]


def _picked(answers: Answers) -> list[str]:
    """The feelings ticked, as their labels (what the reader chose)."""
    spec = answers.field("emotions")
    return [option_label(spec, value) for value in answers.choices("emotions")]


def _supported(answers: Answers, today: date) -> Outcome:
    """The result when the reader's words need support first: the support
    note and link, then only what they named and rated."""
    high = answers.scale_max("intensity", 10)
    low = _scale_min(answers)
    out: list[Block] = [*support.lead_blocks(), blocks.heading(_("What is here right now"))]
    out += _named(answers)
    intensity = answers.integer("intensity")
    if intensity is not None:
        out.append(
            blocks.stats(
                [
                    (
                        _("Strength right now"),
                        _("{value} of {total}").format(value=intensity, total=high),
                    )
                ]
            )
        )
    out += _progress(answers, intensity, low, high, today, quiet=True)
    return Outcome(
        out,
        _missing(answers),
        extra={"summary": support.summary_lines()},
        events=_events(answers),
    )


def _events(answers: Answers) -> list[dict[str, Any]]:
    """The check-in date, for the reader's calendar."""
    checkin = answers.day("checkin_date")
    if checkin is None:
        return []
    return [
        {
            "kind": "check-in",
            "date": checkin.isoformat(),
            "title": _("Check in with yourself"),
            "details": _("How strong is the feeling now? Add a check-in and rate it again."),
        }
    ]


def _scale_min(answers: Answers) -> int:
    spec = answers.field("intensity")
    return int(spec.min) if spec is not None and spec.min is not None else 0


def _named(answers: Answers) -> list[Block]:
    spec = answers.field("emotions")
    picked = answers.choices("emotions")
    if not picked:
        return [
            blocks.paragraph(
                _(
                    "Nothing ticked yet. One word is enough to start: pick the "
                    "feeling that comes closest."
                )
            )
        ]
    labels = [option_label(spec, value) for value in picked]
    out: list[Block] = [
        blocks.paragraph(
            ngettext(
                "You named {count} feeling: {feelings}.",
                "You named {count} feelings: {feelings}.",
                len(labels),
            ).format(count=len(labels), feelings=join_words(labels))
        )
    ]
    lighter = [value for value in picked if value in LIGHTER]
    if lighter and len(lighter) < len(picked):
        out.append(
            blocks.paragraph(
                _(
                    "Some of what you ticked pulls in different directions. That is normal: "
                    "relief or hope can sit right next to disappointment."
                )
            )
        )
    return out


def _strength(intensity: int, low: int, high: int) -> list[Block]:
    share = (intensity - low) / ((high - low) or 1)
    out: list[Block] = [
        blocks.stats(
            [(_("Strength right now"), _("{value} of {total}").format(value=intensity, total=high))]
        )
    ]
    if share >= 0.75:
        out.append(
            blocks.notice(
                _(
                    "That is a lot to carry. Keep today small and kind, and let someone you trust "
                    "know how you are doing. If feelings this strong stay for weeks, or you ever "
                    "feel unsafe, please talk to a doctor or a local support line."
                )
            )
        )
    elif share >= 0.35:
        out.append(
            blocks.paragraph(
                _(
                    "A real weight, and an ordinary one after a no. It usually eases in waves "
                    "rather than all at once."
                )
            )
        )
    else:
        out.append(
            blocks.paragraph(
                _(
                    "Fairly light right now. The time box is still worth setting: feelings "
                    "sometimes arrive a day or two late."
                )
            )
        )
    return out


def _time_box(checkin: date | None, today: date) -> list[Block]:
    out: list[Block] = [blocks.heading(_("Your time box"))]
    if checkin is None:
        early, late = add_days(today, 2), add_days(today, 4)
        if early is None or late is None:
            out.append(
                blocks.paragraph(
                    _("Pick a day, two to four days from now, to check in with yourself again.")
                )
            )
        else:
            out.append(
                blocks.paragraph(
                    _(
                        "Pick a day to check in with yourself again. Two to four days out works "
                        "well: somewhere between {early} and {late}."
                    ).format(early=long_date(early), late=long_date(late))
                )
            )
        return out
    delta = (checkin - today).days
    if delta > 0:
        out.append(
            blocks.paragraph(
                _(
                    "You will check in with yourself on {date}, {relative}. Until then, the "
                    "feeling is allowed to be here."
                ).format(date=long_date(checkin), relative=relative(checkin, today))
            )
        )
        if delta > LONG_BOX_DAYS:
            out.append(
                blocks.notice(
                    _(
                        "That is more than a week away. A shorter box, two to four days, makes it "
                        "easier to notice how things are moving; you can always set another one."
                    )
                )
            )
    elif delta == 0:
        out.append(
            blocks.notice(
                _(
                    "Your check-in is today. Add a check-in below and rate the feeling again to "
                    "see what has moved."
                ),
                "success",
            )
        )
    else:
        out.append(
            blocks.paragraph(
                _(
                    "The check-in you planned for {date} was {relative}. How is it now? Add a "
                    "check-in below with a fresh rating, and set a new date if you would like "
                    "another round."
                ).format(date=long_date(checkin), relative=relative(checkin, today))
            )
        )
    return out


def _progress(
    answers: Answers,
    intensity: int | None,
    low: int,
    high: int,
    today: date,
    *,
    quiet: bool = False,
) -> list[Block]:
    """Later check-ins compared with the first rating, plus the chart;
    ``quiet``: no notes quoted back and no comment on the change."""
    rows = answers.rows("checkins")
    dated = sorted(
        ((as_date(row.get("date")), index, row) for index, row in enumerate(rows)),
        key=lambda item: (item[0] is None, item[0] or date.min, item[1]),
    )
    series: list[tuple[str, int]] = []
    if intensity is not None:
        # TRANSLATORS: a chart label, the first rating.
        series.append((_("First"), intensity))
    items: list[str] = []
    first: int | None = intensity
    for position, (day, _index, row) in enumerate(dated, start=1):
        rating = as_int(row.get("intensity"))
        when = short_date(day) if day else _("Check-in {number}").format(number=position)
        note = "" if quiet else as_text(row.get("note"))
        # TRANSLATORS: added at the end of a check-in's line, {tail} in the lines below.
        tail = _(" (you noted: {note})").format(note=note) if note else ""
        if rating is None or not low <= rating <= high:
            items.append(_("{when}: not rated yet{tail}").format(when=when, tail=tail))
            continue
        # TRANSLATORS: a chart label for a check-in without a date, "#2".
        series.append((day_month(day) if day else _("#{number}").format(number=position), rating))
        if first is None:
            first = rating
            items.append(
                _("{when}: {rating} of {total}, your first rating{tail}").format(
                    when=when, rating=rating, total=high, tail=tail
                )
            )
        else:
            items.append(
                _(
                    "{when}: {rating} of {total}, {change} since your first rating of {first}{tail}"
                ).format(
                    when=when,
                    rating=rating,
                    total=high,
                    change=_change(rating - first),
                    first=first,
                    tail=tail,
                )
            )
    if not items:
        return []
    out: list[Block] = [blocks.heading(_("How it has moved")), blocks.bullets(items)]
    if len(series) >= 2 and first is not None:
        latest = series[-1][1]
        if not quiet:
            out.append(_summary(latest - first))
        # TRANSLATORS: joins the ratings in the chart's description, "7 (First), then 5 (23 Nov)".
        described = _(", then ").join(
            _("{value} ({label})").format(value=value, label=label) for label, value in series
        )
        svg = charts.line_chart(
            "feelings-intensity",
            _("Strength of the feeling over time"),
            _("Ratings out of {total}, oldest first: {ratings}.").format(
                total=high, ratings=described
            ),
            series,
            low,
            high,
        )
        out.append(
            blocks.figure(
                svg,
                _(
                    "Your ratings out of {total}, from the first to the latest: {change} overall."
                ).format(total=high, change=_change(latest - first)),
            )
        )
    future = [day for day, _, _ in dated if day is not None and day > today]
    if future:
        out.append(
            blocks.notice(
                ngettext(
                    "{count} check-in is dated after today. Check the date if that was not on "
                    "purpose.",
                    "{count} check-ins are dated after today. Check the date if that was not on "
                    "purpose.",
                    len(future),
                ).format(count=len(future)),
                "warning",
            )
        )
    return out


def _change(delta: int) -> str:
    if delta == 0:
        return _("no change")
    if delta < 0:
        return ngettext("down {count} point", "down {count} points", -delta).format(count=-delta)
    return ngettext("up {count} point", "up {count} points", delta).format(count=delta)


def _summary(delta: int) -> Block:
    if delta < 0:
        return blocks.notice(
            ngettext(
                "Down {count} point since your first rating. Whatever has been helping, "
                "keep it close.",
                "Down {count} points since your first rating. Whatever has been helping, "
                "keep it close.",
                -delta,
            ).format(count=-delta),
            "success",
        )
    if delta == 0:
        return blocks.notice(
            _(
                "About where it started. That is allowed; some feelings take longer, and naming "
                "them still counts."
            )
        )
    return blocks.notice(
        ngettext(
            "Up {count} point since your first rating. Feelings rise and fall, so one "
            "higher day is not a verdict. If it keeps climbing, lean on someone you trust.",
            "Up {count} points since your first rating. Feelings rise and fall, so one "
            "higher day is not a verdict. If it keeps climbing, lean on someone you trust.",
            delta,
        ).format(count=delta)
    )


def progress_reads(field: Field) -> bool:
    """The fields :func:`progress` reads (see :mod:`browser_py.worksheets`)."""
    return field.id in ("intensity", "checkins")


def progress(answers: Answers) -> dict[str, Any]:
    """This round's data for the progress across rounds (see
    :mod:`browser_py.worksheets`): the first rating, and each later check-in
    with its date (``""`` when none was given), in date order."""
    field = answers.field("intensity")
    low = int(field.min) if field is not None and field.min is not None else 0
    high = int(field.max) if field is not None and field.max is not None else 10
    checkins = []
    for row in answers.rows("checkins"):
        value = as_int(row.get("intensity"))
        if value is None or not low <= value <= high:
            continue
        day = as_date(row.get("date"))
        checkins.append({"date": day.isoformat() if day else "", "value": value})
    checkins.sort(key=lambda item: (item["date"] == "", item["date"]))
    start = answers.integer("intensity")
    return {
        "feeling": {
            "start": start if start is not None and low <= start <= high else None,
            "checkins": checkins,
            "low": low,
            "high": high,
        }
    }

"""Application tracker: pipeline, response rate, pace, follow-ups and wins.

A job search after a rejection can feel like shouting into a void. Counting
makes it concrete: where each application stands, how many got any answer,
whether the weekly pace matches the reader's own target, which companies
are due a polite nudge (seven days without contact), and which wins are
worth noticing. Every number comes with the rule that produced it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from browser_py.core import blocks, charts
from browser_py.core.answers import Answers, as_date, as_text, option_label
from browser_py.core.blocks import Block, Outcome
from browser_py.core.dates import add_days, long_date, monday_of, relative, short_date
from browser_py.core.wording import number, percent, plural

NEEDED = ("weekly_target", "since", "applications")

#: Stages still waiting on the company: these can be due a follow-up.
IN_PROGRESS = frozenset({"applied", "screening", "interview", "final"})
#: Stages that mean the company answered (a no is an answer too).
ANSWERED = frozenset({"screening", "interview", "final", "offer", "rejected"})
#: Stages that mean the reader reached an interview.
INTERVIEWED = frozenset({"interview", "final", "offer"})
WITHDRAWN = "withdrawn"
DEFAULT_STAGE = "applied"

#: Days without contact after which a follow-up is due.
FOLLOW_UP_DAYS = 7
MAX_FOLLOW_UPS = 8


@dataclass(frozen=True, slots=True)
class Application:
    """One logged application, its stage defaulted to "applied"."""

    name: str
    stage: str
    applied: date | None
    last_contact: date | None
    stage_set: bool


@dataclass(frozen=True, slots=True)
class FollowUp:
    application: Application
    last: date
    due: date


def applications(answers: Answers) -> list[Application]:
    out = []
    for row in answers.rows("applications"):
        company, role = as_text(row.get("company")), as_text(row.get("role"))
        name = ", ".join(part for part in (company, role) if part) or "An unnamed application"
        stage = row.get("stage")
        stage_set = isinstance(stage, str) and bool(stage)
        out.append(
            Application(
                name,
                stage if isinstance(stage, str) and stage else DEFAULT_STAGE,
                as_date(row.get("applied")),
                as_date(row.get("last_contact")),
                stage_set,
            )
        )
    return out


def follow_ups(apps: list[Application]) -> list[FollowUp]:
    """Applications still waiting, with the day a follow-up falls due
    (:data:`FOLLOW_UP_DAYS` after the last contact, or after applying),
    soonest first."""
    out = []
    for app in apps:
        if app.stage not in IN_PROGRESS:
            continue
        known = [day for day in (app.applied, app.last_contact) if day is not None]
        if not known:
            continue
        last = max(known)
        due = add_days(last, FOLLOW_UP_DAYS)
        if due is not None:
            out.append(FollowUp(app, last, due))
    out.sort(key=lambda item: item.due)
    return out


def streak(applied: list[date], today: date, goal: int) -> int:
    """Weeks in a row (Monday to Sunday) with at least ``goal`` applications,
    counting back from this week, or from last week while this one is still
    short of the goal (an unfinished week does not break a streak)."""
    if goal <= 0:
        return 0
    weeks = Counter(monday_of(day) for day in applied if day <= today)
    week = monday_of(today)
    if weeks[week] < goal:
        previous = add_days(week, -7)
        if previous is None:
            return 0
        week = previous
    count = 0
    while weeks[week] >= goal:
        count += 1
        previous = add_days(week, -7)
        if previous is None:
            break
        week = previous
    return count


def compute(answers: Answers, context: Mapping[str, Any], today: date) -> Outcome:
    """Blocks for the tracker (``context`` is not used)."""
    apps = applications(answers)
    missing = [
        field_id
        for field_id in NEEDED
        if answers.field(field_id) is not None
        and (not apps if field_id == "applications" else answers.values.get(field_id) is None)
    ]
    out: list[Block] = []
    if not apps:
        out.append(
            blocks.paragraph(
                "Log your applications above, one row each, and this is where your pipeline, pace "
                "and follow-ups will appear."
            )
        )
    else:
        out += _pipeline(answers, apps)
        out += _response_rate(apps)
    out += _pace(answers, apps, today)
    if apps:
        out += _follow_ups(apps, today)
    out += _wins(answers, apps, today)
    return Outcome(out, missing)


def _pipeline(answers: Answers, apps: list[Application]) -> list[Block]:
    spec = answers.sub_field("applications", "stage")
    stages = list(spec.option_values()) if spec is not None else []
    counts = Counter(app.stage for app in apps)
    for stage in counts:
        if stage not in stages:
            stages.append(stage)
    labels = [(option_label(spec, stage), counts[stage]) for stage in stages]
    out: list[Block] = [
        blocks.heading("Your pipeline"),
        blocks.stats(
            [("Applications", str(len(apps)))]
            + [(label, str(count)) for label, count in labels if count]
        ),
    ]
    unset = sum(1 for app in apps if not app.stage_set)
    if unset:
        out.append(
            blocks.paragraph(
                f"{plural(unset, 'application')} without a stage "
                f"{'counts' if unset == 1 else 'count'}"
                f" as {option_label(spec, DEFAULT_STAGE)}."
            )
        )
    described = "; ".join(f"{label}: {count}" for label, count in labels)
    svg = charts.column_chart(
        "tracker-pipeline",
        "Applications by stage",
        f"Number of applications at each stage. {described}.",
        [(label, float(count)) for label, count in labels],
    )
    out.append(blocks.figure(svg, "How many applications are at each stage."))
    return out


def _response_rate(apps: list[Application]) -> list[Block]:
    considered = [app for app in apps if app.stage != WITHDRAWN]
    answered = [app for app in considered if app.stage in ANSWERED]
    out: list[Block] = [blocks.heading("Response rate")]
    if not considered:
        out.append(
            blocks.paragraph(
                "Every application is marked withdrawn, so there is no response rate to show."
            )
        )
        return out
    out.append(
        blocks.stats(
            [
                ("Got an answer", f"{len(answered)} of {len(considered)}"),
                ("Response rate", percent(len(answered), len(considered))),
            ]
        )
    )
    out.append(
        blocks.paragraph(
            "An application counts as answered once it moved past \u201capplied\u201d: a "
            "screening, an interview, a final round, an offer, or a no (a no is an answer too). "
            "Applications still at \u201capplied\u201d count as no answer yet; withdrawn ones are "
            "left out."
        )
    )
    return out


def _pace(answers: Answers, apps: list[Application], today: date) -> list[Block]:
    target_value = answers.number("weekly_target")
    target = round(target_value) if target_value else None
    dates = [app.applied for app in apps if app.applied is not None and app.applied <= today]
    out: list[Block] = [blocks.heading("Your pace")]
    week_start = monday_of(today)
    this_week = sum(1 for day in dates if day >= week_start)
    since = answers.day("since") or (min(dates) if dates else None)
    undated = sum(1 for app in apps if app.applied is None)
    if since is None:
        out.append(
            blocks.paragraph(
                "Add the date you applied to each application (and a start date for tracking) "
                "to see your pace."
            )
        )
        return out
    if since > today:
        out.append(
            blocks.notice(
                f"Your tracking start date, {long_date(since)}, is after "
                "today. Check it, or the average stays at zero.",
                "warning",
            )
        )
    counted = [day for day in dates if day >= since]
    days = max((today - since).days + 1, 7)
    average = len(counted) / (days / 7)
    items = [
        ("This week", f"{this_week} of {target}" if target else str(this_week)),
        ("Average a week", number(average)),
        ("Since", f"{short_date(since)} {since.year}"),
    ]
    out.append(blocks.stats(items))
    if target:
        days_left = 6 - today.weekday()
        if this_week >= target:
            out.append(
                blocks.notice(
                    f"Weekly target of {target} reached. Anything more this "
                    "week is a bonus, not a duty.",
                    "success",
                )
            )
        else:
            left = (
                "today is the last day of the week"
                if days_left == 0
                else (f"{plural(days_left, 'day')} left this week")
            )
            out.append(
                blocks.paragraph(
                    f"{plural(target - this_week, 'more application')} to reach this week's target "
                    f"of {target}; {left}. The target is a guide you set for yourself, not a test."
                )
            )
        compare = "above" if average > target else "below" if average < target else "right on"
        out.append(
            blocks.paragraph(
                f"Since {long_date(since)} you have averaged {number(average)} a week, {compare} "
                f"your target of {target}. The average counts applications dated from then to "
                "today, over at least one full week."
            )
        )
        svg = charts.column_chart(
            "tracker-pace",
            "Your pace against your weekly target",
            f"This week: {this_week}. Average a week since {long_date(since)}: "
            f"{number(average)}. Target: {target} a week.",
            [("This week", float(this_week)), ("Average a week", round(average, 1))],
            target=float(target),
            target_label=f"Target: {target} a week",
        )
        out.append(
            blocks.figure(
                svg,
                "Applications this week and your weekly average, with "
                "your target as a dashed line.",
            )
        )
    if undated:
        verb = "is" if undated == 1 else "are"
        out.append(
            blocks.paragraph(
                f"{plural(undated, 'application')} without a date applied "
                f"{verb} not in the pace yet."
            )
        )
    return out


def _follow_ups(apps: list[Application], today: date) -> list[Block]:
    out: list[Block] = [blocks.heading("Follow-ups")]
    waiting = [app for app in apps if app.stage in IN_PROGRESS]
    if not waiting:
        out.append(blocks.paragraph("Nothing is waiting on a reply right now."))
        return out
    items = []
    for item in follow_ups(apps)[:MAX_FOLLOW_UPS]:
        quiet = (today - item.last).days
        if item.due <= today:
            items.append(
                f"{item.application.name}: no contact for {plural(quiet, 'day')}. "
                f"Follow up now (due since {short_date(item.due)})."
            )
        else:
            items.append(
                f"{item.application.name}: follow up on {short_date(item.due)}, "
                f"{relative(item.due, today)}, if you have not heard back."
            )
    if items:
        out.append(blocks.bullets(items))
        out.append(
            blocks.paragraph(
                f"A follow-up is due {FOLLOW_UP_DAYS} days after your last contact (or after "
                "applying, if there has been none). One short, friendly message is enough."
            )
        )
    undated = sum(1 for app in waiting if app.applied is None and app.last_contact is None)
    if undated:
        out.append(
            blocks.paragraph(
                f"{plural(undated, 'waiting application')} without any dates: add when you applied "
                "to see when to follow up."
            )
        )
    return out


def _wins(answers: Answers, apps: list[Application], today: date) -> list[Block]:
    wins: list[str] = []
    interviews = sum(1 for app in apps if app.stage in INTERVIEWED)
    talked = sum(1 for app in apps if app.stage in ANSWERED and app.stage != "rejected")
    offers = sum(1 for app in apps if app.stage == "offer")
    if offers:
        wins.append(f"{plural(offers, 'offer')}. Well done: take a moment before you decide.")
    if interviews:
        times = "once" if interviews == 1 else f"{interviews} times"
        wins.append(
            f"You reached the interview stage {times}. Someone read your application "
            "and wanted to meet you."
        )
    elif talked:
        wins.append(f"{plural(talked, 'company', 'companies')} wanted to talk to you.")
    dates = [app.applied for app in apps if app.applied is not None]
    target_value = answers.number("weekly_target")
    target = round(target_value) if target_value else 0
    on_target = streak(dates, today, target)
    active = streak(dates, today, 1)
    if on_target >= 2:
        wins.append(f"{on_target} weeks in a row at or above your target.")
    elif active >= 2:
        wins.append(f"{active} weeks in a row with at least one application sent.")
    if apps:
        wins.append(
            f"{plural(len(apps), 'application')} logged. Each one is practice for the next."
        )
    own = answers.text("wins")
    out: list[Block] = [blocks.heading("Wins worth noticing")]
    if wins:
        out.append(blocks.bullets(wins))
    if own:
        out.append(blocks.paragraph(f"In your words: {own}"))
    else:
        out.append(
            blocks.paragraph(
                "Wins come in all sizes: a kind reply, a sharper cover letter, a new contact. Jot "
                "them in the box above; they count, and they add up."
            )
        )
    return out

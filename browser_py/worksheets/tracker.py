"""Application tracker: pipeline, response rate, pace, follow-ups and wins.

A job search after a rejection can feel like shouting into a void. Counting
makes it concrete: where each application stands, how many got any answer,
whether the weekly pace of applications and conversations matches the
reader's own targets, where applications came from and which sources get
answers, which companies are due a polite nudge (the page's one rule: about
two weeks without contact, or a few working days after the date they said
they would decide), and which wins are worth noticing. Every number comes
with the rule that produced it.
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
from browser_py.core.dates import (
    add_days,
    add_working_days,
    long_date,
    monday_of,
    relative,
    short_date,
)
from browser_py.core.i18n import N_, _, ngettext
from browser_py.core.spec import Field
from browser_py.core.wording import number, percent

NEEDED = ("weekly_target", "since", "applications")

#: Stages still waiting on the company: these can be due a follow-up.
IN_PROGRESS = frozenset({"applied", "screening", "interview", "final"})
#: Stages that mean the company answered (a no is an answer too).
ANSWERED = frozenset({"screening", "interview", "final", "offer", "rejected"})
#: Stages that mean the reader reached an interview.
INTERVIEWED = frozenset({"interview", "final", "offer"})
WITHDRAWN = "withdrawn"
DEFAULT_STAGE = "applied"

#: The funnel, in order: each stage's option value, the date sub-field that
#: records the day a row reached it (its spec ``stamp`` fills it in), and the
#: short name the progress charts give it.
FUNNEL: tuple[tuple[str, str, str], ...] = (
    ("applied", "applied", N_("Applied")),
    ("screening", "replied_on", N_("Replied")),
    ("interview", "interview_on", N_("Interview")),
    ("final", "final_on", N_("Final round")),
    ("offer", "offer_on", N_("Offer")),
)
#: Stages that close a row without an offer, and the date sub-field for that day.
CLOSED = ("rejected", WITHDRAWN)
CLOSED_DATE = "closed_on"

#: The follow-up rule, one for the page and the tracker (a test reads the
#: page's "about two weeks" and "two or three working days"):
#: days without contact after which a follow-up is due ...
FOLLOW_UP_DAYS = 14
#: ... or, when the company gave a date for its decision, working days after
#: that date (the page: wait two or three working days beyond it).
DECISION_GRACE_WORKING_DAYS = 3
MAX_FOLLOW_UPS = 8


@dataclass(frozen=True, slots=True)
class Application:
    """One logged application, its stage defaulted to "applied"."""

    name: str
    stage: str
    applied: date | None
    last_contact: date | None
    stage_set: bool
    source: str | None = None
    decision_by: date | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """When to follow up. ``decision``: the due day comes from the date the
    company said it would decide (else from the last contact)."""

    application: Application
    last: date
    due: date
    decision: bool = False


def applications(answers: Answers) -> list[Application]:
    out = []
    for row in answers.rows("applications"):
        company, role = as_text(row.get("company")), as_text(row.get("role"))
        name = ", ".join(part for part in (company, role) if part) or _("An unnamed application")
        stage = row.get("stage")
        stage_set = isinstance(stage, str) and bool(stage)
        out.append(
            Application(
                name,
                stage if isinstance(stage, str) and stage else DEFAULT_STAGE,
                as_date(row.get("applied")),
                as_date(row.get("last_contact")),
                stage_set,
                row.get("source") if isinstance(row.get("source"), str) else None,
                as_date(row.get("decision_by")),
            )
        )
    return out


def follow_ups(apps: list[Application]) -> list[FollowUp]:
    """Applications still waiting, with the day a follow-up falls due,
    soonest first: :data:`DECISION_GRACE_WORKING_DAYS` working days after the
    expected decision date when there is one, else :data:`FOLLOW_UP_DAYS`
    after the last contact (or after applying)."""
    out = []
    for app in apps:
        if app.stage not in IN_PROGRESS:
            continue
        known = [day for day in (app.applied, app.last_contact) if day is not None]
        if app.decision_by is not None:
            due = add_working_days(app.decision_by, DECISION_GRACE_WORKING_DAYS)
            if due is not None:
                out.append(FollowUp(app, max(known, default=app.decision_by), due, decision=True))
            continue
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
                _(
                    "Log your applications above, one row each, and this is where your pipeline, "
                    "pace and follow-ups will appear."
                )
            )
        )
    else:
        out += _pipeline(answers, apps)
        out += _response_rate(apps)
        out += _sources(answers, apps)
    out += _pace(answers, apps, today)
    out += _conversations(answers, today)
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
        blocks.heading(_("Your pipeline")),
        blocks.stats(
            [(_("Applications"), str(len(apps)))]
            + [(label, str(count)) for label, count in labels if count]
        ),
    ]
    unset = sum(1 for app in apps if not app.stage_set)
    if unset:
        out.append(
            blocks.paragraph(
                ngettext(
                    "{count} application without a stage counts as {stage}.",
                    "{count} applications without a stage count as {stage}.",
                    unset,
                ).format(count=unset, stage=option_label(spec, DEFAULT_STAGE))
            )
        )
    # TRANSLATORS: separates the stages in the chart's description, "Applied: 3; Offer: 1".
    described = _("; ").join(
        _("{label}: {count}").format(label=label, count=count) for label, count in labels
    )
    svg = charts.column_chart(
        "tracker-pipeline",
        _("Applications by stage"),
        _("Number of applications at each stage. {stages}.").format(stages=described),
        [(label, float(count)) for label, count in labels],
    )
    out.append(blocks.figure(svg, _("How many applications are at each stage.")))
    return out


def _response_rate(apps: list[Application]) -> list[Block]:
    considered = [app for app in apps if app.stage != WITHDRAWN]
    answered = [app for app in considered if app.stage in ANSWERED]
    out: list[Block] = [blocks.heading(_("Response rate"))]
    if not considered:
        out.append(
            blocks.paragraph(
                _("Every application is marked withdrawn, so there is no response rate to show.")
            )
        )
        return out
    out.append(
        blocks.stats(
            [
                (
                    _("Got an answer"),
                    _("{value} of {total}").format(value=len(answered), total=len(considered)),
                ),
                (_("Response rate"), percent(len(answered), len(considered))),
            ]
        )
    )
    out.append(
        blocks.paragraph(
            _(
                "An application counts as answered once it moved past \u201capplied\u201d: a "
                "screening, an interview, a final round, an offer, or a no (a no is an answer "
                "too). Applications still at \u201capplied\u201d count as no answer yet; "
                "withdrawn ones are left out."
            )
        )
    )
    return out


def _sources(answers: Answers, apps: list[Application]) -> list[Block]:
    """Where the applications came from, and how many from each got an answer."""
    spec = answers.sub_field("applications", "source")
    known = list(spec.option_values()) if spec is not None else []
    counted = [app for app in apps if app.source in known and app.stage != WITHDRAWN]
    if not counted:
        return []
    items = []
    for source in known:
        mine = [app for app in counted if app.source == source]
        if mine:
            answered = sum(1 for app in mine if app.stage in ANSWERED)
            items.append(
                (
                    option_label(spec, source),
                    _("{value} answered of {total}").format(value=answered, total=len(mine)),
                )
            )
    return [
        blocks.heading(_("Where they came from")),
        blocks.stats(items),
        blocks.paragraph(
            _(
                "Once you have more applications, put more effort where the answers come from. "
                "Withdrawn ones are left out."
            )
        ),
    ]


def conversation_dates(answers: Answers) -> list[date]:
    """The dates of the conversations logged (rows without a date are not counted)."""
    days = (as_date(row.get("date")) for row in answers.rows("conversations"))
    return [day for day in days if day is not None]


def _conversations(answers: Answers, today: date) -> list[Block]:
    """Conversations this week against the reader's target, and in all."""
    dates = [day for day in conversation_dates(answers) if day <= today]
    target_value = answers.number("conversation_target")
    target = round(target_value) if target_value else None
    if not dates and not target:
        return []
    this_week = sum(1 for day in dates if day >= monday_of(today))
    out: list[Block] = [
        blocks.heading(_("Conversations")),
        blocks.stats(
            [
                (
                    _("This week"),
                    _("{value} of {total}").format(value=this_week, total=target)
                    if target
                    else str(this_week),
                ),
                (_("In all"), str(len(dates))),
            ]
        ),
    ]
    if target and this_week >= target:
        out.append(
            blocks.notice(
                _("Conversation target of {target} reached this week.").format(target=target),
                "success",
            )
        )
    elif target:
        out.append(
            blocks.paragraph(
                ngettext(
                    "{count} more conversation to reach this week's target of {target}. "
                    "Asking someone about their work counts.",
                    "{count} more conversations to reach this week's target of {target}. "
                    "Asking someone about their work counts.",
                    target - this_week,
                ).format(count=target - this_week, target=target)
            )
        )
    return out


def _pace(answers: Answers, apps: list[Application], today: date) -> list[Block]:
    target_value = answers.number("weekly_target")
    target = round(target_value) if target_value else None
    dates = [app.applied for app in apps if app.applied is not None and app.applied <= today]
    out: list[Block] = [blocks.heading(_("Your pace"))]
    week_start = monday_of(today)
    this_week = sum(1 for day in dates if day >= week_start)
    since = answers.day("since") or (min(dates) if dates else None)
    undated = sum(1 for app in apps if app.applied is None)
    if since is None:
        out.append(
            blocks.paragraph(
                _(
                    "Add the date you applied to each application (and a start date for tracking) "
                    "to see your pace."
                )
            )
        )
        return out
    if since > today:
        out.append(
            blocks.notice(
                _(
                    "Your tracking start date, {date}, is after "
                    "today. Check it, or the average stays at zero."
                ).format(date=long_date(since)),
                "warning",
            )
        )
    counted = [day for day in dates if day >= since]
    days = max((today - since).days + 1, 7)
    average = len(counted) / (days / 7)
    items = [
        (
            _("This week"),
            _("{value} of {total}").format(value=this_week, total=target)
            if target
            else str(this_week),
        ),
        (_("Average a week"), number(average)),
        (
            _("Since"),
            # TRANSLATORS: a short date with its year, "Fri 20 Nov 2026".
            _("{date} {year}").format(date=short_date(since), year=since.year),
        ),
    ]
    out.append(blocks.stats(items))
    if target:
        days_left = 6 - today.weekday()
        if this_week >= target:
            out.append(
                blocks.notice(
                    _(
                        "Weekly target of {target} reached. Anything more this "
                        "week is a bonus, not a duty."
                    ).format(target=target),
                    "success",
                )
            )
        else:
            left = (
                _("today is the last day of the week")
                if days_left == 0
                else ngettext(
                    "{count} day left this week", "{count} days left this week", days_left
                ).format(count=days_left)
            )
            out.append(
                blocks.paragraph(
                    ngettext(
                        "{count} more application to reach this week's target of {target}; "
                        "{left}. The target is a guide you set for yourself, not a test.",
                        "{count} more applications to reach this week's target of {target}; "
                        "{left}. The target is a guide you set for yourself, not a test.",
                        target - this_week,
                    ).format(count=target - this_week, target=target, left=left)
                )
            )
        compare = (
            # TRANSLATORS: {compare} in "you have averaged 2 a week, above your target of 3".
            _("above") if average > target else _("below") if average < target else _("right on")
        )
        out.append(
            blocks.paragraph(
                _(
                    "Since {date} you have averaged {average} a week, {compare} "
                    "your target of {target}. The average counts applications dated from then to "
                    "today, over at least one full week."
                ).format(
                    date=long_date(since), average=number(average), compare=compare, target=target
                )
            )
        )
        svg = charts.column_chart(
            "tracker-pace",
            _("Your pace against your weekly target"),
            _(
                "This week: {this_week}. Average a week since {date}: "
                "{average}. Target: {target} a week."
            ).format(
                this_week=this_week, date=long_date(since), average=number(average), target=target
            ),
            [(_("This week"), float(this_week)), (_("Average a week"), round(average, 1))],
            target=float(target),
            target_label=_("Target: {target} a week").format(target=target),
        )
        out.append(
            blocks.figure(
                svg,
                _(
                    "Applications this week and your weekly average, with "
                    "your target as a dashed line."
                ),
            )
        )
    if undated:
        out.append(
            blocks.paragraph(
                ngettext(
                    "{count} application without a date applied is not in the pace yet.",
                    "{count} applications without a date applied are not in the pace yet.",
                    undated,
                ).format(count=undated)
            )
        )
    return out


def _follow_ups(apps: list[Application], today: date) -> list[Block]:
    out: list[Block] = [blocks.heading(_("Follow-ups"))]
    waiting = [app for app in apps if app.stage in IN_PROGRESS]
    if not waiting:
        out.append(blocks.paragraph(_("Nothing is waiting on a reply right now.")))
        return out
    items = []
    for item in follow_ups(apps)[:MAX_FOLLOW_UPS]:
        quiet = (today - item.last).days
        decision = item.application.decision_by
        if item.decision and decision is not None:
            if item.due <= today:
                items.append(
                    _(
                        "{application}: they expected to decide by {decision}. Ask kindly for "
                        "an update now (due since {date})."
                    ).format(
                        application=item.application.name,
                        decision=short_date(decision),
                        date=short_date(item.due),
                    )
                )
            else:
                items.append(
                    _(
                        "{application}: they expect to decide by {decision}. If you have not "
                        "heard by {date}, {relative}, ask kindly for an update."
                    ).format(
                        application=item.application.name,
                        decision=short_date(decision),
                        date=short_date(item.due),
                        relative=relative(item.due, today),
                    )
                )
        elif item.due <= today:
            items.append(
                ngettext(
                    "{application}: no contact for {count} day. Follow up now (due since {date}).",
                    "{application}: no contact for {count} days. Follow up now (due since {date}).",
                    quiet,
                ).format(application=item.application.name, count=quiet, date=short_date(item.due))
            )
        else:
            items.append(
                _(
                    "{application}: follow up on {date}, {relative}, if you have not heard back."
                ).format(
                    application=item.application.name,
                    date=short_date(item.due),
                    relative=relative(item.due, today),
                )
            )
    if items:
        out.append(blocks.bullets(items))
        out.append(
            blocks.paragraph(
                ngettext(
                    "A follow-up is due {count} day after your last contact (or after "
                    "applying, if there has been none), or {grace} working days after the date "
                    "they said they would decide. One short, friendly message is enough.",
                    "A follow-up is due {count} days after your last contact (or after "
                    "applying, if there has been none), or {grace} working days after the date "
                    "they said they would decide. One short, friendly message is enough.",
                    FOLLOW_UP_DAYS,
                ).format(count=FOLLOW_UP_DAYS, grace=DECISION_GRACE_WORKING_DAYS)
            )
        )
    undated = sum(
        1
        for app in waiting
        if app.applied is None and app.last_contact is None and app.decision_by is None
    )
    if undated:
        out.append(
            blocks.paragraph(
                ngettext(
                    "{count} waiting application without any dates: add when you applied "
                    "to see when to follow up.",
                    "{count} waiting applications without any dates: add when you applied "
                    "to see when to follow up.",
                    undated,
                ).format(count=undated)
            )
        )
    return out


def _wins(answers: Answers, apps: list[Application], today: date) -> list[Block]:
    wins: list[str] = []
    interviews = sum(1 for app in apps if app.stage in INTERVIEWED)
    talked = sum(1 for app in apps if app.stage in ANSWERED and app.stage != "rejected")
    offers = sum(1 for app in apps if app.stage == "offer")
    if offers:
        wins.append(
            ngettext(
                "{count} offer. Well done: take a moment before you decide.",
                "{count} offers. Well done: take a moment before you decide.",
                offers,
            ).format(count=offers)
        )
    if interviews:
        wins.append(
            # TRANSLATORS: a form used for counts other than 1 needs {count}.
            ngettext(
                "You reached the interview stage once. Someone read your application "
                "and wanted to meet you.",
                "You reached the interview stage {count} times. Someone read your application "
                "and wanted to meet you.",
                interviews,
            ).format(count=interviews)
        )
    elif talked:
        wins.append(
            ngettext(
                "{count} company wanted to talk to you.",
                "{count} companies wanted to talk to you.",
                talked,
            ).format(count=talked)
        )
    dates = [app.applied for app in apps if app.applied is not None]
    target_value = answers.number("weekly_target")
    target = round(target_value) if target_value else 0
    on_target = streak(dates, today, target)
    active = streak(dates, today, 1)
    if on_target >= 2:
        wins.append(
            ngettext(
                "{count} week in a row at or above your target.",
                "{count} weeks in a row at or above your target.",
                on_target,
            ).format(count=on_target)
        )
    elif active >= 2:
        wins.append(
            ngettext(
                "{count} week in a row with at least one application sent.",
                "{count} weeks in a row with at least one application sent.",
                active,
            ).format(count=active)
        )
    talks = len(conversation_dates(answers))
    if talks:
        wins.append(
            ngettext(
                "{count} conversation about your search. People are part of how jobs are found.",
                "{count} conversations about your search. People are part of how jobs are found.",
                talks,
            ).format(count=talks)
        )
    if apps:
        wins.append(
            ngettext(
                "{count} application logged. Each one is practice for the next.",
                "{count} applications logged. Each one is practice for the next.",
                len(apps),
            ).format(count=len(apps))
        )
    own = answers.text("wins")
    out: list[Block] = [blocks.heading(_("Wins worth noticing"))]
    if wins:
        out.append(blocks.bullets(wins))
    if own:
        out.append(blocks.paragraph(_("In your words: {wins}").format(wins=own)))
    else:
        out.append(
            blocks.paragraph(
                _(
                    "Wins come in all sizes: a kind reply, a sharper cover letter, a new contact. "
                    "Jot them in the box above; they count, and they add up."
                )
            )
        )
    return out


def progress_reads(field: Field) -> bool:
    """The fields :func:`progress` reads (see :mod:`browser_py.worksheets`)."""
    return field.id == "applications"


def progress(answers: Answers) -> dict[str, Any]:
    """The tracker's data for the progress across rounds (see
    :mod:`browser_py.worksheets`): the funnel's stages, and for each logged
    application its current place in the funnel (``current``, an index into
    ``stages``; ``None`` when it closed), whether and how it closed, the
    date it reached each stage (``""`` when not recorded: rows saved before
    the stage dates existed have none), and where it was found."""
    stage_spec = answers.sub_field("applications", "stage")
    source_spec = answers.sub_field("applications", "source")
    order = [value for value, _field, _label in FUNNEL]
    rows = []
    for row in answers.rows("applications"):
        stage = row.get("stage")
        stage = stage if isinstance(stage, str) and stage else DEFAULT_STAGE
        dates = []
        for _value, field_id, _label in FUNNEL:
            day = as_date(row.get(field_id))
            dates.append(day.isoformat() if day else "")
        closed_on = as_date(row.get(CLOSED_DATE))
        source = row.get("source")
        rows.append(
            {
                "current": order.index(stage) if stage in order else None,
                "closed": stage if stage in CLOSED else "",
                "closed_label": option_label(stage_spec, stage) if stage in CLOSED else "",
                "dates": dates,
                "closed_on": closed_on.isoformat() if closed_on else "",
                "source": option_label(source_spec, source) if isinstance(source, str) else "",
            }
        )
    return {
        "applications": {
            "stages": [{"id": value, "label": _(label)} for value, _field, label in FUNNEL],
            "rows": rows,
        }
    }

"""Learning plan: turn "I should practise" into dated, time-boxed sessions.

The reader picks areas (or lets the reflection's ranking pick them), says how
many hours a week they have, from when and for how long, and how they like
to practise. The plan splits each week's time into a few sessions whose
minutes add up exactly to the hours given, rotates the areas and methods so
every week touches each focus, and gives each session one concrete thing to
do. It also returns the sessions as data, for a calendar export.

The reader's if-then plans ("If it is Tuesday at 7 pm, then I will say one
story out loud") and their plan for the next rejection are written back as
whole sentences, and each plan rides along in every session's calendar
entry, where the page suggests keeping them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from browser_py.core import blocks, themes
from browser_py.core.answers import Answers, options_of
from browser_py.core.blocks import ROUNDS_CONTEXT_KEY, Block, Outcome
from browser_py.core.dates import add_days, long_date, short_date
from browser_py.core.i18n import N_, _, ngettext
from browser_py.core.wording import join_words, number, sentences

#: Fields a complete plan has ("focus" may instead come from the reflection).
NEEDED = ("focus", "hours", "start", "weeks", "methods")

#: The worksheets whose shared data this one reads: the reflection's ranking
#: of areas (``{"ranked": [area ids], "themes": [theme ids], "theme_counts":
#: {...}}``) suggests what to practise, the areas its feedback keeps pointing
#: to first (:mod:`browser_py.core.themes`).
CONTEXT = ("reflection",)

#: ... and from every round: the feedback themes that recur across rounds
#: (the counts of every round's reflection added up, as the workbook's
#: progress across rounds counts them) come before this round's.
ROUNDS_CONTEXT = ("reflection",)

#: When a session starts, in the reader's local time, for the calendar.
SESSION_TIME = "18:00"

#: How many areas to work on at once: the most the plan takes from the
#: reflection when the reader picked none, and the most it suggests picking.
#: Steps 3 and 5 say "one or two" ("no more than two"); the reflection's
#: ``FOCUS_AREAS`` agrees (a test reads the pages and both constants).
FROM_REFLECTION = 2
DEFAULT_HOURS = 2.0
DEFAULT_WEEKS = 4
DEFAULT_METHODS = ("stories", "mock", "research")
MAX_WEEKS = 52
MAX_SESSIONS_A_WEEK = 7
#: Sessions are sized in steps of this many minutes, so times look planned.
MINUTE_STEP = 5

METHOD_TITLES: dict[str, str] = {
    "mock": N_("Mock interview"),
    "stories": N_("Story practice"),
    "research": N_("Company research"),
    "course": N_("Course module"),
    "reading": N_("Reading and notes"),
    "group": N_("Peer group"),
}

#: One concrete action per area and method.
ACTIONS: dict[str, dict[str, str]] = {
    "research": {
        "mock": N_(
            "Ask your practice partner to quiz you on a company you like: what it sells, "
            "who buys it, one recent change."
        ),
        "stories": N_(
            "Write a two-minute answer to \u201cWhy us?\u201d for one employer on your "
            "list and say it aloud."
        ),
        "research": N_(
            "Research one company on your list: products, customers, recent news. "
            "Note three facts you could mention."
        ),
        "course": N_(
            "Do one lesson on reading a company: annual reports, product pages or industry news."
        ),
        "reading": N_(
            "Read one company's latest news and careers page; note two things you "
            "would ask them about."
        ),
        "group": N_(
            "Ask someone in a peer group what working at a company on your list is really like."
        ),
    },
    "role_fit": {
        "mock": N_(
            "Mock interview: answer \u201cWhy are you a good fit?\u201d for a real job "
            "advert and get one note back."
        ),
        "stories": N_(
            "Match each key requirement of one job advert with an example from your "
            "own work, then say them aloud."
        ),
        "research": N_(
            "Collect three adverts for roles you want and mark the skills they all ask for."
        ),
        "course": N_(
            "Do one course module on a skill that keeps showing up in the adverts you target."
        ),
        "reading": N_(
            "Read a job advert line by line; note where your experience fits and where it is thin."
        ),
        "group": N_(
            "Share your profile summary with a peer group and ask how well it matches "
            "the roles you want."
        ),
    },
    "stories": {
        "mock": N_(
            "Mock interview with three \u201cTell me about a time\u2026\u201d questions; ask "
            "which story landed best."
        ),
        "stories": N_(
            "Write one story about a problem you solved (situation, task, action, "
            "result) and rehearse it aloud twice, under two minutes."
        ),
        "research": N_(
            "Look up questions often asked for your kind of role and pick one of your "
            "stories for each."
        ),
        "course": N_(
            "Do one lesson on structuring interview answers, then rewrite one story with it."
        ),
        "reading": N_(
            "Look back over your last year of work and note five moments that could become stories."
        ),
        "group": N_(
            "Tell one of your stories to a peer group and ask what they remember afterwards."
        ),
    },
    "technical": {
        "mock": N_(
            "Work through one technical or task question with a friend watching, thinking out loud."
        ),
        "stories": N_(
            "Explain one piece of technical work you are proud of, aloud and in plain words."
        ),
        "research": N_(
            "Find out what kind of task or test the companies on your list tend to set."
        ),
        "course": N_("Complete one module of a course on the skill your field tests most."),
        "reading": N_(
            "Read up on one topic that felt hard in the interview and write a one-page summary."
        ),
        "group": N_("Solve a practice problem with a peer group, then compare approaches."),
    },
    "questions": {
        "mock": N_(
            "Rehearse the last five minutes of an interview: ask your questions and "
            "follow up on the answers."
        ),
        "stories": N_(
            "Write three questions that show you have thought about the role, and say them aloud."
        ),
        "research": N_(
            "Dig into one company until you can ask something only a close reader would ask."
        ),
        "course": N_("Do one lesson on interview technique and list the questions it suggests."),
        "reading": N_(
            "Read interviews with people in the role you want and note what they say matters."
        ),
        "group": N_(
            "Ask a peer group which questions got interviewers talking, and add two to your list."
        ),
    },
    "composure": {
        "mock": N_(
            "Mock interview in real conditions (dressed, timed, camera on); practise a "
            "slow first answer."
        ),
        "stories": N_(
            "Rehearse your opening answer aloud until it feels easy, then practise "
            "pausing before you reply."
        ),
        "research": N_(
            "Look up the interview format at a company on your list, so fewer things "
            "can surprise you."
        ),
        "course": N_(
            "Try one lesson on breathing or calming techniques and practise it for five minutes."
        ),
        "reading": N_(
            "Read about handling nerves and pick one routine to try before your next interview."
        ),
        "group": N_(
            "Practise answering out loud in front of a small peer group, where mistakes are cheap."
        ),
    },
}


@dataclass(frozen=True, slots=True)
class Session:
    """One planned session."""

    day: date
    week: int
    area: str
    method: str
    minutes: int
    title: str
    details: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "week": self.week,
            "title": self.title,
            "minutes": self.minutes,
            "area": self.area,
            "method": self.method,
            "details": self.details,
        }


def split_minutes(total: int, sessions: int) -> list[int]:
    """``total`` minutes in ``sessions`` parts that add up exactly, as even
    as possible in :data:`MINUTE_STEP` steps (any odd remainder goes first)."""
    sessions = max(sessions, 1)
    steps, remainder = divmod(max(total, 0), MINUTE_STEP)
    base, extra = divmod(steps, sessions)
    parts = [(base + (1 if index < extra else 0)) * MINUTE_STEP for index in range(sessions)]
    parts[0] += remainder
    return parts


def sessions_a_week(total_minutes: int) -> int:
    """About one session per hour, between 1 and 7 (one a day at most)."""
    return max(1, min(MAX_SESSIONS_A_WEEK, round(total_minutes / 60)))


def day_offsets(count: int) -> list[int]:
    """Spread ``count`` sessions over a 7-day week: 3 -> days 0, 2, 5."""
    return [round(index * 7 / count) for index in range(count)]


def build_plan(
    areas: list[str],
    methods: list[str],
    hours: float,
    start: date,
    weeks: int,
    labels: Mapping[str, str],
) -> list[Session]:
    """The sessions, week by week. Week ``n`` starts ``7 * (n - 1)`` days after
    ``start``; areas rotate session by session, methods shift each round so
    an area meets different methods."""
    total = round(hours * 60)
    count = sessions_a_week(total)
    minutes = split_minutes(total, count)
    offsets = day_offsets(count)
    plan: list[Session] = []
    index = 0
    for week in range(1, weeks + 1):
        week_start = add_days(start, 7 * (week - 1))
        if week_start is None:
            break
        for slot in range(count):
            day = add_days(week_start, offsets[slot])
            if day is None:
                break
            area = areas[index % len(areas)]
            method = methods[(index // len(areas) + index % len(areas)) % len(methods)]
            # TRANSLATORS: a session's title, "Role fit: mock interview".
            title = _("{area}: {method}").format(
                area=labels.get(area, area), method=_(METHOD_TITLES[method]).lower()
            )
            action = ACTIONS.get(area, {}).get(method)
            details = _(action) if action else _("Practise this area for the session.")
            plan.append(Session(day, week, area, method, minutes[slot], title, details))
            index += 1
    return plan


def compute(answers: Answers, context: Mapping[str, Any], today: date) -> Outcome:
    """Blocks for the learning plan, plus ``sessions`` for a calendar export."""
    focus_spec = answers.field("focus")
    labels = {option.value: option.label for option in options_of(focus_spec)}
    missing: list[str] = []
    out: list[Block] = [blocks.heading(_("Your plan"))]

    areas = [value for value in answers.choices("focus") if value in ACTIONS]
    if areas:
        out.append(
            blocks.paragraph(
                _("The plan works on the areas you picked: {areas}.").format(
                    areas=join_words(_names(areas, labels))
                )
            )
        )
        if len(areas) > FROM_REFLECTION:
            out.append(
                blocks.notice(
                    # TRANSLATORS: {count} is the most areas the guide suggests at once.
                    ngettext(
                        "That is a lot at once. The guide suggests no more than {count} area "
                        "for a few weeks: untick the others for now.",
                        "That is a lot at once. The guide suggests no more than {count} areas "
                        "for a few weeks: untick the others for now.",
                        FROM_REFLECTION,
                    ).format(count=FROM_REFLECTION)
                )
            )
    else:
        across = _across(context)
        top = _ranked(context.get("reflection"), across)[:FROM_REFLECTION]
        areas = [area for area in top if area in ACTIONS]
        recurring = [area for area in recurring_themes(across) if area in areas]
        if recurring and len(across) > 1:
            text = _(
                "You left the areas blank, so the plan starts with what your feedback came "
                "back to most across your {rounds} rounds: {areas}."
            ).format(rounds=len(across), areas=join_words(_names(recurring, labels)))
            rest = [area for area in areas if area not in recurring]
            if rest:
                text = sentences(
                    text,
                    ngettext(
                        "Then the top area from your reflection: {areas}.",
                        "Then the top areas from your reflection: {areas}.",
                        len(rest),
                    ).format(areas=join_words(_names(rest, labels))),
                )
            out.append(blocks.notice(sentences(text, _("Tick areas above to choose your own."))))
        elif areas:
            out.append(
                blocks.notice(
                    ngettext(
                        "You left the areas blank, so the plan uses the top {count} area from "
                        "your reflection: {areas}. Tick areas above to choose your own.",
                        "You left the areas blank, so the plan uses the top {count} areas from "
                        "your reflection: {areas}. Tick areas above to choose your own.",
                        len(areas),
                    ).format(count=len(areas), areas=join_words(_names(areas, labels)))
                )
            )
        else:
            out.append(
                blocks.notice(
                    _(
                        "Pick at least one area to work on, or rate the areas in the reflection "
                        "worksheet, and your plan will appear here."
                    ),
                    "warning",
                )
            )
            missing.append("focus")
            _note_missing(answers, missing)
            return Outcome(out, _known(answers, missing), {"sessions": []})

    hours = answers.number("hours")
    if hours is None or hours <= 0:
        hours = DEFAULT_HOURS
        missing.append("hours")
        out.append(
            blocks.notice(
                _("No weekly hours given yet, so the plan assumes {hours} hours a week.").format(
                    hours=number(hours)
                )
            )
        )
    weeks_value = answers.number("weeks")
    weeks = max(1, min(MAX_WEEKS, round(weeks_value))) if weeks_value else 0
    if not weeks:
        weeks = DEFAULT_WEEKS
        missing.append("weeks")
        out.append(
            blocks.notice(
                ngettext(
                    "No number of weeks given yet, so the plan runs for {count} week.",
                    "No number of weeks given yet, so the plan runs for {count} weeks.",
                    weeks,
                ).format(count=weeks)
            )
        )
    start = answers.day("start")
    if start is None:
        start = add_days(today, (7 - today.weekday()) % 7) or today
        missing.append("start")
        out.append(
            blocks.notice(
                (
                    _(
                        "No start date yet, so the plan starts on {date} (today), the start of "
                        "a week."
                    )
                    if start == today
                    else _("No start date yet, so the plan starts on {date}, the start of a week.")
                ).format(date=long_date(start))
            )
        )
    elif start < today:
        out.append(
            blocks.notice(
                _(
                    "Your start date, {date}, is in the past, so some sessions may already be "
                    "behind you. Change it to today to start fresh."
                ).format(date=long_date(start)),
                "warning",
            )
        )
    methods = [value for value in answers.choices("methods") if value in METHOD_TITLES]
    if not methods:
        methods = list(DEFAULT_METHODS)
        missing.append("methods")
        out.append(
            blocks.notice(
                _(
                    "No ways of practising picked yet, so the plan mixes story practice, mock "
                    "interviews and company research."
                )
            )
        )

    plan = build_plan(areas, methods, hours, start, weeks, labels)
    out += _describe(plan, hours, weeks)
    if_then = if_then_plans(answers)
    out += _if_then_blocks(answers, if_then)
    # A plan that starts "next Monday" by default would move every time a
    # calendar is made: its sessions are dated only once the reader picks a start.
    events = [] if "start" in missing else [_event(session, if_then) for session in plan]
    return Outcome(out, _known(answers, missing), {"sessions": [s.to_dict() for s in plan]}, events)


def _across(context: Mapping[str, Any]) -> list[object]:
    """What the reflection shared in each round (see :data:`ROUNDS_CONTEXT`)."""
    found = context.get(ROUNDS_CONTEXT_KEY)
    shares = found.get("reflection") if isinstance(found, Mapping) else None
    return list(shares) if isinstance(shares, list) else []


def recurring_themes(shares: Sequence[object]) -> list[str]:
    """The feedback theme ids across every round's share, most mentioned first."""
    counts: dict[str, int] = {}
    for shared in shares:
        found = shared.get("theme_counts") if isinstance(shared, Mapping) else None
        for theme_id, count in found.items() if isinstance(found, Mapping) else ():
            if isinstance(theme_id, str) and isinstance(count, int) and count > 0:
                counts[theme_id] = counts.get(theme_id, 0) + count
    return themes.ranked(counts)


def _ranked(shared: object, across: Sequence[object] = ()) -> list[str]:
    """The area ids to suggest: the feedback themes that recur across rounds
    and are areas first, then this round's (most mentioned first), then the
    reflection's ranking."""
    out: list[str] = []
    lists = [recurring_themes(across)]
    for key in ("themes", "ranked"):
        found = shared.get(key) if isinstance(shared, Mapping) else None
        lists.append(found if isinstance(found, list) else [])
    for found in lists:
        for area in found:
            if isinstance(area, str) and area in ACTIONS and area not in out:
                out.append(area)
    return out


def _event(session: Session, if_then: list[str]) -> dict[str, Any]:
    """One session as a timed calendar event, with the reader's if-then plans
    beside it, where the page suggests keeping them."""
    return {
        "kind": "session",
        "date": session.day.isoformat(),
        # What the session is, in option values: the calendar's UID is made
        # from it, never from the (translated) title.
        "key": f"{session.area}:{session.method}",
        "time": SESSION_TIME,
        "minutes": session.minutes,
        # TRANSLATORS: a practice session's title in the calendar.
        "title": _("{title} (practice)").format(title=session.title),
        "details": sentences(
            session.details,
            _("Week {week} of your learning plan.").format(week=session.week),
            ngettext("{count} minute.", "{count} minutes.", session.minutes).format(
                count=session.minutes
            ),
            *if_then,
        ),
        "step_note": False,
    }


#: The words the Chinese form puts around an if-then plan ("如果……，我就……"),
#: which a reader often types again. Chinese has no spaces, so they are cut
#: as prefixes, again and again ("那么我就" is "那么" then "我就").
CUE_LEADS_ZH = ("如果", "要是", "假如", "假设")
ACTION_LEADS_ZH = ("那么", "那就", "我就", "我会", "就")

#: "就" starts some words of its own ("就业" employment, "就近" nearby): after
#: it, one of these keeps the "就".
_JIU_WORDS = tuple("业职近读诊医餐绪座")

# What may sit between a cut word and the rest: spaces, commas, an ellipsis.
_AFTER_LEAD = " ,\uff0c\u3001\u2026:\uff1a"


def _clause(text: object, lead: tuple[str, ...], lead_zh: tuple[str, ...] = ()) -> str:
    """One part of an if-then plan as the reader typed it, without the words
    the form already puts around it ("If", "then I will", "如果", "我就") or a
    closing stop. Only those words is nothing typed yet: ``""``."""
    clause = " ".join(str(text or "").split()).rstrip(".!;, \u3002\uff01\uff1b\uff0c")
    for word in lead:
        if clause.lower().startswith(word + " "):
            clause = clause[len(word) + 1 :]
    cut = True
    while cut:
        cut = False
        for word in lead_zh:
            rest = clause[len(word) :]
            if not clause.startswith(word):
                continue
            if word == "就" and rest.startswith(_JIU_WORDS):
                continue
            clause, cut = rest.lstrip(_AFTER_LEAD), True
    return clause


def if_then_plans(answers: Answers) -> list[str]:
    """The reader's complete if-then plans as sentences, in the form's order."""
    plans: list[str] = []
    for row in answers.rows("if_then"):
        cue = _clause(row.get("cue"), ("if",), CUE_LEADS_ZH)
        action = _clause(row.get("action"), ("then", "i will", "i'll"), ACTION_LEADS_ZH)
        if cue and action:
            plans.append(_("If {moment}, then I will {action}.").format(moment=cue, action=action))
    return plans


def _if_then_blocks(answers: Answers, plans: list[str]) -> list[Block]:
    """The if-then plans, the plan for the next rejection, and a nudge for
    whichever is still missing."""
    out: list[Block] = []
    half = sum(
        1
        for row in answers.rows("if_then")
        if bool(_clause(row.get("cue"), ("if",), CUE_LEADS_ZH))
        != bool(_clause(row.get("action"), ("then",), ACTION_LEADS_ZH))
    )
    next_no = _clause(answers.text("next_no"), ("then", "i will", "i'll"), ACTION_LEADS_ZH)
    if plans:
        out += [blocks.heading(_("Your if-then plans")), blocks.bullets(plans)]
    if half:
        out.append(
            blocks.notice(
                ngettext(
                    "{count} if-then plan has only one part: give it both the moment and what "
                    "you will do.",
                    "{count} if-then plans have only one part: give each both the moment and "
                    "what you will do.",
                    half,
                ).format(count=half)
            )
        )
    if next_no:
        out.append(
            blocks.paragraph(
                _("For the next rejection: if it arrives, then I will {action}.").format(
                    action=next_no
                )
            )
        )
    elif plans:
        out.append(
            blocks.notice(
                _(
                    "Add one plan for the next rejection too, before it comes: what will you do "
                    "on the day it arrives?"
                )
            )
        )
    return out


def _names(areas: list[str], labels: Mapping[str, str]) -> list[str]:
    return [labels.get(area, area) for area in areas]


def _note_missing(answers: Answers, missing: list[str]) -> None:
    for field_id in ("hours", "start", "weeks"):
        if answers.values.get(field_id) is None:
            missing.append(field_id)
    if not answers.choices("methods"):
        missing.append("methods")


def _known(answers: Answers, missing: list[str]) -> list[str]:
    """Only ids the spec has, in the spec's order."""
    return [spec.id for spec in answers.worksheet.fields if spec.id in missing]


def _describe(plan: list[Session], hours: float, weeks: int) -> list[Block]:
    if not plan:
        return [
            blocks.notice(
                _("The dates are too far out to plan; pick a nearer start date."), "warning"
            )
        ]
    per_week = sum(s.minutes for s in plan if s.week == 1)
    count = sum(1 for s in plan if s.week == 1)
    last_day = add_days(plan[0].day, 7 * plan[-1].week - 1) or plan[-1].day
    out: list[Block] = [
        blocks.stats(
            [
                (_("Weeks"), str(plan[-1].week)),
                (
                    _("Each week"),
                    ngettext(
                        "{hours} hours in {count} session",
                        "{hours} hours in {count} sessions",
                        count,
                    ).format(hours=number(per_week / 60, 2), count=count),
                ),
                (
                    _("Total"),
                    _("{hours} hours").format(hours=number(sum(s.minutes for s in plan) / 60, 2)),
                ),
                (
                    _("Runs"),
                    # TRANSLATORS: the plan's dates, "Mon 30 Nov to Sun 27 Dec 2026".
                    _("{start} to {end} {year}").format(
                        start=short_date(plan[0].day), end=short_date(last_day), year=last_day.year
                    ),
                ),
            ]
        )
    ]
    if plan[-1].week < weeks:
        out.append(
            blocks.notice(
                _("The plan had to stop early: the dates ran past the end of the calendar."),
                "warning",
            )
        )
    if max(s.minutes for s in plan) > 120:
        out.append(
            blocks.paragraph(
                _(
                    "Some sessions are long. Take a short break every hour; "
                    "practice sticks better in fresh pieces."
                )
            )
        )
    lines: list[str] = []
    for week in range(1, plan[-1].week + 1):
        sessions = [s for s in plan if s.week == week]
        if not sessions:
            continue
        end = add_days(sessions[0].day, 6) or sessions[-1].day
        title = _("Week {week}: {start} to {end}").format(
            week=week, start=short_date(sessions[0].day), end=short_date(end)
        )
        # TRANSLATORS: one session in the plan, "Mon 30 Nov, 55 min, Role fit: mock
        # interview. Ask ..."
        items = [
            _("{date}, {minutes} min, {title}. {action}").format(
                date=short_date(s.day), minutes=s.minutes, title=s.title, action=s.details
            )
            for s in sessions
        ]
        out += [blocks.heading(title), blocks.bullets(items)]
        lines += [title, *(f"- {item}" for item in items), ""]
    out.append(
        blocks.paragraph(
            _(
                "At the end of each week, write one line about what got easier. Small gains are "
                "easy to miss and good to see."
            )
        )
    )
    out.append(blocks.copy(_("Plan as text"), "\n".join(lines).strip()))
    return out

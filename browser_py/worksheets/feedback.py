"""Feedback request: a polite, specific email the reader copies and sends.

A narrow question gets a better answer than "any feedback?", so the email
asks at most two questions, chosen from what the reader wants to learn. It
is written in one of three tones, fills in the company, role, interviewer
and interview date, and shows bracketed placeholders for what is still
missing so the reader sees the shape of the email straight away. Timing
advice turns the date they heard back into real dates to send and to follow
up, because "soon" is easy to let slide.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from browser_py.core import blocks
from browser_py.core.answers import Answers, option_label
from browser_py.core.blocks import Block, Outcome
from browser_py.core.dates import add_days, add_working_days, day_month_long, long_date, relative
from browser_py.core.i18n import N_, _, ngettext
from browser_py.core.wording import join_words, lower_first

#: Fields the email cannot be complete without (the spec marks them required).
NEEDED = ("company", "role")

#: At most this many questions go into the email.
MAX_QUESTIONS = 2

TONES = ("warm", "brief", "formal")

#: One question per "what to learn" option, written to be easy to answer
#: (English source strings: the email translates them with ``_()``).
QUESTIONS: dict[str, str] = {
    "deciding-factor": N_("What made the difference in the final decision?"),
    "skills": N_(
        "Which skills or experience would make me a stronger candidate for a role like this?"
    ),
    "answers": N_("How did my answers come across, and is there one I could have handled better?"),
    "exercise": N_(
        "How did my work on the task or exercise come across, and what would have made it stronger?"
    ),
    "communication": N_(
        "How did I come across overall, and is there anything I could do differently next time?"
    ),
    "future": N_("Would it make sense for me to apply for similar roles with you in the future?"),
}

GENERAL_QUESTION = N_("Is there one thing you would suggest I work on before my next interview?")

#: With no topic picked, the topics that suit the stage the reader reached
#: (the page's templates: a first interview, a final round, a task or test).
STAGE_TOPICS: dict[str, tuple[str, ...]] = {
    "first": ("skills",),
    "final": ("deciding-factor", "future"),
    "task": ("exercise",),
}

#: Working days after hearing back within which to send the email.
SEND_WITHIN_WORKING_DAYS = 2
#: Days after sending to wait before one follow-up.
FOLLOW_UP_AFTER_DAYS = 7


def compute(answers: Answers, context: Mapping[str, Any], today: date) -> Outcome:
    """Blocks for the feedback worksheet (``context`` is not used)."""
    missing = [
        field_id
        for field_id in NEEDED
        if answers.field(field_id) is not None and not answers.text(field_id)
    ]
    out: list[Block] = []
    if missing:
        names = join_words([lower_first(answers.label(field_id)) for field_id in missing])
        out.append(
            blocks.notice(
                _(
                    "Add the {fields} so the email is complete. Until then it shows a placeholder "
                    "in square brackets."
                ).format(fields=names),
                "warning",
            )
        )
    chosen = answers.choices("learn")
    questions, question_notes = _questions(answers, chosen)
    tone = answers.choice("tone")
    tone = tone if tone in TONES else "warm"
    subject = _subject(answers, tone)
    body = _body(answers, tone, questions)
    out.append(blocks.heading(_("Your email")))
    out += question_notes
    out.append(blocks.copy(_("Subject"), subject))
    out.append(blocks.copy(_("Email"), body))
    timing, events = _timing(answers, today)
    out += timing
    out.append(
        blocks.notice(
            _(
                "Some companies have a policy of not giving feedback, and some are simply too "
                "busy to reply. A no or a silence says nothing about you. Your own reflection is "
                "still worth doing either way."
            )
        )
    )
    return Outcome(out, missing, events=events)


def _placeholder(answers: Answers, field_id: str, fallback: str) -> str:
    # TRANSLATORS: a placeholder in the email for an answer still missing, "[role]".
    return answers.text(field_id) or _("[{placeholder}]").format(placeholder=fallback)


def _questions(answers: Answers, chosen: list[str]) -> tuple[list[str], list[Block]]:
    spec = answers.field("learn")
    known = [value for value in chosen if value in QUESTIONS]
    stage = answers.choice("stage")
    if not known and stage in STAGE_TOPICS:
        return [_(QUESTIONS[value]) for value in STAGE_TOPICS[stage][:MAX_QUESTIONS]], [
            blocks.notice(
                _(
                    "No topic picked yet, so the email asks what suits the stage you reached "
                    "({stage}). Pick one or two topics to choose the questions yourself."
                ).format(stage=option_label(answers.field("stage"), stage))
            )
        ]
    if not known:
        return [_(GENERAL_QUESTION)], [
            blocks.notice(
                _(
                    "No topic picked yet, so the email asks a general question. One or two "
                    "specific topics usually get a more useful reply."
                )
            )
        ]
    used = known[:MAX_QUESTIONS]
    notes: list[Block] = []
    if len(known) > MAX_QUESTIONS:
        labels = join_words([lower_first(option_label(spec, value)) for value in used])
        notes.append(
            blocks.notice(
                # TRANSLATORS: {count} is always more than two.
                ngettext(
                    "You picked {count} topic. To keep the email short and easy to answer, it "
                    "asks about the first two: {topics}. Save the others for a follow-up "
                    "conversation if one happens.",
                    "You picked {count} topics. To keep the email short and easy to answer, it "
                    "asks about the first two: {topics}. Save the others for a follow-up "
                    "conversation if one happens.",
                    len(known),
                ).format(count=len(known), topics=labels)
            )
        )
    return [_(QUESTIONS[value]) for value in used], notes


def _subject(answers: Answers, tone: str) -> str:
    role = _placeholder(answers, "role", _("role"))
    if tone == "brief":
        return _("Feedback on my {role} interview").format(role=role)
    if tone == "formal":
        return _("Request for feedback: {role} interview").format(role=role)
    return _("Thank you, and a quick question about the {role} role").format(role=role)


def _body(answers: Answers, tone: str, questions: list[str]) -> str:
    company = _placeholder(answers, "company", _("company"))
    role = _placeholder(answers, "role", _("role"))
    name = answers.text("interviewer")
    interviewed = answers.day("interview_date")
    signature = _placeholder(answers, "your_name", _("your name"))
    extra = answers.text("extra")

    if tone == "formal":
        greeting = _("Dear {name},").format(name=name) if name else _("Dear hiring team,")
        # TRANSLATORS: added after "interview me" or "meeting you", {when} below.
        when = _(" on {date}").format(date=day_month_long(interviewed)) if interviewed else ""
        opening = _(
            "Thank you for letting me know your decision about the {role} position at "
            "{company}, and for the time you took to interview me{when}."
        ).format(role=role, company=company, when=when)
        ask = (
            _("I would be grateful for any feedback you are able to share, in particular:")
            if len(questions) > 1
            else _("I would be grateful for your feedback on one point:")
        )
        closing = _(
            "I understand if this is not possible, and I appreciate your consideration. "
            "I hope our paths cross again."
        )
        sign_off = _("Kind regards,")
    elif tone == "brief":
        greeting = _("Hi {name},").format(name=name) if name else _("Hello,")
        when = _(" on {date}").format(date=day_month_long(interviewed)) if interviewed else ""
        opening = _(
            "Thanks for letting me know about the {role} role at {company}, and for "
            "your time at the interview{when}."
        ).format(role=role, company=company, when=when)
        ask = _("If you have a minute, could you tell me:")
        closing = _("A line or two would help a lot. Thanks again.")
        sign_off = _("Thanks,")
    else:
        greeting = _("Hi {name},").format(name=name) if name else _("Hello,")
        when = _(" on {date}").format(date=day_month_long(interviewed)) if interviewed else ""
        opening = _(
            "Thank you for letting me know about the {role} role at {company}. I "
            "enjoyed meeting you{when} and learning more about the team, and I "
            "appreciate the time you all gave me."
        ).format(role=role, company=company, when=when)
        ask = (
            _(
                "I am keen to keep improving, so if you have a few minutes I would really value "
                "your view on:"
            )
            if len(questions) > 1
            else _(
                "I am keen to keep improving, so if you have a few minutes I would really value "
                "your view on one thing:"
            )
        )
        closing = _(
            "Even a short answer would help me a great deal. I understand if you are "
            "not able to share feedback, and I wish you and the team all the best."
        )
        sign_off = _("Best wishes,")

    if len(questions) > 1:
        asked = "\n".join(f"- {question}" for question in questions)
    else:
        asked = questions[0]
    paragraphs = [greeting, opening]
    if answers.choice("channel") == "agency":
        # The page's agency template: the contact passes on what the client said.
        paragraphs.append(
            _(
                "Thank you too for putting me forward. If {company} said anything about how "
                "I did, I would be glad to hear it."
            ).format(company=company)
        )
    paragraphs.append(f"{ask}\n{asked}")
    if extra:
        paragraphs.append(extra)
    paragraphs += [closing, f"{sign_off}\n{signature}"]
    return "\n\n".join(paragraphs)


def _timing(answers: Answers, today: date) -> tuple[list[Block], list[dict[str, Any]]]:
    """The advice on when to send, and the days to send and to follow up as
    calendar events."""
    out: list[Block] = [blocks.heading(_("When to send it"))]
    heard = answers.day("decision_date")
    interviewed = answers.day("interview_date")
    if heard is None:
        out.append(
            blocks.paragraph(
                _(
                    "Send it within one or two working days of hearing back, while the interview "
                    "is fresh for both of you. If there is no reply, follow up once, about a week "
                    "later, and then let it go. Add the date you heard back to get exact dates."
                )
            )
        )
        return out, []
    if interviewed is not None and heard < interviewed:
        out.append(
            blocks.notice(
                _("The date you heard back is before your interview date. Check the two dates."),
                "warning",
            )
        )
    first = add_working_days(heard, 1)
    last = add_working_days(heard, SEND_WITHIN_WORKING_DAYS)
    if first is None or last is None:
        out.append(blocks.paragraph(_("Send it within one or two working days of hearing back.")))
        return out, []
    if today <= last:
        send_by = last
        follow = add_days(last, FOLLOW_UP_AFTER_DAYS)
        window = (
            f"{long_date(first)}"
            if first == last
            else _("{first} or {last}").format(first=long_date(first), last=long_date(last))
        )
        out.append(
            blocks.paragraph(
                _(
                    "You heard back on {date}. The best time to send is {window}, within "
                    "two working days, while your interview is still fresh for them."
                ).format(date=long_date(heard), window=window)
            )
        )
        label = _("Send by")
    else:
        send_by = today
        follow = add_days(today, FOLLOW_UP_AFTER_DAYS)
        out.append(
            blocks.paragraph(
                _(
                    "You heard back on {date}, {relative}. The ideal window "
                    "of one or two working days has passed, but a polite request a little later "
                    "is still fine: send it today if you can."
                ).format(date=long_date(heard), relative=relative(heard, today))
            )
        )
        label = _("Send")
    items = [(label, long_date(send_by))]
    company = " ".join(answers.text("company").split())
    events: list[dict[str, Any]] = [
        {
            "kind": "send",
            "date": send_by.isoformat(),
            "title": (
                _("Send your feedback request to {company}").format(company=company)
                if company
                else _("Send your feedback request")
            ),
            "details": _("Copy the email from the feedback request worksheet and send it."),
        }
    ]
    if follow is not None:
        events.append(
            {
                "kind": "follow-up",
                "date": follow.isoformat(),
                "title": (
                    _("Follow up on your feedback request to {company}").format(company=company)
                    if company
                    else _("Follow up on your feedback request")
                ),
                "details": _(
                    "If there has been no reply, send one short, friendly follow-up, "
                    "then let it go."
                ),
            }
        )
        items.append((_("Follow up once around"), long_date(follow)))
        out.append(blocks.stats(items))
        out.append(
            blocks.paragraph(
                _(
                    "If there is no reply by {date}, send one short, friendly follow-up. "
                    "After that, let it go and put your energy into what comes next."
                ).format(date=long_date(follow))
            )
        )
    else:
        out.append(blocks.stats(items))
    out.append(
        blocks.paragraph(
            _("Working days here skip weekends only; move a date if a public holiday falls on it.")
        )
    )
    return out, events

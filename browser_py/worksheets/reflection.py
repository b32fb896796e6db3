"""Interview reflection: strengths, and a ranked, explained list of what to work on.

The reader rates how prepared they felt in each area and ticks the areas any
feedback pointed to. The ranking is deliberately simple and shown to the
reader, so they can disagree with it: each area scores its gap to the top of
the scale (5 - rating on a 1-5 scale) plus :data:`FEEDBACK_BONUS` when the
feedback mentioned it; ties keep the form's order. The ranking is what this
worksheet shares (:func:`share`) with worksheets that read it as context:
the learning plan suggests what to practise from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from browser_py.core import blocks, charts, themes
from browser_py.core.answers import Answers
from browser_py.core.blocks import Block, Outcome
from browser_py.core.i18n import N_, _, ngettext, pgettext
from browser_py.core.spec import Field
from browser_py.core.wording import join_words, number

#: The multiple choice that lists areas the feedback mentioned.
FEEDBACK_FIELD = "feedback_areas"

#: Points added to an area's score when the feedback mentioned it: a gap
#: someone else saw counts for more than a doubt of your own.
FEEDBACK_BONUS = 2

#: Ratings at or above this share of the scale count as strengths (4 and 5
#: of 5).
STRENGTH_SHARE = 0.75

#: How many areas to work on at once: the page's "one or two things to work
#: on". The learning plan's ``FROM_REFLECTION`` must agree (a test reads both,
#: and the pages).
FOCUS_AREAS = 2

#: The reader's own notes, shown under these headings when written.
NOTES = (
    ("went_well", N_("What went well")),
    ("do_differently", N_("What you would do differently")),
    ("asked", N_("The questions you asked")),
    ("feedback_notes", N_("The feedback, in their words")),
    ("outside_control", N_("Outside your control")),
)


@dataclass(frozen=True, slots=True)
class Ranked:
    """One area to work on, with the numbers behind its place."""

    area: str
    label: str
    score: int
    rating: int | None
    top: int
    mentioned: bool
    strength: bool

    def reasons(self) -> list[str]:
        out = []
        if self.rating is not None:
            out.append(_("rated {rating} of {top}").format(rating=self.rating, top=self.top))
        else:
            out.append(_("not rated yet"))
        if self.mentioned:
            out.append(_("mentioned in the feedback"))
        return out


def areas_of(answers: Answers) -> list[Field]:
    """The rated areas: the spec's scale fields, in order."""
    return [spec for spec in answers.worksheet.fields if spec.kind == "scale"]


def ranked(answers: Answers) -> list[Ranked]:
    """Areas to work on, best candidate first.

    An area qualifies when it was rated below the strength threshold or the
    feedback mentioned it. Score = (top of scale - rating) + bonus.
    """
    mentioned = set(answers.choices(FEEDBACK_FIELD))
    candidates: list[tuple[int, int, Ranked]] = []
    for order, spec in enumerate(areas_of(answers)):
        top = int(spec.max if spec.max is not None else 5)
        rating = answers.integer(spec.id)
        flagged = spec.id in mentioned
        strong = rating is not None and _is_strength(rating, spec)
        if strong and not flagged:
            continue
        if rating is None and not flagged:
            continue
        score = (top - rating if rating is not None else 0) + (FEEDBACK_BONUS if flagged else 0)
        candidates.append(
            (-score, order, Ranked(spec.id, spec.label, score, rating, top, flagged, strong))
        )
    candidates.sort(key=lambda item: (item[0], item[1]))
    return [item for _, _, item in candidates]


def top_areas(answers: Answers, n: int) -> list[str]:
    """The ids of the ``n`` areas most worth working on (may be fewer)."""
    return [item.area for item in ranked(answers)[: max(n, 0)]]


def _is_strength(rating: int, spec: Field) -> bool:
    low = int(spec.min if spec.min is not None else 1)
    high = int(spec.max if spec.max is not None else 5)
    return (rating - low) / ((high - low) or 1) >= STRENGTH_SHARE


#: The written answers whose words count towards the recurring feedback
#: themes (:mod:`browser_py.core.themes`): the feedback in their words.
THEME_TEXTS = ("feedback_notes",)


def share(answers: Answers) -> dict[str, Any]:
    """What other worksheets may read: ``{"ranked": [area ids], "themes":
    [theme ids], "theme_counts": {theme id: count}}``: the areas most worth
    working on first (the values of this spec's scale fields), and the
    feedback themes this round's notes and ticked areas point to, most
    mentioned first, with how often (:func:`browser_py.core.themes.count_themes`,
    which adds up across rounds)."""
    found = progress(answers)["feedback"]
    counts = themes.count_themes(found["texts"], found["areas"])
    return {
        "ranked": [item.area for item in ranked(answers)],
        "themes": themes.ranked(counts),
        "theme_counts": counts,
    }


def progress_reads(field: Field) -> bool:
    """The fields :func:`progress` reads (see :mod:`browser_py.worksheets`):
    the rated areas, the feedback notes and the ticked feedback areas."""
    return field.kind == "scale" or field.id in (*THEME_TEXTS, FEEDBACK_FIELD)


def progress(answers: Answers) -> dict[str, Any]:
    """This round's data for the progress across rounds (see
    :mod:`browser_py.worksheets`): the rating of each area, and the feedback
    notes and ticked areas the recurring themes are found in."""
    ratings = []
    for spec in areas_of(answers):
        value = answers.integer(spec.id)
        if value is not None:
            high = int(spec.max if spec.max is not None else 5)
            low = int(spec.min if spec.min is not None else 1)
            ratings.append(
                {"area": spec.id, "label": spec.label, "value": value, "low": low, "high": high}
            )
    texts = [answers.text(field_id) for field_id in THEME_TEXTS if answers.text(field_id)]
    return {
        "ratings": ratings,
        "feedback": {"texts": texts, "areas": answers.choices(FEEDBACK_FIELD)},
    }


def compute(answers: Answers, context: Mapping[str, Any], today: date) -> Outcome:
    """Blocks for the reflection worksheet (``context`` and ``today`` unused)."""
    areas = areas_of(answers)
    ratings = {spec.id: answers.integer(spec.id) for spec in areas}
    rated = {key: value for key, value in ratings.items() if value is not None}
    mentioned = set(answers.choices(FEEDBACK_FIELD))
    missing = [spec.id for spec in areas if ratings[spec.id] is None]
    out: list[Block] = []

    if not rated and not mentioned:
        out.append(
            blocks.paragraph(
                _(
                    "Rate each area from 1 to 5 to see your strengths and a ranked list of what "
                    "to work on next."
                )
            )
        )
        return Outcome(out, missing)

    top = max((int(spec.max or 5) for spec in areas), default=5)
    average = sum(rated.values()) / len(rated) if rated else None
    summary = [
        (_("Areas rated"), _("{value} of {total}").format(value=len(rated), total=len(areas)))
    ]
    if average is not None:
        summary.append(
            (_("Average"), _("{value} of {total}").format(value=number(average), total=top))
        )
    out.append(blocks.stats(summary))

    strengths = [
        spec.label
        for spec in areas
        if ratings[spec.id] is not None
        and spec.id not in mentioned
        and _is_strength(ratings[spec.id] or 0, spec)
    ]
    out.append(blocks.heading(_("Your strengths")))
    if strengths:
        out.append(blocks.bullets(strengths))
        out.append(
            blocks.paragraph(
                _("Name these in your next interview too: they are what you can lean on.")
            )
        )
    else:
        out.append(
            blocks.paragraph(
                _(
                    "None rated 4 or 5 yet. That is a snapshot of one interview, not of you; "
                    "even a 3 is a base to build on."
                )
            )
        )

    order = ranked(answers)
    out.append(blocks.heading(_("What to work on, in order")))
    if order:
        # TRANSLATORS: one area in the ranked list, "Role fit: rated 2 of 5 (score 3)".
        items = [
            _("{area}: {reasons} (score {score})").format(
                area=item.label,
                reasons=pgettext("list separator", ", ").join(item.reasons()),
                score=item.score,
            )
            for item in order
        ]
        out.append(blocks.bullets(items, ordered=True))
        first = [item.label for item in order[:FOCUS_AREAS]]
        out.append(
            blocks.paragraph(
                ngettext(
                    "Start with {areas}. The learning plan in Step 5 takes it from here.",
                    "Start with the first {count}: {areas}. One or two areas at a time is "
                    "enough; the learning plan in Step 5 takes them from here.",
                    len(first),
                ).format(count=len(first), areas=join_words(first))
            )
        )
        out.append(
            blocks.paragraph(
                _(
                    "How the order is worked out: each area scores {top} minus your rating, plus "
                    "{bonus} if the feedback mentioned it. Higher scores come first; ties keep "
                    "the form's order. Areas you rated 4 or 5 that the feedback did not mention "
                    "are left out."
                ).format(top=top, bonus=FEEDBACK_BONUS)
            )
        )
        surprise = [item.label for item in order if item.mentioned and item.strength]
        if surprise:
            out.append(
                blocks.notice(
                    _(
                        "You felt well prepared for {areas}, but the feedback pointed there. "
                        "Worth a second look: sometimes what we know well does not come across "
                        "as clearly as we think."
                    ).format(areas=join_words(surprise))
                )
            )
    else:
        out.append(
            blocks.paragraph(
                _(
                    "Nothing stands out: every rated area is a strength. Keep "
                    "practising the way you have been."
                )
            )
        )

    for field_id, heading in NOTES:
        text = answers.text(field_id)
        if text:
            out += [blocks.heading(_(heading)), blocks.paragraph(text)]
            if field_id == "outside_control":
                out.append(
                    blocks.paragraph(
                        _("That part was never yours to fix. Leave it out of your plan.")
                    )
                )

    out.append(_figure(answers, areas, mentioned, top))
    if missing:
        out.append(
            blocks.notice(
                ngettext(
                    "{count} area still to rate. The ranking only knows what you tell it.",
                    "{count} areas still to rate. The ranking only knows what you tell it.",
                    len(missing),
                ).format(count=len(missing))
            )
        )
    return Outcome(out, missing)


def _figure(answers: Answers, areas: list[Field], mentioned: set[str], top: int) -> Block:
    rows: list[tuple[str, float | None, str]] = []
    marks: list[bool] = []
    described: list[str] = []
    for spec in areas:
        rating = answers.integer(spec.id)
        flagged = spec.id in mentioned
        value_text = (
            # TRANSLATORS: a rating in the chart, "4/5".
            _("{value}/{total}").format(value=rating, total=int(spec.max or top))
            if rating is not None
            else _("not rated")
        )
        rows.append(
            (
                # TRANSLATORS: a bar's label when the feedback mentioned the area.
                _("{area} (feedback)").format(area=spec.label) if flagged else spec.label,
                float(rating) if rating is not None else None,
                value_text if rating is not None else "\u2013",
            )
        )
        marks.append(flagged)
        described.append(
            _("{area}: {value}, mentioned in the feedback").format(
                area=spec.label, value=value_text
            )
            if flagged
            else _("{area}: {value}").format(area=spec.label, value=value_text)
        )
    svg = charts.bar_rows(
        "reflection-ratings",
        _("How prepared you felt, by area"),
        # TRANSLATORS: the chart's description: the areas, separated by "; ".
        _("{areas}.").format(areas=pgettext("chart description separator", "; ").join(described)),
        rows,
        float(top),
        marks=marks,
    )
    caption = _("Your ratings out of {top}.").format(top=top)
    if mentioned:
        caption = _(
            "Your ratings out of {top}. Bars in orange are areas the feedback mentioned."
        ).format(top=top)
    return blocks.figure(svg, caption)

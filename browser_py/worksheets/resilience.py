"""Thought record: catch the all-or-nothing words, weigh the evidence, track the shift.

A thought after a rejection often arrives in absolutes ("I always freeze",
"nobody will hire me"). The worksheet spots those words, names the exact
word found and offers a fairer one, because seeing "always" quoted back is
what makes it questionable. It then shows how much the belief moved from
before to after, nudges when the evidence against is still empty, and turns
the chosen practices into a checklist for the current week.

Hopelessness and self-harm are never reworded. If anything the reader wrote
has such words (:mod:`browser_py.core.support`), the result leads with the
support note and its link, and leaves out every tip that would answer those
words (the all-or-nothing hints, the evidence nudge, the fairer-thought
prompts, the comment on the belief rating); it keeps the ratings and the
week's practices. "Hopeless" and "pointless" are not in :data:`ABSOLUTES`
at all, so even where they are about a task they get no rewording tip.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from browser_py.core import blocks, support
from browser_py.core.answers import Answers, is_blank, option_label
from browser_py.core.blocks import Block, Outcome
from browser_py.core.dates import add_days, long_date, monday_of
from browser_py.core.i18n import N_, _, language, ngettext

#: Fields a complete thought record has.
NEEDED = ("thought", "belief_before", "evidence_against", "balanced", "belief_after")

#: At most this many word hints, so a long rant does not become a wall of tips.
MAX_HINTS = 6

#: The page: "Pick two or three of these for the coming week rather than all
#: of them". More than this many practices gets a gentle note (a test reads
#: the page).
MAX_PRACTICES = 3


@dataclass(frozen=True, slots=True)
class Absolute:
    """One all-or-nothing word: how to find it and what to say about it."""

    word: str
    pattern: str
    #: English source text, translated with ``_()`` where it is shown.
    tip: str


#: Longer phrases first, so "every time" wins over a shorter overlap.
ABSOLUTES: tuple[Absolute, ...] = (
    Absolute(
        "every time",
        r"every\s+time",
        N_(
            "one interview is one time, not every time. "
            "Try \u201cthis time\u201d or \u201csome of the time\u201d."
        ),
    ),
    Absolute(
        "all the time",
        r"all\s+the\s+time",
        N_("try \u201cat times\u201d or \u201cin this interview\u201d."),
    ),
    Absolute(
        "no one",
        r"no[\s-]+one",
        N_(
            "you have heard from a handful of people, not from "
            "everyone. Try \u201cthis company did not\u201d."
        ),
    ),
    Absolute(
        "always",
        r"always",
        N_(
            "a single no rarely proves an always. "
            "Try \u201cthis time\u201d or \u201csometimes\u201d."
        ),
    ),
    Absolute(
        "never",
        r"never",
        N_("try \u201cnot yet\u201d or \u201cnot this time\u201d; both leave the door open."),
    ),
    Absolute(
        "nobody",
        r"nobody",
        N_("try \u201cthis company did not\u201d or \u201cnot everyone will\u201d."),
    ),
    Absolute(
        "everyone",
        r"everyone|everybody",
        N_("try \u201csome people\u201d or \u201cthe people I met\u201d."),
    ),
    Absolute("everything", r"everything", N_("try \u201csome things\u201d, and name which ones.")),
    Absolute(
        "nothing",
        r"nothing",
        N_(
            "try \u201cnot much yet\u201d or \u201cless than I "
            "hoped\u201d, and look for the small exceptions."
        ),
    ),
    Absolute(
        "failure",
        r"failures?",
        N_(
            "an outcome is not an identity. Try \u201cthis did not "
            "work out\u201d or \u201ca setback\u201d."
        ),
    ),
    Absolute(
        "useless",
        r"useless",
        N_("try \u201cstill learning\u201d or \u201cnot strong at this yet\u201d."),
    ),
    Absolute(
        "worthless",
        r"worthless",
        N_(
            "a hiring decision measures fit for one role, not your "
            "worth. Try \u201cnot the right match this time\u201d."
        ),
    ),
    Absolute("ruined", r"ruined", N_("try \u201cmade harder\u201d or \u201cset back\u201d.")),
    Absolute(
        "completely", r"completely", N_("try \u201cpartly\u201d or \u201cin some ways\u201d.")
    ),
    Absolute("totally", r"totally", N_("try \u201cpartly\u201d or \u201cin some ways\u201d.")),
    Absolute("impossible", r"impossible", N_("try \u201chard\u201d or \u201cnot yet\u201d.")),
    Absolute("forever", r"forever", N_("try \u201cfor now\u201d.")),
)

# Whole words only, any case: (?<!\w) and (?!\w) also work next to
# punctuation and non-Latin letters, where \b can surprise.
_FINDER = re.compile(
    "|".join(
        f"(?<!\\w)(?P<w{index}>{item.pattern})(?!\\w)" for index, item in enumerate(ABSOLUTES)
    ),
    re.IGNORECASE,
)


#: The same traps as Chinese writes them, per language code (see
#: :func:`browser_py.core.i18n.language`), by :attr:`Absolute.word`. Chinese
#: has no spaces between words, so these are found anywhere in the text; the
#: longest wins where two overlap ("永远不" is "never", "永远" alone
#: "forever"; "什么都不" is "nothing", "什么都" "everything"). Words that can
#: carry hopelessness about life ("完了", "毁了", "没希望") are left out on
#: purpose: those are for the support note, never for a rewording tip.
LOCAL_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "zh_Hans": {
        "every time": ("每次", "每一次", "次次"),
        "all the time": ("一直", "老是", "整天", "成天"),
        "no one": ("没有人", "没人", "谁都不", "谁也不"),
        "always": ("总是", "总会", "始终"),
        "never": ("从来", "从不", "从没", "永远不", "再也不"),
        "everyone": ("所有人", "每个人", "人人", "大家都"),
        "everything": ("一切", "所有事", "什么都"),
        "nothing": ("什么都不", "一事无成", "毫无"),
        "failure": ("失败者", "输家", "彻底失败"),
        "useless": ("没用", "无能", "废物", "一无是处"),
        "worthless": ("毫无价值", "没有价值", "一文不值"),
        "ruined": ("搞砸了", "砸了"),
        "completely": ("完全", "彻底"),
        "totally": ("根本", "全都"),
        "impossible": ("不可能", "做不到", "办不到"),
        "forever": ("永远", "一辈子"),
    },
}


def _local_finder(code: str) -> re.Pattern[str] | None:
    """One pattern for a language's words in :data:`LOCAL_WORDS`, longest
    first, each group named after its :data:`ABSOLUTES` index."""
    table = LOCAL_WORDS.get(code)
    if not table:
        return None
    index = {item.word: position for position, item in enumerate(ABSOLUTES)}
    pairs = sorted(
        ((text, index[word]) for word, texts in table.items() for text in texts),
        key=lambda pair: -len(pair[0]),
    )
    # Named groups must be unique, so each word gets a counter too.
    return re.compile(
        "|".join(
            f"(?P<w{item}_{number}>{re.escape(text)})" for number, (text, item) in enumerate(pairs)
        )
    )


_LOCAL_FINDERS: dict[str, re.Pattern[str] | None] = {
    code: _local_finder(code) for code in LOCAL_WORDS
}


@dataclass(frozen=True, slots=True)
class Hint:
    """An absolute word found in the reader's text, as they wrote it."""

    found: str
    absolute: Absolute


def find_absolutes(text: str) -> list[Hint]:
    """All-or-nothing words in ``text``, in order of first appearance,
    each word reported once."""
    hints: list[Hint] = []
    seen: set[str] = set()
    matches = list(_FINDER.finditer(text))
    local = _LOCAL_FINDERS.get(language())
    if local is not None:
        # The reader may mix languages: English words count on every page.
        matches += local.finditer(text)
        matches.sort(key=lambda match: match.start())
    for match in matches:
        group = match.lastgroup or ""
        item = ABSOLUTES[int(group[1:].split("_")[0])]
        if item.word in seen:
            continue
        seen.add(item.word)
        hints.append(Hint(" ".join(match.group(0).split()), item))
    return hints


def compute(answers: Answers, context: Mapping[str, Any], today: date) -> Outcome:
    """Blocks for the thought record (``context`` is not used)."""
    out: list[Block] = []
    thought = answers.text("thought")
    balanced = answers.text("balanced")
    missing = [
        field_id
        for field_id in NEEDED
        if answers.field(field_id) is not None and is_blank(answers.values.get(field_id))
    ]
    if support.find_any(support.written_text(answers).values()) is not None:
        out += support.lead_blocks()
        out += _feeling(answers, quiet=True)
        out += _belief(answers, quiet=True)
        out += _practices(answers, today)
        return Outcome(out, missing, extra={"summary": support.summary_lines()})

    out.append(blocks.heading(_("Words to look at")))
    if not thought:
        out.append(
            blocks.paragraph(
                _(
                    "Write down the thought that keeps coming back, as close to the words in your "
                    "head as you can. Then look for the words below."
                )
            )
        )
    else:
        hints = find_absolutes(thought)
        if hints:
            shown = hints[:MAX_HINTS]
            out.append(
                blocks.paragraph(
                    ngettext(
                        "Your thought uses {count} all-or-nothing word. Words like "
                        "these make one event sound like a rule:",
                        "Your thought uses {count} all-or-nothing words. Words like "
                        "these make one event sound like a rule:",
                        len(hints),
                    ).format(count=len(hints))
                )
            )
            out.append(
                blocks.bullets(
                    [
                        _("\u201c{word}\u201d: {tip}").format(
                            word=hint.found, tip=_(hint.absolute.tip)
                        )
                        for hint in shown
                    ]
                )
            )
        else:
            out.append(
                blocks.paragraph(
                    _(
                        "No all-or-nothing words such as \u201calways\u201d or \u201cnever\u201d "
                        "in your thought. Check it anyway for hidden ones, like \u201cI'm just not "
                        "good enough\u201d."
                    )
                )
            )
    if balanced:
        leftover = find_absolutes(balanced)
        if leftover:
            words = ", ".join(
                _("\u201c{text}\u201d").format(text=hint.found) for hint in leftover[:MAX_HINTS]
            )
            out.append(
                blocks.notice(
                    _(
                        "Your fairer thought still says {words}. See whether a softer word fits "
                        "better."
                    ).format(words=words),
                    "warning",
                )
            )

    out += _traps(answers)
    out += _evidence(answers, thought, balanced)
    out += _belief(answers)
    out += _feeling(answers)
    out += _practices(answers, today)
    return Outcome(out, missing)


def _traps(answers: Answers) -> list[Block]:
    """The thinking traps the reader ticked, and what to do with them."""
    spec = answers.field("traps")
    chosen = answers.choices("traps")
    if not chosen:
        return []
    return [
        blocks.heading(_("Thinking traps you spotted")),
        blocks.bullets([option_label(spec, value) for value in chosen]),
        blocks.paragraph(
            _(
                "Naming a trap takes some of its grip away. Check that your fairer thought "
                "steps out of it."
            )
        ),
    ]


def _feeling(answers: Answers, *, quiet: bool = False) -> list[Block]:
    """How strong the feeling was before and after; ``quiet``: figures only."""
    before = answers.integer("emotion_before")
    after = answers.integer("emotion_after")
    if before is None and after is None:
        return []
    top = answers.scale_max("emotion_before", 10)
    items = []
    if before is not None:
        items.append((_("Before"), _("{value} of {total}").format(value=before, total=top)))
    if after is not None:
        items.append((_("After"), _("{value} of {total}").format(value=after, total=top)))
    out: list[Block] = [blocks.heading(_("How strong the feeling is")), blocks.stats(items)]
    if quiet or before is None or after is None:
        return out
    if after < before:
        out.append(
            blocks.paragraph(
                _("The feeling eased from {before} to {after}. That counts.").format(
                    before=before, after=after
                )
            )
        )
    else:
        out.append(
            blocks.paragraph(
                _(
                    "The feeling has not eased yet. That is allowed: a feeling often takes "
                    "longer to shift than a thought. Be gentle with yourself today."
                )
            )
        )
    return out


def _evidence(answers: Answers, thought: str, balanced: str) -> list[Block]:
    out: list[Block] = []
    against = answers.text("evidence_against")
    supporting = answers.text("evidence_for")
    if thought and not against:
        out.append(
            blocks.notice(
                _(
                    "The box for evidence that does not fit is still empty. A few questions can "
                    "help: What would a friend who knows your work say? Have you been invited to "
                    "interviews before? What went well, even a little? Was anything outside your "
                    "control?"
                )
            )
        )
    if (against or supporting) and not balanced:
        out.append(
            blocks.paragraph(
                _(
                    "Now try a fairer thought that keeps what is true and drops the absolutes. A "
                    "pattern that often works: \u201cThis time [what happened], and [what the "
                    "evidence against shows].\u201d"
                )
            )
        )
    return out


def _belief(answers: Answers, *, quiet: bool = False) -> list[Block]:
    """The belief ratings; ``quiet``: the figures only, no comment."""
    before = answers.integer("belief_before")
    after = answers.integer("belief_after")
    top = answers.scale_max("belief_before", 10)
    if before is None and after is None:
        return []
    out: list[Block] = [blocks.heading(_("How much you believe it"))]
    items = []
    if before is not None:
        items.append((_("Before"), _("{value} of {total}").format(value=before, total=top)))
    if after is not None:
        items.append((_("After"), _("{value} of {total}").format(value=after, total=top)))
    if before is None or after is None:
        out.append(blocks.stats(items))
        if quiet:
            return out
        out.append(
            blocks.paragraph(
                _(
                    "Rate the thought again once you have weighed the "
                    "evidence, to see whether it shifted."
                )
            )
        )
        return out
    delta = after - before
    items.append(
        (
            _("Change"),
            _("none")
            if delta == 0
            else ngettext("down {count} point", "down {count} points", -delta).format(count=-delta)
            if delta < 0
            else ngettext("up {count} point", "up {count} points", delta).format(count=delta),
        )
    )
    out.append(blocks.stats(items))
    if quiet:
        return out
    if delta < 0:
        out.append(
            blocks.notice(
                _(
                    "Your belief in the thought dropped from {before} to {after}. It does not "
                    "have to reach zero to make room for other thoughts."
                ).format(before=before, after=after),
                "success",
            )
        )
    elif delta == 0:
        out.append(
            blocks.paragraph(
                _(
                    "No change yet, and that is fine. Some thoughts need a few passes; try the "
                    "record again in a day or two."
                )
            )
        )
    else:
        out.append(
            blocks.paragraph(
                _(
                    "It feels stronger now. Writing a thought down can stir it up at first. Look "
                    "at the evidence against once more, or talk it through with someone you trust."
                )
            )
        )
    return out


def _practices(answers: Answers, today: date) -> list[Block]:
    chosen = answers.choices("practices")
    if not chosen:
        return []
    spec = answers.field("practices")
    labels = [option_label(spec, value) for value in chosen]
    monday = monday_of(today)
    sunday = add_days(monday, 6)
    week = (
        _("the week of {monday} to {sunday}").format(
            monday=long_date(monday), sunday=long_date(sunday)
        )
        if sunday
        else _("this week")
    )
    checklist = "\n".join(f"[ ] {label}" for label in labels)
    many: list[Block] = []
    if len(labels) > MAX_PRACTICES:
        many.append(
            blocks.notice(
                # TRANSLATORS: {count} is the most practices the page suggests at once.
                ngettext(
                    "That is a lot for one week. Small and regular is easier to keep up: "
                    "try no more than {count} for now.",
                    "That is a lot for one week. Small and regular is easier to keep up: "
                    "try no more than {count} for now.",
                    MAX_PRACTICES,
                ).format(count=MAX_PRACTICES)
            )
        )
    return [
        blocks.heading(_("Your week")),
        blocks.paragraph(
            _(
                "Your practices for {week}. Tick them off as you go; a missed day "
                "is not a failed week."
            ).format(week=week)
        ),
        *many,
        blocks.bullets(labels),
        blocks.copy(_("Checklist"), _("Practices for {week}").format(week=week) + f"\n{checklist}"),
    ]

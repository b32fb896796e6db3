"""Hopelessness or self-harm in the reader's words: lead with support and the link, never reword.

How it decides, deterministically (no model, every match explainable by the
rule that fired, see :func:`find`):

1. :func:`normalise` folds the text the way people really write it: case,
   accents and curly quotes away; apostrophes dropped ("don't" and "dont"
   become the same word); anything not a letter or digit becomes a space;
   and every run of one repeated letter counts once ("sooo", "kill" and
   "kil", "hopelesss" and "hopeles" all match). The rules below are folded
   the same way when they are compiled, so they are written in plain
   English.
2. :data:`RULES` are phrase patterns over the folded text, each with a
   kind: ``"harm"`` (suicide, self-harm, not wanting to be here, being a
   burden) or ``"hopeless"`` (hopelessness about life, self or the future).
   Common typos are spelled out in the patterns ("suicde", "hopless").
3. A few job-talk idioms are let through on purpose (see :data:`EXCEPTIONS`
   and the notes on the rules): "career suicide", "died of embarrassment",
   "hopeless at <a task>", "no point applying there", "I give up on that
   job". Hopelessness about a task is an ordinary sad thought the thought
   record may help reword; hopelessness about life, self or the future is
   not, so any doubt about *what* is hopeless goes to support.

Borderline calls, on purpose (``tests/test_support_detection.py`` holds them):
any mention of suicide counts, even "I'm not suicidal, but..."; "hopeless"
as a feeling counts even about the job search, only "hopeless at/with <a
skill>" does not; "I'm killing myself over these applications" counts.
Left to the worksheet as ordinary: "I give up" and "I want to disappear" on
their own, "I hate myself", "I'm a failure", "my career is over", "kill me
now", "dead tired", "this killed my confidence".

The phrase rules are English only: a later language edition adds its own
list beside these, it does not translate them. The reader-facing sentences
(:func:`lead_blocks`, :func:`summary_lines`) go through gettext as usual.
Nothing here diagnoses: it only decides whether to show the support note.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from browser_py.core import blocks
from browser_py.core.answers import Answers, as_text
from browser_py.core.blocks import Block
from browser_py.core.i18n import _

#: The "Get support now" page, relative to the site root.
SUPPORT_HREF = "support/"

Kind = Literal["harm", "hopeless"]

_APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u201b\u02bc\u02b9`\u00b4\u2032"), None)
_SENTENCE_END = re.compile(r"[.!?;:\n]+")
_NOT_WORD = re.compile(r"[^a-z0-9.]+")
_REPEATS = re.compile(r"([a-z])\1+")


def _squeeze(text: str) -> str:
    return _REPEATS.sub(r"\1", text)


def normalise(text: str) -> str:
    """``text`` folded for matching: ``"I DON\u2019T want to be heeere!!"`` is
    ``" i dont want to be here . "``: padded with a space each side, and a
    sentence's end kept as a lone ``.`` so a phrase never runs across two."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    words = _NOT_WORD.sub(" ", _SENTENCE_END.sub(" . ", plain)).split()
    return " " + _squeeze(" ".join(words)) + " "


# Building blocks for the patterns, written unfolded; a pattern is folded
# (repeated letters squeezed) after they are put in. ``{goon}`` only counts
# at the end of a sentence or before "anymore", "like this", "living", so
# "I can't go on holiday" is not "I can't go on".
_MACROS = {
    "{me}": r"(?:my ?self|my ?slef|my ?sef|meself|myslf)",
    "{dont}": r"(?:dont|do not|dnt|dont really|do not really|dont even)",
    "{cant}": r"(?:cant|can not|cannot|cnt|couldnt|could not)",
    "{im}": r"(?:im|i am|i m|i feel|i feel like|i just feel|i really feel)",
    "{want}": r"(?:want|wanna|wana|wnat|wnt|wanted|wish|would like|like|just want)",
    "{goon}": (
        r"(?:go on|keep going|carry on|carrying on|going on)"
        r"(?= \.| $| any ?more| any longer| like this| living| with life)"
    ),
    "{life}": r"(?:life|living|my life|existence|anything|everything|it all)",
    "{suicide}": (
        r"(?:suicid|suicd|sucid|suicde|suisid|suiscid|siucid|suicied|suiced|sucide|suecid)[a-z]*"
    ),
    "{hopeless}": r"(?:hopeles|hoples|hopelss|hopless|hopelesnes|hoplesnes)[a-z]*",
    "{worthless}": r"(?:worthles|worhtles|wortles|worthls)[a-z]*",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One phrase pattern: its name (for tests and for explaining a match),
    its kind, and the pattern over normalised text."""

    name: str
    kind: Kind
    pattern: str


#: The phrase rules, in the order they are tried.
RULES: tuple[Rule, ...] = (
    # -- suicide and self-harm, said outright (typos included)
    Rule("suicide", "harm", r"{suicide}|unalive|un alive"),
    Rule(
        "hurt myself",
        "harm",
        # not "cut myself some slack", "drown myself in work"
        r"(?:kill|kiled|killing|hurt|hurting|harm|harming|cut|cutting|end|ending|hang|hanging|"
        r"off|drown|starve|poison) {me}(?! some slack| a break| in work| in applications)",
    ),
    Rule("self-harm", "harm", r"self ?harm[a-z]*|self ?injur[a-z]*|self ?mutilat[a-z]*"),
    Rule(
        "end my life",
        "harm",
        r"(?:end|ending|ended) (?:it all|my (?:own )?life|everything)"
        r"|(?:take|taking|took) my (?:own )?life|end it (?:now|tonight|today|for good)",
    ),
    Rule("overdose", "harm", r"overdos[a-z]*|(?:take|taking|swallow) all (?:my|the) pills"),
    # -- wanting to die or not to be here
    Rule(
        "want to die",
        "harm",
        r"{want}(?: to| t)? (?:die|be dead|stop living|not be alive|not exist|not be here|"
        r"not wake up|sleep forever|go to sleep and never wake up|never wake up|disappear forever|"
        r"disappear for good|disappear permanently|vanish forever|stop existing|not be around)",
    ),
    Rule(
        "wish I were dead",
        "harm",
        r"wish (?:i|id) (?:was|were|had) (?:dead|never been born|not born|not here|gone)"
        r"|wish i (?:wasnt|werent) (?:alive|born|here)|better off dead|rather be dead|rather die",
    ),
    Rule(
        "don't want to be here",
        "harm",
        r"(?:{dont}|no longer|never) {want}(?: to)? (?:be here|be alive|exist|wake up|"
        r"be on this earth|be in this world|live(?= \.| $| any ?more| any longer| like this)|"
        r"{goon})",
    ),
    Rule(
        "better off without me",
        "harm",
        r"(?:better|happier|easier) (?:off )?without me"
        r"|(?:no one|noone|nobody) (?:would|will|d) (?:miss|notice|care)(?: [a-z0-9]+){0,2} "
        r"(?:if|when) (?:im|i was|i were|i am|i) (?:gone|dead|died|disappeared|not here|left)"
        r"|(?:{im}|i have become|ive become|i became)(?: such| just| only| nothing but)? a burden",
    ),
    Rule(
        "no reason to live",
        "harm",
        r"(?:no|any|nothing|no more) (?:reason|reasons|point) (?:to|for|in) "
        r"(?:live|living|be alive|being alive|get up|wake up|exist|existing|{goon})"
        r"|nothing (?:left )?to live for|not worth living|life (?:isnt|is not|aint) worth"
        r"|{cant} {goon}",
    ),
    # -- hopelessness about life, self or the future
    Rule(
        "hopeless",
        "hopeless",
        # not a skill: "hopeless at maths questions", "hopeless with names"
        r"{hopeless}(?! at| with| when it comes to| romantic)",
    ),
    Rule(
        "lost all hope",
        "hopeless",
        r"(?:lost|lose|losing|given up|giving up|gave up) (?:all |any |my )?hope"
        r"|(?:no|zero) hope left|(?:there is|theres|there s) no hope(?= \.| $| for me| left| any)"
        r"|(?:beyond|past) (?:hope|help|saving)",
    ),
    Rule(
        "nothing will get better",
        "hopeless",
        r"nothing (?:will|is going to|is gona|ever) (?:ever )?(?:get|gets|be|going to get) "
        r"(?:any )?better"
        r"|(?:it|things|life|this|my life|my situation) (?:wont|will not|isnt going to|"
        r"is not going to|is never going to|will never|never|aint gona|aint going to) "
        r"(?:ever )?(?:get|gets|be|going to get) (?:any )?better"
        r"|never (?:going to|gona|will) get (?:any )?better(?! at| in| with)"
        r"|nothing (?:ever )?(?:changes|improves|gets better|works out)"
        r"(?! (?:at|in|with|for) (?:this|that|the|these|those|my) )",
    ),
    Rule(
        "give up on everything",
        "hopeless",
        r"(?:give|giving|gave|given) up on (?:{life}|myself|{me}|the world|the future|"
        r"my future|living)",
    ),
    Rule(
        "no point in anything",
        "hopeless",
        r"(?:no|whats the|what is the|wats the|dont see the|dont see any|cant see the|"
        r"cant see any|is there any) point (?:in |of |to )?(?:{life}|any of (?:it|this)|"
        r"trying any ?more|carrying on|waking up|getting up)"
        r"|(?:life|living|everything|it all|existence|my life|i am|im|i feel) "
        r"(?:is |feels |seems |so )?(?:pointless|meaningless)"
        r"|(?:dont|cant|can not|cannot|no longer) see (?:the|any) point (?:any ?more|at all)"
        r"|(?:whats|what is|wats) the point any ?more"
        r"|(?:my life|life) is over"
        r"|nothing matters(?! more| as much| to (?:them|the|this|that))",
    ),
    Rule(
        "no future",
        "hopeless",
        # not "no future in this role", "no future at that company"
        r"(?:no|dont have a|dont have any|wont have a|without a) future(?! in| at| with)"
        r"|(?:my|the) future (?:is|looks|feels) (?:bleak|hopeless|black|dark|over|gone|empty)"
        r"|no way out|(?:cant|can not|cannot|dont) see a way (?:out|forward)"
        r"|{cant} (?:do|take|handle|cope with|bear) (?:this|it|any of this) ?(?:any ?more|"
        r"any longer)|{cant} cope any ?more",
    ),
    Rule(
        "worthless",
        "hopeless",
        r"{im}(?: so| completely| totally| utterly| just| such a| a| always been| like a)? "
        r"(?:{worthless}|waste of space|waste of oxygen|good for nothing|failure at life|"
        r"failure as a person)"
        r"|(?:i|my life|myself) (?:is |am )?{worthless}|{worthless} (?:person|human|piece)",
    ),
)

#: Job-talk phrases taken out before the rules run, because a rule would
#: otherwise fire on an ordinary idiom ("that answer was career suicide").
EXCEPTIONS: tuple[str, ...] = (
    r"(?:career|professional|social|political|commercial) {suicide}",
    r"suicide (?:squad|mission|doors)",
    r"(?:die|died|dying) of (?:embarrassment|shame|boredom|cringe|laughter)",
)


def _expand(pattern: str) -> str:
    for macro, body in _MACROS.items():
        pattern = pattern.replace(macro, body)
    # Fold the letters as normalise() folds text; the patterns use no
    # escapes such as \s or \w, so squeezing letters cannot break them.
    return _squeeze(pattern)


@functools.cache
def _compiled() -> tuple[re.Pattern[str], tuple[tuple[Rule, re.Pattern[str]], ...]]:
    """The exceptions and the rules, compiled on first use: every result
    imports this module, and only text the reader wrote needs them."""
    exception = re.compile(
        r"(?<=[ ])(?:" + "|".join(_expand(item) for item in EXCEPTIONS) + r")(?=[ ])"
    )
    rules = tuple(
        (rule, re.compile(r"(?<=[ ])(?:" + _expand(rule.pattern) + r")(?=[ ])")) for rule in RULES
    )
    return exception, rules


@dataclass(frozen=True, slots=True)
class Concern:
    """Why support is shown: the rule that fired and the folded words it matched."""

    kind: Kind
    rule: str
    matched: str


def find(text: str) -> Concern | None:
    """The first rule that fires on ``text``, or ``None``. Never raises."""
    if not isinstance(text, str) or not text.strip():
        return None
    exception, rules = _compiled()
    folded = exception.sub(" ", normalise(text))
    folded = " " + " ".join(folded.split()) + " "
    for rule, compiled in rules:
        match = compiled.search(folded)
        if match:
            return Concern(rule.kind, rule.name, match.group(0))
    return None


def find_any(texts: Iterable[str]) -> Concern | None:
    """:func:`find` over several texts: the first concern found."""
    for text in texts:
        concern = find(text)
        if concern is not None:
            return concern
    return None


def written_text(answers: Answers) -> dict[str, str]:
    """Everything the reader typed into the worksheet: each text and
    textarea answer, list rows included, by where it is (``"need"``,
    ``"checkins.0.note"``)."""
    out: dict[str, str] = {}
    for spec in answers.worksheet.fields:
        if spec.kind in ("text", "textarea"):
            text = answers.text(spec.id)
            if text:
                out[spec.id] = text
        elif spec.kind == "list":
            subs = [sub.id for sub in spec.fields if sub.kind in ("text", "textarea")]
            for index, row in enumerate(answers.rows(spec.id)):
                for sub in subs:
                    text = as_text(row.get(sub))
                    if text:
                        out[f"{spec.id}.{index}.{sub}"] = text
    return out


def lead_blocks() -> list[Block]:
    """The calm support note and the link, to lead a result."""
    return [
        blocks.notice(
            _(
                "What you wrote sounds very heavy. You do not have to carry it alone. If you "
                "might not be safe, please get help now. The page linked below shows how to "
                "reach someone today, wherever you are."
            )
        ),
        blocks.link(_("Get support now"), SUPPORT_HREF),
    ]


def summary_lines() -> list[str]:
    """The workbook overview's summary for a worksheet that shows support."""
    return [
        _("What you wrote sounds very heavy. You do not have to carry it alone."),
        _(
            "If you might not be safe, please get help now: open \u201cGet support now\u201d at "
            "the top of any page."
        ),
    ]

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

Borderline calls, on purpose (``tests/browser_py/core/test_support.py`` holds them):
any mention of suicide counts, even "I'm not suicidal, but..."; "hopeless"
as a feeling counts even about the job search, only "hopeless at/with <a
skill>" does not; "I'm killing myself over these applications" counts.
Left to the worksheet as ordinary: "I give up" and "I want to disappear" on
their own, "I hate myself", "I'm a failure", "my career is over", "kill me
now", "dead tired", "this killed my confidence".

Each language adds its own list beside the English one, it does not
translate it. Simplified Chinese (:data:`RULES_ZH`, :data:`EXCEPTIONS_ZH`)
is the second: both lists run on every page, whatever the page's language,
because a reader may write Chinese on the English page (or the reverse) and
matching both always is the safe side. Chinese has no spaces, so
:func:`normalise_zh` keeps only Han characters (NFKC first, a few
traditional forms folded to simplified: 殺 is 杀, 絕 is 绝), drops spaces and
punctuation between them ("想 死" and "想，死" are "想死"), and keeps a
sentence's end (。！？；, a new line) as ``|`` so a phrase never runs across
two; the rules are substring patterns over that. As in English, any mention
of suicide counts ("我不是想自杀，但是..."), and task-talk is let through only
where it is plain: ``EXCEPTIONS_ZH`` takes out "这份工作/这个岗位/这次面试...
没希望了/没戏了/没前途/没救了" (hope about one application, not about life)
before the rules run, and a few idioms are kept out inside the rules:
"想死你了" (miss you terribly), "跳楼价" (a fire-sale price), "不想活动"
(not wanting an activity).

Chinese borderline calls (``tests/browser_py/core/test_support_zh.py``,
``BORDERLINE_ZH``): "没希望了" with nothing named counts (hope about what is
unsaid goes to support), and so does "offer没希望了" (only Han characters are
kept, so the Latin-letter task is not seen); "我完了", "撑不下去", "坚持不下去",
"没有出路", "想不开" (also "take it hard"), "生无可恋" (also a joke) and
"想解脱" count; "我是团队的拖累" counts, like "I've become a burden";
"活着好累" (tired of living) is ``"harm"``, like "no reason to live", since it
is about living itself; "绝望" counts even about the job search, like
"hopeless". Left to the worksheet as ordinary: "累死了", "笑死我了", "气死我了"
and other "...死了" idioms, "想消失" on its own (like "I want to disappear"),
"我讨厌自己", "我是个失败者", "我的职业生涯完了", "这个岗位没戏了", "那家公司看不到
前途", "职业自杀" (career suicide), "告别" a job, "终于解脱了" after an interview.

The reader-facing sentences (:func:`lead_blocks`, :func:`summary_lines`) go
through gettext as usual, and the support link follows the page's language
(:data:`SUPPORT_HREFS`: a Chinese page links to the Chinese support page).
Nothing here diagnoses: it only decides whether to show the support note.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from browser_py.core import blocks, i18n
from browser_py.core.answers import Answers, as_text
from browser_py.core.blocks import Block
from browser_py.core.i18n import _

#: The "Get support now" page, relative to the site root.
SUPPORT_HREF = "support/"

#: The support page of each language edition (by catalogue code, see
#: :func:`browser_py.core.i18n.code`); any other language gets
#: :data:`SUPPORT_HREF`.
SUPPORT_HREFS = {"zh_Hans": "zh/support/"}

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


# -- Simplified Chinese -------------------------------------------------------------------

# Traditional forms folded to simplified where it is one character for one,
# so a reader typing traditional Chinese is matched by the same rules.
_TRADITIONAL = str.maketrans(
    "著殺絕殘傷遺書結燒樓負擔沒義麼後會無撐開這個覺來離別輕尋說藥盡厭點從還難過給讓們為與見斷絲"
    "氣間兒對醫們發現夠長當麵鬥鬧憂鬱愛錢頭腦學實體種樣時東車話認識",
    "着杀绝残伤遗书结烧楼负担没义么后会无撑开这个觉来离别轻寻说药尽厌点从还难过给让们为与见断丝"
    "气间儿对医们发现够长当面斗闹忧郁爱钱头脑学实体种样时东车话认识",
)
_ZH_SENTENCE_END = re.compile(r"[。！？；!?;\n\r…]+")
_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff|]+")

# Building blocks for the Chinese patterns. ``{task}`` names one
# application, not a life: hope about it is ordinary job-search sadness.
_MACROS_ZH = {
    "{task}": (
        r"(?:工作|岗位|职位|面试|一面|二面|三面|终面|笔试|公司|申请|录取|项目|机会|职业|行业|"
        r"简历|这家|那家|这次|那次|升职|晋升|加薪|转正|上岸|入职)"
    ),
    "{burden}": r"(?:负担|累赘|拖累|包袱)",
    "{better}": r"(?:更好|更轻松|更开心|更幸福|好过|解脱)",
}

#: The Chinese phrase rules, over :func:`normalise_zh` text, in the order
#: they are tried (see the module docstring for the calls made).
RULES_ZH: tuple[Rule, ...] = (
    # -- suicide and self-harm, said outright
    Rule("zh suicide", "harm", r"自杀|轻生|寻死|寻短见|自尽|自缢|上吊|想不开"),
    Rule(
        "zh self-harm",
        "harm",
        r"自残|自伤|自虐|自我伤害|伤害自己|伤害我自己|割腕|割手|划手|割自己|划自己|"
        r"跳楼(?!价|大甩卖|甩卖)|跳河|跳江|跳海|跳桥|卧轨|烧炭|服毒|喝农药|吞药|"
        r"吃药自杀|吞安眠药|吃安眠药|吃了?一整?瓶[^|]{0,3}药|把药全吃了",
    ),
    Rule(
        "zh end my life",
        "harm",
        r"结束(?:我?自己的?|我的)?生命|结束自己|了结自己|了结此生|了断自己|自我了断|"
        r"结束这一切|想要?结束(?:这)?一切|一了百了|一死百了|放弃生命|告别这个世界|和这个世界告别|"
        r"跟这个世界告别|向这个世界告别|永别了|遗书|遗言",
    ),
    # -- wanting to die or not to be here
    Rule(
        "zh want to die",
        "harm",
        # not "想死你了" (miss you terribly)
        r"想死(?!你|您|他|她|它|大家|宝宝|爸|妈)|想去死|想要死|求死|"
        r"不如死了|死了算了|死了就好|死了也好|死掉算了|去死算了|还不如死|"
        r"不想活(?!动|跃)|不想再活|不要活了|活不下去|活够了|不想活着|"
        r"不想醒来|不想再醒来|永远不要?醒来|一睡不醒|长眠不醒|"
        r"不想存在|不想再存在|永远消失|从这个世界上?消失|消失在这个世界|"
        r"不想(?:再)?(?:待|呆|留)在这个世界|想要?解脱",
    ),
    Rule(
        "zh no reason to live",
        "harm",
        r"活着(?:真|好|太|很|都|也|就|还)?(?:没意思|没有意思|没意义|没有意义|没有什么意义|"
        r"有什么意思|有什么意义|干什么|干嘛|做什么|还有什么意思|还有什么意义|"
        r"累|好累|太累|真累)|活得(?:好|太|真|很)?累|"
        r"没有活下去的(?:理由|意义|勇气)|没有理由活|活下去的意义|生无可恋",
    ),
    Rule(
        "zh better off without me",
        "harm",
        r"(?:我是|我就是|我只是|我成了|我变成了|我一直是|我只会是|我只能是)[^|]{0,6}{burden}|"
        r"没有我[^|]{0,8}{better}|我(?:不在了|死了|没了)[^|]{0,6}{better}|"
        r"我消失[^|]{0,6}{better}",
    ),
    # -- hopelessness about life, self or the future
    Rule("zh hopeless", "hopeless", r"绝望|心如死灰|万念俱灰|生不如死"),
    Rule(
        "zh lost all hope",
        "hopeless",
        # "这份工作没希望了" is taken out first (EXCEPTIONS_ZH)
        r"没有?(?:什么|任何)?希望|毫无希望|失去(?:了)?(?:所有|一切)?(?:的)?希望|无望|"
        r"看不到(?:任何)?希望|没救了",
    ),
    Rule(
        "zh my life is over",
        "hopeless",
        r"(?:人生|我|这辈子|一辈子|我这一生|这一生|生活|一切)(?:就|都|算是|彻底|真的|已经)?(?:完了|毁了)(?![这那一整个我你他她它面简机])|"
        r"我(?:是|就是|真是|真的是)?(?:个|一个)?(?:废物|废人)|我[^|]{0,4}一无是处|"
        r"活着就是浪费|浪费空气",
    ),
    Rule(
        "zh no future",
        "hopeless",
        r"看不到(?:我的)?(?:未来|前途|出路|明天)|看不见(?:未来|前途|出路)|"
        r"没有?(?:未来|前途|出路)|走投无路|无路可走|"
        r"(?:撑|熬|挺|扛|坚持|活)不下去|(?:撑|熬|扛)不住了",
    ),
    Rule(
        "zh nothing will get better",
        "hopeless",
        r"(?:什么|一切|做什么|干什么|人生|生活|一切都|这一切)都?(?:没有?|毫无)(?:任何)?意义|"
        r"(?:永远|再也)?不会(?:变)?好(?:起来)?了|永远(?:都)?好不了|好不起来了|"
        r"放弃(?:人生|自己|我自己|生活|活着)",
    ),
)

#: Chinese task-talk taken out before the Chinese rules run: hope about one
#: application ("这个岗位没希望了", "这家公司没前途") is ordinary.
EXCEPTIONS_ZH: tuple[str, ...] = (
    r"{task}[^|]{0,4}?(?:有)?没有?(?:什么|任何)?(?:希望|戏|前途|未来|出路)了?",
    r"{task}[^|]{0,4}?(?:毫无希望|无望|希望渺茫|没救了)",
    r"{task}[^|]{0,4}?看不[到见](?:任何)?(?:希望|前途|未来|出路)",
    r"{task}(?:生涯)?(?:就|都|算是|彻底)?完了",
    r"(?:职业|社交|政治|商业)自杀",
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


def normalise_zh(text: str) -> str:
    """``text`` folded for the Chinese rules: only Han characters, simplified
    where trivial, with ``|`` for a sentence's end: ``"我 不想，活了！OK"`` is
    ``"我不想活了|"``."""
    plain = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    return _NOT_HAN.sub("", _ZH_SENTENCE_END.sub("|", plain.replace("|", "")))


def _expand_zh(pattern: str) -> str:
    for macro, body in _MACROS_ZH.items():
        pattern = pattern.replace(macro, body)
    return pattern


@functools.cache
def _compiled_zh() -> tuple[re.Pattern[str], tuple[tuple[Rule, re.Pattern[str]], ...]]:
    """The Chinese exceptions and rules, compiled on first use."""
    exception = re.compile("|".join(_expand_zh(item) for item in EXCEPTIONS_ZH))
    rules = tuple((rule, re.compile(_expand_zh(rule.pattern))) for rule in RULES_ZH)
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
    # Chinese too, on every page: a reader may write it anywhere.
    exception_zh, rules_zh = _compiled_zh()
    han = exception_zh.sub("|", normalise_zh(text))
    for rule, compiled in rules_zh:
        match = compiled.search(han)
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
        blocks.link(_("Get support now"), support_href()),
    ]


def support_href(language: str | None = None) -> str:
    """The support page for ``language`` (a catalogue code; by default the
    language in use), so a Chinese page's note leads to the Chinese page."""
    return SUPPORT_HREFS.get(i18n.language() if language is None else language, SUPPORT_HREF)


def summary_lines() -> list[str]:
    """The workbook overview's summary for a worksheet that shows support."""
    return [
        _("What you wrote sounds very heavy. You do not have to carry it alone."),
        _(
            "If you might not be safe, please get help now: open \u201cGet support now\u201d at "
            "the top of any page."
        ),
    ]

"""Chinese words of self-harm or hopelessness lead with the support note,
on every page; ordinary job-search sadness in Chinese does not; and on a
Chinese page the note's link leads to the Chinese support page.

The calls made on borderline phrases are the ones the docstring of
:mod:`browser_py.core.support` lists. The worksheets are computed as the
page computes them (``api.handle`` with JSON), as in ``test_support.py``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from browser_py.api import handle
from browser_py.core import i18n, support
from tests.helpers.languages import languages
from tests.helpers.specs import real_specs
from tests.helpers.translated import compiled, speaking

TODAY = date(2026, 11, 17)
SPECS = {id_: spec for id_, spec in real_specs().items() if id_ in ("feelings", "resilience")}
RESILIENCE_PLACES = ("thought", "evidence_for", "situation", "evidence_against", "balanced")
# The English source of the note; a Chinese page shows its translation.
SUPPORT_NOTE = (
    "What you wrote sounds very heavy. You do not have to carry it alone. If you might not be "
    "safe, please get help now. The page linked below shows how to reach someone today, "
    "wherever you are."
)
SUMMARY = [
    "What you wrote sounds very heavy. You do not have to carry it alone.",
    "If you might not be safe, please get help now: open \u201cGet support now\u201d at the "
    "top of any page.",
]

#: Self-harm or not wanting to live, as people write it (spaces, punctuation,
#: traditional characters, full-width forms, negations).
HARM_ZH = [
    "我想自杀",
    "我不是想自杀，但是最近总想到这个",
    "有时候想轻生",
    "脑子里一直有寻死的念头",
    "我想死",
    "好想死啊",
    "我不想活了",
    "我 不想，活了！",
    "真的活不下去了",
    "活着没意思",
    "活着真没意义",
    "我想结束自己的生命",
    "想了结自己",
    "我又自残了",
    "最近经常自伤",
    "想割腕",
    "想从楼上跳下去，想跳楼",
    "想去跳河",
    "想吃药自杀",
    "想吞药",
    "在想烧炭",
    "不如死了算了",
    "死了算了",
    "一了百了",
    "想消失在这个世界",
    "晚上睡着就不想醒来",
    "我是家人的负担",
    "我就是个拖累",
    "没有我大家会更好",
    "已经写好遗书了",
    "想和这个世界告别",
    "我想自殺",
    "我覺得活著沒意思",
    "活着好累",
]

#: Hopelessness about life, self or the future.
HOPELESS_ZH = [
    "我很绝望",
    "对这次求职彻底绝望了",
    "没希望了",
    "我的人生没有希望",
    "我觉得人生完了",
    "我完了",
    "这辈子完了",
    "我的人生毁了",
    "看不到未来",
    "看不到前途，每天都一样",
    "撑不下去了",
    "真的熬不下去了",
    "我没有出路了",
    "做什么都没有意义",
    "一切都没意义",
    "我就是个废物",
    "心如死灰",
    "永远不会好起来了",
    "我對未來很絕望",
]

#: Ordinary sadness and job talk in Chinese, with the idioms a rule could trip on.
ORDINARY_ZH = [
    "面试没过很难过",
    "这次又被拒了",
    "我好失望",
    "简历石沉大海",
    "累死了",
    "今天面了三场，累死我了",
    "笑死我了",
    "气死我了，又让我等通知",
    "饿死了，面完去吃饭",
    "这个岗位没戏了",
    "这份工作没希望了",
    "感觉这家公司没什么希望了",
    "这个行业没有前途",
    "那家公司看不到前途",
    "我的职业生涯完了",
    "想死你了，下周见",
    "周末不想活动，只想休息",
    "商场跳楼价大甩卖",
    "告别了上一份工作",
    "终于解脱了，面试结束",
    "面试结束，一切顺利",
    "我讨厌自己面试时紧张",
    "我是个失败者",
    "我想消失一会儿",
    "心好累，投了五十份简历",
    "那个回答简直是职业自杀",
]

#: Borderline phrases and the call made on each (see browser_py.core.support).
BORDERLINE_ZH = {
    "我不是想自杀，只是很难过": "harm",  # any mention of suicide: support, calmly
    "没希望了": "hopeless",  # hope about what is unsaid goes to support
    "这份工作没希望了": None,  # one application, said plainly
    "这次申请没戏了": None,
    "我完了": "hopeless",
    "坚持不下去了": "hopeless",
    "生无可恋": "harm",  # also a joke, but about living itself
    "活着好累": "harm",  # tired of living, like "no reason to live"
    "我想解脱": "harm",
    "对找工作很绝望": "hopeless",  # a feeling, like "hopeless about my job search"
    "我想消失": None,  # like "I want to disappear" on its own
    "我想永远消失": "harm",  # like "disappear forever"
    "累死了": None,  # "dead tired"
    "我讨厌自己": None,  # like "I hate myself"
    "我是个失败者": None,  # like "I'm a failure"
    "我的职业生涯完了": None,  # like "my career is over"
    "想死你了": None,  # "miss you terribly"
    "offer没希望了": "hopeless",  # the Latin-letter task is not seen: support
    "我总是想不开": "harm",  # also "take it hard", but a known euphemism
    "我是团队的拖累": "harm",  # like "I've become a burden"
    "那个回答是职业自杀": None,  # career suicide
}


def compute(worksheet: str, values: dict[str, Any], language: str | None = None) -> dict:
    request: dict[str, Any] = {
        "action": "compute",
        "worksheet": worksheet,
        "spec": SPECS[worksheet].to_dict(),
        "values": values,
        "today": TODAY.isoformat(),
    }
    if language is not None:
        request["language"] = language
    response = json.loads(handle(json.dumps(request)))
    assert response["ok"] is True, response
    return response


def thought_record(place: str, text: str) -> dict[str, Any]:
    values: dict[str, Any] = {"thought": "我总是搞砸", "belief_before": 8, "practices": ["talk"]}
    values[place] = text
    return values


def test_the_chinese_corpora_are_big_enough_and_apart() -> None:
    assert len(HARM_ZH) + len(HOPELESS_ZH) >= 40 and len(ORDINARY_ZH) >= 15
    assert not set(HARM_ZH + HOPELESS_ZH) & set(ORDINARY_ZH)


@pytest.mark.parametrize("text", HARM_ZH)
def test_chinese_harm_is_found(text: str) -> None:
    concern = support.find(text)
    assert concern is not None and concern.kind == "harm", concern


@pytest.mark.parametrize("text", HOPELESS_ZH)
def test_chinese_hopelessness_is_found(text: str) -> None:
    concern = support.find(text)
    assert concern is not None, text
    # Harm said in the same words wins; it is never ordinary.
    assert concern.kind in ("hopeless", "harm")


@pytest.mark.parametrize("text", ORDINARY_ZH)
def test_ordinary_chinese_job_sadness_gets_no_support_note(text: str) -> None:
    assert support.find(text) is None


@pytest.mark.parametrize("text", BORDERLINE_ZH)
def test_chinese_borderline_calls(text: str) -> None:
    concern = support.find(text)
    assert (concern.kind if concern else None) == BORDERLINE_ZH[text]


def test_chinese_rules_explain_what_fired() -> None:
    concern = support.find("我 不想，活了！")
    assert concern is not None
    assert (concern.kind, concern.rule, concern.matched) == ("harm", "zh want to die", "不想活")


def test_normalise_zh_keeps_han_and_sentence_ends() -> None:
    assert support.normalise_zh("我 不想，活了！OK") == "我不想活了|"
    assert support.normalise_zh("活著，絕望") == "活着绝望"
    # A phrase never runs across two sentences.
    assert support.find("我不想。活动取消了") is None


@pytest.mark.parametrize("language", [None, "en", "zh-Hans"])
def test_chinese_is_matched_on_every_page(language: str | None) -> None:
    """Whatever the page's language, Chinese and English words both count."""
    with speaking():
        for text in ("我不想活了", "I want to kill myself"):
            response = compute("resilience", thought_record("thought", text), language)
            assert response["blocks"][0]["type"] == "notice"
            assert response["blocks"][1]["type"] == "link"
            assert "summary" in response
        ordinary = compute("resilience", thought_record("thought", "面试没过很难过"), language)
        assert all(block["type"] != "link" for block in ordinary["blocks"])


@pytest.mark.parametrize("index", range(len(RESILIENCE_PLACES)))
def test_a_chinese_thought_record_leads_with_chinese_support(index: int) -> None:
    place = RESILIENCE_PLACES[index]
    text = (HARM_ZH + HOPELESS_ZH)[index * 7]
    catalogue = compiled("zh_Hans")
    with speaking():
        response = compute("resilience", thought_record(place, text), "zh-Hans")
    first, second = response["blocks"][:2]
    assert first["type"] == "notice" and first["tone"] == "info"
    assert first["text"] == catalogue.gettext(SUPPORT_NOTE) != SUPPORT_NOTE
    assert second == {"type": "link", "text": "立即寻求帮助", "href": "zh/support/"}
    assert sum(block["type"] == "link" for block in response["blocks"]) == 1
    assert response["summary"] == [catalogue.gettext(line) for line in SUMMARY]


def test_the_support_link_follows_the_language() -> None:
    assert support.support_href("en") == "support/"
    assert support.support_href("zh_Hans") == "zh/support/"
    assert support.support_href("fr") == support.SUPPORT_HREF
    with speaking():
        assert i18n.language() == "zh_Hans"
        assert support.lead_blocks()[1]["href"] == "zh/support/"
    assert support.lead_blocks()[1]["href"] == "support/"


def test_every_language_links_to_its_own_support_page() -> None:
    """For each language ``mkdocs.yml`` declares, the link is its folder's
    support page (``zh/`` + ``support/``), and that page is written."""
    declared = languages()
    assert {language.lang for language in declared} >= {"en", "zh-Hans"}
    for language in declared:
        href = support.support_href(i18n.code(language.lang))
        assert href == language.path + support.SUPPORT_HREF, language
        assert (language.docs / "support.md").is_file(), language

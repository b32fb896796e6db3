"""Words of self-harm or hopelessness lead the feelings check-in and the
thought record with the support note and link; ordinary sadness does not.

It uses the two worksheets' real specs (``tests.helpers.specs``) and calls
``browser_py`` the way the page does (``api.handle`` with JSON). The same
note in a real page: ``tests/site/test_support_in_results.py``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser_py.api import handle
from browser_py.core import blocks, support
from browser_py.core.manifest import steps_from_index
from browser_py.workbook.exchange import export_markdown
from browser_py.workbook.overview import build_overview, summaries
from browser_py.worksheets.resilience import ABSOLUTES, find_absolutes
from tests.helpers.build import ROOT
from tests.helpers.specs import real_specs

TODAY = date(2026, 11, 17)
SUPPORT_NOTE = (
    "What you wrote sounds very heavy. You do not have to carry it alone. If you might not be "
    "safe, please get help now. The page linked below shows how to reach someone today, "
    "wherever you are."
)
SUPPORT_LINK = {"type": "link", "text": "Get support now", "href": "support/"}
SUMMARY = [
    "What you wrote sounds very heavy. You do not have to carry it alone.",
    "If you might not be safe, please get help now: open \u201cGet support now\u201d at the "
    "top of any page.",
]

#: Distress as people write it: typos, no apostrophes, capitals, curly
#: quotes, indirect wording.
DISTRESS = [
    "I want to kill myself",
    "i want to kil myself",
    "I KEEP THINKING ABOUT SUICIDE",
    "been having suicidal thoughts again",
    "thinking about suicde a lot",
    "I'm sucidal",
    "I dont want to be here anymore",
    "I don\u2019t want to be here any more",
    "i just dont wanna be alive",
    "Everyone would be better off without me",
    "my family would be better of without me tbh",
    "I just want to end it all",
    "sometimes i think about ending it all",
    "There's no reason to live",
    "i cant see the point anymore",
    "Whats the point any more. Honestly.",
    "theres no reason to go on",
    "I can't go on",
    "I cant go on like this",
    "i want to disappear forever",
    "I keep wanting to hurt myself",
    "I've been self harming again",
    "i want to die",
    "I wanna die",
    "I wish I was dead",
    "I'd be better off dead",
    "nobody would miss me if I was gone",
    "I'm a burden to everyone",
    "I feel like such a burden",
    "I want to go to sleep and never wake up",
    "I don't want to wake up tomorrow",
    "nothing left to live for",
    "I feel hopeless",
    "Everything is HOPELESS",
    "i feel so hopless",
    "It's all hopeles",
    "there's no point in anything",
    "no point in living",
    "What's the point of it all",
    "nothing will ever get better",
    "It's never going to get better",
    "I give up on everything",
    "I've given up on life",
    "life is pointless",
    "I have no future",
    "My future is bleak",
    "I've lost all hope",
    "I'm worthless",
    "i feel worthles",
    "I can't do this anymore",
    "i cant take it any more",
    "Sooo hopeless right now",
    "I want to take my own life",
    "thinking of taking all my pills",
    "Nothing matters anymore",
    "i dont see the point in living",
    "I feel like a waste of space",
]

#: Ordinary sadness and job talk, including the idioms a rule could trip on.
ORDINARY = [
    "I don't see the point of cover letters",
    "Can't see the point in a fourth round",
    "I'm gutted",
    "Completely gutted about the job",
    "This killed my confidence",
    "The interview killed me",
    "I could kill for a coffee",
    "Dead tired after the panel",
    "I'm done with this company",
    "That was a pointless question",
    "I give up on that job",
    "No point applying there again",
    "I'm hopeless at maths questions",
    "I'm hopeless with names",
    "That answer was career suicide",
    "I wanted to die of embarrassment",
    "I nearly died of embarrassment when I forgot his name",
    "I feel sad and disappointed",
    "so sad today",
    "I cried a bit after the call",
    "I'm really upset",
    "I feel like a failure at interviews",
    "I always freeze in interviews",
    "Nobody will hire me with this CV",
    "I'll never get a job at Google",
    "My career is going nowhere right now",
    "There's no future in this role for me anyway",
    "I can't go on holiday this year",
    "I can't go on LinkedIn without feeling jealous",
    "I need to cut myself some slack",
    "I always end up blaming myself",
    "Things will get better",
    "It will get better, I know",
    "I don't want to live in London anyway",
    "I don't want to go on another interview this week",
    "I'm killing it at the gym at least",
    "This job search is exhausting",
    "I'm tired of rejections",
    "I drove 300 kms to that interview",
    "they gave up on me after round two",
    "I feel embarrassed and angry",
    "I'm so frustrated I could scream",
    "An early night and a call with my sister",
    "Nothing matters more to me than this job",
    "I'm over it, mostly",
    "I just want to disappear under a blanket for the weekend",
    "the rent is a burden on my family",
    "Honestly my degree feels worthless",
    "I'm never going to get better at whiteboard tests",
    "I hate waiting for emails",
]

#: Where the text goes: the free-text fields of each worksheet, in turn.
FEELINGS_PLACES = ("need", "checkins.0.note")
RESILIENCE_PLACES = ("thought", "evidence_for", "situation", "evidence_against", "balanced")


SPECS = {id_: spec for id_, spec in real_specs().items() if id_ in ("feelings", "resilience")}


def values_with(worksheet: str, place: str, text: str) -> dict[str, Any]:
    """Realistic answers with ``text`` in ``place``."""
    if worksheet == "feelings":
        values: dict[str, Any] = {
            "emotions": ["sad", "numb"],
            "intensity": 8,
            "checkin_date": "2026-11-20",
        }
    else:
        values = {"thought": "I always mess up", "belief_before": 8, "practices": ["talk"]}
    if place.startswith("checkins."):  # saved as the form names its controls
        values |= {"checkins.0.date": "2026-11-16", "checkins.0.intensity": "7"}
    values[place] = text
    return values


def compute(worksheet: str, values: dict[str, Any]) -> dict[str, Any]:
    request = {
        "action": "compute",
        "worksheet": worksheet,
        "spec": SPECS[worksheet].to_dict(),
        "values": values,
        "today": TODAY.isoformat(),
    }
    response = json.loads(handle(json.dumps(request)))
    assert response["ok"] is True, response
    return response


def shown_text(response: dict[str, Any]) -> str:
    parts: list[str] = []
    for block in response["blocks"]:
        parts += [block[key] for key in ("text", "label", "caption") if key in block]
        parts += block.get("items", []) if block["type"] == "list" else []
    return "\n".join(parts)


def assert_supported(response: dict[str, Any]) -> None:
    first, second = response["blocks"][:2]
    assert first == {"type": "notice", "tone": "info", "text": SUPPORT_NOTE}
    assert second == SUPPORT_LINK
    assert response["summary"] == SUMMARY
    assert sum(block["type"] == "link" for block in response["blocks"]) == 1


def assert_not_supported(response: dict[str, Any]) -> None:
    assert all(block["type"] != "link" for block in response["blocks"])
    assert "Get support now" not in shown_text(response)
    assert "summary" not in response


# -- the corpora ------------------------------------------------------------------------


def test_the_corpora_are_big_enough_and_apart() -> None:
    assert len(DISTRESS) >= 40 and len(ORDINARY) >= 40
    assert not set(DISTRESS) & set(ORDINARY)


@pytest.mark.parametrize("index", range(len(DISTRESS)))
def test_distress_leads_the_feelings_check_in_with_support(index: int) -> None:
    text = DISTRESS[index]
    place = FEELINGS_PLACES[index % len(FEELINGS_PLACES)]
    assert_supported(compute("feelings", values_with("feelings", place, text)))


@pytest.mark.parametrize("index", range(len(DISTRESS)))
def test_distress_leads_the_thought_record_with_support(index: int) -> None:
    text = DISTRESS[index]
    place = RESILIENCE_PLACES[index % len(RESILIENCE_PLACES)]
    assert_supported(compute("resilience", values_with("resilience", place, text)))


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_sadness_gets_no_support_note(text: str) -> None:
    assert support.find(text) is None
    for place in FEELINGS_PLACES:
        assert_not_supported(compute("feelings", values_with("feelings", place, text)))
    for place in RESILIENCE_PLACES:
        assert_not_supported(compute("resilience", values_with("resilience", place, text)))


def test_every_feeling_ticked_is_not_distress() -> None:
    """The check-in's own options ("Still hopeful", "Numb or flat") never fire."""
    options = [option.value for option in SPECS["feelings"].fields[0].options]
    assert_not_supported(compute("feelings", {"emotions": options, "intensity": 10}))


#: Borderline phrases and the call made on each (see browser_py.core.support).
BORDERLINE = {
    "I'm not suicidal, just sad": "harm",  # any mention of suicide: support, calmly
    "feeling hopeless about my job search": "hopeless",  # a feeling, not a skill
    "I'm killing myself over these applications": "harm",
    "I'm losing hope": "hopeless",
    "my life is over": "hopeless",
    "I give up": None,
    "I want to disappear": None,
    "I hate myself for freezing": None,
    "I'm a failure": None,
    "my career is over": None,
    "kill me now": None,
    "a hopeless romantic": None,
    "nothing ever changes at this company": None,
}


@pytest.mark.parametrize("text", BORDERLINE)
def test_borderline_calls(text: str) -> None:
    concern = support.find(text)
    assert (concern.kind if concern else None) == BORDERLINE[text]


def test_rules_explain_what_fired() -> None:
    concern = support.find("I dont want to be here anymore")
    assert concern is not None
    assert (concern.kind, concern.rule) == ("harm", "don't want to be here")
    hopeless = support.find("Everything is HOPELESS")
    assert hopeless is not None and hopeless.kind == "hopeless"


def test_normalise_folds_how_people_write() -> None:
    assert support.normalise("I DON\u2019T want to be heeere!! Caf\u00e9") == (
        " i dont want to be here . cafe "
    )
    assert support.normalise("kill") == support.normalise("kil")


# -- what the reader sees -----------------------------------------------------------------


def test_the_thought_record_never_rewords_hopelessness() -> None:
    response = compute(
        "resilience",
        {
            "thought": "I'm hopeless, nothing will ever get better, I always fail",
            "evidence_for": "Rejected again",
            "balanced": "Everything is pointless",
            "belief_before": 9,
            "belief_after": 9,
        },
    )
    assert_supported(response)
    text = shown_text(response)
    for tip in ("all-or-nothing", "Try", "try \u201c", "fairer", "does not fit", "No change yet"):
        assert tip not in text, tip
    assert [block["type"] for block in response["blocks"]] == ["notice", "link", "heading", "stats"]
    assert not {"hopeless", "pointless"} & {absolute.word for absolute in ABSOLUTES}
    assert find_absolutes("hopeless and pointless") == []


def test_the_feelings_check_in_does_not_echo_distress_with_advice() -> None:
    response = compute(
        "feelings",
        {
            "emotions": ["sad"],
            "intensity": 9,
            "need": "to not wake up tomorrow",
            "checkin_date": "2026-11-20",
            "checkins.0.date": "2026-11-16",
            "checkins.0.intensity": "7",
            "checkins.0.note": "i want to die",
            "checkins.1.date": "2026-11-17",
            "checkins.1.intensity": "9",
        },
    )
    assert_supported(response)
    text = shown_text(response)
    for phrase in ("What would help today", "time box", "allowed to be here", "wake up", "die"):
        assert phrase not in text, phrase
    assert "You named 1 feeling: Sad." in text
    assert any(block["type"] == "figure" for block in response["blocks"])


def test_support_comes_before_problem_notices() -> None:
    response = compute("feelings", {"need": "I want to end it all", "intensity": "99"})
    assert_supported(response)
    assert response["blocks"][2]["type"] == "notice" and response["blocks"][2]["tone"] == "warning"


def test_the_workbook_overview_and_export_lead_with_support() -> None:
    index = {
        "schema": 2,
        "worksheets": [
            {
                "step": number,
                "page": f"{spec.id}/",
                "page_title": spec.title,
                "spec": spec.to_dict(),
            }
            for number, spec in enumerate(SPECS.values(), start=1)
        ],
    }
    steps = steps_from_index(index)

    def saved(feelings: str, thought: str) -> dict[str, Any]:
        return {
            worksheet: {
                "schema": 1,
                "worksheet": worksheet,
                "saved_at": "2026-11-16T18:00:00.000Z",
                "values": values_with(worksheet, place, text),
            }
            for worksheet, place, text in (
                ("feelings", "need", feelings),
                ("resilience", "thought", thought),
            )
        }

    heavy = saved("I cant go on like this", "Everyone would be better off without me")
    rows = {row["worksheet"]: row for row in build_overview(heavy, steps, TODAY)["steps"]}
    assert rows["feelings"]["summary"] == SUMMARY
    assert rows["resilience"]["summary"] == SUMMARY
    markdown = export_markdown(
        heavy, {s.worksheet.id: s.worksheet for s in steps}, summaries(heavy, steps, TODAY)
    )
    assert markdown.count("> What you wrote sounds very heavy.") == 2

    light = saved("An early night", "I always freeze in interviews")
    for row in build_overview(light, steps, TODAY)["steps"]:
        assert "Get support now" not in " ".join(row["summary"])


# -- the link block -----------------------------------------------------------------------


def test_link_blocks_take_only_site_paths() -> None:
    assert blocks.link("Get support now", "support/") == SUPPORT_LINK
    assert blocks.link("Step", "feel-it/#worksheet")["href"] == "feel-it/#worksheet"
    for bad in (
        "https://example.com/",
        "//example.com/support/",
        "javascript:alert(1)",
        "../support/",
        "/support/",
        "support/?q=1",
        "Support/",
        "",
    ):
        with pytest.raises(ValueError):
            blocks.link("x", bad)


def test_render_js_checks_the_same_site_path_pattern() -> None:
    render = (ROOT / "plugins/rebound_mkdocs/runtime/assets/page/render.js").read_text(
        encoding="utf-8"
    )
    found = re.search(r"const SITE_PATH = /(.+)/;", render)
    assert found is not None
    assert found.group(1).replace("\\/", "/") == blocks.SITE_PATH.pattern


# -- properties ---------------------------------------------------------------------------

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text())
def test_the_matcher_never_raises(text: str) -> None:
    result = support.find(text)
    assert result is None or result.kind in ("harm", "hopeless")
    assert isinstance(support.normalise(text), str)


@SETTINGS
@given(
    st.sampled_from(DISTRESS + ORDINARY),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
    st.sampled_from(["upper", "lower", "swapcase", "title", "no apostrophes", "curly"]),
)
def test_case_and_apostrophes_do_not_matter(phrase: str, noise: str, how: str) -> None:
    text = f"{noise} {phrase}".replace("\u2019", "'")
    changed = {
        "upper": text.upper(),
        "lower": text.lower(),
        "swapcase": text.swapcase(),
        "title": text.title(),
        "no apostrophes": text.replace("'", ""),
        "curly": text.replace("'", "\u2019"),
    }[how]
    before, after = support.find(text), support.find(changed)
    assert (before is None) == (after is None)
    assert before is None or after is None or before.kind == after.kind

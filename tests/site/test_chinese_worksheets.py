"""The six worksheets on their Chinese pages (/zh/...): each computes, in
the one Python of the visit, exactly what CPython's browser_py computes in
Chinese for the same answers, and its results are in Chinese: no English
word of ours in the result region, only what the reader typed and what the
Chinese page's author wrote into the worksheet (its spec).
"""

from __future__ import annotations

import copy
import json
import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from bench.static_server import StaticServer
from tests.helpers.browser_data import BOOT_MS, SAVED, python_result, seed
from tests.helpers.worksheet_pages import PAGES, follow_footer, load_worksheets

pytestmark = pytest.mark.browser

#: Answers for all six worksheets: the shared ones, the two missing from
#: them, and reader text in both languages (the reader's own words stay as
#: typed, whatever the page's language).
ANSWERS = copy.deepcopy(SAVED)
ANSWERS["reflection"] = {
    "schema": 1,
    "worksheet": "reflection",
    "saved_at": "2026-11-22T08:00:00.000Z",
    "values": {
        "research": "4",
        "role_fit": "3",
        "stories": "2",
        "technical": "4",
        "questions": "3",
        "composure": "2",
        "went_well": "准备了公司背景",
        "feedback_areas": ["stories"],
        "feedback_notes": "面试官说例子不够具体",
    },
}
ANSWERS["resilience"] = {
    "schema": 1,
    "worksheet": "resilience",
    "saved_at": "2026-11-22T09:00:00.000Z",
    "values": {
        "situation": "二面被拒",
        "thought": "我总是在面试里紧张，从来没有人要我。",
        "emotion": "失落",
        "emotion_before": "8",
        "belief_before": "8",
        "traps": ["all-or-nothing", "fortune-telling"],
        "evidence_for": "这次没过",
        "evidence_against": "上个月进了终面",
        "balanced": "这次紧张了，下次可以多练习。",
        "belief_after": "4",
        "emotion_after": "5",
        "practices": ["move", "talk"],
    },
}

HAN = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")

# Copy boxes (the email draft) hold their text as a control's value.
REGION_TEXTS_JS = """(region) => JSON.stringify([...region.querySelectorAll(
  "h1, h2, h3, h4, h5, h6, p, li, caption, th, td, figcaption, textarea, pre"
)].map((node) => (node.localName === "textarea" ? node.value : node.textContent)))"""


def block_texts(response: dict) -> list[str]:
    """Every sentence of a response, as the blocks hold them."""
    out: list[str] = []
    for block in response["blocks"]:
        if block["type"] == "stats":
            continue  # a number and its label, split over elements
        for key in ("text", "caption"):
            if isinstance(block.get(key), str):
                out.append(block[key])
        out += [item for item in block.get("items", []) if isinstance(item, str)]
        for row in [block.get("head", []), *block.get("rows", [])]:
            out += [cell for cell in row if isinstance(cell, str)]
    return out


def allowed_words(page: Page, worksheet: str) -> set[str]:
    """ASCII words the result may hold: the reader's and the author's."""
    spec = page.locator(f'form.worksheet[data-worksheet="{worksheet}"]').get_attribute(
        "data-worksheet-spec"
    )
    typed = json.dumps(ANSWERS, ensure_ascii=False)
    return {word.lower() for word in ASCII_WORD.findall(typed + (spec or ""))}


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(service_workers="block")
    load_worksheets(context)
    yield context
    context.close()


def test_every_worksheet_computes_in_chinese_on_its_chinese_page(
    context: BrowserContext, site_server: StaticServer
) -> None:
    page = context.new_page()
    order = list(PAGES)
    seed(page, f"{site_server.url}/zh/{PAGES[order[0]]}/", ANSWERS)
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    for index, worksheet in enumerate(order):
        if index:
            follow_footer(page, "next", worksheet)
        assert page.url.startswith(f"{site_server.url}/zh/"), page.url
        form = page.locator(f'form.worksheet[data-worksheet="{worksheet}"]')
        # Python boots when a worksheet comes into view, as for a reader.
        form.scroll_into_view_if_needed()
        page.wait_for_selector(
            f'form.worksheet[data-worksheet="{worksheet}"][data-runtime=ready]',
            state="attached",
            timeout=BOOT_MS,
        )
        spec = json.loads(form.get_attribute("data-worksheet-spec") or "null")
        saved = {ws: entry["values"] for ws, entry in ANSWERS.items()}
        expected = [
            " ".join(text.split())
            for text in block_texts(
                python_result(page, worksheet, spec, saved.get(worksheet, {}), saved)
            )
        ]
        region = form.locator("[data-worksheet-result]")
        deadline = time.monotonic() + 60
        while True:
            shown = [
                " ".join(text.split()) for text in json.loads(region.evaluate(REGION_TEXTS_JS))
            ]
            if all(text in shown for text in expected) and shown:
                break
            missing = [text for text in expected if text not in shown]
            assert time.monotonic() < deadline, (worksheet, missing, shown)
            page.wait_for_timeout(200)
        text = "\n".join(shown)
        assert HAN.search(text), (worksheet, text)
        ours = {
            word
            for word in ASCII_WORD.findall(text)
            if word.lower() not in allowed_words(page, worksheet)
        }
        assert not ours, (worksheet, sorted(ours), text)
    assert page.evaluate("window.__rebound.boots") == 1  # six Chinese pages, one Python

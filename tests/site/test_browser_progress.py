"""The workbook's "Progress across rounds" in a real browser: charts and their
tables from two rounds' saved data (seeded in the schema 2 keys, read through
storage.snapshot()), exactly what CPython's browser_py makes; axe-clean in
both palettes; every table reachable by keyboard with a visible focus; the
calendar reminder chosen by keyboard; the tracker's stage dates stamped by
the form; and the learning plan's suggested focus led by the feedback themes
that recur across rounds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bench.static_server import StaticServer
from browser_py.api import handle
from browser_py.core import manifest
from browser_py.workbook import calendar_ics, progress
from tests.helpers.browser_data import (
    BOOT_MS,
    RENDERED_JS,
    SAVED,
    WORKBOOK,
    browser_today,
    seed,
    site_index,
    wait_ready,
)
from tests.helpers.worksheet_pages import load_worksheets, settle

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def envelope(round_id: str | None, worksheet: str, values: dict) -> dict:
    return {
        "schema": 2,
        "worksheet": worksheet,
        "round": round_id,
        "saved_at": "2026-11-21T10:00:00.000Z",
        "values": values,
    }


ROUNDS = [
    {
        "id": "r0",
        "label": "Acme, analyst",
        "company": "Acme",
        "role": "Analyst",
        "date": "2026-11-02",
        "created": "2026-11-02T18:04:11.512Z",
    },
    {
        "id": "rmf3k2x1abcd",
        "label": "Globex <b>lead</b> & co",
        "company": "Globex",
        "role": "Lead",
        "date": "2026-11-20",
        "created": "2026-11-20T09:00:00.000Z",
    },
]

PER_ROUND = {
    "r0": {
        "feelings": {
            "intensity": "8",
            "checkins.0.date": "2026-11-05",
            "checkins.0.intensity": "6",
            "checkins.1.date": "2026-11-09",
            "checkins.1.intensity": "3",
        },
        "reflection": {
            "research": "2",
            "stories": "2",
            "composure": "3",
            "feedback_areas": ["stories"],
            "feedback_notes": "More concrete examples, please.",
        },
    },
    "rmf3k2x1abcd": {
        "feelings": {
            "intensity": "6",
            "checkins.0.date": "2026-11-22",
            "checkins.0.intensity": "2",
        },
        "reflection": {
            "research": "4",
            "stories": "3",
            "composure": "2",
            "feedback_notes": "A specific example was missing; you seemed <i>nervous</i>.",
        },
    },
}

TRACKER = {
    "applications.0.company": "Acme",
    "applications.0.stage": "rejected",
    "applications.0.applied": "2026-10-20",
    "applications.0.interview_on": "2026-10-28",
    "applications.0.source": "job-board",
    "applications.1.company": "Globex",
    "applications.1.stage": "final",
    "applications.1.source": "referral",
    "applications.2.company": "Initech",
    "applications.2.stage": "applied",
    "applications.2.applied": "2026-11-25",
}


def seed_keys() -> dict[str, str]:
    keys = {
        "rebound:v2:rounds": json.dumps({"schema": 2, "current": "rmf3k2x1abcd", "rounds": ROUNDS}),
        "rebound:v2:search:tracker": json.dumps(envelope(None, "tracker", TRACKER)),
    }
    for round_id, worksheets in PER_ROUND.items():
        for worksheet, values in worksheets.items():
            keys[f"rebound:v2:{round_id}:{worksheet}"] = json.dumps(
                envelope(round_id, worksheet, values)
            )
    return keys


def snapshot() -> dict:
    """What storage.snapshot() gives for the seeded keys."""
    return {
        "current": "rmf3k2x1abcd",
        "rounds": [
            {
                **item,
                "worksheets": {
                    ws: {"saved_at": "2026-11-21T10:00:00.000Z", "values": values}
                    for ws, values in PER_ROUND[item["id"]].items()
                },
            }
            for item in ROUNDS
        ],
        "worksheets": {"tracker": {"saved_at": "2026-11-21T10:00:00.000Z", "values": TRACKER}},
    }


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(accept_downloads=True)
    load_worksheets(context)
    yield context
    context.close()


@pytest.fixture(scope="module")
def page(context: BrowserContext, site_server: StaticServer) -> Page:
    page = context.new_page()
    page.goto(f"{site_server.url}/workbook/")
    settle(page)
    page.evaluate(
        "(keys) => { localStorage.clear(); sessionStorage.clear();"
        " for (const [k, v] of Object.entries(keys)) localStorage.setItem(k, v); }",
        seed_keys(),
    )
    page.reload()
    wait_ready(page)
    page.wait_for_selector(f"{WORKBOOK}[data-progress=ready]", state="attached", timeout=BOOT_MS)
    return page


def test_two_rounds_render_as_python_makes_them(page: Page, built_site: Path) -> None:
    today = date.fromisoformat(browser_today(page))
    steps = manifest.steps_from_index(site_index(built_site))
    expected = progress.build_progress(snapshot(), steps, today)
    assert expected["rounds"] == 2
    rendered = json.loads(page.locator(".workbook__rounds").evaluate(RENDERED_JS))

    tables = [block for block in expected["blocks"] if block["type"] == "table"]
    assert len(tables) >= 5
    assert [t["caption"] for t in rendered["tables"]] == [t["caption"] for t in tables]
    for shown, block in zip(rendered["tables"], tables, strict=True):
        assert shown["head"] == [["th", "col", cell] for cell in block["head"]]
        assert shown["rows"] == block["rows"]
        assert set(shown["rowHeaders"]) == {"th:row"}
        assert shown["region"] == ["region", 0, block["caption"]]

    figures = [block for block in expected["blocks"] if block["type"] == "figure"]
    assert len(rendered["charts"]) == len(figures) >= 5
    for chart in rendered["charts"]:
        assert chart["role"] == "img"
        assert all(part.strip() for part in chart["name"])
    # The round's own label is text, in the chart title and the table.
    assert "Feeling in Globex <b>lead</b> & co" in [c["name"][0] for c in rendered["charts"]]
    assert "b" not in rendered["tags"] and "i" not in rendered["tags"]
    feeling = next(t for t in rendered["tables"] if t["caption"] == "The feeling in each round")
    assert feeling["rows"] == [
        ["Acme, analyst", "8, 6, 3", "after 7 days"],
        ["Globex <b>lead</b> & co", "6, 2", "after 2 days"],
    ]
    expect(page.locator(".workbook__rounds")).to_contain_text(
        "A feeling counts as settled at the first rating of 3 or lower."
    )


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_progress_section_passes_axe(page: Page, scheme: str) -> None:
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != scheme:
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == scheme
    page.wait_for_timeout(100)
    results = Axe().run(page, options=AXE_OPTIONS)
    found = [
        f"{violation['id']} at {' '.join(node['target'])}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]
    assert found == []


#: The focused element: its class, and whether it shows a focus indicator.
ACTIVE = """() => {
  const node = document.activeElement;
  const style = getComputedStyle(node);
  return {
    classes: [...node.classList],
    visible: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || (style.boxShadow && style.boxShadow !== "none"),
  };
}"""


def test_every_table_is_reached_by_tab_with_visible_focus(page: Page) -> None:
    regions = page.locator(".workbook__rounds .worksheet__table-wrap")
    count = regions.count()
    assert count >= 5
    # Start on the last link before the section (the steps' list), then Tab.
    page.locator(".workbook__steps a").last.focus()
    stops = []
    for _press in range(count + 40):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if "workbook__reminder" in active["classes"]:
            break
        stops.append(active)
    tables = [stop for stop in stops if "worksheet__table-wrap" in stop["classes"]]
    assert len(tables) == count, stops
    assert all(stop["visible"] for stop in tables), tables


def test_the_reminder_is_chosen_by_keyboard_and_goes_into_the_file(
    context: BrowserContext, site_server: StaticServer, built_site: Path
) -> None:
    page = context.new_page()
    seed(page, f"{site_server.url}/workbook/", SAVED)
    wait_ready(page)
    select = page.locator("#rebound-reminder")
    expect(page.get_by_label("Reminders in the calendar file")).to_have_value("1d")
    select.focus()
    page.keyboard.press("ArrowDown")  # 1 day before -> 2 days before
    expect(select).to_have_value("2d")
    with page.expect_download(timeout=BOOT_MS) as info:
        page.locator(WORKBOOK).get_by_role("button", name="Download calendar (.ics)").click()
    ics = Path(info.value.path()).read_bytes().decode("utf-8")
    calendar = icalendar.Calendar.from_ical(ics)
    triggers = [alarm.decoded("TRIGGER") for alarm in calendar.walk("VALARM")]
    assert triggers and set(triggers) == {timedelta(days=-2)}
    # Exactly CPython's file for round r0 (the one round seeded) and this choice.
    steps = manifest.steps_from_index(site_index(built_site))
    today = date.fromisoformat(browser_today(page))
    assert (
        ics == calendar_ics.build_calendar(SAVED, steps, today, round_id="r0", reminder="2d")["ics"]
    )
    page.close()


def test_the_tracker_stamps_the_day_a_stage_is_reached(
    context: BrowserContext, site_server: StaticServer
) -> None:
    page = context.new_page()
    page.goto(f"{site_server.url}/keep-going/")
    settle(page)
    page.evaluate("localStorage.clear()")
    page.reload()
    form = page.locator("form.worksheet[data-worksheet=tracker]")
    today = browser_today(page)
    interview = form.locator('[name="applications.0.interview_on"]')
    expect(interview).to_have_value("")
    form.locator('[name="applications.0.stage"][value="interview"]').check()
    expect(interview).to_have_value(today)
    # A date the reader gave is never overwritten.
    interview.fill("2026-01-05")
    form.locator('[name="applications.0.stage"][value="final"]').check()
    form.locator('[name="applications.0.stage"][value="interview"]').check()
    expect(interview).to_have_value("2026-01-05")
    expect(form.locator('[name="applications.0.final_on"]')).to_have_value(today)
    # Turned down fills the closing date; other rows are untouched.
    form.locator('[name="applications.1.stage"][value="rejected"]').check()
    expect(form.locator('[name="applications.1.closed_on"]')).to_have_value(today)
    expect(form.locator('[name="applications.1.interview_on"]')).to_have_value("")
    saved: dict = {}
    for _attempt in range(100):  # the autosave waits for a pause in typing
        saved = page.evaluate(
            "JSON.parse(localStorage.getItem('rebound:v2:search:tracker') || '{}').values ?? {}"
        )
        if "applications.1.closed_on" in saved:
            break
        page.wait_for_timeout(100)
    assert saved["applications.0.interview_on"] == "2026-01-05"
    assert saved["applications.0.final_on"] == today
    page.close()


#: The learning plan's answers with no area ticked: the plan suggests them.
PLAN = {"hours": "3.5", "start": "2026-11-18", "weeks": "3", "methods": ["mock", "course"]}
#: An earlier round whose feedback keeps coming back to the technical side,
#: and this round's reflection: ratings that put research first, no notes.
EARLIER = {"feedback_notes": "More depth on the technical design, and the coding task."}
NOW = {"research": "1", "role_fit": "3", "stories": "5", "technical": "5", "composure": "5"}


def test_the_learning_plan_puts_themes_recurring_across_rounds_first(
    context: BrowserContext, site_server: StaticServer, built_site: Path
) -> None:
    keys = {
        "rebound:v2:rounds": json.dumps({"schema": 2, "current": "rmf3k2x1abcd", "rounds": ROUNDS}),
        "rebound:v2:r0:reflection": json.dumps(envelope("r0", "reflection", EARLIER)),
        "rebound:v2:rmf3k2x1abcd:reflection": json.dumps(
            envelope("rmf3k2x1abcd", "reflection", NOW)
        ),
        "rebound:v2:rmf3k2x1abcd:learning-plan": json.dumps(
            envelope("rmf3k2x1abcd", "learning-plan", PLAN)
        ),
    }
    page = context.new_page()
    page.goto(f"{site_server.url}/keep-learning/")
    settle(page)
    page.evaluate(
        "(keys) => { localStorage.clear(); sessionStorage.clear();"
        " for (const [k, v] of Object.entries(keys)) localStorage.setItem(k, v); }",
        keys,
    )
    page.reload()
    form = page.locator("form.worksheet[data-worksheet=learning-plan]")
    form.scroll_into_view_if_needed()
    result = form.locator("[data-worksheet-result]")
    expect(result).to_contain_text("across your 2 rounds", timeout=BOOT_MS)

    # Exactly what CPython says for the request the page makes: this round's
    # reflection as context, and the reflection of every round.
    index = site_index(built_site)
    spec = next(i["spec"] for i in index["worksheets"] if i["spec"]["id"] == "learning-plan")
    request = {
        "action": "compute",
        "worksheet": "learning-plan",
        "spec": spec,
        "values": PLAN,
        "context": {"reflection": NOW},
        "rounds": {"reflection": [EARLIER, NOW]},
        "index": index,
        "today": browser_today(page),
    }
    expected = json.loads(handle(json.dumps(request)))
    notice = next(b["text"] for b in expected["blocks"] if b["type"] == "notice")
    assert notice.startswith(
        "You left the areas blank, so the plan starts with what your feedback came back to "
        "most across your 2 rounds: Technical or task questions."
    )
    expect(result.locator(".worksheet__notice").first).to_have_text(notice)
    page.close()

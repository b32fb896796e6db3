"""The workbook page's storage panel in a real browser: it lists every key
the guide keeps with the size browsers count, its last save and the Python
snapshot; each can be deleted after confirming; and "forget my answers after
N days without a visit" warns, then forgets, on a fake clock."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from bench.static_server import StaticServer
from browser_py.core.storage import INDEX_KEY
from tests.helpers.browser_data import (
    SAVED,
    WORKBOOK,
    as_items,
    saved_entries,
    seed,
    storage_key,
    stored,
    wait_ready,
)
from tests.helpers.worksheet_pages import settle

pytestmark = pytest.mark.browser

PANEL = f"{WORKBOOK} .workbook__storage"
CORRUPT = "rebound:corrupt:feelings:2026-11-01T00:00:00.000Z"
FORGET_KEY = "rebound:settings:forget"
#: A key in a layout the panel has never heard of (a later schema), holding
#: an envelope: listed by its envelope's worksheet and saved_at.
OTHER_LAYOUT = "rebound:v9:feelings:round-2"
OTHER_ENVELOPE = json.dumps(
    {
        "schema": 9,
        "worksheet": "feelings",
        "saved_at": "2026-11-25T08:30:00.000Z",
        "values": {"need": "Rest \u00e9\U0001f600"},
    },
    ensure_ascii=False,
)


def utf16_bytes(text: str) -> int:
    """What browsers count for a string: UTF-16 code units, 2 bytes each."""
    return len(text.encode("utf-16-le"))


def panel_ready(page: Page, after: int = 1) -> None:
    page.wait_for_selector(f"{PANEL}[data-state=ready]", state="attached", timeout=60_000)
    for _ in range(600):
        updates = int(page.locator(PANEL).get_attribute("data-updates") or 0)
        if updates >= after and page.locator(PANEL).get_attribute("data-state") == "ready":
            return
        page.wait_for_timeout(100)
    raise AssertionError("the storage panel was not updated")


def open_panel(page: Page, server: StaticServer, extra: dict[str, str] | None = None) -> None:
    seed(page, f"{server.url}/workbook/", SAVED, extra)
    wait_ready(page)
    panel_ready(page)


SNAPSHOT_COUNT = "caches.open('rebound:/:snapshot').then((c) => c.keys()).then((k) => k.length)"
SNAPSHOT_SIZE = (
    "caches.open('rebound:/:snapshot').then(async (c) =>"
    " (await (await c.match((await c.keys())[0])).blob()).size)"
)


def test_every_key_is_listed_with_the_size_browsers_count(
    page: Page, site_server: StaticServer
) -> None:
    open_panel(
        page, site_server, extra={CORRUPT: "{broken \u00e9\U0001f600", OTHER_LAYOUT: OTHER_ENVELOPE}
    )
    items = page.locator(f"{PANEL} li.workbook__stored-item")
    raw = stored(page)
    expect(items).to_have_count(len(raw))
    listed = {item.locator("code").text_content(): item for item in items.all()}
    assert set(listed) == set(raw)
    total = 0
    for key, value in raw.items():
        size = utf16_bytes(key) + utf16_bytes(value)
        total += size
        assert int(listed[key].get_attribute("data-bytes")) == size, key
        expect(listed[key]).to_contain_text(f"{size:,} bytes")
    # The browser's own count of the same strings agrees (astral characters count twice).
    assert (
        page.evaluate(
            "Object.keys(localStorage).filter((k) => k.startsWith('rebound:'))"
            ".reduce((n, k) => n + 2 * (k.length + localStorage.getItem(k).length), 0)"
        )
        == total
    )
    feelings = listed[storage_key("feelings")]
    expect(feelings).to_contain_text("Answers to Feelings check-in")
    expect(feelings.locator("time")).to_have_attribute("datetime", SAVED["feelings"]["saved_at"])
    expect(listed[CORRUPT].locator("time")).to_have_count(0)
    expect(listed[CORRUPT]).to_contain_text("not recorded")
    expect(page.locator(f"{PANEL} .workbook__stored-total")).to_contain_text(f"{len(raw)} entries")
    expect(listed[OTHER_LAYOUT]).to_contain_text("Answers to Feelings check-in")
    expect(listed[OTHER_LAYOUT].locator("time")).to_have_attribute(
        "datetime", "2026-11-25T08:30:00.000Z"
    )
    # Grouped as storage.js names them: the round (labelled from the index),
    # the tracker shared by every round, and the rest.
    groups = {
        group.get_attribute("data-group"): {c.text_content() for c in group.locator("code").all()}
        for group in page.locator(f"{PANEL} section.workbook__stored-group").all()
    }
    assert groups == {
        "r0": {storage_key(ws) for ws in ("feelings", "feedback", "learning-plan")},
        "search": {storage_key("tracker")},
        "other": {INDEX_KEY, CORRUPT, OTHER_LAYOUT},
    }
    r0 = page.locator(f"{PANEL} section.workbook__stored-group[data-group=r0]")
    expect(r0.locator("h4")).to_have_text("Round: First round")
    search = page.locator(f"{PANEL} section.workbook__stored-group[data-group=search]")
    expect(search).to_contain_text("The application tracker belongs to your whole job search")
    expect(search.locator(".workbook__stored-delete-round")).to_have_count(0)
    # Two keys for one worksheet can go together, after confirming.
    together = page.locator(f"{PANEL} .workbook__stored-delete-worksheet[data-worksheet=feelings]")
    expect(together).to_have_text("Delete everything for Feelings check-in")
    together.click()
    page.locator("dialog.workbook__storage-dialog").get_by_role(
        "button", name="Delete", exact=True
    ).click()
    expect(items).to_have_count(len(raw) - 2)
    assert set(stored(page)) == set(raw) - {storage_key("feelings"), OTHER_LAYOUT}


def test_the_chinese_panel_lists_the_same_keys_in_chinese(
    page: Page, site_server: StaticServer
) -> None:
    """/zh/workbook/: the same keys and sizes (one set of answers), and every
    word around them Chinese: no two English words in a row once the keys
    (<code>) are set aside."""
    seed(
        page,
        f"{site_server.url}/zh/workbook/",
        SAVED,
        {CORRUPT: "{broken \u00e9\U0001f600", OTHER_LAYOUT: OTHER_ENVELOPE},
    )
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    wait_ready(page)
    panel_ready(page)
    items = page.locator(f"{PANEL} li.workbook__stored-item")
    raw = stored(page)
    expect(items).to_have_count(len(raw))
    listed = {item.locator("code").text_content(): item for item in items.all()}
    assert set(listed) == set(raw)
    for key, value in raw.items():
        size = utf16_bytes(key) + utf16_bytes(value)
        assert int(listed[key].get_attribute("data-bytes")) == size, key
        expect(listed[key]).to_contain_text(f"{size:,}\u5b57\u8282")  # 字节
    expect(listed[CORRUPT]).to_contain_text("\u672a\u8bb0\u5f55")  # 未记录
    words = page.locator(PANEL).evaluate(
        "(box) => { const copy = box.cloneNode(true);"
        " copy.querySelectorAll('code').forEach((code) => code.remove());"
        " return copy.textContent; }"
    )
    assert re.search(r"[\u4e00-\u9fff]", words)
    assert not re.findall(r"[A-Za-z]{2,} [A-Za-z]{2,}", words), words
    # Deleting from the Chinese panel asks in Chinese, then deletes.
    together = page.locator(f"{PANEL} .workbook__stored-delete-worksheet[data-worksheet=feelings]")
    together.click()
    dialog = page.locator("dialog.workbook__storage-dialog")
    dialog.get_by_role("button", name="\u5220\u9664", exact=True).click()  # 删除
    expect(items).to_have_count(len(raw) - 2)
    assert set(stored(page)) == set(raw) - {storage_key("feelings"), OTHER_LAYOUT}


def test_delete_one_key_after_confirming(page: Page, site_server: StaticServer) -> None:
    open_panel(page, site_server)
    dialog = page.locator("dialog.workbook__storage-dialog")
    item = page.locator(f"{PANEL} li.workbook__stored-item").filter(
        has=page.locator("code", has_text=storage_key("feedback"))
    )
    delete = item.get_by_role("button", name="Answers to Feedback request")

    delete.click()
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator(f"{PANEL} .workbook__storage-status")).to_have_text("Nothing was deleted.")
    assert set(saved_entries(page)) == set(SAVED)

    delete.click()
    dialog.get_by_role("button", name="Delete", exact=True).click()
    expect(item).to_have_count(0)
    assert set(saved_entries(page)) == set(SAVED) - {"feedback"}
    # The overview follows.
    expect(
        page.locator(f"{WORKBOOK} li.workbook__step[data-worksheet=feedback]")
    ).to_have_attribute("data-status", "empty", timeout=120_000)


def test_focus_returns_to_the_opener_redrawn_while_its_dialog_was_open(
    page: Page, site_server: StaticServer
) -> None:
    """Another tab saves while a delete dialog is open: the panel redraws
    every button, and Escape still brings focus back to the same one."""
    open_panel(page, site_server)
    item = page.locator(f"{PANEL} li.workbook__stored-item").filter(
        has=page.locator("code", has_text=storage_key("feedback"))
    )
    opener = item.get_by_role("button", name="Answers to Feedback request")
    handle = opener.element_handle()
    opener.click()
    dialog = page.locator("dialog.workbook__storage-dialog")
    expect(dialog).to_be_visible()
    updates = int(page.locator(PANEL).get_attribute("data-updates") or 0)

    other = page.context.new_page()
    try:
        other.goto(f"{site_server.url}/")
        # Another tab saves a worksheet: every open page hears of it.
        other.evaluate(
            "(key) => { const entry = JSON.parse(localStorage.getItem(key));"
            " entry.values.need = 'Changed in the other tab';"
            " entry.rev = (entry.rev ?? 0) + 1;"
            " localStorage.setItem(key, JSON.stringify(entry)); }",
            storage_key("feelings"),
        )
        panel_ready(page, after=updates + 1)
    finally:
        other.close()
    # The redraw replaced the button that opened the dialog.
    assert page.evaluate("(button) => button.isConnected", handle) is False
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()


SECOND = "rmx1abcd"
SECOND_FEELINGS = {
    "schema": 1,
    "worksheet": "feelings",
    "saved_at": "2026-11-28T10:00:00.000Z",
    "values": {"need": "Sleep \u00e9\U0001f600"},
}


def two_rounds() -> dict[str, str]:
    """SAVED in round r0 and one worksheet in a second, current round."""
    items = as_items(SAVED)
    second = as_items({"feelings": SECOND_FEELINGS}, SECOND)
    index = json.loads(items[INDEX_KEY])
    index["rounds"].append(
        {**json.loads(second[INDEX_KEY])["rounds"][0], "label": "Globex, analyst"}
    )
    index["rounds"][-1]["created"] = "2026-11-28T09:00:00.000Z"
    index["current"] = SECOND
    items[storage_key("feelings", SECOND)] = second[storage_key("feelings", SECOND)]
    items[INDEX_KEY] = json.dumps(index)
    items[f"rebound:corrupt:{SECOND}:feelings:2026-11-28T11:00:00.000Z"] = "{cut"
    return items


def test_delete_one_rounds_answers_leaves_the_others(page: Page, site_server: StaticServer) -> None:
    """Issue #13: each round is a group labelled from the index; deleting it
    removes its keys (answers and kept-aside copies) and its index entry, and
    nothing else; the tracker is listed apart, as shared."""
    page.goto(f"{site_server.url}/workbook/")
    settle(page)
    page.evaluate(
        "(items) => { localStorage.clear(); sessionStorage.clear();"
        " for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }",
        two_rounds(),
    )
    page.reload()
    wait_ready(page)
    panel_ready(page)
    raw = stored(page)
    second = page.locator(f"{PANEL} section.workbook__stored-group[data-group={SECOND}]")
    expect(second.locator("h4")).to_have_text("Round: Globex, analyst")
    mine = {
        storage_key("feelings", SECOND),
        f"rebound:corrupt:{SECOND}:feelings:2026-11-28T11:00:00.000Z",
    }
    assert {c.text_content() for c in second.locator("code").all()} == mine
    sizes = second.locator("li.workbook__stored-item")
    assert sum(int(i.get_attribute("data-bytes")) for i in sizes.all()) == sum(
        utf16_bytes(key) + utf16_bytes(raw[key]) for key in mine
    )
    delete = second.get_by_role("button", name="Delete this round's answers")
    dialog = page.locator("dialog.workbook__storage-dialog")
    delete.click()
    page.keyboard.press("Escape")
    expect(page.locator(f"{PANEL} .workbook__storage-status")).to_have_text("Nothing was deleted.")
    assert stored(page) == raw

    delete.click()
    expect(dialog).to_contain_text("the answers of the round Globex, analyst")
    dialog.get_by_role("button", name="Delete", exact=True).click()
    expect(second).to_have_count(0)
    after = stored(page)
    assert set(after) == set(raw) - mine
    for key in set(after) - {INDEX_KEY}:
        assert after[key] == raw[key], key
    index = json.loads(after[INDEX_KEY])
    assert [round_["id"] for round_ in index["rounds"]] == ["r0"]
    assert index["current"] == "r0" and SECOND in index.get("deleted", [])
    expect(page.locator(f"{PANEL} section.workbook__stored-group[data-group=r0]")).to_be_visible()
    # The round bar follows: it no longer offers the deleted round.
    expect(page.locator(f"[data-round-picker] option[value={SECOND}]")).to_have_count(0)


def test_the_snapshot_is_listed_with_its_size_and_can_be_deleted(
    page: Page, site_server: StaticServer
) -> None:
    """The real snapshot: the overview starts Python, whose worker stores a
    snapshot once idle; the panel shows its size and deletes it."""
    open_panel(page, site_server)
    for _ in range(1200):
        if page.evaluate(SNAPSHOT_COUNT) == 1:
            break
        page.wait_for_timeout(100)
    size = page.evaluate(SNAPSHOT_SIZE)
    assert size > 1_000_000  # a Python memory image, not a stand-in
    page.reload()
    wait_ready(page)
    panel_ready(page)
    snapshot = page.locator(f"{PANEL} .workbook__snapshot")
    expect(snapshot).to_have_attribute("data-snapshot-bytes", str(size))
    expect(snapshot).to_contain_text(f"{size:,} bytes")
    page.get_by_role("button", name="Delete the Python snapshot").click()
    page.locator("dialog.workbook__storage-dialog").get_by_role(
        "button", name="Delete", exact=True
    ).click()
    expect(snapshot).to_have_attribute("data-snapshot-bytes", "none")
    expect(snapshot).to_have_text("There is no Python snapshot in this browser.")
    assert page.evaluate(SNAPSHOT_COUNT) == 0
    assert set(saved_entries(page)) == set(SAVED)  # answers untouched


# -- forget after N days -------------------------------------------------------------

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def visit(page: Page, url: str, when: datetime) -> dict:
    """Open ``url`` with the browser's clock at ``when``; what forget.js did."""
    page.clock.set_fixed_time(when)
    page.goto(url)
    for _ in range(100):
        result = page.evaluate("window.__reboundForget ?? null")
        if result:
            return result
        page.wait_for_timeout(100)
    raise AssertionError("forget.js did not run")


def setting(page: Page) -> dict | None:
    text = stored(page).get(FORGET_KEY)
    return json.loads(text) if text else None


def test_forget_after_days_warns_then_forgets(page: Page, site_server: StaticServer) -> None:
    page.clock.set_fixed_time(T0)
    open_panel(page, site_server)
    page.get_by_label("Days without a visit (1 to 365)").fill("7")
    page.get_by_label("Forget my answers after this many days without a visit").check()
    state = page.locator(f"{PANEL} .workbook__forget-state")
    expect(state).to_contain_text("On: after 7 days without a visit")
    expect(state).to_contain_text("December 8, 2026")
    assert setting(page) == {"schema": 1, "days": 7, "last_visit": "2026-12-01T09:00:00.000Z"}

    privacy = f"{site_server.url}/privacy/"
    notice = page.locator(".rebound-forget-notice")
    # A visit well before the deadline: nothing to say; the clock restarts.
    assert visit(page, privacy, T0 + timedelta(days=3))["action"] == "none"
    expect(notice).to_have_count(0)
    assert setting(page)["last_visit"] == "2026-12-04T09:00:00.000Z"

    # Within the last day before the deadline (Dec 11, 09:00): the warning.
    result = visit(page, privacy, T0 + timedelta(days=9, hours=12))
    assert result["action"] == "warned"
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("less than a day before")
    expect(notice).to_contain_text("December 17, 2026")
    assert set(saved_entries(page)) == set(SAVED)

    # Exactly at the deadline counts as after it: the first visit after forgets.
    result = visit(page, privacy, T0 + timedelta(days=16, hours=12))
    # Every answer and the rounds index go; only the setting stays.
    assert result["action"] == "forgot" and result["removed"] == len(SAVED) + 1
    expect(notice).to_contain_text("your answers were deleted")
    assert saved_entries(page) == {}
    assert set(stored(page)) == {FORGET_KEY}
    assert setting(page)["days"] == 7  # still on, clock restarted
    assert setting(page)["last_visit"] == "2026-12-17T21:00:00.000Z"


def test_the_warning_can_turn_forgetting_off(page: Page, site_server: StaticServer) -> None:
    page.clock.set_fixed_time(T0)
    open_panel(page, site_server)
    page.evaluate(
        "(value) => localStorage.setItem('rebound:settings:forget', value)",
        json.dumps({"schema": 1, "days": 2, "last_visit": "2026-12-01T09:00:00.000Z"}),
    )
    page_url = f"{site_server.url}/feel-it/"
    assert visit(page, page_url, T0 + timedelta(days=1, hours=23))["action"] == "warned"
    page.get_by_role("button", name="Keep my answers: turn forgetting off").click()
    expect(page.locator(".rebound-forget-notice")).to_contain_text("Forgetting is off.")
    assert setting(page) is None
    # Long after: nothing is forgotten, as the reader chose.
    assert visit(page, page_url, T0 + timedelta(days=60))["action"] == "off"
    assert set(saved_entries(page)) == set(SAVED)


def test_forgetting_runs_before_a_form_restores_answers(
    page: Page, site_server: StaticServer
) -> None:
    page.clock.set_fixed_time(T0)
    open_panel(page, site_server)
    page.evaluate(
        "(value) => localStorage.setItem('rebound:settings:forget', value)",
        json.dumps({"schema": 1, "days": 1, "last_visit": "2026-12-01T09:00:00.000Z"}),
    )
    assert visit(page, f"{site_server.url}/feel-it/", T0 + timedelta(days=5))["action"] == "forgot"
    # The worksheet shows nothing of the forgotten answers, and saved nothing back.
    expect(page.locator('[name="need"]')).to_have_value("")
    assert saved_entries(page) == {}

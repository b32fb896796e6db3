"""Rounds in a real browser: two rounds with different answers, switching
between them, read-only earlier rounds, deleting one round, the tracker's
"Start a round for this", two tabs, saved data and export files from before
rounds, export and import of every round, and a storage that is nearly full."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bench.static_server import StaticServer
from browser_py.core.storage import migrate_storage
from rebound_mkdocs.utilities import layout
from tests.helpers.browser_data import BOOT_MS, WORKBOOK, stored, wait_ready
from tests.helpers.rounds import MIGRATION_EXAMPLES, without_times
from tests.helpers.specs import real_specs
from tests.helpers.worksheet_pages import load_worksheets, settle

pytestmark = pytest.mark.browser

FIXTURES = ("v1", "v1-2eac259")
SCOPES = {worksheet_id: ws.scope for worksheet_id, ws in real_specs().items()}

BAR = "[data-round-bar]"
PICKER = "select[data-round-picker]"


def fresh(page: Page, url: str, items: dict[str, str] | None = None) -> None:
    """Open ``url`` with exactly ``items`` in localStorage (and no round chosen)."""
    page.goto(url)
    settle(page)
    page.evaluate(
        "(items) => { localStorage.clear(); sessionStorage.clear();"
        " for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }",
        items or {},
    )
    page.reload()
    page.wait_for_selector(BAR)


def index(page: Page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('rebound:v2:rounds')") or "null")


def entry(page: Page, round_id: str, worksheet: str) -> dict | None:
    text = page.evaluate(f"localStorage.getItem('rebound:v2:{round_id}:{worksheet}')")
    return json.loads(text) if text else None


def wait_entry(page: Page, round_id: str, worksheet: str, check) -> dict:
    deadline = time.monotonic() + 15
    while True:
        found = entry(page, round_id, worksheet)
        if found and check(found["values"]):
            return found
        assert time.monotonic() < deadline, f"{round_id}:{worksheet}: {found!r}"
        page.wait_for_timeout(100)


def new_round(page: Page, **fields: str) -> str:
    page.locator(f'{BAR} button[data-action="new-round"]').click()
    for name, value in fields.items():
        page.locator(f"#rebound-round-{name}").fill(value)
    page.locator(".rebound-rounds__submit").click()
    expect(page.locator(".rebound-rounds__form")).to_be_hidden()
    return index(page)["current"]


def result_text(page: Page) -> str:
    return page.locator("form.worksheet [data-worksheet-result]").inner_text()


def wait_result(page: Page, after: int) -> None:
    deadline = time.monotonic() + BOOT_MS / 1000
    while int(page.locator("form.worksheet").get_attribute("data-result-sequence") or 0) <= after:
        assert time.monotonic() < deadline, "no new result"
        page.wait_for_timeout(100)


def meta(round_entry: dict) -> dict:
    """A round's index entry without the merge bookkeeping (``updated``)."""
    return {k: round_entry[k] for k in ("id", "label", "company", "role", "date", "created")}


def sequence(page: Page) -> int:
    return int(page.locator("form.worksheet").get_attribute("data-result-sequence") or 0)


def test_two_rounds_keep_their_own_answers_and_results(
    page: Page, site_server: StaticServer
) -> None:
    fresh(page, f"{site_server.url}/feel-it/")
    expect(page.locator(BAR)).to_contain_text("Round 1 of 1: First round")
    page.locator('form.worksheet [name="intensity"][value="8"]').check()
    wait_entry(page, "r0", "feelings", lambda v: v.get("intensity") == "8")
    page.wait_for_selector("form.worksheet[data-runtime=ready]", timeout=BOOT_MS)
    wait_result(page, 0)
    first_result = result_text(page)

    second = new_round(page, company="Acme", role="designer", date="2026-11-20")
    expect(page.locator(BAR)).to_contain_text("Round 2 of 2: Acme, designer")
    # A new round starts empty; the first keeps its answers.
    expect(page.locator('form.worksheet [name="intensity"]:checked')).to_have_count(0)
    before = sequence(page)
    page.locator('form.worksheet [name="intensity"][value="2"]').check()
    wait_entry(page, second, "feelings", lambda v: v.get("intensity") == "2")
    wait_result(page, before)
    second_result = result_text(page)
    assert second_result != first_result
    assert entry(page, "r0", "feelings")["values"]["intensity"] == "8"

    # Back to the first round: its answers and its result.
    before = sequence(page)
    page.locator(PICKER).select_option("r0")
    expect(page.locator('form.worksheet [name="intensity"][value="8"]')).to_be_checked()
    wait_result(page, before)
    assert result_text(page) == first_result
    # The choice follows the reader to another page.
    page.locator("a[href$='/ask-for-feedback/']").first.click()
    page.wait_for_selector('form.worksheet[data-worksheet="feedback"]')
    expect(page.locator(PICKER)).to_have_value("r0")
    expect(page.locator("form.worksheet")).to_have_attribute("data-round", "r0")


def test_an_earlier_round_is_read_only_until_the_reader_edits_it(
    page: Page, site_server: StaticServer
) -> None:
    fresh(page, f"{site_server.url}/feel-it/")
    page.locator('form.worksheet [name="need"]').fill("First words")
    wait_entry(page, "r0", "feelings", lambda v: v.get("need") == "First words")
    new_round(page, label="Second go")
    page.locator(PICKER).select_option("r0")
    form = page.locator("form.worksheet")
    expect(form).to_have_attribute("data-readonly", "true")
    expect(page.locator('form.worksheet [name="need"]')).to_have_value("First words")
    expect(page.locator('form.worksheet [name="need"]')).to_have_js_property("readOnly", True)
    expect(page.locator('form.worksheet [name="intensity"]').first).to_be_disabled()
    expect(page.locator(BAR)).to_contain_text("read-only")
    page.locator('[data-action="edit-round"]').click()
    expect(form).to_have_attribute("data-readonly", "false")
    page.locator('form.worksheet [name="need"]').fill("Changed later")
    wait_entry(page, "r0", "feelings", lambda v: v.get("need") == "Changed later")
    # The current round was never touched.
    assert entry(page, index(page)["current"], "feelings") is None


def test_deleting_a_round_deletes_only_that_round(page: Page, site_server: StaticServer) -> None:
    fresh(page, f"{site_server.url}/keep-going/")
    page.locator('form.worksheet [name="weekly_target"]').fill("4")
    wait_entry(page, "search", "tracker", lambda v: v.get("weekly_target") == "4")
    page.goto(f"{site_server.url}/feel-it/")
    page.locator('form.worksheet [name="need"]').fill("Keep me")
    wait_entry(page, "r0", "feelings", lambda v: v.get("need") == "Keep me")
    doomed = new_round(page, label="Doomed")
    page.locator('form.worksheet [name="need"]').fill("Delete me")
    wait_entry(page, doomed, "feelings", lambda v: v.get("need") == "Delete me")
    page.evaluate(f"localStorage.setItem('rebound:corrupt:{doomed}:feelings:x', 'junk')")
    page.locator('[data-action="delete-round"]').click()
    dialog = page.locator("dialog.rebound-rounds__dialog")
    expect(dialog).to_contain_text("Doomed")
    dialog.locator(".rebound-rounds__confirm-cancel").click()
    assert entry(page, doomed, "feelings") is not None  # cancelled: nothing deleted
    page.locator('[data-action="delete-round"]').click()
    dialog.locator(".rebound-rounds__confirm").click()
    expect(page.locator(BAR)).to_contain_text("Round 1 of 1")
    keys = set(stored(page))
    assert not any(doomed in key for key in keys), keys
    assert {"rebound:v2:r0:feelings", "rebound:v2:search:tracker"} <= keys
    assert [r["id"] for r in index(page)["rounds"]] == ["r0"]
    expect(page.locator('form.worksheet [name="need"]')).to_have_value("Keep me")


def test_a_rejected_application_offers_a_round_prefilled(
    page: Page, site_server: StaticServer
) -> None:
    fresh(page, f"{site_server.url}/keep-going/")
    page.locator('[name="applications.0.company"]').fill("Globex")
    page.locator('[name="applications.0.role"]').fill("Analyst")
    offer = page.locator('li.worksheet__row [data-action="new-round"]')
    expect(offer).to_have_count(0)
    page.locator('[name="applications.0.stage"][value="rejected"]').check()
    expect(offer).to_have_text("Start a round for this")
    offer.click()
    expect(page.locator("#rebound-round-company")).to_have_value("Globex")
    expect(page.locator("#rebound-round-role")).to_have_value("Analyst")
    page.locator(".rebound-rounds__submit").click()
    expect(page.locator(BAR)).to_contain_text("Globex, Analyst")
    # The tracker is shared: still there in the new round.
    expect(page.locator('[name="applications.0.company"]')).to_have_value("Globex")


def test_two_tabs_never_lose_a_round(context: BrowserContext, site_server: StaticServer) -> None:
    first = context.new_page()
    fresh(first, f"{site_server.url}/feel-it/")
    first.locator('form.worksheet [name="need"]').fill("Tab one")
    wait_entry(first, "r0", "feelings", lambda v: v.get("need") == "Tab one")
    second = context.new_page()
    second.goto(f"{site_server.url}/feel-it/")
    second.wait_for_selector(BAR)
    made = first.evaluate("() => window.__rebound.storage.createRound({label: 'Tab one round'})")
    assert made["ok"], made
    # A race: the second tab writes an index made before it saw the first tab's round.
    second.evaluate(
        """() => {
          const idx = JSON.parse(localStorage.getItem('rebound:v2:rounds'));
          const r = {id: 'rbbbb2', label: 'Tab two round', company: '', role: '', date: '',
                     created: new Date().toISOString()};
          localStorage.setItem('rebound:v2:rounds', JSON.stringify({...idx, current: 'rbbbb2',
            rounds: idx.rounds.filter((x) => x.id === 'r0').concat([r])}));
        }"""
    )
    ids = {made["round"]["id"], "rbbbb2", "r0"}
    deadline = time.monotonic() + 10
    while {r["id"] for r in index(second)["rounds"]} != ids:
        assert time.monotonic() < deadline, index(second)
        second.wait_for_timeout(100)
    expect(first.locator(f"{PICKER} option")).to_have_count(3)


def test_two_tabs_creating_rounds_through_the_page_keep_both(
    context: BrowserContext, site_server: StaticServer
) -> None:
    first = context.new_page()
    fresh(first, f"{site_server.url}/feel-it/")
    second = context.new_page()
    second.goto(f"{site_server.url}/reflect/")
    second.wait_for_selector(BAR)
    one = new_round(first, label="From the first tab")
    two = new_round(second, label="From the second tab")
    deadline = time.monotonic() + 10
    while not {one, two} <= {r["id"] for r in index(first)["rounds"]}:
        assert time.monotonic() < deadline, index(first)
        first.wait_for_timeout(100)
    expect(first.locator(PICKER)).to_contain_text("From the second tab")
    expect(second.locator(PICKER)).to_contain_text("From the first tab")


@pytest.mark.parametrize("name", list(MIGRATION_EXAMPLES))
def test_the_browser_migrates_as_browser_py_does(
    page: Page, site_server: StaticServer, name: str
) -> None:
    before = MIGRATION_EXAMPLES[name]
    fresh(page, f"{site_server.url}/workbook/", before)
    page.wait_for_selector(f"{WORKBOOK}[data-state]", state="attached")
    after = stored(page)  # the guide's keys (Material keeps its palette beside them)
    expected = migrate_storage(before, SCOPES)
    assert without_times(after) == without_times(
        {k: v for k, v in expected.items() if k.startswith("rebound:")}
    )


@pytest.mark.parametrize("folder", FIXTURES)
def test_saved_data_from_before_rounds_loads_with_nothing_lost(
    page: Page, site_server: StaticServer, folder: str
) -> None:
    items = json.loads(
        (Path(__file__).parents[1] / "fixtures" / folder / "localstorage.json").read_text("utf-8")
    )
    # A step page (not the workbook) does the migration too, once it knows every scope.
    fresh(page, f"{site_server.url}/feel-it/", items)
    expect(page.locator("form.worksheet")).to_have_attribute("data-round", "r0")
    deadline = time.monotonic() + 10
    while any(k.startswith("rebound:v1:") for k in stored(page)):
        assert time.monotonic() < deadline, stored(page)
        page.wait_for_timeout(100)
    after = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    # A site at the origin's root marks the unscoped keys as its own (page/namespace.js).
    assert after.pop("rebound-owner") == "/"
    assert without_times(after) == without_times(migrate_storage(items, SCOPES))
    feelings = json.loads(items["rebound:v1:feelings"])["values"]
    expect(page.locator('form.worksheet [name="need"]')).to_have_value(feelings["need"])


@pytest.mark.parametrize("folder", FIXTURES)
def test_an_export_file_from_before_rounds_imports_as_the_first_round(
    page: Page, site_server: StaticServer, folder: str
) -> None:
    path = Path(__file__).parents[1] / "fixtures" / folder / "export.json"
    document = json.loads(path.read_text("utf-8"))
    fresh(page, f"{site_server.url}/workbook/")
    wait_ready(page)
    page.set_input_files("#rebound-import-file", str(path))
    page.wait_for_selector(".workbook__apply", timeout=BOOT_MS)
    expect(page.locator(".workbook__changes")).to_contain_text("A new round")
    page.locator(".workbook__apply").click()
    expect(page.locator(".workbook__status")).to_contain_text("Imported")
    for worksheet_id, saved in document["worksheets"].items():
        owner = "search" if worksheet_id == "tracker" else "r0"
        assert entry(page, owner, worksheet_id)["values"] == saved["values"], worksheet_id
    assert [r["id"] for r in index(page)["rounds"]] == ["r0"]


def test_export_then_import_in_a_fresh_browser_brings_every_round_back(
    browser: Browser, page: Page, site_server: StaticServer, tmp_path
) -> None:
    fresh(page, f"{site_server.url}/feel-it/")
    page.locator('form.worksheet [name="need"]').fill("Round one words")
    wait_entry(page, "r0", "feelings", lambda v: v.get("need") == "Round one words")
    second = new_round(page, company="Acme", role="designer", date="2026-11-20")
    page.locator('form.worksheet [name="need"]').fill("Round two words")
    wait_entry(page, second, "feelings", lambda v: v.get("need") == "Round two words")
    before = {k: v for k, v in stored(page).items()}
    page.goto(f"{site_server.url}/workbook/")
    wait_ready(page)
    with page.expect_download(timeout=BOOT_MS) as info:
        page.get_by_role("button", name="Export answers (.json)").click()
    path = tmp_path / "export.json"
    info.value.save_as(path)
    exported = json.loads(path.read_text("utf-8"))
    assert exported["version"] == 2 and len(exported["rounds"]) == 2

    other = browser.new_context()
    load_worksheets(other)
    try:
        fresh_page = other.new_page()
        fresh(fresh_page, f"{site_server.url}/workbook/")
        wait_ready(fresh_page)
        fresh_page.set_input_files("#rebound-import-file", str(path))
        fresh_page.wait_for_selector(".workbook__apply", timeout=BOOT_MS)
        changes = fresh_page.locator(".workbook__changes")
        expect(changes).to_contain_text("A new round, \u201cFirst round\u201d")
        expect(changes).to_contain_text("A new round, \u201cAcme, designer\u201d")
        fresh_page.locator(".workbook__apply").click()
        expect(fresh_page.locator(".workbook__status")).to_contain_text("Imported")
        after = stored(fresh_page)
        assert set(after) == set(before)
        for key, text in before.items():
            if key == "rebound:v2:rounds":
                old, new = json.loads(text), json.loads(after[key])
                assert [meta(r) for r in new["rounds"]] == [meta(r) for r in old["rounds"]]
                assert new["current"] == old["current"]
            else:
                assert json.loads(after[key])["values"] == json.loads(text)["values"], key
        fresh_page.goto(f"{site_server.url}/feel-it/")
        expect(fresh_page.locator('form.worksheet [name="need"]')).to_have_value("Round two words")
        fresh_page.locator(PICKER).select_option("r0")
        expect(fresh_page.locator('form.worksheet [name="need"]')).to_have_value("Round one words")
    finally:
        other.close()


def test_a_nearly_full_storage_offers_export_and_archiving(
    page: Page, site_server: StaticServer
) -> None:
    fresh(page, f"{site_server.url}/feel-it/")
    page.locator('form.worksheet [name="need"]').fill("Old round")
    wait_entry(page, "r0", "feelings", lambda v: v.get("need") == "Old round")
    new_round(page, label="Now")
    # Fill the storage to past 80 % with another site's data.
    page.evaluate("localStorage.setItem('other-app', 'x'.repeat(2_200_000))")
    page.locator('form.worksheet [name="need"]').fill("New round")
    space = page.locator(".rebound-rounds__space")
    expect(space).to_be_visible()
    expect(space).to_contain_text("full")
    with page.expect_download(timeout=BOOT_MS) as info:
        space.locator('[data-action="archive-rounds"]').click()
    archive = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [r["id"] for r in archive["rounds"]] == ["r0"]
    assert archive["rounds"][0]["worksheets"]["feelings"]["values"]["need"] == "Old round"
    expect(page.locator(".rebound-rounds__status")).to_contain_text("removed from this browser")
    assert entry(page, "r0", "feelings") is None
    assert [r["label"] for r in index(page)["rounds"]] == ["Now"]


def test_a_full_storage_keeps_the_answers_and_offers_a_way_out(
    page: Page, site_server: StaticServer
) -> None:
    fresh(page, f"{site_server.url}/feel-it/")
    page.evaluate(
        "() => { const set = Storage.prototype.setItem;"
        " Storage.prototype.setItem = function (k, v) {"
        "   if (k.startsWith('rebound:v2:r')) throw new DOMException('full', 'QuotaExceededError');"
        "   return set.call(this, k, v); }; }"
    )
    page.locator('form.worksheet [name="need"]').fill("Not lost")
    expect(page.locator(".rebound-rounds__space")).to_contain_text("storage is full")
    expect(page.locator('form.worksheet [name="need"]')).to_have_value("Not lost")


def test_the_workbook_makes_the_calendar_of_the_round_the_picker_shows(
    page: Page, site_server: StaticServer, built_site: Path
) -> None:
    from datetime import date

    from browser_py.core import manifest
    from browser_py.workbook import calendar_ics
    from tests.helpers.browser_data import browser_today, site_index

    first = {
        "feelings": {
            "schema": 2,
            "worksheet": "feelings",
            "round": "r0",
            "saved_at": "2026-11-20T18:00:00.000Z",
            "values": {"checkin_date": "2026-12-03"},
        }
    }
    second = {
        "feelings": {
            "schema": 2,
            "worksheet": "feelings",
            "round": "rsecond1",
            "saved_at": "2026-11-21T18:00:00.000Z",
            "values": {"checkin_date": "2026-12-09"},
        }
    }
    items = {
        "rebound:v2:r0:feelings": json.dumps(first["feelings"]),
        "rebound:v2:rsecond1:feelings": json.dumps(second["feelings"]),
        "rebound:v2:rounds": json.dumps(
            {
                "schema": 2,
                "current": "rsecond1",
                "rounds": [
                    {
                        "id": "r0",
                        "label": "First round",
                        "company": "",
                        "role": "",
                        "date": "",
                        "created": "2026-11-20T18:00:00.000Z",
                    },
                    {
                        "id": "rsecond1",
                        "label": "Second",
                        "company": "",
                        "role": "",
                        "date": "",
                        "created": "2026-11-21T18:00:00.000Z",
                    },
                ],
            }
        ),
    }
    fresh(page, f"{site_server.url}/workbook/", items)
    wait_ready(page)
    steps = manifest.steps_from_index(site_index(built_site))
    today = date.fromisoformat(browser_today(page))
    for round_id, saved in (("rsecond1", second), ("r0", first)):
        if page.locator(PICKER).input_value() != round_id:
            updates = int(page.locator(WORKBOOK).get_attribute("data-updates") or 0)
            page.locator(PICKER).select_option(round_id)
            wait_ready(page, updates=updates + 1)
        with page.expect_download(timeout=BOOT_MS) as info:
            page.get_by_role("button", name="Download calendar (.ics)").click()
        ics = Path(info.value.path()).read_bytes().decode("utf-8")  # CR LF kept
        expected = calendar_ics.build_calendar(saved, steps, today, round_id=round_id)["ics"]
        assert ics == expected, round_id
        day = saved["feelings"]["values"]["checkin_date"].replace("-", "")
        assert f"DTSTART;VALUE=DATE:{day}" in ics


NOTICE = f"{BAR} [data-round-elsewhere]"


def test_a_tab_keeps_its_round_when_another_tab_starts_one(
    context: BrowserContext, site_server: StaticServer
) -> None:
    """A tab shows the round it first showed: a round started in another tab
    is offered ("Show the new round"), never switched to behind the reader."""
    first = context.new_page()
    fresh(first, f"{site_server.url}/feel-it/")
    first.locator('form.worksheet [name="need"]').fill("Tab one")
    wait_entry(first, "r0", "feelings", lambda v: v.get("need") == "Tab one")
    second = context.new_page()
    second.goto(f"{site_server.url}/feel-it/")
    second.wait_for_selector(BAR)
    form = second.locator("form.worksheet")
    need = second.locator('form.worksheet [name="need"]')
    expect(need).to_have_value("Tab one")
    expect(second.locator(NOTICE)).to_be_hidden()

    made = new_round(first, label="Started in tab one")
    expect(second.locator(PICKER)).to_contain_text("Started in tab one")
    expect(second.locator(NOTICE)).to_be_visible()
    expect(second.locator(NOTICE)).to_contain_text(
        "A new round was started in another tab: Started in tab one."
    )
    # Still the same round, still editable, and the reader's words go to it.
    expect(form).to_have_attribute("data-round", "r0")
    expect(form).to_have_attribute("data-readonly", "false")
    expect(need).to_have_value("Tab one")
    need.fill("Tab two stays on round one")
    wait_entry(second, "r0", "feelings", lambda v: v.get("need") == "Tab two stays on round one")
    assert entry(second, made, "feelings") is None
    # A reload keeps the tab's round too.
    second.reload()
    second.wait_for_selector(BAR)
    expect(form).to_have_attribute("data-round", "r0")
    expect(need).to_have_value("Tab two stays on round one")

    # The first tab was not moved back either.
    expect(first.locator("form.worksheet")).to_have_attribute("data-round", made)
    expect(first.locator('form.worksheet [name="need"]')).to_have_value("")

    # Switching is the reader's choice.
    first.evaluate("() => window.__rebound.storage.createRound({label: 'Third'})")
    expect(second.locator(NOTICE)).to_contain_text("Third")
    second.get_by_role("button", name="Show the new round").click()
    third = index(second)["current"]
    expect(form).to_have_attribute("data-round", third)
    expect(need).to_have_value("")
    expect(second.locator(NOTICE)).to_be_hidden()
    expect(second.locator(PICKER)).to_be_focused()


def test_without_the_manifest_old_answers_are_read_and_migrated_later(
    page: Page, site_server: StaticServer
) -> None:
    """An offline first visit after upgrading: the scopes are unknown, so
    nothing moves (the tracker could land in a round for good); the form
    still shows its schema 1 answers; the next load with the manifest migrates."""
    items = json.loads(
        (Path(__file__).parents[1] / "fixtures" / "v1" / "localstorage.json").read_text("utf-8")
    )
    manifest = f"**/{layout.MANIFEST}"
    requests: list[str] = []

    def fail(route) -> None:
        requests.append(route.request.url)
        route.abort()

    page.route(manifest, fail)
    fresh(page, f"{site_server.url}/feel-it/", items)
    feelings = json.loads(items["rebound:v1:feelings"])["values"]
    need = page.locator('form.worksheet [name="need"]')
    expect(need).to_have_value(feelings["need"])
    expect(page.locator("form.worksheet")).to_have_attribute("data-round", "r0")
    deadline = time.monotonic() + 10
    while not requests:
        assert time.monotonic() < deadline, "the page never asked for the manifest"
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    assert stored(page) == {k: v for k, v in items.items() if k.startswith("rebound:")}

    page.unroute(manifest)
    page.reload()
    deadline = time.monotonic() + 10
    while any(k.startswith("rebound:v1:") for k in stored(page)):
        assert time.monotonic() < deadline, stored(page)
        page.wait_for_timeout(100)
    after = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    # A site at the origin's root marks the unscoped keys as its own (page/namespace.js).
    assert after.pop("rebound-owner") == "/"
    assert without_times(after) == without_times(migrate_storage(items, SCOPES))
    assert "rebound:v2:search:tracker" in after and "rebound:v2:r0:tracker" not in after
    expect(need).to_have_value(feelings["need"])


def test_default_round_labels_follow_the_page_language(
    page: Page, site_server: StaticServer
) -> None:
    """A round the reader did not name is stored as "First round" / "Round 2"
    (in English, as older sites stored it) and shown in the page's language;
    a name the reader typed is shown as typed."""
    fresh(page, f"{site_server.url}/feel-it/")
    page.locator('form.worksheet [name="intensity"][value="8"]').check()
    wait_entry(page, "r0", "feelings", lambda v: v.get("intensity") == "8")
    second = new_round(page)
    third = new_round(page, label="Acme 面试")
    labels = [item["label"] for item in index(page)["rounds"]]
    assert labels == ["First round", "Round 2", "Acme 面试"]
    page.goto(f"{site_server.url}/zh/feel-it/")
    page.wait_for_selector(BAR)
    expect(page.locator(BAR)).to_contain_text("第3轮（共3轮）：Acme 面试")
    options = page.locator(f"{PICKER} option").all_inner_texts()
    assert any("首轮" in text for text in options), options
    assert any("第2轮" in text for text in options), options
    assert not any("First round" in text or "Round 2" in text for text in options), options
    # Saving the rename form untouched keeps the default, so English pages
    # still say "First round".
    page.locator(PICKER).select_option("r0")
    page.locator(f'{BAR} button[data-action="rename-round"]').click()
    expect(page.locator("#rebound-round-label")).to_have_value("首轮")
    page.locator(".rebound-rounds__submit").click()
    expect(page.locator(".rebound-rounds__form")).to_be_hidden()
    assert [item["label"] for item in index(page)["rounds"]] == labels
    assert {second, third} <= {item["id"] for item in index(page)["rounds"]}

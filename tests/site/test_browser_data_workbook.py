"""The workbook page in a real browser: progress and summaries from
browser_py, downloads (JSON, Markdown, calendar) made on the page, import
with a confirmation step and every bad file refused, and deleting answers
only after confirming."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bench.static_server import StaticServer
from browser_py.core import i18n, manifest
from browser_py.core.limits import MAX_IMPORT_BYTES
from browser_py.workbook import actions as workbook_actions
from browser_py.workbook import calendar_ics, exchange, overview
from tests.helpers.browser_data import (
    SAVED,
    WORKBOOK,
    browser_today,
    saved_entries,
    seed,
    site_index,
    stored,
    wait_ready,
)
from tests.helpers.rounds import file_worksheets
from tests.helpers.specs import real_specs
from tests.helpers.workbook_editions import EDITIONS, Edition, in_language
from tests.helpers.worksheet_pages import load_worksheets

pytestmark = pytest.mark.browser


def open_workbook(
    page: Page,
    server: StaticServer,
    saved: dict = SAVED,
    extra: dict[str, str] | None = None,
    edition: Edition = EDITIONS["en"],
) -> None:
    seed(page, f"{server.url}/{edition.path}workbook/", saved, extra)
    assert page.evaluate("document.documentElement.lang") == edition.lang
    wait_ready(page)


def workbook(page: Page):
    return page.locator(WORKBOOK)


def upload(page: Page, name: str, data: bytes) -> None:
    page.set_input_files(
        "#rebound-import-file",
        files=[{"name": name, "mimeType": "application/json", "buffer": data}],
    )


def download_of(page: Page, button: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


def test_overview_shows_progress_summaries_and_links(
    page: Page, site_server: StaticServer, built_site: Path
) -> None:
    open_workbook(page, site_server)
    steps = manifest.steps_from_index(site_index(built_site))
    expected = overview.build_overview(SAVED, steps, date.fromisoformat(browser_today(page)))
    items = workbook(page).locator("li.workbook__step")
    expect(items).to_have_count(6)
    for item, row in zip(items.all(), expected["steps"], strict=True):
        assert item.get_attribute("data-worksheet") == row["worksheet"]
        assert item.get_attribute("data-status") == row["status"]
        expect(item.locator(".workbook__step-text")).to_have_text(
            f"{row['answered']} of {row['total']} questions answered "
            f"({ {'empty': 'not started'}.get(row['status'], row['status']) })"
        )
        expect(item.locator(".workbook__line")).to_have_text(row["summary"])
        link = item.get_by_role("link")
        assert link.get_attribute("href") == f"{site_server.url}/{row['page']}"
    expect(workbook(page).locator(".workbook__total")).to_contain_text(
        f"{expected['started']} of 6 worksheets started"
    )
    # Text only: the answer with markup is not rendered anywhere as HTML.
    assert workbook(page).locator("b").count() == 0
    # The link takes the reader back to the step (instant navigation or not).
    items.first.get_by_role("link").click()
    # Instant navigation with navigation.tracking may add the section's #anchor.
    expect(page).to_have_url(re.compile(re.escape(f"{site_server.url}/feel-it/") + r"(#.*)?$"))


def test_empty_storage_needs_no_python(page: Page, site_server: StaticServer) -> None:
    page.goto(f"{site_server.url}/workbook/")
    wait_ready(page)
    expect(workbook(page).locator(".workbook__total")).to_contain_text("No answers are saved")
    assert page.evaluate("window.__rebound.boots") == 0
    expect(workbook(page).get_by_role("button", name="Delete these answers")).to_have_count(0)


@pytest.mark.parametrize("edition", list(EDITIONS.values()), ids=list(EDITIONS))
def test_exports_download_the_answers_as_json_and_markdown(
    page: Page, site_server: StaticServer, built_site: Path, edition: Edition
) -> None:
    """The same JSON from every language's page (one set of answers); the
    Markdown journal in the page's language."""
    open_workbook(page, site_server, edition=edition)
    name, text = download_of(page, edition.buttons["json"])
    assert name == f"rebound-answers-{browser_today(page)}.json"
    document = json.loads(text)
    assert document["format"] == "rebound-workbook" and document["version"] == 2
    assert [r["id"] for r in document["rounds"]] == ["r0"]
    assert file_worksheets(document) == {
        key: {"saved_at": entry["saved_at"], "values": entry["values"]}
        for key, entry in SAVED.items()
    }
    assert list(document["worksheets"]) == ["tracker"]  # shared by every round
    expect(workbook(page).locator(".workbook__status")).to_contain_text(name)

    name, markdown = download_of(page, edition.buttons["markdown"])
    assert name == f"rebound-answers-{browser_today(page)}.md"
    with in_language(edition):
        title = i18n._("My Rebound workbook")
        strength = i18n._("Strength right now")
        reference = workbook_actions.ACTIONS["export_markdown"](
            {
                "index": site_index(built_site / edition.path),
                "saved": SAVED,
                "today": browser_today(page),
                "now": f"{browser_today(page)}T12:00:00.000Z",
            }
        )["text"]
    assert markdown == reference  # what CPython makes in the page's language
    assert markdown.startswith(f"# {title}\n")
    assert "A walk \\& \\<b\\>sleep\\</b\\>" in markdown  # the answer as typed
    assert f"> {strength}" in markdown  # the summary is in the journal


@pytest.mark.parametrize("edition", list(EDITIONS.values()), ids=list(EDITIONS))
def test_calendar_download_is_the_ics_browser_py_makes(
    page: Page, site_server: StaticServer, built_site: Path, edition: Edition
) -> None:
    """The calendar CPython makes, in the page's language."""
    open_workbook(page, site_server, edition=edition)
    name, text = download_of(page, edition.buttons["calendar"])
    assert name == "rebound-dates.ics"
    today = date.fromisoformat(browser_today(page))
    steps = manifest.steps_from_index(site_index(built_site / edition.path))
    with in_language(edition):
        expected = calendar_ics.build_calendar(SAVED, steps, today)["ics"]
        check_in = i18n._("Check in with yourself")
        request = i18n._("Send your feedback request to {company}").format(company="Acme, Inc.")
        practice = i18n._("{title} (practice)").split("{title}")[1]
    assert text.replace("\r\n", "\n") == expected.replace("\r\n", "\n")
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    summaries = [str(event["SUMMARY"]) for event in events]
    assert check_in in summaries
    assert any(summary.startswith(request) for summary in summaries)
    assert sum(summary.endswith(practice) for summary in summaries) == 4
    if edition.catalogue:  # the calendar's words are not the English ones
        assert "Check in with yourself" not in summaries
    expect(workbook(page).locator(".workbook__status")).to_contain_text(edition.calendar_saved)


def test_export_then_import_in_another_browser_profile(
    page: Page, browser: Browser, site_server: StaticServer
) -> None:
    open_workbook(page, site_server)
    _, exported = download_of(page, "Export answers (.json)")

    other: BrowserContext = browser.new_context()
    load_worksheets(other)
    try:
        fresh = other.new_page()
        fresh.goto(f"{site_server.url}/workbook/")
        wait_ready(fresh)
        upload(fresh, "answers.json", exported.encode())
        plan = workbook(fresh).locator(".workbook__plan")
        expect(plan).to_be_visible(timeout=120_000)
        # One new round holding three worksheets, and the shared tracker.
        # (Not counting each worksheet's preview of its answers.)
        expect(plan.locator("li:not(.workbook__preview li)")).to_have_count(6)
        expect(plan).to_contain_text("A new round, \u201cFirst round\u201d:")
        expect(plan).to_contain_text("Feelings check-in: 4 answered questions, new")
        expect(plan).to_contain_text("Shared by every round:")
        assert saved_entries(fresh) == {}  # nothing written before confirming
        fresh.get_by_role("button", name="Import these answers").click()
        expect(workbook(fresh).locator(".workbook__status")).to_have_text("Imported 4 worksheets.")
        entries = saved_entries(fresh)
        assert {key: entry["values"] for key, entry in entries.items()} == {
            key: entry["values"] for key, entry in SAVED.items()
        }
        # Stamped with the time of the import, so open tabs take them as newest.
        assert all(entry["saved_at"] > "2026-11-23T12:00:00.000Z" for entry in entries.values())
        wait_ready(fresh, updates=2)
        expect(
            workbook(fresh).locator('li[data-worksheet="feelings"] .workbook__line').first
        ).to_have_text("Strength right now: 7 of 10")
    finally:
        other.close()


def test_import_says_what_it_replaces_and_cancel_keeps_everything(
    page: Page, site_server: StaticServer
) -> None:
    open_workbook(page, site_server)
    before = stored(page)
    incoming = json.loads(exchange.export_json(SAVED, real_specs()))
    incoming["worksheets"] = {}
    incoming["rounds"][0]["worksheets"] = {
        "feelings": {"saved_at": "2026-11-24T08:00:00Z", "values": {"need": "A swim"}}
    }
    upload(page, "newer.json", json.dumps(incoming).encode())
    plan = workbook(page).locator(".workbook__plan")
    expect(plan).to_contain_text(
        "Feelings check-in: 1 answered question, replaces the answers you have now."
    )
    page.get_by_role("button", name="Cancel", exact=True).click()
    expect(plan).to_be_hidden()
    expect(workbook(page).locator(".workbook__status")).to_contain_text("Import cancelled")
    assert stored(page) == before

    upload(page, "newer.json", json.dumps(incoming).encode())
    page.get_by_role("button", name="Replace my answers with these").click()
    expect(workbook(page).locator(".workbook__status")).to_have_text("Imported 1 worksheet.")
    entries = saved_entries(page)
    assert entries["feelings"]["values"] == {"need": "A swim"}
    assert entries["tracker"]["values"] == SAVED["tracker"]["values"]  # not in the file
    assert entries["tracker"]["saved_at"] == SAVED["tracker"]["saved_at"]  # untouched


def _bad_files() -> list[tuple[str, bytes, str]]:
    good = json.loads(exchange.export_json(SAVED, real_specs()))

    def variant(**changes: object) -> bytes:
        return json.dumps({**good, **changes}).encode()

    def with_values(worksheet: str, values: dict) -> bytes:
        entry = {worksheet: {"saved_at": "2026-11-24T08:00:00Z", "values": values}}
        if worksheet == "tracker":  # shared by every round: at the top
            return variant(rounds=[], worksheets=entry)
        return variant(rounds=[{**good["rounds"][0], "worksheets": entry}], worksheets={})

    return [
        ("diary.txt", b"Dear diary, today was hard.", "not valid JSON"),
        ("empty.json", b"", "The file is empty"),
        ("list.json", b"[1, 2, 3]", "holds a list"),
        ("other.json", variant(format="someone-else"), "\u201csomeone-else\u201d"),
        ("future.json", variant(version=9), "newer version of Rebound"),
        (
            "proto.json",
            b'{"format": "rebound-workbook", "version": 1, "exported_at": '
            b'"2026-11-24T08:00:00Z", "worksheets": {"__proto__": {"x": 1}}}',
            "\u201c__proto__\u201d",
        ),
        (
            "twice.json",
            b'{"format": "rebound-workbook", "format": "rebound-workbook"}',
            "appears twice",
        ),
        (
            "deep.json",
            b'{"format": "rebound-workbook", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
            "levels deep",
        ),
        # Over the import limit: read (an encrypted backup may be this big),
        # refused by Python; then too big to read at all, refused by the page.
        ("big.json", variant(padding="x" * (MAX_IMPORT_BYTES + 1)), "up to 10 MB"),
        ("huge.json", b" " * (2 * MAX_IMPORT_BYTES), "up to 10 MB"),
        ("when.json", variant(exported_at="last week"), "ISO 8601"),
        ("type.json", with_values("feelings", {"intensity": 7}), "must be text, not a number"),
        ("long.json", with_values("feedback", {"company": "x" * 121}), "at most 120"),
        (
            "rows.json",
            with_values("tracker", {"applications.60.company": "Acme"}),
            "at most 60 rows",
        ),
        (
            "choice.json",
            with_values("feelings", {"emotions": ["bored"]}),
            "no choice \u201cbored\u201d",
        ),
        ("nul.json", with_values("feelings", {"need": "a\u0000b"}), "NUL character"),
        (
            "unknown.json",
            variant(
                rounds=[],
                worksheets={"diary": {"saved_at": "2026-11-24T08:00:00Z", "values": {}}},
            ),
            "None of the worksheets",
        ),
    ]


def test_every_bad_file_shows_a_message_and_changes_nothing(
    page: Page, site_server: StaticServer
) -> None:
    open_workbook(page, site_server)
    before = stored(page)
    total = workbook(page).locator(".workbook__total").text_content()
    alert = workbook(page).locator(".workbook__alert")
    plan = workbook(page).locator(".workbook__plan")
    cases = _bad_files()
    assert len(cases) >= 10
    for name, data, fragment in cases:
        upload(page, name, data)
        expect(alert).to_contain_text(fragment, timeout=120_000)
        expect(alert).to_contain_text("This file was not imported.")
        expect(alert).to_contain_text("Your answers have not changed.")
        expect(plan).to_be_hidden()
        assert stored(page) == before, name
        # Clear the message so the next case cannot pass on this one's text.
        page.evaluate("document.querySelector('.workbook__alert').textContent = ''")
    # The overview still shows the same answers.
    expect(workbook(page).locator(".workbook__total")).to_have_text(total)


def test_every_bad_file_is_refused_in_chinese_on_the_chinese_page(
    page: Page, site_server: StaticServer, built_site: Path
) -> None:
    """The same bad files on /zh/workbook/: each refused in Python's Chinese
    sentence (what CPython says in that language), inside the page's Chinese
    frame, none of the English, and nothing changed."""
    edition = EDITIONS["zh-Hans"]
    open_workbook(page, site_server, edition=edition)
    before = stored(page)
    alert = workbook(page).locator(".workbook__alert")
    steps = manifest.steps_from_index(site_index(built_site / edition.path))
    specs = {step.worksheet.id: step.worksheet for step in steps}
    for name, data, english in _bad_files():
        upload(page, name, data)
        expect(alert).to_contain_text(edition.not_imported, timeout=120_000)
        message = alert.text_content() or ""
        if len(data) <= MAX_IMPORT_BYTES * 1.5:  # read by the page, judged by Python
            with in_language(edition):
                expected = exchange.plan_import(data.decode("utf-8"), {}, specs)
            assert expected["ok"] is False, name
            assert expected["error"] in message, (name, message)
        else:  # too big to read: the page's own words
            assert "MB" in message, (name, message)
        if re.search(r"[a-z]{3,}", english) and not english.startswith("\u201c"):
            assert english not in message, (name, message)  # quoted input may stay
        assert "This file was not imported" not in message, name
        assert stored(page) == before, name
        page.evaluate("document.querySelector('.workbook__alert').textContent = ''")


def test_delete_asks_first_then_deletes_one_or_all(page: Page, site_server: StaticServer) -> None:
    extra = {"rebound:corrupt:feelings:2026-11-01T00:00:00.000Z": "{broken"}
    open_workbook(page, site_server, extra=extra)
    dialog = page.locator("dialog.workbook__dialog")
    feelings = workbook(page).locator('li[data-worksheet="feelings"]')

    feelings.get_by_role("button", name="Delete your answers to Feelings check-in").click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Feelings check-in")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(workbook(page).locator(".workbook__status")).to_have_text("Nothing was deleted.")
    assert set(saved_entries(page)) == set(SAVED)

    feelings.get_by_role("button", name="Delete your answers to Feelings check-in").click()
    page.keyboard.press("Escape")  # the keyboard way out deletes nothing either
    expect(dialog).to_be_hidden()
    assert set(saved_entries(page)) == set(SAVED)

    feelings.get_by_role("button", name="Delete your answers to Feelings check-in").click()
    dialog.get_by_role("button", name="Delete these answers").click()
    expect(workbook(page).locator(".workbook__status")).to_have_text(
        "Your answers to \u201cFeelings check-in\u201d were deleted."
    )
    assert set(saved_entries(page)) == set(SAVED) - {"feelings"}
    assert not any(key.startswith("rebound:corrupt:feelings:") for key in stored(page))
    wait_ready(page, updates=2)
    expect(feelings).to_have_attribute("data-status", "empty")

    page.get_by_role("button", name="Delete all my answers").click()
    expect(dialog).to_contain_text("every answer")
    dialog.get_by_role("button", name="Delete all answers").click()
    expect(workbook(page).locator(".workbook__status")).to_have_text(
        "All your answers were deleted from this browser."
    )
    assert stored(page) == {}
    expect(workbook(page).locator(".workbook__total")).to_contain_text("No answers are saved")


def test_the_learning_plan_page_uses_the_saved_reflection(
    page: Page, site_server: StaticServer
) -> None:
    """A worksheet that reads another as context gets that worksheet's spec
    from the site's manifest, which the page sends with the saved answers."""
    reflection = {
        "schema": 1,
        "worksheet": "reflection",
        "saved_at": "2026-11-20T18:00:00.000Z",
        "values": {"role_fit": "3", "stories": "1", "questions": "2", "research": "5"},
    }
    plan = {**SAVED["learning-plan"], "values": {"hours": "2", "weeks": "2"}}
    seed(
        page, f"{site_server.url}/keep-learning/", {"reflection": reflection, "learning-plan": plan}
    )
    page.locator("form.worksheet [name=hours]").fill("3")  # typing starts Python
    expect(page.locator("[data-worksheet-result]")).to_contain_text(
        # The top two, as Steps 3 and 5 say ("one or two areas"); role fit comes third.
        "the plan uses the top 2 areas from your reflection: Examples and stories "
        "and My questions for them.",
        timeout=120_000,
    )

"""Saved answers that survive what real browsers do (issue 16), each test one
scenario in Chromium: an import that runs out of space while another tab is
open, unreadable data with storage full, answers the form cannot show, two
deployments on one origin (``/a/`` and ``/b/``), two tabs with different
clocks, the browser's answer to ``navigator.storage.persist()``, the last
export and its reminder, and saved data from the releases before."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from bench.static_server import StaticServer, free_port
from browser_py.core.storage import migrate_storage
from tests.helpers.browser_data import BOOT_MS, first_round, wait_ready
from tests.helpers.build import ROOT, mkdocs_build
from tests.helpers.specs import real_specs
from tests.helpers.worksheet_pages import settle

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parents[1] / "fixtures"
SCOPES = {worksheet_id: ws.scope for worksheet_id, ws in real_specs().items()}
NEED = 'form.worksheet [name="need"]'
IN_WORDS = 'form.worksheet [name="in_words"]'

# Fill localStorage to the brim with filler keys (not the guide's), leaving
# about `leave` characters free: a reserve key is written first and removed last.
FILL_JS = """(leave) => {
  if (leave) localStorage.setItem('zz-reserve', 'r'.repeat(leave));
  let n = 0;
  for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
    const text = 'x'.repeat(size);
    for (;;) {
      try { localStorage.setItem('zz-fill:' + n++, text); } catch { break; }
    }
  }
  localStorage.removeItem('zz-reserve');
}"""
UNFILL_JS = """() => { for (const k of Object.keys(localStorage))
  if (k.startsWith('zz-')) localStorage.removeItem(k); }"""
# Record every storage event on a key the guide reads (not its temporary
# keys) that carries `marker`, in this tab.
WATCH_JS = """(marker) => { window.__seen = [];
  addEventListener('storage', (e) => {
    if ((e.key || '').startsWith('rebound:v2:') && (e.newValue || '').includes(marker))
      __seen.push(e.key);
  }); }"""


def iso(days_ago: float = 0) -> str:
    moment = datetime.now(UTC) - timedelta(days=days_ago)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def envelope(values: dict, round_id: str | None = "r0", worksheet: str = "feelings", **extra):
    return json.dumps(
        {
            "schema": 2,
            "worksheet": worksheet,
            "round": round_id,
            "saved_at": extra.pop("saved_at", iso()),
            **extra,
            "values": values,
        }
    )


def first_round_index(created: str | None = None) -> str:
    """The round index of :func:`first_round`'s one round, saved at ``created``."""
    stamp = created or iso()
    round_ = {**first_round(), "created": stamp, "updated": stamp}
    return json.dumps({"schema": 2, "current": "r0", "rounds": [round_]})


def fresh(page: Page, url: str, items: dict[str, str] | None = None) -> None:
    page.goto(url)
    settle(page)
    page.evaluate(
        "(items) => { localStorage.clear(); sessionStorage.clear();"
        " for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }",
        items or {},
    )
    page.reload()


def item(page: Page, key: str) -> dict | None:
    text = page.evaluate("(k) => localStorage.getItem(k)", key)
    return json.loads(text) if text else None


def wait_for(check, what: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.fixture
def two_tabs(context: BrowserContext) -> Iterator[tuple[Page, Page]]:
    first, second = context.new_page(), context.new_page()
    yield first, second
    first.close()
    second.close()


# -- an import that runs out of space -------------------------------------------------


def test_a_rolled_back_import_leaves_every_tab_with_the_original_answers(
    two_tabs: tuple[Page, Page], site_server: StaticServer, tmp_path: Path
) -> None:
    sheet, book = two_tabs
    fresh(sheet, f"{site_server.url}/feel-it/")
    sheet.locator(NEED).fill("Original words")
    wait_for(
        lambda: (
            (item(sheet, "rebound:v2:r0:feelings") or {}).get("values", {}).get("need")
            == "Original words"
        ),
        "the original answer was never saved",
    )
    original = item(sheet, "rebound:v2:r0:feelings")
    book.goto(f"{site_server.url}/workbook/")
    wait_ready(book)
    # A file that replaces the open worksheet and adds rounds: far more than fits.
    marker = "IMPORTED"
    rounds = [
        {
            "id": "r0",
            "label": "First round",
            "company": "",
            "role": "",
            "date": "",
            "created": original["saved_at"],
            "worksheets": {
                "feelings": {"saved_at": iso(), "values": {"need": f"{marker} " + "a" * 900}}
            },
        }
    ] + [
        {
            "id": f"rimport{number}",
            "label": f"Imported {number}",
            "company": "",
            "role": "",
            "date": "",
            "created": iso(),
            "worksheets": {
                "feelings": {"saved_at": iso(), "values": {"need": f"{marker} " + "b" * 900}}
            },
        }
        for number in range(8)
    ]
    path = tmp_path / "import.json"
    path.write_text(
        json.dumps(
            {
                "format": "rebound-workbook",
                "version": 2,
                "exported_at": iso(),
                "current": "r0",
                "rounds": rounds,
                "worksheets": {},
            }
        ),
        "utf-8",
    )
    sheet.evaluate(WATCH_JS, marker)
    book.set_input_files("#rebound-import-file", str(path))
    book.wait_for_selector(".workbook__apply", timeout=BOOT_MS)
    # Room for a keystroke's save, not for the import.
    book.evaluate(FILL_JS, 2000)
    try:
        book.locator(".workbook__apply").click()
        expect(book.locator(".workbook__alert")).to_contain_text("Nothing was imported")
        assert item(book, "rebound:v2:r0:feelings") == original
        assert not [k for k in book.evaluate("Object.keys(localStorage)") if ":pending:" in k]
        # The other tab never saw the imported answers, and keeps its own.
        sheet.wait_for_timeout(500)
        assert sheet.evaluate("window.__seen") == []
        expect(sheet.locator(NEED)).to_have_value("Original words")
        sheet.locator(NEED).press("End")
        sheet.locator(NEED).type(" and more")
        wait_for(
            lambda: (
                item(sheet, "rebound:v2:r0:feelings")["values"].get("need")
                == "Original words and more"
            ),
            "the keystroke was not saved",
        )
        assert marker not in json.dumps(
            book.evaluate("Object.fromEntries(Object.entries(localStorage))")
        )
    finally:
        book.evaluate(UNFILL_JS)


def test_an_import_that_fits_reaches_the_other_tab(
    two_tabs: tuple[Page, Page], site_server: StaticServer, tmp_path: Path
) -> None:
    sheet, book = two_tabs
    fresh(sheet, f"{site_server.url}/feel-it/")
    sheet.locator(NEED).fill("Original words")
    wait_for(lambda: item(sheet, "rebound:v2:r0:feelings") is not None, "never saved")
    book.goto(f"{site_server.url}/workbook/")
    wait_ready(book)
    saved = item(book, "rebound:v2:r0:feelings")
    path = tmp_path / "import.json"
    path.write_text(
        json.dumps(
            {
                "format": "rebound-workbook",
                "version": 2,
                "exported_at": iso(),
                "current": "r0",
                "rounds": [
                    {
                        "id": "r0",
                        "label": "First round",
                        "company": "",
                        "role": "",
                        "date": "",
                        "created": saved["saved_at"],
                        "worksheets": {
                            "feelings": {"saved_at": iso(1), "values": {"need": "From the file"}}
                        },
                    }
                ],
                "worksheets": {},
            }
        ),
        "utf-8",
    )
    book.set_input_files("#rebound-import-file", str(path))
    book.wait_for_selector(".workbook__apply", timeout=BOOT_MS)
    book.locator(".workbook__apply").click()
    expect(book.locator(".workbook__status")).to_contain_text("Imported")
    after = item(book, "rebound:v2:r0:feelings")
    assert after["rev"] == saved["rev"] + 1
    expect(sheet.locator(NEED)).to_have_value("From the file")


# -- unreadable data with storage full -------------------------------------------------


def test_with_storage_full_unreadable_answers_are_never_overwritten(
    page: Page, site_server: StaticServer
) -> None:
    broken = '{"schema": 2, "worksheet": "feelings", "values": {"need": "cut'
    items = {"rebound:v2:rounds": first_round_index(), "rebound:v2:r0:feelings": broken}
    page.goto(f"{site_server.url}/feel-it/")
    settle(page)
    # Stored and filled up before any page has read it (so no copy was kept).
    page.evaluate(
        "(items) => { localStorage.clear(); sessionStorage.clear();"
        " for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }",
        items,
    )
    page.evaluate(FILL_JS, 0)
    try:
        page.reload()
        notice = page.locator(".worksheet__stuck")
        expect(notice).to_be_visible(timeout=BOOT_MS)
        expect(notice).to_have_attribute("role", "alert")
        expect(notice).to_contain_text("too full to keep a copy")
        page.locator(IN_WORDS).fill("typed while stuck")
        page.wait_for_timeout(800)
        assert page.evaluate("localStorage.getItem('rebound:v2:r0:feelings')") == broken
        with page.expect_download() as info:
            page.locator(".worksheet__stuck-download").click()
        assert Path(info.value.path()).read_text("utf-8") == broken
        assert page.evaluate("localStorage.getItem('rebound:v2:r0:feelings')") == broken
        # Only the reader's explicit choice drops it.
        page.locator(".worksheet__stuck-discard").click()
        expect(notice).to_be_hidden()
        assert page.evaluate("localStorage.getItem('rebound:v2:r0:feelings')") is None
        page.evaluate(UNFILL_JS)
        page.locator(IN_WORDS).fill("typed after the discard")
        wait_for(
            lambda: (
                (item(page, "rebound:v2:r0:feelings") or {}).get("values", {}).get("in_words")
                == "typed after the discard"
            ),
            "the answers were not saved after the discard",
        )
    finally:
        page.evaluate(UNFILL_JS)


def test_with_room_unreadable_answers_are_kept_aside_before_a_save(
    page: Page, site_server: StaticServer
) -> None:
    broken = "not json at all"
    items = {"rebound:v2:rounds": first_round_index(), "rebound:v2:r0:feelings": broken}
    fresh(page, f"{site_server.url}/feel-it/", items)
    page.locator(NEED).fill("new words")
    wait_for(
        lambda: page.evaluate("localStorage.getItem('rebound:v2:r0:feelings')") != broken,
        "never saved",
    )
    assert item(page, "rebound:v2:r0:feelings")["values"] == {"need": "new words"}
    kept = page.evaluate(
        "Object.entries(localStorage).filter(([k]) => k.startsWith('rebound:corrupt:r0:feelings:'))"
        ".map(([, v]) => v)"
    )
    assert kept == [broken]


# -- answers the form cannot show -----------------------------------------------------


def test_unknown_stored_fields_survive_an_edit_and_are_exported(
    page: Page, site_server: StaticServer, tmp_path: Path
) -> None:
    values = {
        "need": "A walk",
        "old_question": "Words for a removed field",
        "checkins.20.note": "A row past the list's limit",
        "score": 7,
        # Non-text values from an older or newer version.
        "done": True,
        "later": {"plan": ["rest", 3], "when": None},
        "tags": [1, 2],
    }
    items = {
        "rebound:v2:rounds": first_round_index(),
        "rebound:v2:r0:feelings": envelope(values),
    }
    fresh(page, f"{site_server.url}/feel-it/", items)
    expect(page.locator(".worksheet__status-kept")).to_contain_text(
        "6 saved answers belong to questions this page no longer shows"
    )
    page.locator(NEED).fill("A long walk")
    wait_for(
        lambda: item(page, "rebound:v2:r0:feelings")["values"]["need"] == "A long walk",
        "the edit was not saved",
    )
    saved = item(page, "rebound:v2:r0:feelings")["values"]
    assert saved == {**values, "need": "A long walk"}

    page.goto(f"{site_server.url}/workbook/")
    wait_ready(page)
    with page.expect_download(timeout=BOOT_MS) as info:
        page.get_by_role("button", name="Export answers (.json)").click()
    exported = json.loads(Path(info.value.path()).read_text("utf-8"))
    out = exported["rounds"][0]["worksheets"]["feelings"]
    assert out["values"] == {"need": "A long walk", "old_question": values["old_question"]}
    # "They are kept and exported": every one of them, as stored.
    kept = ("checkins.20.note", "score", "done", "later", "tags")
    assert out["kept"] == {name: values[name] for name in kept}

    with page.expect_download(timeout=BOOT_MS) as info:
        page.get_by_role("button", name="Export as Markdown (.md)").click()
    journal = Path(info.value.path()).read_text("utf-8")
    section = journal.split("Saved answers this version cannot show", 1)[1]
    plain = re.sub(r"\\(.)", r"\1", section)  # the Markdown's escapes undone
    for name, shown in [
        ("checkins.20.note", "A row past the list's limit"),
        ("score", "7"),
        ("done", "true"),
        ("later", '{"plan": ["rest", 3], "when": null}'),
        ("tags", "[1, 2]"),
    ]:
        assert f"**{name}**:" in plain and shown in plain, (name, shown)


# -- revisions, not clocks ---------------------------------------------------------------

SKEW_JS = """(() => {
  const Real = Date, skew = -2 * 24 * 60 * 60 * 1000;
  class Skewed extends Real {
    constructor(...args) { if (args.length) super(...args); else super(Real.now() + skew); }
    static now() { return Real.now() + skew; }
  }
  globalThis.Date = Skewed;
})();"""


def test_revisions_order_two_tabs_even_with_a_skewed_clock(
    context: BrowserContext, site_server: StaticServer
) -> None:
    right = context.new_page()
    fresh(right, f"{site_server.url}/feel-it/")
    right.locator(IN_WORDS).fill("from the right clock")
    wait_for(lambda: item(right, "rebound:v2:r0:feelings") is not None, "never saved")
    behind = context.new_page()
    behind.add_init_script(SKEW_JS)
    behind.goto(f"{site_server.url}/feel-it/")
    assert behind.evaluate("Date.now()") < time.time() * 1000 - 86_400_000
    expect(behind.locator(IN_WORDS)).to_have_value("from the right clock")
    behind.locator(NEED).fill("from the tab two days behind")
    wait_for(
        lambda: (
            item(right, "rebound:v2:r0:feelings")["values"].get("need")
            == "from the tab two days behind"
        ),
        "the skewed tab's save never landed",
    )
    # Its saved_at is two days older, yet the other tab takes it...
    expect(right.locator(NEED)).to_have_value("from the tab two days behind")
    # ...and its next save keeps it.
    right.locator(IN_WORDS).fill("from the right clock, again")
    wait_for(
        lambda: (
            item(right, "rebound:v2:r0:feelings")["values"].get("in_words")
            == "from the right clock, again"
        ),
        "the second save never landed",
    )
    final = item(right, "rebound:v2:r0:feelings")
    assert final["values"]["need"] == "from the tab two days behind"
    assert final["rev"] >= 3
    right.close()
    behind.close()


def test_an_older_tab_without_revisions_is_still_heard(
    page: Page, site_server: StaticServer
) -> None:
    fresh(page, f"{site_server.url}/feel-it/")
    page.locator(NEED).fill("first")
    wait_for(lambda: item(page, "rebound:v2:r0:feelings") is not None, "never saved")
    # What an older Rebound tab writes: no "rev", an old saved_at.
    old_tab = envelope({"need": "from an older tab"}, saved_at=iso(3))
    page.evaluate(
        """(text) => { const key = 'rebound:v2:r0:feelings', old = localStorage.getItem(key);
        localStorage.setItem(key, text);
        dispatchEvent(new StorageEvent('storage', {key, oldValue: old, newValue: text,
          storageArea: localStorage})); }""",
        old_tab,
    )
    expect(page.locator(NEED)).to_have_value("from an older tab")
    page.locator(IN_WORDS).fill("and this tab")
    wait_for(
        lambda: item(page, "rebound:v2:r0:feelings")["values"].get("in_words") == "and this tab",
        "never saved",
    )
    assert item(page, "rebound:v2:r0:feelings")["values"]["need"] == "from an older tab"


# -- persist(), the last export and its reminder -----------------------------------------


def test_the_storage_panel_shows_whether_the_browser_keeps_the_answers(
    page: Page, site_server: StaticServer
) -> None:
    fresh(page, f"{site_server.url}/feel-it/")
    page.locator(NEED).fill("words")
    wait_for(lambda: item(page, "rebound:v2:r0:feelings") is not None, "never saved")
    page.goto(f"{site_server.url}/workbook/")
    wait_ready(page)
    persisted = page.evaluate("navigator.storage.persisted()")
    line = page.locator(".workbook__persist")
    expect(line).to_have_attribute("data-persisted", str(persisted).lower())
    expect(line).to_contain_text("Yes: this browser agreed" if persisted else "Not for sure")


def test_last_export_is_shown_and_the_reminder_is_gentle(
    page: Page, site_server: StaticServer
) -> None:
    items = {
        "rebound:v2:rounds": first_round_index(iso(30)),
        "rebound:v2:r0:feelings": envelope({"need": "old words"}, saved_at=iso(20)),
    }
    fresh(page, f"{site_server.url}/workbook/", items)
    wait_ready(page)
    reminder = page.locator(".workbook__export-reminder")
    expect(reminder).to_be_visible()
    expect(page.locator(".workbook__last-export")).to_contain_text("not exported")
    with page.expect_download(timeout=BOOT_MS):
        reminder.get_by_role("button", name="Export answers now (.json)").click()
    expect(page.locator(".workbook__last-export")).to_contain_text("Last exported on")
    expect(reminder).to_be_hidden()
    record = item(page, "rebound:settings:exported")
    assert record["kind"] == "json"

    # Exported 20 days ago, changed since: reminded; "Not now" puts it off.
    record = {"schema": 1, "at": iso(20), "kind": "markdown"}
    items = {
        **items,
        "rebound:v2:r0:feelings": envelope({"need": "newer words"}, saved_at=iso(2)),
        "rebound:settings:exported": json.dumps(record),
    }
    fresh(page, f"{site_server.url}/workbook/", items)
    wait_ready(page)
    expect(reminder).to_be_visible()
    reminder.get_by_role("button", name="Not now").click()
    expect(reminder).to_be_hidden()
    page.reload()
    wait_ready(page)
    expect(page.locator(".workbook__last-export")).to_have_attribute(
        "data-exported-at", record["at"]
    )
    expect(reminder).to_be_hidden()


# -- the saved data of earlier releases --------------------------------------------------


def test_schema_2_data_from_before_revisions_loads_and_saves_with_nothing_lost(
    page: Page, site_server: StaticServer
) -> None:
    items = json.loads((FIXTURES / "v2-d7f4e11" / "localstorage.json").read_text("utf-8"))
    current = json.loads(items["rebound:v2:rounds"])["current"]
    key = f"rebound:v2:{current}:feelings"
    feelings = json.loads(items[key])["values"]
    fresh(page, f"{site_server.url}/feel-it/", items)
    expect(page.locator(IN_WORDS)).to_have_value(feelings["in_words"])
    page.locator(IN_WORDS).press("End")
    page.locator(IN_WORDS).type("!")
    wait_for(
        lambda: item(page, key)["values"]["in_words"] == feelings["in_words"] + "!",
        "never saved",
    )
    after = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    saved = json.loads(after.pop(key))
    assert saved["rev"] == 1  # no revision before: 0, then this save
    assert saved["values"] == {**feelings, "in_words": feelings["in_words"] + "!"}
    assert after.pop("rebound-owner") == "/"
    del items[key]
    assert after == items  # every other key exactly as the earlier release left it


# -- two deployments on one origin -------------------------------------------------------


@pytest.fixture(scope="module")
def ab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    port = free_port()
    sites = {}
    for base in ("/a/", "/b/"):
        site = tmp_path_factory.mktemp("mount") / "site"
        result = mkdocs_build(
            ROOT / "mkdocs.yml", site, env={"SITE_URL": f"http://127.0.0.1:{port}{base}"}
        )
        assert result.returncode == 0, result.stderr
        sites[base] = site
    with StaticServer(port=port, mounts=sites) as server:
        yield server


def test_b_never_reads_or_deletes_a_s_answers(page: Page, ab_server: StaticServer) -> None:
    url = ab_server.url
    fresh(page, f"{url}/a/feel-it/")
    page.locator(NEED).fill("Answer kept by /a/")
    wait_for(
        lambda: (
            (item(page, "rebound@/a/:v2:r0:feelings") or {}).get("values", {}).get("need")
            == "Answer kept by /a/"
        ),
        "/a/ never saved under its own prefix",
    )
    assert not [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("rebound:")]
    page.goto(f"{url}/b/feel-it/")
    expect(page.locator(NEED)).to_have_value("")
    page.locator(IN_WORDS).fill("Answer kept by /b/")
    wait_for(lambda: item(page, "rebound@/b/:v2:r0:feelings") is not None, "/b/ never saved")
    page.goto(f"{url}/b/workbook/")
    wait_ready(page)
    listed = page.locator(".workbook__stored-item code").all_inner_texts()
    assert listed and all(key.startswith("rebound@/b/:") for key in listed)
    page.locator(".workbook__delete-all").click()
    page.locator(".workbook__confirm").click()
    expect(page.locator(".workbook__status")).to_contain_text("deleted")
    keys = page.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith("rebound@/b/:v2:")]
    assert item(page, "rebound@/a/:v2:r0:feelings")["values"]["need"] == "Answer kept by /a/"
    page.goto(f"{url}/a/feel-it/")
    expect(page.locator(NEED)).to_have_value("Answer kept by /a/")


@pytest.mark.parametrize("folder", ["v1-2eac259", "v2-d7f4e11"])
def test_the_first_subpath_deployment_claims_the_unscoped_answers_alone(
    page: Page, ab_server: StaticServer, folder: str
) -> None:
    items = json.loads((FIXTURES / folder / "localstorage.json").read_text("utf-8"))
    url = ab_server.url
    fresh(page, f"{url}/a/feel-it/", items)
    current = json.loads(items.get("rebound:v2:rounds", '{"current": "r0"}'))["current"]
    expect(page.locator("form.worksheet")).to_have_attribute("data-round", current)
    wait_for(
        lambda: (
            not [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("rebound:v")]
        ),
        "the unscoped keys were not moved",
    )
    after = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    assert after.pop("rebound-owner") == "/a/"
    # Moved, not copied: nothing of the guide's is left unscoped.
    assert not [k for k in after if k.startswith("rebound:")]
    mine = {
        "rebound:" + k.removeprefix("rebound@/a/:"): v
        for k, v in after.items()
        if k.startswith("rebound@/a/:")
    }
    expected = {k: v for k, v in migrate_storage(items, SCOPES).items() if k.startswith("rebound:")}

    def values(data: dict[str, str]) -> dict[str, object]:
        out = {}
        for key, text in data.items():
            parsed = json.loads(text)
            out[key] = parsed.get("values", parsed.get("rounds") and len(parsed["rounds"]))
        return out

    assert values(mine) == values(expected)
    # /b/ sees none of it, and takes none of it.
    page.goto(f"{url}/b/feel-it/")
    expect(page.locator(NEED)).to_have_value("")
    page.wait_for_timeout(300)
    keys = page.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith("rebound@/b/:v2:")]


# -- Delete all while another tab starts ------------------------------------------------

OLD = {
    "rebound:v2:rounds": json.dumps(
        {
            "schema": 2,
            "current": "r0",
            "rounds": [
                {**first_round(), "created": iso(3), "updated": iso(3)},
                {
                    "id": "rold1",
                    "label": "Acme, designer",
                    "company": "Acme",
                    "role": "designer",
                    "date": "",
                    "created": iso(2),
                    "updated": iso(2),
                },
            ],
        }
    ),
    "rebound:v2:r0:feelings": envelope({"need": "words from before"}),
    "rebound:v2:rold1:feelings": envelope({"need": "more words from before"}, "rold1"),
    "rebound:v1:tracker": json.dumps(
        {
            "schema": 1,
            "worksheet": "tracker",
            "saved_at": iso(5),
            "values": {"applications.0.company": "Older Co"},
        }
    ),
}


@pytest.mark.parametrize("delay_ms", [0, 400])
def test_a_tab_starting_during_delete_all_brings_nothing_back(
    two_tabs: tuple[Page, Page], site_server: StaticServer, delay_ms: int
) -> None:
    """The workbook page starts its machinery at once (migrating a version 1
    entry, reading the index) while another tab deletes everything: nothing
    from before comes back, in storage or the index."""
    deleting, starting = two_tabs
    fresh(deleting, f"{site_server.url}/workbook/", OLD)
    wait_ready(deleting)
    starting.goto(f"{site_server.url}/workbook/", wait_until="commit")
    deleting.wait_for_timeout(delay_ms)
    deleting.get_by_role("button", name="Delete all my answers").click()
    deleting.get_by_role("dialog").get_by_role("button", name="Delete all answers").click()
    expect(deleting.get_by_text("All your answers were deleted from this browser.")).to_be_visible()
    settle(starting)
    starting.wait_for_timeout(1500)
    left = starting.evaluate("() => JSON.stringify(localStorage)")
    for before in ("words from before", "Acme", "Older Co", "rold1"):
        assert before not in left, (before, left)


LATE_DELETE_JS = """(key) => dispatchEvent(new StorageEvent("storage", {
  key, oldValue: "{}", newValue: null, storageArea: localStorage }))"""


def test_a_copy_migrated_from_an_entry_another_tab_deleted_goes_too(
    two_tabs: tuple[Page, Page], site_server: StaticServer
) -> None:
    """A tab starting up migrates a version 1 entry from a view of storage
    that did not have another tab's Delete all yet: the deletion's storage
    event arrives after the copy was written (dispatched here, as the
    browser's delivery order cannot be forced), and the copy goes too."""
    deleting, starting = two_tabs
    legacy = "rebound:v1:tracker"
    fresh(deleting, f"{site_server.url}/privacy/")
    deleting.evaluate("([k, v]) => localStorage.setItem(k, v)", [legacy, OLD[legacy]])
    starting.goto(f"{site_server.url}/keep-going/")
    settle(starting)
    company = starting.locator('form.worksheet [name="applications.0.company"]')
    expect(company).to_have_value("Older Co")
    copy = "rebound:v2:search:tracker"
    assert item(starting, copy)["values"] == {"applications.0.company": "Older Co"}
    assert item(starting, legacy) is None
    # Another key's deletion changes nothing.
    starting.evaluate(LATE_DELETE_JS, "rebound:v1:feelings")
    assert item(starting, copy) is not None
    starting.evaluate(LATE_DELETE_JS, legacy)
    wait_for(lambda: item(starting, copy) is None, "the migrated copy came back")
    expect(company).to_have_value("")
    assert "Older Co" not in deleting.evaluate("() => JSON.stringify(localStorage)")


def test_a_migrated_copy_the_reader_changed_since_is_kept(
    page: Page, site_server: StaticServer
) -> None:
    legacy = "rebound:v1:tracker"
    fresh(page, f"{site_server.url}/keep-going/", {legacy: OLD[legacy]})
    settle(page)
    company = page.locator('form.worksheet [name="applications.0.company"]')
    expect(company).to_have_value("Older Co")
    company.fill("Newer Co")
    copy = "rebound:v2:search:tracker"
    wait_for(
        lambda: item(page, copy)["values"].get("applications.0.company") == "Newer Co",
        "the edit was not saved",
    )
    page.evaluate(LATE_DELETE_JS, legacy)
    page.wait_for_timeout(500)
    assert item(page, copy)["values"]["applications.0.company"] == "Newer Co"

"""Robust input on the workbook page (issue #16), in Chromium with the real
Pyodide worker:

* a 10 kB nested saved entry ([[[...]]], 5000 levels: enough to overflow the
  WebAssembly stack inside json.loads) is reported for its own worksheet,
  and the other worksheets still export as JSON, Markdown, an encrypted
  backup and the filled PDF; Python keeps answering afterwards;
* a request nested far deeper still gets a sentence, and Python survives it;
* the import check previews a few answers of each worksheet, as text;
* a file over the import limit is refused with the limit Python states;
* a page shown in a frame mounts no workbook tools and says why.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from playwright.sync_api import Page, expect

from bench.static_server import StaticServer
from browser_py.core.limits import MAX_IMPORT_BYTES
from browser_py.workbook import exchange
from tests.helpers.browser_data import BOOT_MS, SAVED, WORKBOOK, seed, stored, wait_ready
from tests.helpers.rounds import file_worksheets
from tests.helpers.specs import real_specs

pytestmark = pytest.mark.browser

NESTED = "[" * 5000 + "]" * 5000
PASSPHRASE = "correct horse battery staple"

#: Asks the page's own runtime module for something: its response.
CALL_JS = """async ([url, request]) => {
  const runtime = await import(url);
  return runtime.call(request);
}"""


def decrypt(data: bytes, passphrase: str) -> str:
    """The export text inside an encrypted backup (the README's recipe)."""
    sealed = json.loads(data)
    kdf, cipher = sealed["kdf"], sealed["cipher"]
    key = PBKDF2HMAC(
        algorithm=SHA256(),
        length=32,
        salt=base64.b64decode(kdf["salt"]),
        iterations=kdf["iterations"],
    ).derive(passphrase.encode("utf-8"))
    iv, body = base64.b64decode(cipher["iv"]), base64.b64decode(sealed["ciphertext"])
    return AESGCM(key).decrypt(iv, body, None).decode("utf-8")


def runtime_url(server: StaticServer) -> str:
    return f"{server.url}/assets/rebound/page/runtime.js"


def download(page: Page, button: str, timeout: float = 30_000) -> tuple[str, bytes]:
    with page.expect_download(timeout=timeout) as info:
        page.locator(WORKBOOK).get_by_role("button", name=button).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def test_a_nested_entry_is_reported_and_every_other_worksheet_exports(
    page: Page, site_server: StaticServer
) -> None:
    saved = {**SAVED, "feelings": NESTED}
    seed(page, f"{site_server.url}/workbook/", saved)
    wait_ready(page)
    root = page.locator(WORKBOOK)
    alert = root.locator(".workbook__alert")
    # Reported for its own worksheet, in a sentence, with the depth found.
    expect(alert).to_contain_text("\u201cFeelings check-in\u201d could not be read")
    expect(alert).to_contain_text("5000 levels deep")
    expect(root.locator('li[data-worksheet="feelings"]')).to_have_attribute("data-status", "empty")
    expect(root.locator('li[data-worksheet="feedback"]')).not_to_have_attribute(
        "data-status", "empty"
    )
    before = stored(page)

    # JSON: every other worksheet, exactly; the page says what was left out.
    _name, data = download(page, "Export answers (.json)")
    sheets = file_worksheets(json.loads(data))
    assert set(sheets) == {"feedback", "learning-plan", "tracker"}
    for worksheet in sheets:
        assert sheets[worksheet]["values"] == SAVED[worksheet]["values"]
    expect(alert).to_contain_text("left out of the file")
    expect(alert).to_contain_text("Feelings check-in")

    # Markdown: the other answers, and the bad one under "Left out".
    _name, data = download(page, "Export as Markdown (.md)")
    markdown = data.decode("utf-8")
    assert "Acme, Inc." in markdown and "Globex" in markdown
    assert "## Left out" in markdown and "5000 levels deep" in markdown

    # An encrypted backup of the same answers.
    root.get_by_label("Passphrase to lock the .json export (optional)").fill(PASSPHRASE)
    name, data = download(page, "Export answers (.json)")
    assert name.endswith(".encrypted.json")
    assert set(file_worksheets(json.loads(decrypt(data, PASSPHRASE)))) == set(sheets)
    root.get_by_label("Passphrase to lock the .json export (optional)").fill("")

    # The filled PDF (pypdf in the worker): the others' answers are in it.
    name, data = download(page, "Download my filled workbook (PDF)", timeout=BOOT_MS)
    assert data.startswith(b"%PDF")
    expect(root).to_have_attribute("data-pdf", "done")

    # Nothing was changed or dropped: the bad entry is still there as it was.
    # (The exports add one setting, the date of the last export.)
    after = stored(page)
    assert "rebound:settings:exported" in after
    del after["rebound:settings:exported"]
    assert after == before
    # And Python still answers.
    response = page.evaluate(CALL_JS, [runtime_url(site_server), {"action": "nothing"}])
    assert response["ok"] is False and "unknown action" in response["error"]


def test_a_request_nested_too_deep_gets_a_sentence_and_python_survives(
    page: Page, site_server: StaticServer
) -> None:
    seed(page, f"{site_server.url}/workbook/", SAVED)
    wait_ready(page)
    # 20,000 levels: far past what kills Pyodide inside json.loads.
    deep = page.evaluate(
        """async (url) => {
          const runtime = await import(url);
          const nested = JSON.parse("[".repeat(20000) + "]".repeat(20000));
          return runtime.call({ action: "overview", saved: {}, x: nested });
        }""",
        runtime_url(site_server),
    )
    assert deep["ok"] is False
    assert "nests its data too deeply" in deep["error"]
    # A deep import file is refused with its own sentence.
    file_text = '{"format": "rebound-workbook", "x": ' + "[" * 50_000 + "]" * 50_000 + "}"
    plan = page.evaluate(
        CALL_JS,
        [runtime_url(site_server), {"action": "plan_import", "index": None, "file": file_text}],
    )
    assert plan["ok"] is False
    # The same worker answers a normal request afterwards.
    again = page.evaluate(CALL_JS, [runtime_url(site_server), {"action": "nothing"}])
    assert "unknown action" in again["error"]


def test_the_import_check_previews_the_files_answers(page: Page, site_server: StaticServer) -> None:
    seed(page, f"{site_server.url}/workbook/", {"tracker": SAVED["tracker"]})
    wait_ready(page)
    values = {**SAVED["feelings"]["values"], "need": "<b>A long walk</b> " + "x" * 300}
    file_text = exchange.export_json(
        {**SAVED, "feelings": {**SAVED["feelings"], "values": values}}, real_specs()
    )
    page.set_input_files(
        "#rebound-import-file",
        files=[{"name": "a.json", "mimeType": "application/json", "buffer": file_text.encode()}],
    )
    plan = page.locator(f"{WORKBOOK} .workbook__plan")
    plan.locator(".workbook__apply").wait_for(timeout=BOOT_MS)
    expected = exchange.plan_import(file_text, {}, real_specs())
    feelings = next(c for c in expected["changes"] if c["worksheet"] == "feelings")
    item = plan.locator(".workbook__round-changes > li", has_text="Feelings check-in")
    shown = item.locator(".workbook__preview li").all_text_contents()
    assert shown == [f"{answer['label']}: {answer['text']}" for answer in feelings["preview"]]
    assert any(text.endswith("\u2026") and "<b>A long walk</b>" in text for text in shown)
    assert plan.locator(".workbook__preview b").count() == 0  # text, never markup
    assert all(len(text) < 160 for text in shown)


def test_files_over_the_limit_are_refused_with_the_limit_python_states(
    page: Page, site_server: StaticServer
) -> None:
    seed(page, f"{site_server.url}/workbook/", SAVED)
    wait_ready(page)
    alert = page.locator(f"{WORKBOOK} .workbook__alert")
    limit = f"up to {MAX_IMPORT_BYTES // 1_048_576} MB"
    # Read by the page (an encrypted backup could be this big), refused by Python.
    padding = "x" * (MAX_IMPORT_BYTES + 10)
    over = json.dumps({"format": "rebound-workbook", "version": 2, "padding": padding})
    # Too big to be even an encrypted backup: refused unread, in the same words.
    for data in (over.encode(), b" " * (MAX_IMPORT_BYTES * 2)):
        page.evaluate("document.querySelector('.workbook__alert').textContent = ''")
        page.set_input_files(
            "#rebound-import-file",
            files=[{"name": "big.json", "mimeType": "application/json", "buffer": data}],
        )
        expect(alert).to_contain_text("The file is too large", timeout=BOOT_MS)
        expect(alert).to_contain_text(f"Rebound imports files of {limit}.")
        text = alert.text_content() or ""
        assert re.search(r"too large \(\d+\.\d MB\)", text), text


def frame_page(page: Page, server: StaticServer, path: str) -> None:
    """Show the site's ``path`` in an iframe of another page."""
    outer = f"{server.url}/framing-test-{path.strip('/')}.html"
    page.route(
        outer,
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<!doctype html><title>frame</title><iframe src="{server.url}{path}"'
            ' width="900" height="900"></iframe>',
        ),
    )
    page.goto(outer)


ROUND_TOOLS = ".rebound-rounds, [data-action='new-round'], .rebound-rounds__from-row"


def test_a_framed_page_shows_no_workbook_tools(
    page: Page, built_site: Path, tmp_path: Path
) -> None:
    # A host that ignores _headers (no frame-ancestors), as GitHub Pages is.
    with StaticServer(built_site, honour_headers=False) as server:
        frame_page(page, server, "/workbook/")
        frame = page.frame_locator("iframe")
        root = frame.locator(WORKBOOK)
        expect(root).to_have_attribute("data-state", "framed", timeout=BOOT_MS)
        expect(root).to_contain_text("shown inside another site's page")
        assert root.locator("button, input, select").count() == 0
        assert frame.locator(".workbook__stored, .workbook__delete-all").count() == 0
        # Nor the round bar (start, delete, export a round) above it.
        expect(frame.locator("html")).to_have_attribute("data-rebound-worksheets", "ready")
        assert frame.locator(ROUND_TOOLS).count() == 0

        # A worksheet page in a frame: its form works, with no round tools,
        # not even the tracker's "start a round from this row".
        frame_page(page, server, "/keep-going/")
        frame = page.frame_locator("iframe")
        tracker = frame.locator("form.worksheet[data-worksheet]").first
        tracker.locator("input, textarea").first.focus()
        expect(frame.locator("html")).to_have_attribute(
            "data-rebound-worksheets", "ready", timeout=BOOT_MS
        )
        rejected = tracker.locator('input[type="radio"][name$=".stage"][value="rejected"]')
        if rejected.count() == 0:
            tracker.get_by_role("button", name=re.compile("Add")).first.click()
        rejected.first.check()
        expect(tracker).to_have_attribute("data-runtime", re.compile("."), timeout=BOOT_MS)
        page.wait_for_timeout(500)
        assert frame.locator(ROUND_TOOLS).count() == 0

        # The same pages in their own tab have their tools.
        page.goto(f"{server.url}/workbook/")
        expect(page.locator(WORKBOOK)).not_to_have_attribute("data-state", "framed")
        expect(page.get_by_role("button", name="Delete all my answers")).to_be_visible()
        expect(page.locator(".rebound-rounds")).to_have_count(1)

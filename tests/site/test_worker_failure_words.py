"""A failure the Python worker reports by code (worker.mjs: a failed boot's
{type: "failed", code, params, error}, a reply's {ok: false, code, params,
error}) reaches the reader in the page's language, from messages.worker,
and its English detail reaches the console only.

The real failures need a broken runtime (a damaged wheel is refused by its
checksum first), so the worker script is replaced by a stand-in that
reports them as worker.mjs does; what is tested is the page's side:
runtime.js's describeFailure and the messages modules.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from bench.static_server import StaticServer
from rebound_mkdocs.utilities import layout
from tests.helpers.worksheet_pages import BOOT_MS, load_worksheets

pytestmark = pytest.mark.browser

DETAIL = "the wheel's file list is damaged"

#: A worker whose boot fails as unzip.mjs's ZipError makes it fail.
FAILED_BOOT = f"""
self.postMessage({{ type: "progress", step: "download", received: 0, total: 1 }});
self.postMessage({{
  type: "failed", error: {json.dumps(DETAIL)}, code: "zipListDamaged", params: [], fault: null,
}});
"""

PYTHON_DETAIL = "ValueError: <b>odd</b>"

#: A worker that boots, then answers every call as worker.mjs does when
#: Python raised.
FAILED_CALL = f"""
self.postMessage({{ type: "ready", mode: "cold" }});
self.addEventListener("message", ({{ data }}) => {{
  if (data?.type !== "call") return;
  self.postMessage({{
    type: "reply",
    id: data.id,
    response: JSON.stringify({{
      ok: false,
      error: "Python failed: " + {json.dumps(PYTHON_DETAIL)},
      code: "pythonFailed",
      params: [{json.dumps(PYTHON_DETAIL)}],
    }}),
  }});
}});
"""

#: Per page: what the status line says for the failed boot, and the summary
#: for the failed call (the page's messages.worker words).
WORDS = {
    "/feel-it/": (
        "the worksheet package's list of files is damaged",
        f"Python stopped with an error: {PYTHON_DETAIL}",
    ),
    "/zh/feel-it/": (
        # 练习表软件包的文件清单已损坏
        "\u7ec3\u4e60\u8868\u8f6f\u4ef6\u5305\u7684\u6587\u4ef6\u6e05\u5355\u5df2\u635f\u574f",
        f"Python\u8fd0\u884c\u51fa\u9519\uff1a{PYTHON_DETAIL}",  # Python运行出错：
    ),
}


@pytest.fixture
def stand_in(browser: Browser) -> Iterator[tuple[Page, list[str], dict[str, str]]]:
    """A page whose worker script is the stand-in in ``script["body"]``, and
    the console's lines."""
    context = browser.new_context(service_workers="block")
    load_worksheets(context)
    script = {"body": FAILED_BOOT}

    def serve(route: Route) -> None:
        route.fulfill(status=200, content_type="text/javascript", body=script["body"])

    context.route(f"**/{layout.WORKER_SCRIPT}*", serve)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        yield page, console, script
    finally:
        context.close()


@pytest.mark.parametrize("path", list(WORDS))
def test_a_failed_boot_is_worded_in_the_pages_language(
    stand_in: tuple[Page, list[str], dict[str, str]], site_server: StaticServer, path: str
) -> None:
    page, console, _script = stand_in
    page.goto(f"{site_server.url}{path}")
    page.locator("form.worksheet").first.scroll_into_view_if_needed()
    page.wait_for_selector("form.worksheet[data-runtime=failed]", state="attached", timeout=BOOT_MS)
    status = page.locator("[data-worksheet-status]").first
    expect(status).to_contain_text(WORDS[path][0])
    assert DETAIL not in (status.text_content() or "")
    assert page.evaluate("window.__rebound.error") == WORDS[path][0]
    assert any(DETAIL in line for line in console), console  # for developers


@pytest.mark.parametrize("path", list(WORDS))
def test_a_failed_call_is_worded_in_the_pages_language(
    stand_in: tuple[Page, list[str], dict[str, str]], site_server: StaticServer, path: str
) -> None:
    page, console, script = stand_in
    script["body"] = FAILED_CALL
    page.goto(f"{site_server.url}{path}")
    page.locator("form.worksheet").first.scroll_into_view_if_needed()
    page.wait_for_selector("form.worksheet[data-runtime=ready]", state="attached", timeout=BOOT_MS)
    response = page.evaluate("window.__rebound.call({action: 'anything'})")
    assert response["ok"] is False
    assert response["error"] == WORDS[path][1]
    assert any(f"Python failed: {PYTHON_DETAIL}" in line for line in console), console

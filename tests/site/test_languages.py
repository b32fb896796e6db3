"""The site in two languages (README, "Languages"): English at ``/``, Simplified
Chinese at ``/zh/``, each page saying its language and linking its
counterpart, one runtime and one storage namespace for both, and both
languages in the service worker and ``_headers``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, expect

from bench.static_server import StaticServer
from rebound_mkdocs.security import csp
from rebound_mkdocs.utilities import layout
from tests.helpers.browser_data import stored
from tests.helpers.languages import languages, pages
from tests.helpers.worksheet_pages import control, load_worksheets, settle
from tests.site.test_offline import PAGE, first_visit, offline_context, poll, subject, sw_settings

PRIMARY, CHINESE = languages()
HTML_LANG = re.compile(r'<html lang="([^"]+)"')
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
SELECTOR = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link">')


def url_of(page: str) -> str:
    """``feel-it.md`` -> ``feel-it/``, ``index.md`` -> ``""``."""
    return "" if page == "index.md" else page.removesuffix(".md") + "/"


def document(site: Path, lang_path: str, page: str) -> str:
    return (site / lang_path / url_of(page) / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", [PRIMARY, CHINESE], ids=lambda language: language.lang)
def test_every_page_says_its_language_and_links_its_counterparts(
    built_site: Path, language
) -> None:
    assert pages(language) == pages(PRIMARY)
    for page in pages(language):
        html = document(built_site, language.path, page)
        assert HTML_LANG.search(html).group(1) == language.lang, page
        expected = {"en": "/" + url_of(page), "zh-Hans": "/zh/" + url_of(page)}
        alternates = {lang: href for href, lang in ALTERNATE.findall(html)}
        assert alternates == expected, page
        # Material's language selector, in the header, to the same pages.
        assert {lang: href for href, lang in SELECTOR.findall(html)} == expected, page


def test_the_chinese_navigation_uses_the_glossary(built_site: Path) -> None:
    html = document(built_site, "zh/", "feel-it.md")
    # The support bar and the progress bar's name are in Chinese too.
    assert '<a class="rebound-banner__link" href="../support/">立即寻求帮助</a>' in html
    assert 'aria-label="正在加载页面"' in html
    assert "Having a hard time" not in html and "Loading page" not in html
    for title in (
        "六个步骤",
        "1. 感受失落",
        "2. 请求反馈",
        "6. 继续前行",
        "我的练习册",
        "立即寻求帮助",
    ):
        assert title in html, title


def test_the_runtime_and_the_service_worker_are_shipped_once(built_site: Path) -> None:
    zh = built_site / CHINESE.path
    for shared in (
        layout.PYODIDE_DIR,
        layout.PAGE_DIR,
        layout.WORKER_DIR,
        layout.LAYOUT_SCRIPT,
        layout.SERVICE_WORKER,
        layout.WEB_MANIFEST,
        layout.ICONS_DIR,
        "_headers",
    ):
        assert (built_site / shared).exists(), shared
        assert not (zh / shared).exists(), shared
    # A Chinese page loads the root's scripts, styles and manifest.
    html = document(built_site, CHINESE.path, "feel-it.md")
    page_url = "https://site.test/zh/feel-it/"
    scripts = {urljoin(page_url, src) for src in re.findall(r'<script[^>]* src="([^"]+)"', html)}
    assert "https://site.test/" + layout.ENTRY_SCRIPT in scripts
    assert "https://site.test/" + layout.OFFLINE_SCRIPT in scripts
    assert not any("/zh/assets/rebound/" in src for src in scripts)
    styles = {urljoin(page_url, href) for href in re.findall(r'<link[^>]* href="([^"]+)"', html)}
    assert "https://site.test/" + layout.WORKSHEETS_CSS in styles
    assert "https://site.test/stylesheets/rebound.css" in styles
    assert "https://site.test/" + layout.WEB_MANIFEST in styles


def test_each_language_has_its_own_manifest_and_pdf_listed_in_layout(built_site: Path) -> None:
    text = (built_site / layout.LAYOUT_SCRIPT).read_text(encoding="utf-8")
    found = json.loads(re.search(r"export const layout = (\{.*\});", text).group(1))
    assert found["languages"] == {
        "en": {"path": "", "manifest": layout.MANIFEST, "workbookPdf": layout.WORKBOOK_PDF},
        "zh-Hans": {
            "path": "zh/",
            "manifest": "zh/" + layout.MANIFEST,
            "workbookPdf": "zh/downloads/rebound-workbook.zh.pdf",
        },
    }
    english = json.loads((built_site / layout.MANIFEST).read_text(encoding="utf-8"))
    chinese = json.loads((built_site / "zh" / layout.MANIFEST).read_text(encoding="utf-8"))
    assert [w["spec"]["id"] for w in chinese["worksheets"]] == [
        w["spec"]["id"] for w in english["worksheets"]
    ]
    assert [w["page"] for w in chinese["worksheets"]] == [
        "zh/" + w["page"] for w in english["worksheets"]
    ]
    assert (built_site / "zh/downloads/rebound-workbook.zh.pdf").read_bytes().startswith(b"%PDF-")
    for page in pages(CHINESE):
        html = document(built_site, "zh/", page)
        links = re.findall(
            r'<a href="([^"]+)" type="application/pdf"[^>]*>下载练习册（PDF）</a>', html
        )
        assert len(links) == 1, page
        target = urljoin(f"https://site.test/zh/{url_of(page)}", links[0])
        assert target == "https://site.test/zh/downloads/rebound-workbook.zh.pdf", page


def test_both_languages_are_precached_and_in_headers(built_site: Path) -> None:
    settings = sw_settings(built_site)
    for page in pages(PRIMARY):
        assert (url_of(page) or "./") in settings["shell"]
        assert "zh/" + url_of(page) in settings["shell"], page
    # Material's search stemmers are left out in both languages, as in English.
    assert not any("/javascripts/lunr/" in path for path in settings["shell"])
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    for page in pages(CHINESE):
        html = document(built_site, "zh/", page)
        policy = csp.read_meta(html)
        rule = re.search(
            rf"^/zh/{re.escape(url_of(page))}\n  Content-Security-Policy: (.*)$", headers, re.M
        )
        assert rule is not None, page
        assert rule.group(1).startswith(policy), page


def test_every_language_of_the_page_messages_is_shipped_and_precached(built_site: Path) -> None:
    # The page scripts import messages.<lang>.js and workbook-messages.<lang>.js
    # by <html lang>; a missing module leaves the reader with English words.
    shell = sw_settings(built_site)["shell"]
    for language in languages()[1:]:
        for name in ("messages", "workbook-messages"):
            path = f"{layout.PAGE_DIR}/{name}.{language.lang}.js"
            assert (built_site / path).is_file(), path
            assert path in shell, path


@pytest.mark.browser
def test_the_chinese_workbook_page_speaks_chinese(
    browser: Browser, site_server: StaticServer
) -> None:
    context = load_worksheets(browser.new_context())
    failed: list[str] = []
    context.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        page = context.new_page()
        page.goto(site_server.url + "/zh/workbook/")
        page.wait_for_selector(
            "[data-rebound-workbook][data-state=ready]", state="attached", timeout=180_000
        )
        # Words that workbook.js and storage-panel.js write (workbook-messages).
        expect(page.get_by_role("button", name="导出回答（.json）")).to_be_visible()
        expect(page.get_by_role("heading", name="你的进度")).to_be_visible()
        assert page.get_by_role("button", name=re.compile("Export")).count() == 0
    finally:
        context.close()
    # Not even Material's "stay on page" sitemap probes (stay_on_page.py).
    assert failed == []


@pytest.mark.browser
def test_answers_typed_in_one_language_are_there_in_the_other(
    browser: Browser, site_server: StaticServer
) -> None:
    context = load_worksheets(browser.new_context())
    try:
        page = context.new_page()
        page.goto(site_server.url + "/feel-it/")
        settle(page)
        control(page, "in_words").fill("Tired but hopeful")
        poll(page, "Object.values(localStorage).some((v) => v.includes('Tired but hopeful'))")
        english_keys = set(stored(page))

        page.goto(site_server.url + "/zh/feel-it/")
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        settle(page)
        expect(control(page, "in_words")).to_have_value("Tired but hopeful")
        control(page, "in_words").fill("累，但还有希望")
        poll(page, "Object.values(localStorage).some((v) => v.includes('还有希望'))")
        # One namespace: the same keys, no copy under a /zh/ prefix.
        assert set(stored(page)) == english_keys
        ours = [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("rebound")]
        assert not any("zh" in key for key in ours), ours

        page.goto(site_server.url + "/feel-it/")
        settle(page)
        expect(control(page, "in_words")).to_have_value("累，但还有希望")
    finally:
        context.close()


@pytest.mark.browser
def test_the_selector_switches_language_with_a_fresh_page(
    browser: Browser, site_server: StaticServer
) -> None:
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.goto(site_server.url + "/reflect/")
        page.evaluate("window.__notReloaded = true")
        page.locator(".md-header .md-select__link[hreflang='zh-Hans']").evaluate(
            "(link) => link.click()"
        )
        expect(page).to_have_url(site_server.url + "/zh/reflect/")
        # Straight to the counterpart: Material's "stay on page" switch would
        # have sent the reader to /zh/reflect, a redirect away.
        assert site_server.url + "/zh/reflect" not in requested
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        assert page.evaluate("window.__notReloaded === undefined"), "not a fresh page"
        # Within Chinese, instant navigation still swaps the page in place
        # (once Material has read the Chinese sitemap, which says what is in).
        poll(
            page,
            "performance.getEntriesByType('resource')"
            ".some((e) => e.name.endsWith('/zh/sitemap.xml'))",
        )
        page.evaluate("window.__notReloaded = true")
        page.locator("a.md-footer__link--next").click()
        expect(page).to_have_url(re.compile(re.escape(site_server.url + "/zh/build-resilience/")))
        assert page.evaluate("window.__notReloaded === true"), "not an instant navigation"
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    finally:
        context.close()


@pytest.mark.browser
def test_the_light_or_dark_choice_holds_in_both_languages(
    browser: Browser, site_server: StaticServer
) -> None:
    scheme = "document.body.dataset.mdColorScheme"

    def switch(page, lang: str, path: str) -> None:
        page.locator(f".md-header .md-select__link[hreflang='{lang}']").evaluate(
            "(link) => link.click()"
        )
        expect(page).to_have_url(site_server.url + path)
        page.wait_for_load_state("load")

    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site_server.url + "/feel-it/")
        assert page.evaluate(scheme) == "default"
        # Dark, chosen in English (the toggle's label for the dark option).
        page.locator("label[for='__palette_1']").click()
        poll(page, f"{scheme} === 'slate'")
        switch(page, "zh-Hans", "/zh/feel-it/")
        assert page.evaluate(scheme) == "slate"
        switch(page, "en", "/feel-it/")
        assert page.evaluate(scheme) == "slate"
        # Light, chosen in Chinese, holds in English too.
        switch(page, "zh-Hans", "/zh/feel-it/")
        page.locator("label[for='__palette_0']").click()
        poll(page, f"{scheme} === 'default'")
        switch(page, "en", "/feel-it/")
        assert page.evaluate(scheme) == "default"
        # One key, at the site root's scope, for both languages.
        keys = page.evaluate("Object.keys(localStorage).filter((k) => k.endsWith('__palette'))")
        assert keys == ["/.__palette"]
    finally:
        context.close()


@pytest.mark.browser
def test_after_an_english_visit_the_chinese_pages_work_offline(
    browser: Browser, site_server: StaticServer
) -> None:
    context = offline_context(browser)
    try:
        page = context.new_page()
        first_visit(page, site_server.url + "/")  # English; the runtime is now kept
        context.set_offline(True)
        page.goto(site_server.url + "/zh/" + PAGE)
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        page.locator('[name="role"]').fill("Archivist")
        expect(subject(page)).to_have_value(re.compile("Archivist"), timeout=90_000)
        page.goto(site_server.url + "/zh/privacy/")
        expect(page.locator("h1")).to_be_visible()
    finally:
        context.close()


def test_the_chinese_search_index_is_cut_into_words(built_site: Path) -> None:
    index = json.loads((built_site / "zh/search/search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    assert separator.match("\u200b")  # jieba's word joiner splits
    words = {word for doc in index["docs"] for word in separator.split(doc["text"])}
    assert "拒绝" in words  # a word of its own, not buried in a run of Han


@pytest.mark.browser
def test_a_two_character_query_finds_chinese_pages(
    browser: Browser, site_server: StaticServer
) -> None:
    page = browser.new_page()
    try:
        page.goto(site_server.url + "/zh/")
        search = page.locator(".md-search__input")
        search.click()
        search.press_sequentially("拒绝", delay=20)
        # Typed Chinese arrives without key presses (an input method sends
        # text); Material searches on keyup, as after the IME's last key.
        search.press("End")
        results = page.locator(".md-search-result__item a")
        expect(results.first).to_be_visible(timeout=30_000)
        hrefs = {results.nth(n).get_attribute("href") for n in range(results.count())}
        assert hrefs and all("/zh/" in urljoin(page.url, href) for href in hrefs), hrefs
    finally:
        page.close()


@pytest.mark.browser
def test_the_filled_pdf_on_the_chinese_workbook_page_fills_the_chinese_pdf(
    browser: Browser, site_server: StaticServer
) -> None:
    from tests.browser_py.workbook.test_pdf_fill import read_answers

    context = load_worksheets(browser.new_context(accept_downloads=True))
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(site_server.url + "/feel-it/")  # typed in English
        settle(page)
        control(page, "in_words").fill("Tired but hopeful")
        poll(page, "Object.values(localStorage).some((v) => v.includes('Tired but hopeful'))")
        page.goto(site_server.url + "/zh/workbook/")
        page.wait_for_selector(
            "[data-rebound-workbook][data-state=ready]", state="attached", timeout=180_000
        )
        with page.expect_download(timeout=180_000) as info:
            page.locator("button.workbook__filled-pdf").click()
        data = Path(info.value.path()).read_bytes()
        assert read_answers(data)["feelings.in_words"] == "Tired but hopeful"
        # The Chinese blank PDF was filled (its cover is Chinese), not the English one.
        assert any(url.endswith("/zh/downloads/rebound-workbook.zh.pdf") for url in requests)
        assert not any(url.endswith("/" + layout.WORKBOOK_PDF) for url in requests)
    finally:
        context.close()

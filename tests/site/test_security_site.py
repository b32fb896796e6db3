"""The built site, read as files: every document carries a policy that allows
exactly its own inline scripts, ``_headers`` sends the same policies (plus
what only a header can say), only the Pyodide worker may compile
WebAssembly, and no HTML or CSS points at another origin."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from bench.static_server import StaticServer, read_headers_file
from rebound_mkdocs.utilities import layout

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
WORKER = layout.WORKER_SCRIPT


def documents(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def unescape(value: str) -> str:
    return value.replace("&lt;", "<").replace("&quot;", '"').replace("&amp;", "&")


def policy_of(html: str) -> dict[str, list[str]]:
    found = META.findall(html)
    assert len(found) == 1, f"expected one policy <meta>, found {len(found)}"
    directives = {}
    for part in unescape(found[0]).split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def expected_hashes(html: str) -> set[str]:
    """The inline scripts a browser runs, found without the plugin's code:
    a script element with no src and a JavaScript (or no) type."""
    hashes = set()
    for attrs, text in SCRIPT.findall(re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)):
        if re.search(r"\bsrc\s*=", attrs):
            continue
        kind = TYPE.search(attrs)
        if kind and kind.group(1).lower() not in ("", "text/javascript", "module"):
            continue
        digest = hashlib.sha256(text.encode()).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def url_paths(site: Path, document: Path) -> list[str]:
    relative = document.relative_to(site).as_posix()
    paths = ["/" + relative]
    if relative.endswith("index.html"):
        paths.append("/" + relative.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="module")
def headers(built_site: Path) -> list[tuple[re.Pattern[str], dict[str, str]]]:
    path = built_site / "_headers"
    assert path.is_file(), "the build wrote no _headers file"
    return [(pattern, dict(pairs)) for pattern, pairs in read_headers_file(path)]


def headers_for(rules, path: str) -> dict[str, list[str]]:
    sent: dict[str, list[str]] = {}
    for pattern, values in rules:
        if pattern.fullmatch(path):
            for name, value in values.items():
                sent.setdefault(name, []).append(value)
    return sent


def test_the_site_has_the_pages_and_the_worker(built_site: Path) -> None:
    names = {doc.relative_to(built_site).as_posix() for doc in documents(built_site)}
    assert {"index.html", "404.html", "feel-it/index.html", "keep-going/index.html"} <= names
    assert (built_site / WORKER).is_file()


def test_every_document_has_its_policy_first_in_head(built_site: Path) -> None:
    for doc in documents(built_site):
        html = doc.read_text(encoding="utf-8")
        head = html.index("<head>")
        meta = META.search(html)
        assert meta, f"{doc}: no policy"
        before = html[head + len("<head>") : meta.start()]
        # Only whitespace and the charset declaration may come before it.
        assert re.fullmatch(r'\s*(<meta charset="utf-8">)?', before), f"{doc}: {before!r}"
        assert meta.start() < html.index("<script"), doc
        assert meta.start() < html.index("<link"), doc


def test_each_policy_allows_exactly_that_pages_inline_scripts(built_site: Path) -> None:
    for doc in documents(built_site):
        html = doc.read_text(encoding="utf-8")
        script_src = policy_of(html)["script-src"]
        assert script_src[0] == "'self'", doc
        assert set(script_src[1:]) == expected_hashes(html), doc
        # Material's page-depth dependent bootstrap scripts make this non-empty.
        assert len(script_src) > 1, doc


def test_scripts_material_reruns_are_allowed_on_every_page(built_site: Path) -> None:
    """Instant navigation swaps in the next page's content and re-creates the
    inline scripts in it, under the policy of the page the visit started on
    (plus each later one). So every page must allow every such script."""
    container_hashes: set[str] = set()
    policies = {}
    for doc in documents(built_site):
        html = doc.read_text(encoding="utf-8")
        start = html.index('data-md-component="container"')
        end = html.index('<script id="__config"')
        container_hashes |= expected_hashes(html[start:end])
        policies[doc] = set(policy_of(html)["script-src"])
    assert container_hashes, "Material's content scripts were not found"
    for doc, allowed in policies.items():
        assert container_hashes <= allowed, doc


def test_no_page_policy_is_weakened(built_site: Path) -> None:
    for doc in documents(built_site):
        policy = policy_of(doc.read_text(encoding="utf-8"))
        sources = [source for values in policy.values() for source in values]
        for weak in (
            "'unsafe-inline'",
            "'unsafe-eval'",
            "'wasm-unsafe-eval'",
            "'unsafe-hashes'",
            "*",
            "http:",
            "https:",
            "blob:",
        ):
            assert weak not in sources, f"{doc}: {weak}"
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'none'"]
        for directive in ("connect-src", "worker-src", "style-src", "font-src", "manifest-src"):
            assert policy[directive] == ["'self'"], f"{doc}: {directive}"
        # data: only for Material's CSS mask icons (see the plugin's docstring).
        assert policy["img-src"] == ["'self'", "data:"]


def test_no_inline_style_needs_unsafe_inline(built_site: Path) -> None:
    """style-src is 'self' alone, so inline styles would be blocked: the
    built pages must have none (scripts may still set styles through the
    CSSOM, which the policy allows)."""
    for doc in documents(built_site):
        html = re.sub(r"<!--.*?-->", "", doc.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not re.search(r"<style\b|\sstyle\s*=", html, re.IGNORECASE), doc


def test_headers_send_each_pages_policy_and_frame_ancestors(built_site: Path, headers) -> None:
    for doc in documents(built_site):
        meta = META.search(doc.read_text(encoding="utf-8"))
        for path in url_paths(built_site, doc):
            sent = headers_for(headers, path)
            assert sent.get("Content-Security-Policy") == [
                f"{unescape(meta.group(1))}; frame-ancestors 'none'"
            ], path


def test_every_path_gets_the_hardening_headers_once(built_site: Path, headers) -> None:
    paths = [
        "/",
        "/feel-it/",
        "/" + layout.ENTRY_SCRIPT,
        "/sw.js",
        "/" + WORKER,
        f"/{layout.PYODIDE_DIR}/pyodide.asm.wasm.zst",
        "/no/such/page/",
    ]
    for path in paths:
        sent = headers_for(headers, path)
        # Hosts merge a header set by two matching rules (Cloudflare joins the
        # values with a comma: two policies, both enforced). Never let it happen.
        assert all(len(values) == 1 for values in sent.values()), (path, sent)
        assert sent["X-Content-Type-Options"] == ["nosniff"]
        assert sent["Referrer-Policy"] == ["no-referrer"]
        assert sent["X-Frame-Options"] == ["DENY"]
        denied = sent["Permissions-Policy"][0].split(", ")
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in denied, (path, feature)


def test_only_the_pyodide_worker_may_compile_webassembly(built_site: Path, headers) -> None:
    worker = headers_for(headers, "/" + WORKER)["Content-Security-Policy"][0]
    directives = {part.split()[0]: part.split()[1:] for part in worker.split("; ")}
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert "'unsafe-eval'" not in worker and "'unsafe-inline'" not in worker
    assert directives["connect-src"] == ["'self'"]
    for pattern, values in headers:
        if "wasm-unsafe-eval" in values.get("Content-Security-Policy", ""):
            assert pattern.fullmatch("/" + WORKER), pattern.pattern
    # The service worker and Material's search worker get a policy too.
    for path in ("/sw.js", "/assets/javascripts/workers/search.js"):
        policy = headers_for(headers, path)["Content-Security-Policy"][0]
        assert "script-src 'self';" in policy and "wasm" not in policy, path


def test_headers_file_is_within_cloudflare_limits(built_site: Path, headers) -> None:
    assert len(headers) <= 100
    for line in (built_site / "_headers").read_text(encoding="utf-8").splitlines():
        assert len(line) <= 2000


# -- nothing points at another origin ---------------------------------------------

FOREIGN = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
HTML_FETCHES = re.compile(
    r"<(?:link|script|img|iframe|source|audio|video|embed|object|track|input)\b[^>]*?"
    r"\b(?:href|src|srcset|data|poster)\s*=\s*[\"']([^\"']*)[\"']",
    re.IGNORECASE,
)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"']*))\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", re.IGNORECASE)


def foreign(url: str, own_origin: str) -> bool:
    """An absolute or protocol-relative URL on another origin than the site's
    (``site_url`` makes Material write its own origin in canonical links)."""
    url = url.strip()
    if url.startswith("data:") or not FOREIGN.match(url):
        return False
    return not (url == own_origin or url.startswith(own_origin + "/"))


def foreign_css_urls(css: str, own_origin: str) -> list[str]:
    urls = [next(filter(None, match), "") for match in CSS_URL.findall(css)]
    urls += CSS_IMPORT.findall(css)
    return [url for url in urls if foreign(url, own_origin)]


def test_the_scanners_catch_a_foreign_url() -> None:
    own = "https://rebound.example"
    assert set(
        foreign_css_urls("@import 'https://fonts.example/x.css'; a{b:url(//cdn.x/y)}", own)
    ) == {"//cdn.x/y", "https://fonts.example/x.css"}
    assert (
        foreign_css_urls("a{mask:url(\"data:image/svg+xml,<svg xmlns='http://w3'/>\")}", own) == []
    )
    assert foreign_css_urls("a{b:url(https://rebound.example/i.png)}", own) == []
    assert foreign_css_urls("a{b:url(https://rebound.example.evil/i.png)}", own)
    assert HTML_FETCHES.findall('<link rel="stylesheet" href="https://cdn.example/a.css">')


def test_no_html_or_css_points_at_another_origin(
    built_site: Path, site_server: StaticServer
) -> None:
    own = site_server.origin
    problems = []
    for doc in documents(built_site):
        html = doc.read_text(encoding="utf-8")
        for value in HTML_FETCHES.findall(html):
            for url in value.split(","):
                if foreign(url.strip().split(" ")[0], own):
                    problems.append(f"{doc}: {url.strip()}")
        for style in re.findall(r"<style\b[^>]*>(.*?)</style>|style=\"([^\"]*)\"", html, re.S):
            problems += [f"{doc}: {url}" for url in foreign_css_urls("".join(style), own)]
    for sheet in sorted(built_site.rglob("*.css")):
        problems += [f"{sheet}: {url}" for url in foreign_css_urls(sheet.read_text("utf-8"), own)]
    assert problems == []

"""The policy's building blocks on small HTML strings: which inline scripts
need a hash, that the hash is the one a browser computes, where the
``<meta>`` goes, and the ``_headers`` file format."""

from __future__ import annotations

import base64
import hashlib

import pytest

from rebound_mkdocs.security import a11y, csp
from rebound_mkdocs.security.plugin import BASE_POLICY, _url_paths


def sha(text: str) -> str:
    """Independent of the module: what CSP Level 3 says the source is."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>t</title>
    <script>var a = 1;</script>
    <script src="x.js"></script>
    <script type="application/json" id="__config">{"a": 1}</script>
  </head>
  <body>
    <!-- <script>commented()</script> -->
    <script type="module">import "./m.js";</script>
    <script type="text/javascript">b()</script>
    <script type="text/x-template"><p>{{ x }}</p></script>
    <script>var a = 1;</script>
  </body>
</html>
"""


def test_only_inline_scripts_that_run_are_hashed_each_once_in_order() -> None:
    assert csp.inline_script_hashes(PAGE) == [
        sha("var a = 1;"),
        sha('import "./m.js";'),
        sha("b()"),
    ]


@pytest.mark.parametrize(
    ("attrs", "runs"),
    [
        ({}, True),
        ({"type": ""}, True),
        ({"type": "text/javascript"}, True),
        ({"type": "TEXT/JavaScript; charset=utf-8"}, True),
        ({"type": "application/ecmascript"}, True),
        ({"type": "module"}, True),
        ({"type": "importmap"}, True),
        ({"type": "speculationrules"}, True),
        ({"type": "application/json"}, False),
        ({"type": "application/ld+json"}, False),
        ({"type": "text/plain"}, False),
        ({"language": "javascript"}, True),
        ({"language": "vbscript"}, False),
    ],
)
def test_executable_types_follow_the_html_standard(attrs: dict, runs: bool) -> None:
    assert csp.is_executable(attrs) is runs


def test_script_text_is_hashed_raw_not_entity_decoded() -> None:
    # A script's text is raw: "&amp;" stays five characters, as in the DOM.
    html = "<head></head><script>if (a &amp;&amp; b) c('</p>');</script>"
    assert csp.inline_script_hashes(html) == [sha("if (a &amp;&amp; b) c('</p>');")]


def test_crlf_is_normalised_as_the_html_parser_does() -> None:
    html = "<head></head><script>a();\r\nb();\rc();</script>"
    assert csp.inline_script_hashes(html) == [sha("a();\nb();\nc();")]


def test_non_ascii_text_is_hashed_as_utf8() -> None:
    html = "<head></head><script>t = 'café — ✓';</script>"
    assert csp.inline_script_hashes(html) == [sha("t = 'café — ✓';")]


def test_empty_inline_script_still_needs_its_hash() -> None:
    assert csp.inline_script_hashes("<script></script>") == [sha("")]


def test_page_policy_adds_hashes_to_script_src_only() -> None:
    policy = csp.page_policy(BASE_POLICY, ["'sha256-AAA='", "'sha256-AAA='", "'sha256-BBB='"])
    assert policy["script-src"] == ["'self'", "'sha256-AAA='", "'sha256-BBB='"]
    assert BASE_POLICY["script-src"] == ["'self'"], "the base policy must not change"
    assert policy["style-src"] == ["'self'"]


def test_base_policy_never_weakens_script_or_style() -> None:
    text = csp.render_policy(BASE_POLICY)
    for weak in (
        "'unsafe-inline'",
        "'unsafe-eval'",
        "'wasm-unsafe-eval'",
        "*",
        "http:",
        "https:",
        "blob:",
    ):
        assert weak not in text.split(), weak
    assert "object-src 'none'" in text
    assert "form-action 'none'" in text
    assert "frame-ancestors" not in text, "a <meta> policy ignores frame-ancestors"


def test_render_policy_keeps_order() -> None:
    assert csp.render_policy({"default-src": ["'self'"], "img-src": ["'self'", "data:"]}) == (
        "default-src 'self'; img-src 'self' data:"
    )


def test_meta_goes_right_after_a_leading_charset_and_before_everything_else() -> None:
    out = csp.insert_meta(PAGE, "default-src 'self'")
    head = out.index("<head>")
    charset = out.index('<meta charset="utf-8">')
    meta = out.index('<meta http-equiv="Content-Security-Policy"')
    assert head < charset < meta < out.index("<title>") < out.index("<script")
    assert "content=\"default-src 'self'\"" in out
    # Nothing else changed.
    assert out.replace(csp.meta_tag("default-src 'self'"), "") == PAGE


def test_meta_is_first_in_head_without_a_leading_charset() -> None:
    out = csp.insert_meta("<html><HEAD lang=x><script>a()</script></HEAD></html>", "p")
    assert out == (
        '<html><HEAD lang=x><meta http-equiv="Content-Security-Policy" content="p">'
        "<script>a()</script></HEAD></html>"
    )


def test_meta_escapes_what_an_attribute_must() -> None:
    assert csp.meta_tag('a "b" & <c>') == (
        '<meta http-equiv="Content-Security-Policy" content="a &quot;b&quot; &amp; &lt;c>">'
    )


def test_read_meta_gives_back_the_policy_text() -> None:
    policy = "default-src 'self'; script-src 'self' 'sha256-a+b/c='"
    assert csp.read_meta(csp.insert_meta("<head></head>", policy)) == policy
    assert csp.read_meta("<head></head>") is None


def test_insert_meta_refuses_a_second_policy_and_a_fragment() -> None:
    once = csp.insert_meta("<head></head>", "p")
    with pytest.raises(ValueError, match="already"):
        csp.insert_meta(once, "q")
    with pytest.raises(ValueError, match="no <head>"):
        csp.insert_meta("<p>fragment</p>", "p")
    # <header> is not <head>.
    assert not csp.has_head("<header>x</header>")


def test_headers_file_format() -> None:
    text = csp.render_headers(
        [
            ("/*", {"X-Content-Type-Options": "nosniff"}),
            ("/a/", {"Content-Security-Policy": "default-src 'self'", "X-B": "1"}),
        ],
        comment="made by a test",
    )
    assert text == (
        "# made by a test\n\n/*\n  X-Content-Type-Options: nosniff\n\n"
        "/a/\n  Content-Security-Policy: default-src 'self'\n  X-B: 1\n"
    )


def test_url_paths_cover_the_directory_form_of_index_pages() -> None:
    assert _url_paths("/", "index.html") == ["/", "/index.html"]
    assert _url_paths("/", "feel-it/index.html") == ["/feel-it/", "/feel-it/index.html"]
    assert _url_paths("/guide/", "404.html") == ["/guide/404.html"]


def test_progress_bar_gets_a_name_once() -> None:
    html = '<div class="md-progress" data-md-component="progress" role="progressbar"></div>'
    fixed = a11y.fix_page(html)
    assert 'aria-label="Loading page"' in fixed
    assert a11y.fix_page(fixed) == fixed
    assert a11y.fix_page("<p>no bar</p>") == "<p>no bar</p>"

"""Content-Security-Policy building blocks, free of MkDocs so they unit-test on
small strings.

* :func:`inline_script_hashes` finds every inline ``<script>`` a browser would
  run and returns the ``'sha256-…'`` source that allows exactly that text;
* :func:`render_policy` and :func:`page_policy` turn directives into the
  policy text;
* :func:`insert_meta` puts the policy into ``<head>`` ahead of every element
  that could fetch or run anything;
* :func:`render_headers` writes the ``_headers`` file that Netlify and
  Cloudflare Pages read, so a real host sends the policy as a header too.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser

#: A policy: directive name -> its sources, in the order they are written.
Policy = Mapping[str, Sequence[str]]

#: ``type`` values (MIME essence, lower case) that make a classic script run.
#: From the HTML standard's list of JavaScript MIME types; any other type,
#: such as ``application/json``, is a data block the browser never runs.
JAVASCRIPT_TYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)

#: Other ``type`` values whose inline text script-src governs: modules run;
#: import maps and speculation rules are parsed as code and need a hash too.
OTHER_GOVERNED_TYPES = frozenset({"module", "importmap", "speculationrules"})

META_MARKER = 'http-equiv="Content-Security-Policy"'

_META = re.compile(rf'<meta {re.escape(META_MARKER)} content="([^"]*)">')
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_LEADING_CHARSET = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)


def is_executable(attrs: Mapping[str, str | None]) -> bool:
    """Whether a ``<script>`` with these attributes is code that script-src
    governs (rather than a data block such as ``type="application/json"``)."""
    kind = attrs.get("type")
    if kind is None:
        language = (attrs.get("language") or "").strip().lower()
        # The obsolete language attribute still counts when type is absent.
        return not language or f"text/{language}" in JAVASCRIPT_TYPES
    essence = kind.split(";", 1)[0].strip().lower()
    return not essence or essence in JAVASCRIPT_TYPES or essence in OTHER_GOVERNED_TYPES


class _ScriptCollector(HTMLParser):
    """Collects the raw text of every inline ``<script>`` that would run.

    ``HTMLParser`` treats script content as raw text, as browsers do, so no
    character reference is decoded, and markup inside comments is skipped.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self._inside: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        if "src" in attributes or not is_executable(attributes):
            self._inside = None
        else:
            self._inside = []

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._inside.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside is not None:
            self.scripts.append("".join(self._inside))
            self._inside = None


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in ``html`` that a browser would run,
    in document order, as the browser sees it (newlines normalised)."""
    collector = _ScriptCollector()
    # The HTML parser turns CR LF and lone CR into LF before the browser
    # hashes the text; do the same or a file with CR LF never matches.
    collector.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    collector.close()
    return collector.scripts


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """Hash sources for the inline scripts of ``html``, each once, in order."""
    return list(dict.fromkeys(script_hash(text) for text in inline_scripts(html)))


def render_policy(policy: Policy) -> str:
    """``directive source source; directive …`` with directives in the given
    order. A directive with no sources is written bare (``upgrade-…``)."""
    parts = []
    for directive, sources in policy.items():
        parts.append(" ".join([directive, *sources]))
    return "; ".join(parts)


def page_policy(base: Policy, hashes: Iterable[str]) -> dict[str, list[str]]:
    """``base`` with ``hashes`` added to script-src (created as ``'self'`` if
    ``base`` has none)."""
    policy = {directive: list(sources) for directive, sources in base.items()}
    script_src = policy.setdefault("script-src", ["'self'"])
    for source in hashes:
        if source not in script_src:
            script_src.append(source)
    return policy


def meta_tag(policy_text: str) -> str:
    """The ``<meta>`` element that carries ``policy_text``."""
    # Only what an attribute value must escape: the policy's quotes stay readable.
    value = policy_text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return f'<meta {META_MARKER} content="{value}">'


def has_meta(html: str) -> bool:
    """Whether ``html`` already carries a policy in a ``<meta>`` element."""
    return META_MARKER.lower() in html.lower()


def read_meta(html: str) -> str | None:
    """The policy text of the ``<meta>`` that :func:`meta_tag` wrote, if any."""
    found = _META.search(html)
    if found is None:
        return None
    return found.group(1).replace("&lt;", "<").replace("&quot;", '"').replace("&amp;", "&")


def has_head(html: str) -> bool:
    """Whether ``html`` is a document with a ``<head>`` (not a fragment)."""
    return _HEAD.search(html) is not None


def insert_meta(html: str, policy_text: str) -> str:
    """``html`` with the policy's ``<meta>`` as the first element of ``<head>``.

    One exception: a ``<meta charset>`` that opens ``<head>`` stays first.
    Browsers look for it in the first 1024 bytes only, and a long policy in
    front could push it out; it fetches and runs nothing, so the policy
    still comes before every element it governs.

    Raises ``ValueError`` when there is no ``<head>`` or a policy is already
    there (a second policy would only tighten the first, silently).
    """
    if has_meta(html):
        raise ValueError("the page already has a Content-Security-Policy <meta> element")
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("the page has no <head> element to hold the policy")
    at = head.end()
    charset = _LEADING_CHARSET.match(html, at)
    if charset is not None:
        at = charset.end()
    return f"{html[:at]}{meta_tag(policy_text)}{html[at:]}"


def render_headers(rules: Sequence[tuple[str, Mapping[str, str]]], comment: str = "") -> str:
    """A ``_headers`` file: each rule is a URL path pattern, then its headers
    indented on the lines below, as Netlify and Cloudflare Pages read it."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for path, headers in rules:
        if lines:
            lines.append("")
        lines.append(path)
        lines.extend(f"  {name}: {value}" for name, value in headers.items())
    return "\n".join(lines) + "\n"

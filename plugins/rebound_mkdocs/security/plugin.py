"""The ``rebound-security`` MkDocs plugin: a strict Content-Security-Policy.

Every page gets a policy that allows only the site's own files, plus the
exact inline scripts that page carries (Material's small bootstrap scripts,
whose text changes with the page's depth, so the hashes are per page):

* ``on_post_page`` (lowest priority, after every other plugin has added its
  HTML) hashes each inline script a browser would run and puts the policy in
  a ``<meta>`` element at the top of ``<head>``; ``on_post_template`` does the
  same for ``404.html``; ``on_post_build`` catches any HTML file another
  plugin wrote without a page;
* ``on_post_build`` writes ``_headers`` (Netlify / Cloudflare Pages), which
  sends each page's policy as a real header, adds what a ``<meta>`` policy
  cannot say (``frame-ancestors``), gives the worker scripts their own
  policies (a worker loaded from a URL ignores the page's), and sends
  ``nosniff``, ``Referrer-Policy`` and ``Permissions-Policy`` everywhere.

Pyodide compiles WebAssembly, which needs ``'wasm-unsafe-eval'``. It runs in
a module worker only, so only that worker's header policy allows it: pages
never do, and nothing allows ``'unsafe-eval'`` or ``'unsafe-inline'``.

The plugin also makes the accessibility fixes that Material needs for WCAG
2.2 AA: ``assets/rebound/a11y.css`` (contrast, underlined links, reduced
motion) and a name for Material's progress bar (:mod:`.a11y`).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from rebound_mkdocs.minify import minify
from rebound_mkdocs.utilities import build_cache, editions, layout

from . import a11y, csp, hosting
from .config import SecurityConfig

log = logging.getLogger("mkdocs.plugins.rebound.security")

#: What every document may load: its own origin, nothing else.
#:
#: ``img-src`` needs ``data:``: Material draws its icons (admonitions, the
#: copy and permalink buttons, task lists, the search box) with CSS
#: ``mask-image: var(--md-…-icon)``, and those variables hold
#: ``url("data:image/svg+xml;…")`` icons. Mask images are fetched as images,
#: so img-src governs them; without ``data:`` every such icon is blocked.
#: A ``data:`` image cannot run script or reach the network.
BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}

#: Only a header can say this; a ``<meta>`` policy ignores it.
HEADER_ONLY: dict[str, list[str]] = {"frame-ancestors": ["'none'"]}

#: What WebAssembly compilation needs (and no more: no ``'unsafe-eval'``).
WASM_SOURCE = "'wasm-unsafe-eval'"

#: Cloudflare Pages reads at most this many rules, lines of at most this length.
MAX_RULES = 100
MAX_LINE = 2000

#: The stylesheet with the accessibility fixes, and where it goes in the site.
A11Y_SOURCE = Path(__file__).parent / "assets" / "a11y.css"
A11Y_URL = layout.A11Y_CSS

HEADERS_FILE = "_headers"


class SecurityPlugin(BasePlugin[SecurityConfig]):
    """Add a strict Content-Security-Policy to every page and write ``_headers``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self._serving = False
        #: Site path of each HTML document (``feel-it/index.html``) -> the
        #: policy text in its ``<meta>`` element, filled as the build goes.
        self.policies: dict[str, str] = {}

    @property
    def _active(self) -> bool:
        return self.config.enabled and (self.config.on_serve or not self._serving)

    # -- hooks ---------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = editions.serving(command)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.policies = {}
        if not self._serving and editions.ships_shared(config):
            finding = hosting.assess(config.site_url, self.config.host_reads_headers)
            if finding is not None:
                (log.warning if finding.level == "warning" else log.info)(finding.message)
        # Another language's pages use the site root's copy.
        a11y_css = editions.shared_root(config) + A11Y_URL
        if self.config.a11y and a11y_css not in config.extra_css:
            # Last, so its rules win over Material's and the worksheets' styles.
            config.extra_css.append(a11y_css)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or not self.config.a11y or not editions.ships_shared(config):
            return None
        # A generated file rather than a copy after the build: it is then in
        # the site before any plugin lists the site's files (the service
        # worker's precache list), and `mkdocs serve` serves it.
        if files.get_file_from_path(A11Y_URL) is not None:
            raise PluginError(
                f"rebound-security: {config.docs_dir}/{A11Y_URL} clashes with the "
                "plugin's own stylesheet; rename it"
            )
        files.append(
            File.generated(
                config, A11Y_URL, content=minify(A11Y_URL, A11Y_SOURCE.read_text(encoding="utf-8"))
            )
        )
        return files

    @event_priority(-100)  # last: every other plugin has added its HTML
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        if self.config.a11y:
            output = a11y.fix_page(output, self.config.progress_label)
        return self._secure(output, page.file.dest_uri) if self._active else output

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if not self.config.enabled or not template_name.endswith(".html"):
            return None
        if self.config.a11y:
            output_content = a11y.fix_page(output_content, self.config.progress_label)
        # Static templates (404.html) are written under their own name.
        return self._secure(output_content, template_name) if self._active else output_content

    # After the plugins that write files (default priority and above), before
    # rebound-offline (-90) lists and hashes the site for its service worker.
    @event_priority(-85)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._active:
            return
        site = Path(config.site_dir)
        self._secure_stragglers(site)
        # The primary build writes _headers for the whole site, every
        # language's pages included (it runs after their builds).
        if self.config.headers_file and editions.ships_shared(config):
            rules = self._header_rules(config)
            self._check_limits(rules)
            text = csp.render_headers(
                rules,
                comment=(
                    "Written by rebound-security at build time: Netlify and Cloudflare Pages\n"
                    "send these headers. Do not edit; change the plugin's options instead."
                ),
            )
            (site / HEADERS_FILE).write_text(text, encoding="utf-8")
        log.debug("Content-Security-Policy on %d documents", len(self.policies))

    # -- helpers -------------------------------------------------------------

    def _secure(self, html: str, dest: str) -> str:
        """``html`` with its policy in a ``<meta>`` element; remembered for
        ``_headers`` under the document's site path ``dest``."""
        policy = csp.render_policy(csp.page_policy(BASE_POLICY, _inline_script_hashes(html)))
        try:
            secured = csp.insert_meta(html, policy)
        except ValueError as error:
            raise PluginError(f"rebound-security: {dest}: {error}") from None
        self.policies[dest] = policy
        return secured

    def _secure_stragglers(self, site: Path) -> None:
        """Give a policy to HTML files another plugin wrote outside the page
        events, and remember the policies of pages a ``--dirty`` build left
        as they were (``_headers`` must list them too). A fragment without
        ``<head>`` is not a document: left alone."""
        for path in sorted(site.rglob("*.html")):
            dest = path.relative_to(site).as_posix()
            if dest in self.policies:
                continue
            html = path.read_text(encoding="utf-8")
            kept = csp.read_meta(html)
            if kept is not None:
                self.policies[dest] = kept
            elif csp.has_head(html):
                path.write_text(self._secure(html, dest), encoding="utf-8")
                log.debug("Added a policy to %s, written outside the page events", dest)

    def _header_rules(self, config: MkDocsConfig) -> list[tuple[str, dict[str, str]]]:
        """The ``_headers`` rules. No two rules that can match one path set the
        same header: hosts merge such values (Cloudflare joins them with a
        comma, which for a policy means both are enforced), so every header
        lives in exactly one rule for any path."""
        base = urlsplit(config.site_url or "").path or "/"
        if not base.endswith("/"):
            base += "/"
        denied = ", ".join(f"{feature}=()" for feature in self.config.denied_features)
        rules: list[tuple[str, dict[str, str]]] = [
            (
                f"{base}*",
                {
                    "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer",
                    "X-Frame-Options": "DENY",
                    "Permissions-Policy": denied,
                },
            )
        ]
        for dest, policy in sorted(self.policies.items()):
            header = {"Content-Security-Policy": f"{policy}; {csp.render_policy(HEADER_ONLY)}"}
            for path in _url_paths(base, dest):
                rules.append((path, header))
        for pattern in self.config.wasm_workers:
            policy = csp.page_policy(BASE_POLICY, [WASM_SOURCE])
            rules.append((base + pattern, {"Content-Security-Policy": csp.render_policy(policy)}))
        for pattern in self.config.workers:
            rules.append(
                (base + pattern, {"Content-Security-Policy": csp.render_policy(BASE_POLICY)})
            )
        return rules

    @staticmethod
    def _check_limits(rules: list[tuple[str, dict[str, str]]]) -> None:
        if len(rules) > MAX_RULES:
            log.warning(
                "_headers has %d rules; Cloudflare Pages reads only the first %d",
                len(rules),
                MAX_RULES,
            )
        for path, headers in rules:
            for name, value in headers.items():
                if len(f"  {name}: {value}") > MAX_LINE:
                    log.warning(
                        "_headers: the %s line for %s is longer than the %d "
                        "characters Cloudflare Pages reads",
                        name,
                        path,
                        MAX_LINE,
                    )


def _url_paths(base: str, dest: str) -> list[str]:
    """The URL paths a host serves ``dest`` at: ``/feel-it/index.html`` is
    also ``/feel-it/``."""
    paths = [base + dest]
    if dest == "index.html" or dest.endswith("/index.html"):
        paths.insert(0, base + dest.removesuffix("index.html"))
    return paths


#: Parsing every page for its inline scripts is most of this plugin's time;
#: the result depends only on the page's HTML and on the parser (csp.py).
_SCRIPT_HASHES = build_cache.ContentCache("csp-scripts", keep=400)
_CSP_SOURCE = Path(csp.__file__).read_bytes()


def _inline_script_hashes(html: str) -> list[str]:
    """:func:`csp.inline_script_hashes`, cached by the page's content."""
    key = build_cache.content_key(_CSP_SOURCE, html)
    cached = _SCRIPT_HASHES.get(key)
    if cached is not None:
        try:
            hashes = json.loads(cached)
        except ValueError:
            hashes = None
        if isinstance(hashes, list) and all(isinstance(h, str) for h in hashes):
            return hashes
    hashes = csp.inline_script_hashes(html)
    _SCRIPT_HASHES.put(key, json.dumps(hashes).encode())
    return hashes

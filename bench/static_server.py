"""A static file server for the built site, on 127.0.0.1, as a static host
would serve it: the MIME types Pyodide needs, revalidation on every request,
and the headers of the site's ``_headers`` file. The tests and the benchmark
both use it."""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
import urllib.parse
from pathlib import Path
from typing import ClassVar


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that cancels a download (normal when a page navigates
        away) is not an error worth a traceback."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the MIME types Pyodide needs, and no console noise."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass

    #: Rules from the site's ``_headers`` file, as (path regex, headers).
    header_rules: ClassVar[list[tuple[re.Pattern[str], list[tuple[str, str]]]]] = []

    def end_headers(self) -> None:
        # Like a static host: let the browser revalidate, never cache forever.
        self.send_header("Cache-Control", "no-cache")
        # Like Netlify / Cloudflare Pages: every matching rule's headers.
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        for pattern, headers in self.header_rules:
            if pattern.fullmatch(path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    #: The URL path the site is served under ("/" or "/rebound/").
    base: ClassVar[str] = "/"

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0]
        # The host reads _headers; it never serves it.
        if self.header_rules and path == f"{self.base}_headers":
            self.send_error(404)
            return None
        # Under a subpath, as on GitHub Pages: nothing outside it exists.
        if not (path + "/").startswith(self.base):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        # "/rebound/feel-it/" is the site's "/feel-it/".
        if self.base != "/" and path.startswith(self.base):
            path = "/" + path[len(self.base) :]
        return super().translate_path(path)


def read_headers_file(path: Path) -> list[tuple[re.Pattern[str], list[tuple[str, str]]]]:
    """Parse a ``_headers`` file (Netlify / Cloudflare Pages format): a path
    pattern (``*`` matches anything, ``:name`` one segment) on its own line,
    then indented ``Name: value`` lines."""
    rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            regex = "".join(
                ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                for part in re.split(r"(\*|:\w+)", line.strip())
            )
            rules.append((re.compile(regex), []))
        else:
            name, _, value = line.strip().partition(":")
            assert rules and value, f"{path}: malformed line {line!r}"
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class StaticServer:
    """A threaded static server for a directory on 127.0.0.1 (random port).

    With ``honour_headers`` (the default) it sends the headers of the site's
    ``_headers`` file when there is one, as the static hosts that read it do,
    so browser tests run under the real Content-Security-Policy headers.
    With ``base`` (``"/rebound/"``) it serves the site under that path only,
    as a project site on GitHub Pages is; the site must have been built with a
    ``site_url`` ending in the same path.
    """

    def __init__(
        self, root: Path, *, port: int = 0, honour_headers: bool = True, base: str = "/"
    ) -> None:
        assert base.startswith("/") and base.endswith("/"), base
        headers_file = root / "_headers"
        rules = read_headers_file(headers_file) if honour_headers and headers_file.is_file() else []
        handler_class = type(
            "_SiteHandler", (_QuietHandler,), {"header_rules": rules, "base": base}
        )
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.origin = self.url
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

"""A static file server for the built site, on 127.0.0.1, as a static host
would serve it: the MIME types Pyodide needs, the caching headers a host sends,
and the headers of the site's ``_headers`` file. The tests and the benchmark
both use it.

Caching policies (``caching=``), as real hosts send them:

- ``"no-cache"`` (the default): revalidate on every request;
- ``"max-age=600"``: GitHub Pages, which lets a browser reuse a file for ten
  minutes without asking;
- ``"last-modified"``: S3, nginx and Apache, which send only ``Last-Modified``
  and leave the browser to guess a freshness lifetime (heuristic caching).

Several deployments can share one origin (``mounts={"/a/": site_a, "/b/":
site_b}``), and :meth:`StaticServer.deploy` swaps a deployment's files in place,
as a host does on a redeploy.
"""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

Caching = Literal["no-cache", "max-age=600", "last-modified"]


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


@dataclass
class _Mount:
    """One deployment: the URL path it is served under, its files and the
    rules of its ``_headers`` file. Mutable, so a redeploy can swap it."""

    base: str
    root: Path
    rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]]


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

    #: The URL path the site is served under ("/" or "/rebound/").
    base: ClassVar[str] = "/"

    #: The deployments on this origin, longest base first; empty means one
    #: site at ``base`` from the handler's ``directory``.
    mounts: ClassVar[list[_Mount]] = []

    #: What the host says about caching (see the module docstring).
    caching: ClassVar[Caching] = "no-cache"

    def _mount(self, path: str) -> _Mount | None:
        if not self.mounts:
            if (path + "/").startswith(self.base):
                return _Mount(self.base, Path(self.directory), self.header_rules)
            return None
        return next((m for m in self.mounts if (path + "/").startswith(m.base)), None)

    def end_headers(self) -> None:
        if self.caching == "no-cache":
            self.send_header("Cache-Control", "no-cache")
        elif self.caching == "max-age=600":
            self.send_header("Cache-Control", "max-age=600")
        # "last-modified": SimpleHTTPRequestHandler already sent Last-Modified,
        # and no Cache-Control leaves freshness to the browser's heuristic.
        # Like Netlify / Cloudflare Pages: every matching rule's headers.
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        mount = self._mount(path)
        for pattern, headers in mount.rules if mount else ():
            if pattern.fullmatch(path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = urllib.parse.unquote(self.path.split("?", 1)[0])
        mount = self._mount(path)
        # Under a subpath, as on GitHub Pages: nothing outside it exists.
        if mount is None:
            self.send_error(404)
            return None
        # The host reads _headers; it never serves it.
        if mount.rules and path == f"{mount.base}_headers":
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        # "/rebound/feel-it/" is the site's "/feel-it/".
        mount = self._mount(urllib.parse.unquote(path.split("?", 1)[0]))
        if mount is None:
            return super().translate_path(path)
        self.directory = str(mount.root)
        if mount.base != "/":
            path = "/" + path[len(mount.base) :]
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
    ``site_url`` ending in the same path. With ``mounts`` it serves several
    deployments on one origin instead (``root`` and ``base`` are then unused).
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        port: int = 0,
        honour_headers: bool = True,
        base: str = "/",
        mounts: dict[str, Path] | None = None,
        caching: Caching = "no-cache",
    ) -> None:
        self.honour_headers = honour_headers
        if mounts is None:
            assert root is not None, "a root or mounts"
            mounts = {base: root}
        self.mounts = sorted(
            (self._load(base, site) for base, site in mounts.items()),
            key=lambda m: len(m.base),
            reverse=True,
        )
        handler_class = type(
            "_SiteHandler", (_QuietHandler,), {"mounts": self.mounts, "caching": caching}
        )
        handler = functools.partial(handler_class, directory=str(self.mounts[-1].root))
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.origin = self.url
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _load(self, base: str, root: Path) -> _Mount:
        assert base.startswith("/") and base.endswith("/"), base
        headers_file = root / "_headers"
        use = self.honour_headers and headers_file.is_file()
        return _Mount(base, root, read_headers_file(headers_file) if use else [])

    def deploy(self, root: Path, *, base: str | None = None) -> None:
        """Serve ``root`` at ``base`` from now on, as a redeploy does: the
        next request gets the new files, whatever the browser cached."""
        mount = next(m for m in self.mounts if base in (None, m.base))
        fresh = self._load(mount.base, root)
        mount.root, mount.rules = fresh.root, fresh.rules

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

"""A static server for the built site that behaves like a real network, or a
broken one: the benchmark's phone profile and the browser tests' faults.

:class:`ShapedServer` serves like :class:`bench.static_server.StaticServer`
(the same MIME types and ``_headers``), and can also

* compress as typical static hosts do: gzip (level 6) when the browser
  accepts it, by content type: text, JavaScript, JSON, SVG and WebAssembly;
  never archives (``.zip``, ``.whl``) or PDFs, which hosts leave alone;
* shape the link: every response waits ``latency`` seconds before its first
  byte, and ALL connections together share ``rate`` bits per second (one
  token bucket, so parallel downloads split the link as they would on a
  phone's);
* count the body bytes it sends (:attr:`ShapedServer.bytes_sent`: what a
  reader's link carries, less a few hundred bytes of headers a response),
  and list the paths asked for (:attr:`ShapedServer.requests`);
* break the next response(s) for a file (:meth:`ShapedServer.fail`), with one
  of :data:`FAULTS`, and note when it did (:attr:`ShapedServer.fault_times`,
  ``time.time()``);
* send ``.zst`` files with ``Content-Encoding: zstd`` (``encode_frames``), as
  a host set up to treat the suffix as an encoding would (Apache's
  ``AddEncoding zstd .zst``): the browser then decodes them on the way.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import socket
import struct
import threading
import time
import urllib.parse
from pathlib import Path

from rebound_mkdocs.utilities.file_entries import ZSTD_SUFFIX

from .static_server import _QuietHandler, _QuietServer, read_headers_file

#: "503": the server answers HTTP 503; "reset": the connection is reset
#: halfway through the body; "truncated": a complete response with only the
#: first half of the file; "wrong-hash": the right length, damaged bytes.
FAULTS = ("503", "reset", "truncated", "wrong-hash")

#: Content types a typical host compresses.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/wasm",
    "image/svg+xml",
)

CHUNK = 16 * 1024


class _Link:
    """What all connections share: the token bucket, the byte count, the faults."""

    def __init__(self, rate: float | None, latency: float) -> None:
        self.rate = rate
        self.latency = latency
        self.lock = threading.Lock()
        self.free_at = 0.0
        self.bytes_sent = 0
        self.faults: dict[str, list] = {}  # site path -> [fault, remaining]
        self.fault_times: list[tuple[str, str, float]] = []
        self.requests: list[str] = []
        self.gzip_cache: dict[tuple[str, float], bytes] = {}

    def send(self, wfile, data: bytes) -> None:
        for start in range(0, len(data), CHUNK):
            piece = data[start : start + CHUNK]
            if self.rate:
                with self.lock:
                    now = time.monotonic()
                    self.free_at = max(self.free_at, now) + len(piece) * 8 / self.rate
                    wait = self.free_at - now
                if wait > 0:
                    time.sleep(wait)
            wfile.write(piece)
            with self.lock:
                self.bytes_sent += len(piece)

    def take_fault(self, path: str) -> str | None:
        with self.lock:
            entry = self.faults.get(path)
            if not entry or entry[1] <= 0:
                return None
            entry[1] -= 1
            return entry[0]


class _ShapedHandler(_QuietHandler):
    link: _Link
    compress: bool
    encode_frames: bool

    def do_GET(self) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        with self.link.lock:
            self.link.requests.append(path)
        fault = self.link.take_fault(path)
        if self.link.latency:
            time.sleep(self.link.latency)
        file = Path(self.translate_path(self.path))
        if path.endswith("/") and (file / "index.html").is_file():
            file = file / "index.html"
        if path == "/_headers" or (fault is None and not file.is_file()):
            super().do_GET()  # directories, redirects, 404s: as usual
            return
        if fault == "503":
            self._note(path, fault)
            self._respond(503, b"Service Unavailable", "text/plain", cacheable=False)
            return
        body = file.read_bytes()
        ctype = self.guess_type(str(file))
        if fault is None:
            if self._not_modified(file):
                return
            self._respond(200, body, ctype, file=file)
        elif fault == "truncated":
            self._note(path, fault)
            self._respond(200, body[: len(body) // 2], ctype, file=file, plain=True)
        elif fault == "wrong-hash":
            self._note(path, fault)
            middle = len(body) // 2
            damaged = body[:middle] + bytes(b ^ 0xFF for b in body[middle : middle + 64])
            self._respond(200, damaged + body[middle + 64 :], ctype, file=file, plain=True)
        elif fault == "reset":
            self._note(path, fault)
            self._reset(body, ctype)

    def _note(self, path: str, fault: str) -> None:
        with self.link.lock:
            self.link.fault_times.append((path, fault, time.time()))

    def _not_modified(self, file: Path) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        with contextlib.suppress(TypeError, ValueError, OverflowError):
            from email.utils import parsedate_to_datetime

            if int(file.stat().st_mtime) <= parsedate_to_datetime(since).timestamp():
                self.send_response(304)
                self.end_headers()
                return True
        return False

    def _respond(
        self,
        status: int,
        body: bytes,
        ctype: str,
        *,
        file: Path | None = None,
        cacheable: bool = True,
        plain: bool = False,
    ) -> None:
        encoded = body
        gzipped = (
            self.compress
            and not plain
            and ctype.startswith(COMPRESSIBLE)
            and "gzip" in self.headers.get("Accept-Encoding", "")
        )
        if gzipped and file is not None:
            key = (str(file), file.stat().st_mtime)
            encoded = self.link.gzip_cache.get(key) or gzip.compress(body, 6, mtime=0)
            self.link.gzip_cache[key] = encoded
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(encoded)))
        if self.encode_frames and file is not None and file.name.endswith(ZSTD_SUFFIX):
            self.send_header("Content-Encoding", "zstd")
        elif gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        if file is not None and cacheable:
            self.send_header("Last-Modified", self.date_time_string(int(file.stat().st_mtime)))
        self.end_headers()
        self.link.send(self.wfile, encoded)

    def _reset(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.link.send(self.wfile, body[: len(body) // 2])
            self.wfile.flush()
            # SO_LINGER 0: closing sends a TCP reset, not an orderly end.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        self.close_connection = True

    def finish(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            super().finish()


class ShapedServer:
    """A threaded server for ``root`` on 127.0.0.1; see the module docstring.

    ``rate``: bits per second for all connections together (None: no
    limit); ``latency``: seconds added before each response; ``compress``:
    gzip as typical hosts do; ``encode_frames``: label ``.zst`` files as
    ``Content-Encoding: zstd``.
    """

    def __init__(
        self,
        root: Path,
        *,
        port: int = 0,
        rate: float | None = None,
        latency: float = 0.0,
        compress: bool = False,
        encode_frames: bool = False,
    ) -> None:
        headers_file = root / "_headers"
        rules = read_headers_file(headers_file) if headers_file.is_file() else []
        self.link = _Link(rate, latency)
        handler_class = type(
            "_Handler",
            (_ShapedHandler,),
            {
                "header_rules": rules,
                "link": self.link,
                "compress": compress,
                "encode_frames": encode_frames,
            },
        )
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def bytes_sent(self) -> int:
        with self.link.lock:
            return self.link.bytes_sent

    @property
    def fault_times(self) -> list[tuple[str, str, float]]:
        with self.link.lock:
            return list(self.link.fault_times)

    @property
    def requests(self) -> list[str]:
        with self.link.lock:
            return list(self.link.requests)

    def fail(self, path: str, fault: str, times: int = 1) -> None:
        """Break the next ``times`` responses for the site path ``path``
        (``/assets/pyodide/pyodide.asm.wasm.zst``) with ``fault``."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; one of {', '.join(FAULTS)}")
        with self.link.lock:
            self.link.faults[path] = [fault, times]

    def heal(self) -> None:
        with self.link.lock:
            self.link.faults.clear()

    def __enter__(self) -> ShapedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

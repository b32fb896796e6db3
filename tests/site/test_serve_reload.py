"""`mkdocs serve` rebuilds a page when the worksheet in it changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers.authoring import make_project

PAGE = """\
# Reload

```worksheet
id: reload
title: {title}
fields:
  - id: note
    label: {label}
    kind: text
```
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_until(url: str, needle: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                last = response.read().decode()
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page:\n{last[-400:]}")


def test_serve_reloads_an_edited_worksheet(tmp_path: Path) -> None:
    config = make_project(tmp_path, {"index.md": PAGE.format(title="First", label="Old label")})
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            str(config),
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--livereload",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        fetch_until(url, "Old label")
        page = tmp_path / "content" / "index.md"
        page.write_text(PAGE.format(title="Second", label="New label"), encoding="utf-8")
        html = fetch_until(url, "New label")
        assert "Old label" not in html
        assert ">Second</h2>" in html
        # A broken spec shows its located error on the page instead of a form.
        page.write_text(
            PAGE.format(title="Third", label="Fine").replace("kind: text", "kind: slider")
        )
        html = fetch_until(url, "worksheet-error")
        assert "content/index.md:9: field &#x27;note&#x27;: unknown kind" in html
    finally:
        server.terminate()
        server.wait(timeout=10)

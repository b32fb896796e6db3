"""Shared fixtures: the real site built once per session, a static server for
it on 127.0.0.1, and Playwright pointed at Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest


def _tests_is_this_directory() -> None:
    """Make ``from tests.x import y`` mean this directory. textstat's wheels
    (in the test extra, for the readability test) install a top-level ``tests``
    package into site-packages, and a regular package anywhere on ``sys.path``
    wins over this directory, which has no ``__init__.py``."""
    here = str(Path(__file__).resolve().parent)
    package = sys.modules.get("tests")
    if package is None or list(getattr(package, "__path__", [])) != [here]:
        package = types.ModuleType("tests")
        package.__path__ = [here]
        sys.modules["tests"] = package


_tests_is_this_directory()

from bench.static_server import StaticServer, free_port, read_headers_file  # noqa: E402

__all__ = ["StaticServer", "free_port", "mkdocs_build", "read_headers_file"]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def mkdocs_build(
    config: Path, site_dir: Path, *, strict: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` as a user would, returning the finished process."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--clean",
        "-f",
        str(config),
        "-d",
        str(site_dir),
    ]
    if strict:
        command.append("--strict")
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        check=False,
    )


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the test server will use, known before the build so the
    sitemap lists real URLs (Material's instant navigation needs them)."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The real site, built with ``--strict`` once for the whole session, for
    the test server's address."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(
        ROOT / "mkdocs.yml", site_dir, env={"SITE_URL": f"http://127.0.0.1:{site_port}/"}
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site_server(built_site: Path, site_port: int) -> Iterator[StaticServer]:
    with StaticServer(built_site, port=site_port) as server:
        yield server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium: Playwright's own browser download is unavailable here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """No service worker in ordinary browser tests: Playwright's routing (used
    to block files) cannot see requests a service worker makes. The offline
    tests opt in with a context of their own."""
    return {**browser_context_args, "service_workers": "block"}

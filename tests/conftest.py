"""Shared fixtures: the real site built once per session, a static server for
it on 127.0.0.1, and Playwright pointed at Debian's Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import chromium
from bench.static_server import StaticServer, free_port
from tests.helpers.build import ROOT, mkdocs_build


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
    """Debian's Chromium, with the benchmark's flags (bench/chromium.py)."""
    return {**browser_type_launch_args, **chromium.launch_args()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """No service worker in ordinary browser tests: Playwright's routing (used
    to block files) cannot see requests a service worker makes. The offline
    tests opt in with a context of their own."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture
def context(context):
    """pytest-playwright's context, whose pages start their worksheet
    machinery at once (tests/helpers/worksheet_pages.py: LOAD_WORKSHEETS)."""
    from tests.helpers.worksheet_pages import load_worksheets

    return load_worksheets(context)

"""The ``rebound-security`` plugin in small projects of its own: it works with
any theme, hashes scripts an author writes into a page, honours a site_url
with a path, secures HTML another plugin writes after the pages, and does
nothing when turned off."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from bench.static_server import read_headers_file
from tests.helpers.build import mkdocs_build

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def project(root: Path, plugin_options: str = "") -> Path:
    docs = root / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (docs / "sub" / "page.md").write_text(
        "# Sub\n\n<script>document.title += ' (sub)';</script>\n", encoding="utf-8"
    )
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Small\nsite_url: https://example.org/guide/\ntheme: mkdocs\n"
        f"plugins:\n  - rebound-security{plugin_options}\n",
        encoding="utf-8",
    )
    return config


def test_any_theme_gets_policies_headers_and_the_a11y_styles(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(project(tmp_path), site)
    assert result.returncode == 0, result.stderr
    sub = (site / "sub" / "page" / "index.html").read_text(encoding="utf-8")
    policy = META.search(sub).group(1).replace("&quot;", '"').replace("&amp;", "&")
    # The author's script (and the theme's own inline ones) are allowed by hash.
    assert "'sha256-" in policy
    assert policy.count("'sha256-") == sub.count("<script>")
    assert "a11y.css" in sub and (site / "assets" / "rebound" / "a11y.css").is_file()

    rules = read_headers_file(site / "_headers")
    patterns = {pattern.pattern for pattern, _ in rules}
    # site_url has a path: every rule lives under it.
    assert all(pattern.startswith("/guide/") for pattern in patterns), patterns
    sent = [
        value
        for pattern, headers in rules
        if pattern.fullmatch("/guide/sub/page/")
        for name, value in headers
        if name == "Content-Security-Policy"
    ]
    assert sent == [f"{policy}; frame-ancestors 'none'"]
    assert any(pattern.fullmatch("/guide/404.html") for pattern, _ in rules)


def test_html_written_after_the_pages_is_secured_too(tmp_path: Path) -> None:
    config = project(tmp_path)
    # A hook standing in for a plugin that writes a page in on_post_build.
    (tmp_path / "late.py").write_text(
        textwrap.dedent("""\
        from pathlib import Path

        def on_post_build(config):
            Path(config.site_dir, "late.html").write_text(
                "<!doctype html><html><head><title>x</title></head>"
                "<body><script>late()</script></body></html>")
        """),
        encoding="utf-8",
    )
    config.write_text(config.read_text() + "hooks:\n  - late.py\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    late = (site / "late.html").read_text(encoding="utf-8")
    assert late.index('http-equiv="Content-Security-Policy"') < late.index("<title>")
    digest = base64.b64encode(hashlib.sha256(b"late()").digest()).decode()
    assert f"'sha256-{digest}'" in META.search(late).group(1)
    assert any(
        pattern.fullmatch("/guide/late.html") for pattern, _ in read_headers_file(site / "_headers")
    )


def test_turned_off_it_changes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(project(tmp_path, ":\n      enabled: false"), site)
    assert result.returncode == 0, result.stderr
    assert not (site / "_headers").exists()
    assert not (site / "assets" / "rebound" / "a11y.css").exists()
    for page in site.rglob("*.html"):
        assert "Content-Security-Policy" not in page.read_text(encoding="utf-8"), page


def test_a_dirty_build_keeps_every_page_in_headers(tmp_path: Path) -> None:
    config = project(tmp_path)
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nChanged.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Changed." in (site / "index.html").read_text(encoding="utf-8")
    # The page the dirty build did not rebuild keeps its header rule.
    assert any(
        pattern.fullmatch("/guide/sub/page/") for pattern, _ in read_headers_file(site / "_headers")
    )

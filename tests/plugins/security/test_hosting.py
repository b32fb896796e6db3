"""What the build says about where the site is published (security.hosting),
and that the project's own builds stay strict-clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from rebound_mkdocs.security.hosting import assess, shared_origin
from tests.helpers.build import mkdocs_build
from tests.plugins.security.test_build import project


@pytest.mark.parametrize(
    ("site_url", "shared"),
    [
        ("https://someone.github.io/rebound/", True),
        ("https://someone.github.io/", True),  # the account's other sites share it
        ("https://group.gitlab.io/rebound/", True),
        ("https://example.org/rebound/", True),  # other paths of the host
        ("https://rebound.example.org/", False),
        ("https://rebound.netlify.app/", False),
        ("https://rebound.pages.dev", False),
        (None, False),
        ("", False),
    ],
)
def test_shared_origins_are_recognised(site_url: str | None, shared: bool) -> None:
    assert (shared_origin(site_url) is not None) is shared


def test_a_warning_only_when_neither_protection_applies() -> None:
    github = "https://someone.github.io/rebound/"
    finding = assess(github, False)
    assert finding is not None and finding.level == "warning"
    assert "_headers" in finding.message and "read and delete" in finding.message
    # Unset: the project's own GitHub Pages build gets an info line, never a warning.
    finding = assess(github, None)
    assert finding is not None and finding.level == "info"
    assert assess(github, True) is not None and assess(github, True).level == "info"
    dedicated = "https://rebound.example.org/"
    assert assess(dedicated, None) is None
    assert assess(dedicated, True) is None
    finding = assess(dedicated, False)
    assert finding is not None and finding.level == "info" and "framed" in finding.message


def test_the_build_logs_it_and_strict_fails_only_on_the_warning(tmp_path: Path) -> None:
    config = project(tmp_path / "a")  # site_url https://example.org/guide/: shared
    text = config.read_text(encoding="utf-8").replace(
        "https://example.org/guide/", "https://someone.github.io/guide/"
    )
    config.write_text(text, encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "a" / "site")
    assert result.returncode == 0, result.stderr
    assert "INFO" in result.stderr and "someone.github.io is one origin" in result.stderr

    stated = project(tmp_path / "b", ":\n      host_reads_headers: false")
    stated.write_text(
        stated.read_text(encoding="utf-8").replace(
            "https://example.org/guide/", "https://someone.github.io/guide/"
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(stated, tmp_path / "b" / "site")
    assert result.returncode != 0  # --strict: the warning fails the build
    assert "WARNING" in result.stderr and "neither protection applies" in result.stderr

"""The GitHub Pages workflow builds with the README's command and publishes
``site/``, for the address GitHub gives the site (a subpath for a project
site), and the README's "Publish" section says so."""

from __future__ import annotations

import re

import yaml

from rebound_mkdocs.runtime.packed import SUFFIX
from tests.helpers.build import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def load_workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def readme_publish() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^## Publish\n(.*?)^## ", readme, re.MULTILINE | re.DOTALL)
    assert found, "README.md has no Publish section"
    return found.group(1)


def test_the_workflow_builds_with_the_readme_command_and_uploads_site() -> None:
    workflow = load_workflow()
    assert "push" in workflow["on"] and "workflow_dispatch" in workflow["on"]
    build = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert "actions/configure-pages" in uses
    assert uses[-1] == "actions/upload-pages-artifact"
    assert build[-1]["with"]["path"].rstrip("/") == "site"
    (make,) = [step for step in build if "run" in step and "make" in step["run"]]
    assert make["run"].strip() == "make build"
    # The address configure-pages reports, with the trailing slash site_url needs.
    assert make["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    pages_step = next(step for step in build if step.get("id") == "pages")
    assert pages_step["uses"].startswith("actions/configure-pages@")
    python = next(step for step in build if step.get("uses", "").startswith("actions/setup-python"))
    major, minor = (int(part) for part in str(python["with"]["python-version"]).split("."))
    assert (major, minor) >= (3, 12)  # what scripts/find-python accepts

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read"}


def test_the_readme_publish_section_matches_the_build() -> None:
    text = readme_publish()
    assert "make build" in (ROOT / "Makefile").read_text(encoding="utf-8")
    for needed in (
        "`make build`",
        "SITE_URL",
        ".github/workflows/pages.yml",
        "_headers",
        "Netlify",
        "Cloudflare Pages",
        "'wasm-unsafe-eval'",
        "frame-ancestors",
        "tests/site/test_subpath.py",
    ):
        assert needed in text, needed
    # A host that labels the packed files as an encoding leaves their decoding
    # to each reader's browser, so the section says to send them as they are,
    # by the suffix the build gives them.
    assert f"The `{SUFFIX}` files as they are, with no `Content-Encoding`" in text

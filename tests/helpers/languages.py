"""The site's languages as ``mkdocs.yml`` declares them (the
``rebound-languages`` plugin's ``languages``), and each one's Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from tests.helpers.build import ROOT


@dataclass(frozen=True)
class Language:
    lang: str
    path: str  # its folder in the site: "" or "zh/"
    config: Path
    docs: Path


def _settings(config: Path) -> dict:
    with open(config, "rb") as handle:
        return yaml_load(handle)


def languages(root: Path = ROOT) -> list[Language]:
    """Every language of the site, the primary (English) one first."""
    found = []
    declared = _settings(root / "mkdocs.yml")["plugins"]["rebound-languages"]["languages"]
    for entry in declared:
        config = root / entry["config"]
        docs = (config.parent / _settings(config).get("docs_dir", "docs")).resolve()
        found.append(Language(entry["lang"], entry["path"], config, docs))
    return found


def pages(language: Language, root: Path = ROOT) -> list[str]:
    """The Markdown pages of one language, relative to its ``docs_dir``
    (another language's folder inside it left out)."""
    others = [
        other.docs
        for other in languages(root)
        if other.docs != language.docs and other.docs.is_relative_to(language.docs)
    ]
    return sorted(
        path.relative_to(language.docs).as_posix()
        for path in language.docs.rglob("*.md")
        if not any(path.is_relative_to(other) for other in others)
    )

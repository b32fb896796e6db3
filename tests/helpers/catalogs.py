"""A translation template extracted afresh, as ``make messages`` would, and
compared by what matters to a translator (not dates nor line order)."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from tests.helpers.build import ROOT


def extract(variable: str, source: str, output: Path) -> Path:
    """Run the Makefile's ``variable`` (``PYBABEL_EXTRACT``...) on ``source``
    into ``output``: one definition of the options, the Makefile's."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{variable} := (.+)$", text, re.M)
    assert match, f"the Makefile defines {variable}"
    here = Path.cwd()
    os.chdir(ROOT)  # the Makefile's paths (babel.cfg, the sources) are relative
    try:
        CommandLineInterface().run(
            ["pybabel", "--quiet", *shlex.split(match.group(1)), "-o", str(output), source]
        )
    finally:
        os.chdir(here)
    return output


def messages(path: Path) -> list[tuple[object, ...]]:
    """Each message of a ``.pot``/``.po`` file: its context, its id and its
    notes for translators, sorted."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return sorted(
        (message.context or "", repr(message.id), tuple(message.auto_comments))
        for message in catalog
        if message.id
    )

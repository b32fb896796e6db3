"""Recurring feedback themes: the reader's own words sorted into a few topics by keyword rules.

No model and no guessing: a theme is found in a text when one of its
keywords occurs there as a whole word (or the start of one), ignoring case
and accents. The rules are data, in :data:`RULES`, so adding or tuning a
theme is an edit to that table and nothing else.

Rule format
-----------

Each :class:`Theme` has:

* ``id``: the theme's id (a valid spec id). When it equals an interview
  area of the reflection and learning-plan worksheets (``research``,
  ``role_fit``, ``stories``, ``technical``, ``questions``, ``composure``),
  a ticked area of that id counts as the theme too, and the learning plan
  can use the theme as a suggested focus.
* ``label``: the theme's name shown to the reader, marked with ``N_`` so it
  is translated where it is shown.
* ``area``: ``False`` for a theme that is no interview area (default ``True``).
* ``keywords``: lowercase words or short phrases, without accents. A
  keyword matches at the start of a word, so ``"prepar"`` finds "prepared"
  and "preparation", and ``"star method"`` finds "the STAR method". A
  phrase matches its words in order with any spacing between them.

A text counts once per theme however often the keywords occur, so a long
note does not outweigh three short ones. Themes are ranked by how many
texts (across rounds) mention them, then by their order in :data:`RULES`,
so the ranking is stable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from browser_py.core.i18n import N_


@dataclass(frozen=True, slots=True)
class Theme:
    """One topic feedback can point to (see the module docstring)."""

    id: str
    label: str
    keywords: tuple[str, ...]
    #: Whether ``id`` is also an interview area (see the module docstring).
    area: bool = True


#: The themes, in the order they are listed when counts tie.
RULES: tuple[Theme, ...] = (
    Theme(
        "research",
        N_("Knowing the company"),
        ("research", "company", "mission", "product", "their business", "our business", "values"),
    ),
    Theme(
        "role_fit",
        N_("Linking your experience to the role"),
        ("experience", "fit", "relevant", "background", "requirement", "seniority", "level"),
    ),
    Theme(
        "stories",
        N_("Examples and stories"),
        ("example", "story", "stories", "star method", "situation", "specific", "concrete"),
    ),
    Theme(
        "technical",
        N_("Technical or task questions"),
        ("technical", "coding", "code", "task", "exercise", "test", "case study", "system design"),
    ),
    Theme(
        "questions",
        N_("Your questions for them"),
        ("your questions", "questions for", "asked about", "curious", "ask more"),
    ),
    Theme(
        "composure",
        N_("Nerves and composure"),
        ("nervous", "nerves", "anxious", "calm", "confiden", "composure", "rushed", "pace"),
    ),
    Theme(
        "communication",
        N_("How clearly you came across"),
        ("clear", "concise", "communicat", "rambl", "structure", "long-winded", "to the point"),
        area=False,
    ),
)


def fold(text: str) -> str:
    """``text`` in lowercase without accents (so "Préparé" meets "prepare")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _patterns() -> tuple[tuple[Theme, re.Pattern[str]], ...]:
    out = []
    for theme in RULES:
        words = [r"\s+".join(map(re.escape, keyword.split())) for keyword in theme.keywords]
        out.append((theme, re.compile(r"(?<!\w)(?:" + "|".join(words) + ")")))
    return tuple(out)


def themes_in(text: str) -> list[str]:
    """The ids of the themes ``text`` mentions, in :data:`RULES` order."""
    folded = fold(text)
    return [theme.id for theme, pattern in _patterns() if pattern.search(folded)]


def count_themes(texts: Iterable[str], ticked: Iterable[str] = ()) -> dict[str, int]:
    """How many of ``texts`` mention each theme, plus one for each ticked area
    id that is a theme's id. Themes never mentioned are left out."""
    known = {theme.id for theme in RULES}
    counts: dict[str, int] = {}
    for text in texts:
        for theme_id in themes_in(text):
            counts[theme_id] = counts.get(theme_id, 0) + 1
    for area in ticked:
        if area in known:
            counts[area] = counts.get(area, 0) + 1
    return counts


def ranked(counts: dict[str, int]) -> list[str]:
    """Theme ids by count, most first; ties in :data:`RULES` order."""
    order = {theme.id: index for index, theme in enumerate(RULES)}
    return sorted(counts, key=lambda theme_id: (-counts[theme_id], order.get(theme_id, 99)))


def label_of(theme_id: str) -> str:
    """The theme's label, untranslated (callers pass it through ``_``)."""
    return next((theme.label for theme in RULES if theme.id == theme_id), theme_id)


def theme_ids() -> Sequence[str]:
    return tuple(theme.id for theme in RULES)


def area_ids() -> Sequence[str]:
    """The themes that are interview areas (a learning plan can work on them)."""
    return tuple(theme.id for theme in RULES if theme.area)

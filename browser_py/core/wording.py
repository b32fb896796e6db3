"""Small helpers that turn numbers and lists into plain English.

Every worksheet speaks to the reader in whole sentences; keeping the joins
and plurals here means "1 days" or "a, b, and c" cannot creep into one of
them while the others read well.
"""

from __future__ import annotations

from collections.abc import Sequence

from browser_py.core.blocks import clean


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"`` (no serial comma, as the guide writes)."""
    parts = [item for item in items if item]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(3, "day")`` -> ``"3 days"``; ``plural(1, "day")`` -> ``"1 day"``."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def number(value: float, digits: int = 1) -> str:
    """A number without a useless ``.0``: ``4.0`` -> ``"4"``, ``2.25`` -> ``"2.3"``."""
    rounded = round(value, digits)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{digits}f}".rstrip("0").rstrip(".")


def percent(part: int, whole: int) -> str:
    """A whole-number percentage, ``"0%"`` when there is nothing to divide by."""
    if whole <= 0:
        return "0%"
    return f"{round(100 * part / whole)}%"


def lower_first(text: str) -> str:
    """Lower-case the first letter so a label can sit inside a sentence
    ("Application" -> "application"), leaving acronyms such as "CV" alone."""
    if len(text) >= 2 and text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def quote(text: str, limit: int = 60) -> str:
    """Quote something the reader typed, shortened so a notice stays short,
    without the characters (NUL, lone surrogates) no message may carry."""
    text = " ".join(clean(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return f"\u201c{text}\u201d"

"""Small helpers that turn numbers and lists into plain words.

Every worksheet speaks to the reader in whole sentences; keeping the joins
here means "a, b, and c" cannot creep into one of them while the others read
well. The list joins and quotation marks go through :mod:`browser_py.core.i18n`;
a sentence with a count uses :func:`browser_py.core.i18n.ngettext`, so "1 days"
cannot creep in either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from browser_py.core.blocks import clean
from browser_py.core.i18n import _, language, pgettext

#: How a language writes a decimal and a percentage, where it differs from
#: English (``"."`` and ``"25%"``), from the Unicode CLDR; checked against
#: Babel by ``tests/browser_py/core/test_dates.py``. Simplified Chinese
#: writes both as English does, so it is listed only to be checked.
NUMBER_SIGNS: dict[str, tuple[str, str]] = {"zh_Hans": (".", "{value}%")}


def join_words(items: Sequence[str], conjunction: str | None = None) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"`` (no serial comma, as the guide writes).

    ``conjunction`` replaces "and" with a word the caller has translated.
    """
    parts = [item for item in items if item]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    # TRANSLATORS: the separator between the items of a list, "a, b and c".
    head = pgettext("list separator", ", ").join(parts[:-1])
    if conjunction is None:
        # TRANSLATORS: the end of a list: {head} is "a, b", {last} is "c".
        return _("{head} and {last}").format(head=head, last=parts[-1])
    return f"{head} {conjunction} {parts[-1]}"


#: Where a sentence may end without a space before the next one: Chinese and
#: Japanese full-width punctuation, and the CJK letters themselves, since
#: those languages never put a space between sentences. Closing quotes and
#: brackets are looked through (``“好。”`` ends in ``。``; ``“no.”`` in ``.``).
_NO_SPACE_AFTER = re.compile(
    "[\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\uff3b-\uff40\uff5b-\uff65"
    "\u3400-\u9fff\uf900-\ufaff][\u2026\u2019\u201d)\uff09\u300d\u300f]*$"
)


def sentences(*parts: str) -> str:
    """Whole sentences one after the other, the way the language writes them:
    ``"A." + "B."`` -> ``"A. B."``, but ``"甲。" + "乙。"`` -> ``"甲。乙。"`` (a
    space after a full-width stop is a stray gap in Chinese). Empty parts are
    left out."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not _NO_SPACE_AFTER.search(out):
            out += " "
        out += part
    return out


# The page stores the label of a round the reader did not name in English
# (see page/storage.js), and older sites stored it so too.
_ROUND_N = re.compile(r"Round ([1-9][0-9]{0,3})")


def round_label(label: str) -> str:
    """A round's stored label as the reader should see it: the default
    labels ("First round", "Round 3") in the language in use, anything the
    reader typed as it is."""
    if label == "First round":
        return _("First round")
    match = _ROUND_N.fullmatch(label)
    if match:
        return _("Round {number}").format(number=int(match.group(1)))
    return label


def number(value: float, digits: int = 1) -> str:
    """A number without a useless ``.0``: ``4.0`` -> ``"4"``, ``2.25`` -> ``"2.3"``."""
    rounded = round(value, digits)
    if rounded == int(rounded):
        return str(int(rounded))
    text = f"{rounded:.{digits}f}".rstrip("0").rstrip(".")
    decimal = NUMBER_SIGNS.get(language(), (".", ""))[0]
    return text.replace(".", decimal)


def percent(part: int, whole: int) -> str:
    """A whole-number percentage, ``"0%"`` when there is nothing to divide by."""
    pattern = NUMBER_SIGNS.get(language(), ("", "{value}%"))[1]
    if whole <= 0:
        return pattern.format(value=0)
    return pattern.format(value=round(100 * part / whole))


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
    # TRANSLATORS: quotation marks around something the reader typed.
    return _("\u201c{text}\u201d").format(text=text)

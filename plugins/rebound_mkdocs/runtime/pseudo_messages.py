"""The pseudo-locale's JavaScript messages, generated from the English ones.

``page/messages.js``, ``language-messages.js`` and ``workbook-messages.js``
hold every sentence the page's scripts show; each ends with its *language pick*, which loads
``<module>.<lang>.js`` on a page whose ``<html lang>`` is another language.
For the pseudo-locale (``qps-ploc``, see :mod:`.catalogs`) the build writes
``<module>.qps-ploc.js``: the English module's text above the pick, then a
tail that exports the same tree with every string accented and wrapped
(``[!! Ŝàvéd !!]``) and every function's result treated alike, with its
arity kept. A page built with the pseudo-locale and given ``lang="qps-ploc"``
then shows, from its scripts, only wrapped text: any plain English is a
sentence that does not come from a messages module.

A function's result is transformed whole, so what it was given (a Python
error, already pseudo, or a number) is accented too; that is harmless for a
check that looks for plain English.
"""

from __future__ import annotations

import json

from .catalogs import ACCENTS

#: The line that starts a messages module's language pick.
MARKER = "// ---- the language pick"


class PseudoMessagesError(ValueError):
    """A messages module has no language pick to cut at."""


_TAIL = """
// ---- generated: the pseudo-locale (rebound_mkdocs/runtime/pseudo_messages.py) ----
const ACCENTS = %s;
const pseudo = (text) =>
  text ? `[!! ${text.replace(/[A-Za-z]/g, (letter) => ACCENTS[letter])} !!]` : text;

function wrap(value) {
  if (typeof value === "string") return pseudo(value);
  if (typeof value === "function") {
    const wrapped = (...args) => wrap(value(...args));
    Object.defineProperty(wrapped, "length", { value: value.length });
    return wrapped;
  }
  if (Array.isArray(value)) return value.map(wrap);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wrap(item)]));
  }
  return value;
}

export const messages = wrap(english);
"""


def pseudo_module(source: str, name: str = "messages") -> str:
    """The pseudo-locale's module for the English messages module ``source``."""
    head, found, _pick = source.partition(MARKER)
    if not found or "const english = {" not in head:
        raise PseudoMessagesError(
            f"{name}: no `const english = {{` followed by a line starting {MARKER!r}; "
            "the pseudo-locale's module is cut from there"
        )
    return head.rstrip() + "\n" + _TAIL % json.dumps(ACCENTS, ensure_ascii=False)

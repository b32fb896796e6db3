"""Accessibility fixes to Material's markup that CSS cannot make.

Each function takes a finished page and returns it fixed; each answers an
axe-core failure on the built site (see ``tests/site/test_a11y_axe.py``), and
leaves the page alone when Material's markup no longer matches, so an
upgrade that fixes the problem upstream needs no change here.
"""

from __future__ import annotations

import re
from html import escape

#: Material's instant-loading progress bar (``navigation.instant.progress``)
#: is a ``role="progressbar"`` without a name (axe: aria-progressbar-name,
#: WCAG 1.1.1 / 4.1.2). Screen readers would announce "progress bar" and
#: nothing else.
_UNNAMED_PROGRESS = re.compile(
    r'(<div class="md-progress" data-md-component="progress" role="progressbar")'
    r"(?![^>]*aria-label)"
)

PROGRESS_LABEL = "Loading page"


def name_progress_bar(html: str, label: str = PROGRESS_LABEL) -> str:
    """Give Material's progress bar an accessible name (``label``, in the
    page's language)."""
    name = escape(label, quote=True)
    return _UNNAMED_PROGRESS.sub(lambda m: f'{m.group(1)} aria-label="{name}"', html, count=1)


def fix_page(html: str, progress_label: str = PROGRESS_LABEL) -> str:
    """Every markup fix, in order."""
    return name_progress_bar(html, progress_label)

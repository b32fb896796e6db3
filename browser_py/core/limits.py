"""Sizes that Python and the page must agree on, written once.

The runtime plugin copies these into the generated ``assets/rebound/layout.js``
(``layout.limits``), so the page refuses a file with the same figure Python
enforces and states; the plugins may import this module (it holds numbers
only, no logic).
"""

from __future__ import annotations

#: What browsers give one site in ``localStorage``: 5 MiB, counted as
#: UTF-16 (2 bytes a character), so about 2.6 million characters
#: (``storage.js``'s ``QUOTA_CHARS``).
STORAGE_CHARS = 5 * 1024 * 1024 // 2

#: The largest file an import reads, in UTF-8 bytes (after an encrypted
#: backup is opened). A 100-round export (``bench/rounds.py``: every
#: worksheet fully answered) is about 0.9 MB; a full ``localStorage`` of text
#: in the Latin alphabet exports to about 3.5 MB, and one in a script of 3
#: UTF-8 bytes a character (Chinese, Japanese, Korean) to about 8 MB, since
#: the export is indented. So every export a browser can hold fits.
MAX_IMPORT_BYTES = 10 * 1024 * 1024

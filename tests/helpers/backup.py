"""Encrypted backups made in CPython, in the site's format (documented in
plugins/rebound_mkdocs/workbook/assets/backup.js), for tests that need a file
without exporting one in the browser first."""

from __future__ import annotations

import base64
import json
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

#: The fewest iterations the site accepts: quick for tests, still a valid file.
TEST_ITERATIONS = 100_000


def encrypt(text: str, passphrase: str, iterations: int = TEST_ITERATIONS) -> bytes:
    """The encrypted backup file (version 1) holding ``text``."""
    salt, iv = os.urandom(16), os.urandom(12)
    key = PBKDF2HMAC(algorithm=SHA256(), length=32, salt=salt, iterations=iterations).derive(
        passphrase.encode("utf-8")
    )
    sealed = AESGCM(key).encrypt(iv, text.encode("utf-8"), None)
    b64 = lambda data: base64.b64encode(data).decode("ascii")  # noqa: E731
    return json.dumps(
        {
            "format": "rebound-encrypted",
            "version": 1,
            "kdf": {
                "name": "PBKDF2",
                "hash": "SHA-256",
                "iterations": iterations,
                "salt": b64(salt),
            },
            "cipher": {"name": "AES-GCM", "key_bits": 256, "tag_bits": 128, "iv": b64(iv)},
            "ciphertext": b64(sealed),
        }
    ).encode("utf-8")

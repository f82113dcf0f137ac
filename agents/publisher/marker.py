"""The content marker: how a post is recognised on a platform without changing what it says.

Reconciliation after an unknown outcome looks for the ledger row's post among the account's recent
posts; the sandbox platform counts stored posts per marker to prove that nothing was posted twice.
The marker is a digest of the normalised text, so it needs no visible tag in the post and works on a
real platform that returns the text it stored (platforms trim and re-normalise whitespace).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_marker(text: str) -> str:
    """16 hex digits of SHA-256 over the normalised text."""
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()[:16]

"""robots.txt rules for one crawl, per RFC 9309, parsed with protego.

The crawler reads at most ``ROBOTS_MAX_BYTES`` of the file and parses what it
got (RFC 9309 §2.5 asks for at least 500 KiB): an oversized file keeps its
early rules, it is never read as "allow everything".
"""

from __future__ import annotations

import math

from protego import Protego

ROBOTS_MAX_BYTES = 500 * 1024


def _without_cut_line(text: str) -> str:
    """Drop the last line if the size bound cut it, unless it is a Disallow rule.

    A cut Allow path ("Allow: /pub" of "/public/") would allow more than the site
    said; a cut Disallow path only disallows more, and dropping it could turn a
    padded "Disallow: /" into "allow everything".
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")) and not lines[-1].lstrip().lower().startswith("disallow"):
        lines.pop()
    return "".join(lines)


class RobotsRules:
    """Whether a URL may be fetched, and the crawl delay the site asks for."""

    def __init__(self, parser: Protego | None, *, allow_all: bool) -> None:
        self._parser = parser
        self._allow_all = allow_all

    @classmethod
    def allow_everything(cls) -> RobotsRules:
        return cls(None, allow_all=True)

    @classmethod
    def disallow_everything(cls) -> RobotsRules:
        return cls(None, allow_all=False)

    @classmethod
    def from_body(cls, body: bytes, *, truncated: bool) -> RobotsRules:
        text = body.decode("utf-8", errors="replace")  # RFC 9309 §2.3: UTF-8
        if truncated:
            text = _without_cut_line(text)
        return cls(Protego.parse(text), allow_all=True)

    def allows(self, url: str, user_agent: str) -> bool:
        if self._parser is None:
            return self._allow_all
        try:
            return self._parser.can_fetch(url, user_agent)
        except ValueError:  # a URL protego cannot read is not fetched
            return False

    def crawl_delay(self, user_agent: str) -> float | None:
        if self._parser is None:
            return None
        delay = self._parser.crawl_delay(user_agent)
        if delay is None or not math.isfinite(delay) or delay < 0:
            return None
        return float(delay)

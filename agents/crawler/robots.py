"""robots.txt rules for one crawl, per RFC 9309, parsed with protego.

The crawler reads at most ``ROBOTS_MAX_BYTES`` of the file and parses what it
got (RFC 9309 §2.5 asks for at least 500 KiB): an oversized file keeps its
early rules, it is never read as "allow everything".
"""

from __future__ import annotations

import math

from protego import Protego

ROBOTS_MAX_BYTES = 500 * 1024


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
            # The last line was cut by the size bound: a half rule ("Disallow: /pri") must not count.
            text = text[: text.rfind("\n") + 1]
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

"""URL hygiene for the crawler: canonical form, same-site test, and a gate for hostile links.

Links come from pages, redirects and canonical tags, so they are untrusted: a
malformed IPv6 literal, a bad port, a control character or a 64 KB href must
not raise out of the crawl. ``checked_url`` returns None for such a URL.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx

DEFAULT_MAX_URL_LENGTH = 4096
# A host name on the wire (after IDNA): letters, digits, hyphens (and underscores, seen in the wild).
_HOSTNAME = re.compile(r"[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63})*\.?")


def normalize_url(url: str) -> str:
    """Canonical form: lower-case scheme/host, no default port, no fragment, no tracking params.

    Raises ValueError for a URL that cannot be split (bad IPv6 literal, bad port).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if ":" not in host else f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc += f":{port}"
    path = parts.path or "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")])
    return urlunsplit((scheme, netloc, path, query, ""))


def site_key(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    # Default ports are dropped so that http://x/ -> https://x/ stays on the same site.
    port = None if parts.port in (None, 80, 443) else parts.port
    return host, port


def same_site(a: str, b: str) -> bool:
    try:
        return site_key(a) == site_key(b)
    except ValueError:  # an unparsable URL is on no site
        return False


_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")


def _has_control_chars(url: str) -> bool:
    return any(ord(c) < 0x20 or ord(c) == 0x7F for c in url)


def _fetchable_host(url: httpx.URL) -> bool:
    url.host  # noqa: B018 - decodes IDNA labels, raising for invalid ones
    raw = url.raw_host.decode("ascii")
    if ":" in raw:
        ipaddress.IPv6Address(raw.split("%", 1)[0])
        return True
    return len(raw) <= 253 and _HOSTNAME.fullmatch(raw) is not None


def checked_url(url: str, max_length: int = DEFAULT_MAX_URL_LENGTH) -> str | None:
    """The normalized http(s) URL, or None if it is too long, malformed or not fetchable."""
    # Browsers drop tabs and newlines inside a URL (WHATWG URL); other control characters are refused.
    url = url.strip().translate(_TAB_NEWLINE)
    if not url or len(url) > max_length or _has_control_chars(url):
        return None
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        normalized = normalize_url(url)
        if not _fetchable_host(httpx.URL(normalized)):
            return None
    except (ValueError, httpx.InvalidURL):  # UnicodeError (IDNA) is a ValueError
        return None
    if len(normalized) > max_length:
        return None
    return normalized


def join_url(base: str, href: str, max_length: int = DEFAULT_MAX_URL_LENGTH) -> str | None:
    """``href`` resolved against ``base`` and checked; None if either is unusable."""
    if len(href) > max_length:
        return None
    try:
        joined = urljoin(base, href)
    except ValueError:
        return None
    return checked_url(joined, max_length)

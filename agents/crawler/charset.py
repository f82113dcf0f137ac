"""Which text encoding a fetched page is in, and its text.

Order, as browsers do it: a byte-order mark, then the charset of the HTTP
Content-Type header, then a ``<meta>`` charset near the top of the page, then
detection (strict UTF-8, then charset_normalizer when installed), and finally
UTF-8 with replacement characters. A label is used only if it names a plain
text codec: "idna", "x-nonsense" or "utf-7" in a page are ignored, never raised.
"""

from __future__ import annotations

import codecs
import importlib
import re
from collections.abc import Callable
from email.message import Message
from typing import Any


def _load_detector() -> Callable[[bytes], Any] | None:
    """charset_normalizer's ``from_bytes`` if installed: a better guess than UTF-8 for undeclared pages."""
    try:
        module = importlib.import_module("charset_normalizer")
    except ImportError:
        return None
    detector: Callable[[bytes], Any] = module.from_bytes
    return detector


_detect = _load_detector()

_META_SCAN_BYTES = 4096
_DETECT_SAMPLE_BYTES = 65_536
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([^\s"'/>;]{1,40})""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

# Python codecs that accept a label but are no web charset: decoding a page with them
# raises (idna, undefined) or turns bytes into something else (escapes, utf-7 XSS tricks).
_REFUSED = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7", "undefined", "charmap"}
# The WHATWG Encoding Standard decodes these labels with a superset; so do browsers.
_SUPERSETS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "gb2312": "gbk",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}
_LABEL_ALIASES = {"x-user-defined": "cp1252"}


def usable_codec(label: str | bytes | None) -> str | None:
    """The Python codec to decode a page declared as ``label``, or None if it is not a usable charset."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", errors="replace")
    name = label.strip().strip("\"'").lower()
    if not name or len(name) > 40:
        return None
    name = _LABEL_ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED:
        return None
    return _SUPERSETS.get(info.name, info.name)


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, as written."""
    if not content_type:
        return None
    msg = Message()
    msg["content-type"] = content_type
    value = msg.get_param("charset")
    return value if isinstance(value, str) else None


def meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_META_SCAN_BYTES])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _try_decode(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return body.decode(codec, errors="replace")
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None


def _detected(body: bytes) -> str | None:
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _detect is None:
        return None
    best = _detect(body[:_DETECT_SAMPLE_BYTES]).best()
    return usable_codec(best.encoding) if best is not None else None


def decode_page(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The page's text and the codec it was decoded with."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            text = _try_decode(body, codec)
            if text is not None:
                return text, codec
    declared = usable_codec(meta_charset(body))
    if declared in ("utf-16", "utf-16-le", "utf-16-be"):
        declared = "utf-8"  # a <meta> readable as ASCII cannot be in UTF-16 (HTML spec)
    # Detection runs only when nothing usable was declared.
    for pick in (lambda: usable_codec(header_charset(content_type)), lambda: declared, lambda: _detected(body)):
        candidate = pick()
        text = _try_decode(body, candidate)
        if text is not None and candidate is not None:
            return text, candidate
    return body.decode("utf-8", errors="replace"), "utf-8"

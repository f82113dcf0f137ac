"""Derived fields of the engine input, computed once in Python so every engine sees the same values.

The Rego bundle runs on two engines (regorus in-process, OPA in production) that disagree on
`count()` of non-ASCII strings, on `lower()`/`upper()` outside ASCII and on arithmetic with
fractions (OPA is exact decimal, regorus float). So the values the rules compare are computed
here, in one place, and carried in the input:

- ``posts[i].length`` / ``post.length``: the length the platform itself counts — X's weighted
  length (twitter-text v3: CJK and emoji count 2, every URL 23), code points elsewhere;
- ``posts[i].norm`` / ``post.norm``: text and hashtags case-folded, punctuation as spaces,
  padded with spaces so terms match on word boundaries (`" buy followers "`);
- ``workspace.avoid_norm``: the brand's avoid-list, normalised the same way;
- money as integer cents: ``spend.amount_cents``, ``workspace.budget.cap_cents`` /
  ``spent_cents`` (and per channel). Amounts may be fractions of a cent (LLM tokens), so
  rounding leans towards denying: spend rounds away from zero, spent up, caps down.

A campaign is reviewed many times with the same posts, so a post's derived fields (pure
functions of its text) are memoised, like the workspace's avoid-list.

`prepare(doc)` never raises: a field it cannot derive is passed on unconverted under its
engine name, so the bundle's schema names it (``input.spend.amount_cents: expected integer``).
"""

from __future__ import annotations

import functools
import importlib
import importlib.resources
import math
import re
import sys
import types
import unicodedata
from collections.abc import Callable, Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_UP, Decimal, InvalidOperation
from typing import Any

X_URL_LENGTH = 23  # twitter-text v3 `transformedURLLength`

_PUNCTUATION = str.maketrans({c: " " for c in ",.!?;:()[]\"'-/*\n\t\r"})
_LINE_ENDINGS = re.compile(r"\r\n|\r|\n")
_DOT_THEN_ALNUM = re.compile(r"\.[A-Za-z0-9]")


@functools.lru_cache(maxsize=8192)
def normalize_text(text: str) -> str:
    """`" word word "`: case-folded, punctuation as spaces, padded for whole-word matches."""
    return f" {text.casefold().translate(_PUNCTUATION)} "


@functools.cache
def _twitter_text() -> tuple[Callable[[str], Any], Callable[[str], list[dict[str, Any]]]]:
    # twitter-text-parser 3.0 reads its emoji table through `pkg_resources`, which setuptools
    # no longer ships: lend it a one-function stand-in for the import only.
    had = "pkg_resources" in sys.modules
    if not had:
        shim = types.ModuleType("pkg_resources")
        shim.resource_string = lambda module, name: (  # type: ignore[attr-defined]
            importlib.resources.files(module.rpartition(".")[0]).joinpath(name).read_bytes()
        )
        sys.modules["pkg_resources"] = shim
    try:
        parse_tweet = importlib.import_module("twitter_text.parse_tweet").parse_tweet
        extract_urls = importlib.import_module("twitter_text.extract_urls").extract_urls_with_indices
    finally:
        if not had:
            del sys.modules["pkg_resources"]
    return parse_tweet, extract_urls


@functools.lru_cache(maxsize=4096)
def x_weighted_length(text: str) -> int:
    """X's own count (twitter-text v3), the number X compares with its 280 limit."""
    parse_tweet, extract_urls = _twitter_text()
    if not text.isascii():
        return int(parse_tweet(text).weightedLength)
    # ASCII text has no emoji and every character weighs 1, so only URLs differ from the plain
    # count; this skips the emoji scan that makes parse_tweet cost milliseconds
    # (tests/policies/test_derive.py checks both agree).
    text = _LINE_ENDINGS.sub("\n", text)
    # Every URL twitter-text extracts has a dot directly before its top-level domain (or an IP
    # octet); prose whose dots end sentences cannot hold one, and the URL scan is the costliest
    # step of deriving a new post (about 0.1 ms a post).
    urls = extract_urls(text) if _DOT_THEN_ALNUM.search(text) else []
    return len(text) + sum(X_URL_LENGTH - (u["indices"][1] - u["indices"][0]) for u in urls)


@functools.lru_cache(maxsize=8192)
def post_length(channel: str, text: str) -> int:
    """The length a channel counts: X's weighted length, Unicode code points elsewhere."""
    if channel == "x":
        return x_weighted_length(text)
    return len(unicodedata.normalize("NFC", text))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def to_cents(value: Any, rounding: str) -> Any:
    """Major units -> integer cents with a `decimal` rounding mode; anything else is returned unchanged."""
    if not _is_number(value):
        return value
    try:
        cents = Decimal(repr(value)) * 100  # repr: 0.1 is "0.1", not its binary approximation
    except InvalidOperation:
        return value
    return int(cents.to_integral_value(rounding=rounding))


def _money(budget: Any) -> Any:
    if not isinstance(budget, Mapping):
        return budget
    out = {k: v for k, v in budget.items() if k not in ("cap", "spent")}
    if "cap" in budget:
        out["cap_cents"] = to_cents(budget["cap"], ROUND_FLOOR)
    if "spent" in budget:
        out["spent_cents"] = to_cents(budget["spent"], ROUND_CEILING)
    return out


def _post(post: Any) -> Any:
    if not isinstance(post, Mapping):
        return post
    text, channel = post.get("text"), post.get("channel")
    if not isinstance(text, str):
        return dict(post)
    tags = post.get("hashtags", [])
    words = " ".join([text, *tags]) if isinstance(tags, list) and all(isinstance(t, str) for t in tags) else text
    return {**post, "norm": normalize_text(words), "length": post_length(channel if isinstance(channel, str) else "",
                                                                           text)}


@functools.lru_cache(maxsize=1024)
def _avoid_norm(terms: tuple[str, ...]) -> tuple[str, ...]:
    # Per workspace, not per post: a campaign's reviews share one avoid-list.
    return tuple(normalize_text(t) for t in terms)


def _workspace(ws: Any) -> Any:
    if not isinstance(ws, Mapping):
        return ws
    out = dict(ws)
    budget = ws.get("budget")
    if isinstance(budget, Mapping):
        out["budget"] = _money(budget)
        channels = budget.get("channels")
        if isinstance(channels, Mapping):
            out["budget"]["channels"] = {ch: _money(b) for ch, b in channels.items()}
    avoid = ws.get("avoid_list", [])
    if isinstance(avoid, list) and all(isinstance(t, str) for t in avoid):
        out["avoid_norm"] = list(_avoid_norm(tuple(avoid)))
    return out


def prepare(doc: Any) -> Any:
    """The engine input for an application input (see the module docstring); never raises."""
    if not isinstance(doc, Mapping):
        return doc
    out = dict(doc)
    if "workspace" in doc:
        out["workspace"] = _workspace(doc["workspace"])
    spend = doc.get("spend")
    if isinstance(spend, Mapping):
        out["spend"] = {k: v for k, v in spend.items() if k != "amount"}
        if "amount" in spend:
            out["spend"]["amount_cents"] = to_cents(spend["amount"], ROUND_UP)  # away from 0: -0.001 stays negative
    if "post" in doc:
        out["post"] = _post(doc["post"])
    posts = doc.get("posts")
    if isinstance(posts, list):
        out["posts"] = [_post(p) for p in posts]
    return out

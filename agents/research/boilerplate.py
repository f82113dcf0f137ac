"""Boilerplate across a site's pages: navigation, top bars, footers, cookie notices, registered addresses.

A line repeated on many pages of the same site is template, not content; so is a line that only a
footer or a consent banner would carry (copyright, company registration, cookie consent). Boilerplate
is masked (offsets kept) before extraction, so it never becomes a fact or part of the summary; it
still counts as evidence of where the brand is (addresses and phone numbers live there).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from agents.research.rules import iter_lines

# Footer and consent wording in general (not any one site's): copyright, company and charity
# registration, tax numbers, cookie banners, "powered by".
_FOOTER_LINE = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b"
    # A registered office as a footer gives it ("Registered office: …", "registered office at 4 …"); a firm may
    # also sell one ("Company secretary and registered office").
    r"|^registered (?:office|address)\b(?!\s+services?\b)"
    r"|\bregistered (?:office|address)\s*(?:[:,–—-]|at\b|is\b|in\b|of\b|\d)"
    r"|\bcompany (?:no|number|reg)\b"
    r"|\b(?:vat|abn|acn|gst|ein|cif|nif|ust-idnr)(?:\s*(?:no\.?|number|reg\.?|registration|id))?\s*[:#]?\s*"
    r"(?-i:[A-Z]{0,2})\s?\d{2}"
    r"|\bcookies?\b.{0,80}\b(?:accept|consent|preferences|settings|opt[- ]out|agree|essential|analytics)\b"
    # The same banner in the other languages ("Utilizamos cookies para analizar el tráfico. Si continúas navegando …").
    r"|\bcookies?\b.{0,80}\b(?:acept\w*|aceit\w*|akzept\w*|accett\w*|consent\w*|toestemming|einwillig\w*|"
    r"navega\w*|naviga\w*|analiz\w*|analis\w*|analys\w*|statisti\w*|préférences|einstellungen|instellingen|"
    r"param[eè]tres|configura\w*)\b"
    r"|\b(?:accept|manage) (?:all )?cookies\b|\bpowered by\b|\bprivacy policy\b.{0,40}\bterms\b",
    re.I,
)


def repeated_lines(texts: list[str]) -> set[str]:
    """Lines (whitespace-collapsed) that appear on many pages: at least 2 of 3+, and 40 % of the site."""
    if len(texts) < 3:
        return set()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({" ".join(text[s.start : s.end].split()) for s in iter_lines(text)} - {""})
    threshold = max(2, math.ceil(0.4 * len(texts)))
    return {line for line, n in counts.items() if n >= threshold}


# A registration is a footer's when the line gives its number or says little else ("Registered charity no.
# 1187642", "Registered in England and Wales"); "We became a registered charity in 2019. In 2023 we were …" is
# the brand's story.
_REGISTRATION = re.compile(r"\bregistered (?:in|number|charity|company)\b", re.I)
_REGISTRATION_NUMBER = re.compile(r"\d{5,}|\d{2,}[ .-]\d{3,}")
_SHORT_LINE_WORDS = 8


# The brand telling its story in the first person, at a sentence's length ("We are a registered charity (RCN
# 20207741) and a company limited by guarantee, run by a voluntary board of seven directors."): a footer's
# registration line is a list of particulars, not such a sentence.
_OUR_STORY = re.compile(r"^(?:we|we're|our|wir|unser\w*|nous|notre|somos|nuestr[oa]|siamo|nostr[oa]|wij|onze|"
                        r"nós|noss[oa])\b", re.I)


# ... or in the third person, as a sentence ("Acme Trust is a registered charity (CC58217). Donations of $5 or more
# …").
_IS_REGISTERED = re.compile(r"\b(?:is|are|was|were|became|has been|have been)\s+(?:now\s+)?(?:a|an)\s+registered\b",
                            re.I)


def _footer_line(line: str) -> bool:
    if _FOOTER_LINE.search(line):
        return True
    return bool(_REGISTRATION.search(line)) and (
        bool(_REGISTRATION_NUMBER.search(line)) or len(line.split()) <= _SHORT_LINE_WORDS) and not (
        (_OUR_STORY.match(line) or _IS_REGISTERED.search(line)) and len(line.split()) > 2 * _SHORT_LINE_WORDS)


def boilerplate_spans(text: str, repeated: set[str]) -> list[tuple[int, int]]:
    spans = []
    for s in iter_lines(text):
        line = " ".join(text[s.start : s.end].split())
        if line and (line in repeated or _footer_line(line)):
            spans.append((s.start, s.end))
    return spans


def site_boilerplate(pages: list[dict[str, Any]]) -> dict[str, list[list[int]]]:
    """canonical_url -> boilerplate line spans, from the pages' (injection-masked) text."""
    repeated = repeated_lines([p["masked_text"] for p in pages])
    return {p["canonical_url"]: [list(s) for s in boilerplate_spans(p["masked_text"], repeated)] for p in pages}

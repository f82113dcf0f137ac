"""Detect instruction-like content in crawled pages.

Crawled text is data. This scanner looks for text addressed to a model
("ignore previous instructions", "you are now", "system prompt", "output the
following" ...) in every place a page can hide it: visible text, HTML
comments, CSS-hidden elements, alt/title/data attributes, meta tags and
JSON-LD. Flagged visible lines are masked (replaced by spaces, keeping every
offset valid) before any extraction, so they never become facts, voice
samples or summaries; flagged pages are listed as ``suspicious_sources``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

RULES: dict[str, re.Pattern[str]] = {
    "ignore_instructions": re.compile(
        r"\b(ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}?\b(previous|prior|above|earlier|all|your|any|the|these|those|other)\b"
        r"[^.\n]{0,25}?\b(instructions?|prompts?|rules|directions|guidelines|context|directives)\b",
        re.I,
    ),
    "role_change": re.compile(
        r"\byou are now\b|\bfrom now on,? you\b|\bact as (?:an?|the|my)\b|\bpretend (?:to be|you are)\b"
        r"|\byour new (?:role|task|instructions?)\b",
        re.I,
    ),
    "system_prompt": re.compile(
        r"\bsystem[ _-]?prompt\b|\bsystem message\b|\bdeveloper mode\b|\bjail ?break|\bprompt override\b|\bDAN mode\b",
        re.I,
    ),
    "output_directive": re.compile(
        r"\b(output|print|respond with|reply with|repeat|write|say) (?:the following|exactly|only|verbatim)\b",
        re.I,
    ),
    "addressed_to_model": re.compile(
        r"\b(?:note|message|attention|instructions?) (?:to|for) (?:all )?"
        r"(?:ai|a\.i\.|llms?|language models?|assistants?|chatbots?|gpts?|agents?|crawlers?|bots?)\b"
        r"|\b(?:ai|llm) (?:agents?|assistants?|models?|systems?)\b[^.\n]{0,30}?(?:reading|:)"
        r"|^\s*(?:assistant|system|ai)\s*[:,]",
        re.I | re.M,
    ),
    "reveal_secrets": re.compile(
        r"\b(?:reveal|show|print|leak|dump)\b[^.\n]{0,20}?\b(?:your|the)\b[^.\n]{0,15}?"
        r"\b(?:instructions|prompt|system|api keys?|credentials|secrets?)\b",
        re.I,
    ),
    "chat_markup": re.compile(r"<\|im_start\|>|<\|system\|>|<\|endoftext\|>|\[/?INST\]|<<SYS>>", re.I),
    "exfiltration": re.compile(
        r"\b(?:send|post|forward|email|upload)\b[^.\n]{0,20}?"
        r"\b(?:conversation|credentials|api keys?|passwords?|tokens?|user data)\b",
        re.I,
    ),
}


@dataclass
class Finding:
    location: str  # visible | html-comment | css-hidden | attr:alt | meta:description | json-ld ...
    rule: str
    start: int | None = None  # span in the page text, for visible findings
    end: int | None = None


@dataclass
class InjectionReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def suspicious(self) -> bool:
        return bool(self.findings)

    @property
    def flagged_spans(self) -> list[tuple[int, int]]:
        spans = {(f.start, f.end) for f in self.findings if f.start is not None and f.end is not None}
        return sorted((s, e) for s, e in spans if s is not None and e is not None)

    @property
    def rules(self) -> list[str]:
        return sorted({f.rule for f in self.findings})

    @property
    def locations(self) -> list[str]:
        return sorted({f.location for f in self.findings})


# Characters that render as nothing but split a phrase for a regex: zero-width space/joiners,
# word joiner and invisible operators, soft hyphen, BOM, variation selectors, and the bidi
# embedding/override/isolate/mark controls.
_INVISIBLE = frozenset(
    {
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0),
        *range(0x180B, 0x180E),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        *range(0xFE00, 0xFE10),
    }
)
_TAG_CHARS = range(0xE0000, 0xE0080)  # Unicode "tag" characters: invisible ASCII look-alikes


def normalize_with_map(text: str, *, keep_newlines: bool = False) -> tuple[str, list[int]]:
    """A copy of ``text`` for scanning, and for each of its characters the index of the
    original character it came from: NFKC (full-width and compatibility forms become ASCII),
    invisible and bidi-control characters removed, Unicode tag characters decoded to the
    ASCII they hide, and whitespace runs collapsed to one space (newlines too, unless
    ``keep_newlines``)."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        cp = ord(ch)
        if cp in _INVISIBLE:
            continue
        if cp in _TAG_CHARS:
            if not 0xE0020 <= cp <= 0xE007E:
                continue
            ch = chr(cp - 0xE0000)
        for c in unicodedata.normalize("NFKC", ch):
            if c.isspace() and not (keep_newlines and c == "\n"):
                if out and out[-1] == " ":
                    continue
                c = " "
            out.append(c)
            index.append(i)
    return "".join(out), index


def normalize(text: str, *, keep_newlines: bool = False) -> str:
    return normalize_with_map(text, keep_newlines=keep_newlines)[0]


def match_rules(text: str) -> list[str]:
    """Rules matched by ``text`` as written or by its normalised forms, so zero-width
    characters, full-width letters and line breaks inside a phrase do not hide it."""
    forms = (text, normalize(text, keep_newlines=True), normalize(text))
    return [name for name, pattern in RULES.items() if any(pattern.search(f) for f in forms)]


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def scan_page(text: str, hidden_texts: list[tuple[str, str]]) -> InjectionReport:
    """Scan visible text line by line (a flagged line is masked whole) and every hidden text.

    A second pass scans a normalised copy of the whole visible text (line breaks collapsed),
    so a phrase split over lines is found too; its match is mapped back to the original
    offsets and every line it touches is flagged whole."""
    report = InjectionReport()
    lines = _line_spans(text)
    seen: set[tuple[str, int, int]] = set()
    for start, end in lines:
        for rule in match_rules(text[start:end]):
            seen.add((rule, start, end))
            report.findings.append(Finding("visible", rule, start, end))
    norm, index = normalize_with_map(text)
    for rule, pattern in RULES.items():
        for m in pattern.finditer(norm):
            if m.end() <= m.start():
                continue
            first, last = index[m.start()], index[m.end() - 1]
            for start, end in lines:
                if start <= last and first < max(end, start + 1) and (rule, start, end) not in seen:
                    seen.add((rule, start, end))
                    report.findings.append(Finding("visible", rule, start, end))
    for location, hidden in hidden_texts:
        for rule in match_rules(hidden):
            report.findings.append(Finding(location, rule))
    return report


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out flagged spans with spaces so every offset in the text stays valid."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)

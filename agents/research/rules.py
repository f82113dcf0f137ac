"""Rule-based extraction used by the offline provider.

Everything here works on exact character offsets of the page text, so every
fact it proposes can be verified as ``quote == page_text[start:end]``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "e.g",
    "i.e",
    "no",
    "jr",
    "sr",
    "u.s",
    "approx",
    "etc",
    "mt",
    "ave",
    "dept",
    "est",
    "fig",
    "prof",
}
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“(\[]?[A-Z0-9$€£])")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")

PRICE = re.compile(
    r"(?:[$€£]\s?\d[\d,]*(?:\.\d{1,2})?(?:\s?(?:million|billion|[mkMbB]))?)|\b\d[\d,]*(?:\.\d{2})?\s?(?:USD|EUR|GBP|dollars|euros)\b"
)
PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?%|\b\d+(?:\.\d+)?\s(?:percent|per cent)\b")
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DATE = re.compile(rf"\b{MONTHS}(?:\s+\d{{1,2}},?)?\s+(?:19|20)\d{{2}}\b|\b(?:19|20)\d{{2}}\b|\b{MONTHS}\b")
NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
PROPER = re.compile(
    r"\b[A-Z][a-zà-ÿ]+(?:[ -](?:[A-Z][a-zà-ÿ]+|[A-Z]{2,}|of|de|la|van|von|for|the)){0,4}[ -][A-Z][A-Za-zà-ÿ]+\b"
)
ACRONYM = re.compile(r"\b[A-Z]{2,}[0-9]*\b")
ROLE = re.compile(
    r"\b(?:co-?founder|founder|ceo|cto|cfo|coo|chief \w+ officer|head (?:of|roaster)|director|president|"
    r"vice president|vp|manager|lead(?:s)?|runs|joined|engineer|designer)\b",
    re.I,
)
FOUNDED = re.compile(r"\b(?:founded|established|started|launched|opened|since|incorporated)\b", re.I)
AWARD = re.compile(
    r"\b(?:award|won|winner|named .{0,40}of the year|certified|certification|accredited|recognized)\b", re.I
)
POLICY = re.compile(
    r"\b(?:refund|return(?:s|ed)?|shipping|ships?|warranty|guarantee|cancel|trial|delivery|replace|privacy|sell)\b",
    re.I,
)
LOCATION = re.compile(
    r"\b(?:based in|headquartered in|located in|offices? in|store at|roastery at|workshop in|hosted in)\b"
    r"|\bin [A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)?, [A-Z][a-zA-Z]+"
)

_PRODUCT_PATH = {"product", "products", "shop", "store", "collections", "plans", "pricing", "menu", "gear", "catalog"}
_TITLE_SPLIT = re.compile(r"\s+(?:\||—|–|-|::|·)\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def iter_lines(text: str) -> list[Span]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def split_sentences(text: str) -> list[Span]:
    """Sentence spans over the text: per line, then at sentence punctuation (abbreviation-aware)."""
    spans: list[Span] = []
    for line in iter_lines(text):
        chunk = text[line.start : line.end]
        m = _LIST_MARKER.match(chunk)
        offset = line.start + (m.end() if m else 0)
        body = text[offset : line.end]
        cursor = 0
        for end_match in _SENT_END.finditer(body):
            before = body[cursor : end_match.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            spans.append(Span(offset + cursor, offset + end_match.end()))
            cursor = end_match.end()
            while cursor < len(body) and body[cursor].isspace():
                cursor += 1
        if cursor < len(body):
            spans.append(Span(offset + cursor, offset + len(body)))
    # trim whitespace at both ends, keep exact offsets
    trimmed = []
    for s in spans:
        seg = text[s.start : s.end]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if s.end - trail > s.start + lead:
            trimmed.append(Span(s.start + lead, s.end - trail))
    return trimmed


@dataclass
class Signals:
    prices: int = 0
    percents: int = 0
    dates: int = 0
    numbers: int = 0
    names: int = 0
    roles: int = 0
    founded: bool = False
    award: bool = False
    policy: bool = False
    location: bool = False

    @property
    def strength(self) -> int:
        return (
            2 * min(self.prices, 2)
            + 2 * min(self.percents, 1)
            + min(self.dates, 2)
            + min(self.numbers, 2)
            + min(self.names, 2)
            + 2 * min(self.roles, 1)
            + int(self.award)
            + int(self.location)
        )


def signals(sentence: str, brand: str = "") -> Signals:
    s = Signals()
    s.prices = len(PRICE.findall(sentence))
    s.percents = len(PERCENT.findall(sentence))
    s.dates = len(DATE.findall(sentence))
    numbers_only = PERCENT.sub(" ", PRICE.sub(" ", DATE.sub(" ", sentence)))
    s.numbers = len(NUMBER.findall(numbers_only))
    proper = [n for n in PROPER.findall(sentence[1:]) if n != brand]
    s.names = len(proper) + len(ACRONYM.findall(sentence))
    # A role only counts next to a person-like name ("Maya Okafor is our head roaster").
    s.roles = len(ROLE.findall(sentence)) if proper or PROPER.match(sentence) else 0
    s.founded = bool(FOUNDED.search(sentence))
    s.award = bool(AWARD.search(sentence))
    s.policy = bool(POLICY.search(sentence))
    s.location = bool(LOCATION.search(sentence))
    return s


def classify(sig: Signals, sentence: str, product_page: bool) -> str:
    if sig.prices:
        return "price"
    if sig.roles and sig.names:
        return "person"
    if sig.founded and sig.dates:
        return "date"
    if sig.award:
        return "award"
    if sig.policy and (sig.numbers or sig.dates or sig.prices or "never" in sentence.lower()):
        return "policy"
    if sig.percents or sig.numbers:
        return "metric"
    if sig.location:
        return "location"
    if sig.dates:
        return "date"
    if product_page:
        return "product"
    return "claim"


def is_statement(sentence: str) -> bool:
    """A complete declarative sentence, not a heading, menu line, question or footer."""
    words = sentence.split()
    if len(words) < 4 or len(sentence) > 400:
        return False
    if sentence.rstrip().endswith("?") or "©" in sentence or "all rights reserved" in sentence.lower():
        return False
    return sentence.rstrip().endswith((".", "!", ")", '"', "”"))


def is_fact_sentence(sentence: str, sig: Signals, brand: str) -> bool:
    if not is_statement(sentence):
        return False
    words = sentence.split()
    if brand and len(words) >= 6 and sentence.lower().startswith(brand.split()[0].lower()):
        return True  # a statement about the brand itself
    if sig.strength >= 1 and (
        sig.prices or sig.percents or sig.dates or sig.numbers or sig.roles or sig.award or sig.location
    ):
        return True
    # Named statements about the brand or its products ("Ledgerly is SOC 2 ...").
    return sig.names >= 1 and bool(brand) and brand.split()[0].lower() in sentence.lower()


def is_product_page(url: str) -> bool:
    """A single product's page (``/products/<name>``), not a listing or pricing page."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return len(segments) >= 2 and any(seg.lower() in _PRODUCT_PATH for seg in segments[:-1])


def title_head(title: str) -> str:
    parts = _TITLE_SPLIT.split(title)
    return parts[0].strip() if parts else title.strip()


def title_tail(title: str) -> str | None:
    parts = _TITLE_SPLIT.split(title)
    return parts[-1].strip() if len(parts) > 1 else None


_NAME_TOKEN = r"[A-Z0-9][\w°'’&.+-]*"  # noqa: S105 - a regex, not a secret
_PLAN = re.compile(rf"\b(?:The|Our)\s+({_NAME_TOKEN}(?:\s{_NAME_TOKEN})?)\s+(?:plan|tier|package)\b")
_COSTS = re.compile(
    rf"(?:^|\b(?:The|Our|of|A pair of|pair of)\s+)({_NAME_TOKEN}(?:\s{_NAME_TOKEN}){{0,4}})"
    r"\s+(?:costs|is priced at|sells for|retails for)\s"
)


def product_mentions(sentence: str) -> list[str]:
    names = [m.group(1) for m in _PLAN.finditer(sentence)]
    if PRICE.search(sentence):
        names += [m.group(1) for m in _COSTS.finditer(sentence)]
    names = [re.sub(r"^(?:The|Our|A|An)\s+", "", n.strip()) for n in names]
    return [n for n in names if n and n.lower() not in {"it", "this", "that", "each", "every"}]


_AUDIENCE = re.compile(
    r"\b(?:built|made|designed|crafted|perfect|ideal|created|tailored|great gift) for ([^.,;:!?]+)"
    r"|\b(?:platform|solution|software|tool|service|app|gear|coffee|products?) for ([a-z][^.,;:!?]+)",
    re.I,
)
_AUDIENCE_STOP = re.compile(
    r"\s+(?:who|that|which|with|in under|in|to|so|because|across|every|at companies)\b.*$", re.I
)


def audience_mentions(sentence: str) -> list[tuple[str, int]]:
    """(segment name, offset of the name within the sentence)."""
    out = []
    for m in _AUDIENCE.finditer(sentence):
        group = 1 if m.group(1) else 2
        raw = m.group(group)
        name = _AUDIENCE_STOP.sub("", raw).strip()
        name = re.sub(r"^(?:the|all|any|new|people like you)\s+", "", name, flags=re.I).strip()
        words = name.split()
        if not 1 <= len(words) <= 8 or not name[0].isalpha():
            continue
        if words[0].lower() in {"life", "free", "you", "it", "them", "us", "less", "over", "under", "more", "about"}:
            continue
        if any(ch.isdigit() for ch in words[0]):
            continue
        out.append((name, m.start(group)))
    return out


_COMPETITOR_CUE = re.compile(
    r"\b(?:unlike|compared (?:to|with)|versus|vs\.?|alternative to|alternatives to|switch(?:ing|ed)? from|"
    r"instead of|competitors? (?:like|such as|include)|better than|cheaper than)\s+",
    re.I,
)
_COMPANY = re.compile(r"[A-Z][\w&'.-]*(?:\s(?:[A-Z][\w&'.-]*|&))*")
_SUCH_AS = re.compile(
    r"\b(?:retailers|brands|competitors|roasters|platforms|tools|vendors|companies)\s+(?:such as|like)\s+", re.I
)


def competitor_mentions(sentence: str, brand: str) -> list[str]:
    found: list[str] = []
    brand_l = brand.lower()
    for cue in list(_COMPETITOR_CUE.finditer(sentence)) + list(_SUCH_AS.finditer(sentence)):
        tail = sentence[cue.end() : cue.end() + 80]
        tail = re.split(r"[,;:.](?:\s|$)|\s(?:we|our|you|they|it|can|is|are|includes?)\s", tail, maxsplit=1)[0]
        for part in re.split(r",\s*|\s+or\s+|\s+and\s+", tail):
            m = _COMPANY.match(part.strip())
            if not m:
                continue
            name = m.group(0).strip(" .'")
            if name and name.lower() not in brand_l and brand_l.split()[0] not in name.lower():
                found.append(name)
    return found


INDUSTRIES: dict[str, tuple[str, ...]] = {
    "food_beverage": (
        "coffee",
        "tea",
        "roast",
        "café",
        "cafe",
        "brew",
        "espresso",
        "bakery",
        "flavour",
        "flavor",
        "beans",
    ),
    "b2b_saas": (
        "platform",
        "software",
        "api",
        "integration",
        "saas",
        "automation",
        "soc 2",
        "per user",
        "workflow",
        "dashboard",
    ),
    "outdoor_retail": ("hiking", "backpacking", "tent", "trail", "outdoor", "hikers", "pack", "quilt", "camping"),
    "fintech": ("payments", "bank account", "credit", "loan", "invest", "card", "fintech", "interest rate"),
    "health": ("patients", "clinic", "health", "wellness", "therapy", "medical", "doctor"),
    "fashion_beauty": ("skincare", "fashion", "apparel", "cosmetics", "beauty", "collection"),
}


def classify_industry(texts: list[str]) -> str:
    blob = " ".join(texts).lower()
    scores = Counter({name: sum(blob.count(k) for k in keys) for name, keys in INDUSTRIES.items()})
    best, score = scores.most_common(1)[0]
    return best if score >= 3 else "general"


_WE = re.compile(r"\b(?:we|our|us|ours)\b", re.I)
_YOU = re.compile(r"\b(?:you|your|yours)\b", re.I)
_CONTRACTION = re.compile(r"\b\w+(?:'|’)(?:t|s|re|ll|ve|d|m)\b", re.I)
_TECH = (
    "api",
    "soc",
    "encrypt",
    "integrat",
    "reconcil",
    "denier",
    "hydrostatic",
    "tls",
    "aes",
    "sla",
    "fill-power",
    "process",
)
_ECO = (
    "sustainab",
    "compostable",
    "conservation",
    "b corp",
    "1% for the planet",
    "co2",
    "repair",
    "direct-trade",
    "traceable",
)
_CRAFT = ("small-batch", "handmade", "roast", "sew", "workshop", "craft", "design and test")


def voice_features(sentences: list[str]) -> dict[str, float]:
    n = max(len(sentences), 1)
    words = [w for s in sentences for w in s.split()]
    blob = " ".join(sentences).lower()
    return {
        "sentences": float(len(sentences)),
        "avg_sentence_words": round(len(words) / n, 2),
        "avg_word_length": round(sum(len(w) for w in words) / max(len(words), 1), 2),
        "exclamation_rate": round(sum(s.endswith("!") for s in sentences) / n, 3),
        "question_rate": round(sum(s.endswith("?") for s in sentences) / n, 3),
        "first_person_plural_rate": round(sum(bool(_WE.search(s)) for s in sentences) / n, 3),
        "second_person_rate": round(sum(bool(_YOU.search(s)) for s in sentences) / n, 3),
        "contraction_rate": round(sum(bool(_CONTRACTION.search(s)) for s in sentences) / n, 3),
        "numeric_rate": round(sum(bool(NUMBER.search(s)) for s in sentences) / n, 3),
        "technical_terms": float(sum(blob.count(t) for t in _TECH)),
        "sustainability_terms": float(sum(blob.count(t) for t in _ECO)),
        "craft_terms": float(sum(blob.count(t) for t in _CRAFT)),
    }


def tone_from_features(f: dict[str, float]) -> tuple[list[str], str, str]:
    tone: list[str] = []
    if f["first_person_plural_rate"] >= 0.25:
        tone.append("warm")
    if f["second_person_rate"] >= 0.15:
        tone.append("friendly")
    if f["exclamation_rate"] >= 0.1:
        tone.append("enthusiastic")
    if f["numeric_rate"] >= 0.5:
        tone.append("factual")
    if f["technical_terms"] >= 4:
        tone.append("technical")
    if f["sustainability_terms"] >= 3:
        tone.append("purpose-driven")
    if f["craft_terms"] >= 3:
        tone.append("craft-focused")
    if f["avg_sentence_words"] <= 14:
        tone.append("concise")
    if not tone or (f["exclamation_rate"] == 0 and f["technical_terms"] >= 4):
        tone.append("professional")
    if f["contraction_rate"] >= 0.15 or f["exclamation_rate"] >= 0.1:
        formality = "casual"
    elif f["avg_sentence_words"] >= 18 and f["second_person_rate"] < 0.1:
        formality = "formal"
    else:
        formality = "neutral"
    we, you = f["first_person_plural_rate"], f["second_person_rate"]
    if we >= 0.2 and we >= 1.5 * you:
        person = "first_plural"
    elif you >= 0.2 and you >= 1.5 * we:
        person = "second"
    elif we < 0.1 and you < 0.1:
        person = "third"
    else:
        person = "mixed"
    return tone, formality, person

"""Where a brand operates, as a vocabulary region code, from evidence any site carries.

Evidence, strongest first: the country in structured-data addresses, phone numbers that are valid
for one country (``phonenumbers``), country and subdivision names (``pycountry``: "Ontario", "Cork"),
currencies (a euro price alone says only ``EU``; a bare "$" says little). No list of places is
written here: names come from ISO 3166 tables.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

import phonenumbers
import pycountry

from core.vocabulary import EU, EU_MEMBER_STATES

_CURRENCY_REGION = {"GBP": "GB", "AUD": "AU", "NZD": "NZ", "CAD": "CA", "CHF": "CH", "JPY": "JP", "INR": "IN",
                    "SEK": "SE", "NOK": "NO", "DKK": "DK", "PLN": "PL", "CZK": "CZ", "HUF": "HU", "SGD": "SG",
                    "HKD": "HK", "ZAR": "ZA", "MXN": "MX", "BRL": "BR", "USD": "US", "PEN": "PE", "KES": "KE",
                    "ARS": "AR", "CLP": "CL", "COP": "CO", "UYU": "UY", "MYR": "MY", "IDR": "ID", "PHP": "PH",
                    "NGN": "NG", "THB": "TH", "ILS": "IL", "UAH": "UA", "TRY": "TR", "KRW": "KR", "MAD": "MA",
                    "AED": "AE", "SAR": "SA", "QAR": "QA", "KWD": "KW", "BHD": "BH", "OMR": "OM", "JOD": "JO",
                    "EGP": "EG", "TND": "TN", "UGX": "UG", "TZS": "TZ", "GHS": "GH", "VND": "VN", "CNY": "CN",
                    "TWD": "TW", "RON": "RO", "BGN": "BG", "ISK": "IS", "CRC": "CR", "GTQ": "GT", "PYG": "PY",
                    "DOP": "DO", "BOB": "BO", "PKR": "PK", "LKR": "LK", "BDT": "BD", "NPR": "NP", "MUR": "MU",
                    "KZT": "KZ", "GEL": "GE"}  # fmt: skip
# Dollar countries a bare "$" may belong to; phone numbers and place names decide between them.
_DOLLAR_REGIONS = ("US", "CA", "AU", "NZ")
# Candidate countries for national-format phone numbers when nothing else narrows them down.
_PHONE_CANDIDATES = ("US", "GB", "IE", "AU", "NZ", "CA", "DE", "FR", "ES", "IT", "NL", "BE", "AT", "CH", "PT",
                     "SE", "DK", "NO", "FI", "PL", "MX", "IN", "SG", "ZA")  # fmt: skip
# Subdivision names that are also ordinary words or compass points say nothing about a country.
_GENERIC_PLACE_WORDS = {"central", "centre", "center", "north", "south", "east", "west", "northern", "southern",
                        "eastern", "western", "capital", "coast", "island", "islands", "city", "lakes", "river",
                        "mountain", "valley", "border", "plains", "highlands", "midlands", "la", "el", "san",
                        "santa", "saint", "littoral", "upper", "lower", "greater", "sur", "norte", "este", "oeste",
                        "georgia", "jersey", "victoria", "orange", "federal", "national", "nord", "sud", "ost",
                        "mitte", "cork oak", "distrito", "province", "region", "state", "union"}  # fmt: skip


@dataclass
class RegionGuess:
    code: str | None  # a vocabulary region code, None when there is no evidence
    votes: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.lower()] = c.alpha_2
    names.update({"uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
                  "wales": "GB", "northern ireland": "GB", "usa": "US", "america": "US", "the us": "US",
                  "españa": "ES", "deutschland": "DE", "éire": "IE"})  # fmt: skip
    return names


@cache
def _subdivision_names() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        for raw in re.split(r"\s*[,;/]\s*", sub.name):
            name = re.sub(r"\s*\(.*?\)", "", raw).strip()
            # "Greater Wellington" is also called "Wellington"; "County Cork" also "Cork".
            variants = {name, re.sub(r"^(?:Greater|County|City of|Province of|State of)\s+", "", name)}
            for variant in variants:
                if len(variant) < 4 or variant.lower() in _GENERIC_PLACE_WORDS or not variant[0].isupper():
                    continue
                out.setdefault(variant, set()).add(sub.country_code)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _subdivision_pattern() -> re.Pattern[str]:
    names = sorted(_subdivision_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


@cache
def _country_pattern() -> re.Pattern[str]:
    names = sorted(_country_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I)


def _to_code(value: str) -> str | None:
    value = value.strip()
    if len(value) == 2 and pycountry.countries.get(alpha_2=value.upper()):
        return value.upper()
    if len(value) == 3 and pycountry.countries.get(alpha_3=value.upper()):
        country = pycountry.countries.get(alpha_3=value.upper())
        return country.alpha_2 if country else None
    return _country_names().get(value.lower())


# The member state whose official language is (mostly) only its own: used only to break an EU tie.
_LANGUAGE_COUNTRY = {"es": "ES", "de": "DE", "fr": "FR", "it": "IT", "nl": "NL", "pt": "PT", "pl": "PL", "sv": "SE",
                     "fi": "FI", "da": "DK", "cs": "CZ", "el": "GR"}  # fmt: skip


@cache
def _postal_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Postal address formats that name their country: UK postcodes, Canadian postal codes, and
    "<state code> <zip>" for the US and Australia (state codes from ISO 3166-2)."""
    def states(country: str) -> str:
        return "|".join(sorted(s.code.split("-", 1)[1] for s in pycountry.subdivisions.get(country_code=country)))

    return (
        ("GB", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}\b")),
        ("CA", re.compile(rf"\b(?:{states('CA')})\s+[ABCEGHJ-NPRSTVXY]\d[A-Z]\s?\d[A-Z]\d\b")),
        ("US", re.compile(rf"\b(?:{states('US')}),?\s+\d{{5}}(?:-\d{{4}})?\b")),
        ("AU", re.compile(rf"\b(?:{states('AU')})\s+\d{{4}}\b")),
        # Irish Eircodes ("T12 X4K7") and Dutch postcodes before a place name ("2771 AB Boskoop").
        ("IE", re.compile(r"\b[AC-FHKNPRTV-Y]\d[\dW]\s[AC-FHKNPRTV-Y\d]{4}\b")),
        ("NL", re.compile(r"\b[1-9]\d{3}\s?(?!S[ADS])[A-Z]{2}\s+[A-Z][a-z]")),
    )


# Company registration and tax identifiers that only one country's businesses carry (the legal notice, the
# footer): where the business is registered, which a page that ships abroad or names other countries keeps.
# General knowledge of national registries, legal forms and VAT-number prefixes, not any one site's wording.
_REGISTRATION_MARKERS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (codes, re.compile(pattern)) for codes, pattern in (
        (("GB",), r"Companies House|[Rr]egistered in (?:England|Scotland|Wales|Northern Ireland)"),
        (("IE",), r"Companies Registration Office|\bCRO:? ?(?:No\.? ?)?\d"),
        (("AU",), r"\bA[BC]N:? ?\d|(?<!\()\bPty\.? Ltd\b"),
        (("ZA",), r"\(Pty\) Ltd|\bCIPC\b"),
        (("NZ",), r"\bNZBN\b"),
        (("CA",), r"\bGST/HST\b|\bHST\b|\bNEQ\b"),
        (("US",), r"\bEIN:? ?\d{2}-\d{7}\b"),
        (("DE",), r"\bHandelsregister\b|\bHRB\s?\d|\bAmtsgericht\b|\bUSt-?Id(?:Nr)?\b"),
        (("AT",), r"\bFirmenbuch|\bFN\s?\d{3,6}\s?[a-z]\b"),
        (("CH",), r"\bCHE-?\d{3}\.?\d{3}\.?\d{3}|\bHandelsregisteramt"),
        (("FR",), r"\bSIRE[NT]\b|\bRCS [A-Z][a-zé-]+"),
        (("BE",), r"\b[Oo]ndernemingsnummer|\bnum[ée]ro d'entreprise|\b(?:KBO|BCE)\b[\w .:-]{0,12}\d{4}"),
        (("NL",), r"\bKvK\b|Kamer van Koophandel"),
        (("ES",), r"\bRegistro Mercantil|\bCIF:? ?[A-Z]-?\d{7}|\bS\.L\.(?:U\.)?(?!\w)"),
        (("ES", "PT"), r"\bNIF:? ?[A-Z0-9]\d{7}"),
        (("PT",), r"\bNIPC\b|\bLda\.?(?!\w)"),
        (("IT",), r"\bP\.\s?IVA\b|\bPartita IVA\b|\bS\.r\.l\.|\bREA:? ?[A-Z]{2}[- ]?\d"),
        (("SE", "NO"), r"\b[Oo]rg(?:anisations)?\.?\s?nr\b|\b[Oo]rganisationsnummer"),
        (("DK",), r"\bCVR\b"),
        (("FI",), r"\bY-tunnus\b"),
        (("PL",), r"\bKRS\b|\bREGON\b|\bsp\. z o\.o\."),
        (("IN",), r"\bGSTIN\b|\bPvt\.? Ltd\b"),
        (("SG",), r"\bUEN\b|\bPte\.? Ltd\b"),
        (("BR",), r"\bCNPJ\b"),
        (("MX",), r"\bS\.A\. de C\.V\.|\bRFC:? ?[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}\b"),
        (("JP",), r"株式会社|\bK\.K\."),
    )
)
# An EU VAT number names its member state in its prefix ("DE 123456789", "ATU12345678", "NL123456789B01").
_VAT_NUMBER = re.compile(r"\b(?:VAT|TVA|BTW|IVA|USt-?IdNr\.?|UID|MwSt|Moms)[\w. -]{0,25}?[:\s]\s?"
                         r"(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK)"
                         r"\s?U?\d[\d .]{6,14}")


# A country-code domain in the site's own addresses (hello@groen.nl, www.example.co.uk): where it is registered.
# Country codes sold as generic names (.io, .co, .ai, .me, .tv ...) say nothing.
_DOMAIN = re.compile(r"(?:@|\bwww\.|https?://)[\w.-]+\.([a-z]{2})\b(?![.\w-])")
_GENERIC_CCTLDS = {"io", "co", "ai", "me", "tv", "fm", "ly", "am", "to", "so", "gg", "sh", "ws", "cc", "la", "is",
                   "im", "eu"}  # fmt: skip


def _domains(blob: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for tld in set(_DOMAIN.findall(blob.lower())):
        code = "GB" if tld == "uk" else tld.upper()
        if tld not in _GENERIC_CCTLDS and pycountry.countries.get(alpha_2=code):
            found[code] += 1
    return found


def _registrations(blob: str) -> dict[str, float]:
    """Countries whose registry, legal form or VAT prefix the text carries, each counted once."""
    found: dict[str, float] = defaultdict(float)
    for codes, pattern in _REGISTRATION_MARKERS:
        if pattern.search(blob):
            for code in codes:
                found[code] += 1.0 / len(codes)
    for prefix in {m.group(1) for m in _VAT_NUMBER.finditer(blob)}:
        found["GR" if prefix == "EL" else prefix] += 1
    return found


def _postal_codes(blob: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for code, pattern in _postal_patterns():
        found[code] += len(set(pattern.findall(blob)))
    return Counter({k: v for k, v in found.items() if v})


def guess_region(
    texts: list[str],
    *,
    countries: list[str] | None = None,
    currencies: list[str] | None = None,
    language: str | None = None,
) -> RegionGuess:
    """The most supported region; ``texts`` should include footers (addresses, phone numbers live there)."""
    votes: dict[str, float] = defaultdict(float)
    evidence: list[str] = []
    for value in countries or []:
        code = _to_code(value)
        if code:
            votes[code] += 4
            evidence.append(f"address country {value}")
    blob = "\n".join(texts)
    currency_counts = Counter(currencies or [])
    candidates = set(_PHONE_CANDIDATES)
    for currency, n in currency_counts.items():
        region = _CURRENCY_REGION.get(currency)
        if currency == "EUR":
            votes[EU] += min(n, 3) * 0.5
        elif region and currency != "USD":
            votes[region] += min(n, 3) * 0.7
            evidence.append(f"prices in {currency}")
        elif currency == "USD":
            for r in _DOLLAR_REGIONS:
                votes[r] += 0.1
            votes["US"] += 0.3
    # Phone numbers: international ones name their country; national ones count for every candidate
    # country where they are valid, split between them.
    seen_numbers: set[str] = set()
    for region in sorted(candidates):
        try:
            matches = list(phonenumbers.PhoneNumberMatcher(blob, region, leniency=phonenumbers.Leniency.VALID))
        except Exception:  # noqa: S112 - a library hiccup on odd text is not evidence either way
            continue
        for pm in matches:
            # A price's tail is no phone number ("1,090.00" read as a Norwegian "090.00"): a number has seven
            # digits or more and does not continue a figure.
            if sum(c.isdigit() for c in pm.raw_string) < 7 or re.search(
                    r"[\d][,.]?$", blob[max(0, pm.start - 2) : pm.start]):
                continue
            key = phonenumbers.format_number(pm.number, phonenumbers.PhoneNumberFormat.E164)
            if key in seen_numbers:
                continue
            seen_numbers.add(key)
            owner = phonenumbers.region_code_for_number(pm.number)
            if owner and phonenumbers.is_valid_number(pm.number):
                valid_in = [r for r in candidates if _valid_in(pm.raw_string, r)]
                share = 1.0 / max(len(valid_in), 1) if not pm.raw_string.strip().startswith("+") else 1.0
                votes[owner] += 3 * share
                evidence.append(f"phone {pm.raw_string.strip()} ({owner})")
    # Country names: a site names the countries it ships to or teaches about too, so a mention is weak
    # evidence and repeating it adds little.
    mentions: Counter[str] = Counter()
    for m in _country_pattern().finditer(blob):
        code = _country_names().get(m.group(0).lower())
        if code:
            mentions[code] += 1
    for code, n in mentions.items():
        votes[code] += min(1.0 + 0.25 * (n - 1), 2.0)
    for code, n in _postal_codes(blob).items():
        votes[code] += 2.0 * min(n, 2)
        evidence.append(f"postal code format of {code}")
    for code in _domains(blob):
        votes[code] += 1.5
        evidence.append(f"{code.lower()} domain")
    for code, weight in _registrations(blob).items():
        votes[code] += 3.0 * min(weight, 2.0)
        evidence.append(f"company registration of {code}")
    for name in _place_mentions(blob):
        owners = _subdivision_names()[name]
        for code in owners:
            votes[code] += 1.0 / len(owners)
    if not votes:
        return RegionGuess(None, {}, [])
    # A euro site whose best-supported country is a member state is that state; one with no country is EU.
    if language in _LANGUAGE_COUNTRY and votes.get(EU):
        # A euro site written in a member state's language is most likely from that state.
        votes[_LANGUAGE_COUNTRY[language]] += 1.0
    best, score = max(sorted(votes.items()), key=lambda kv: kv[1])
    if best == EU:
        members = {k: v for k, v in votes.items() if k in EU_MEMBER_STATES}
        if members:
            member, mscore = max(sorted(members.items()), key=lambda kv: kv[1])
            if mscore >= 1.0:
                best = member
    if score < 1.0 and best != EU:
        return RegionGuess(None, dict(votes), evidence)
    return RegionGuess(best, {k: round(v, 2) for k, v in votes.items()}, evidence[:10])


def _place_mentions(blob: str) -> set[str]:
    """Subdivision names used as place names: a one-word name the site also writes in lower case
    ("most", "mayo") or only at the start of a line or sentence is an ordinary word there."""
    lower_words = set(re.findall(r"\b[a-z][\w'-]*\b", blob))
    found: set[str] = set()
    for m in _subdivision_pattern().finditer(blob):
        name = m.group(0)
        if " " not in name:
            if name.lower() in lower_words:
                continue
            before = blob[max(0, m.start() - 3) : m.start()]
            if m.start() == 0 or re.search(r"(?:^|[.!?:]\s*|\n\s*)$", before):
                continue
        found.add(name)
    return found


def _valid_in(raw: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(raw, region))
    except phonenumbers.NumberParseException:
        return False

"""The brand's name, from the parts its page titles repeat.

A site's titles carry the brand's name on every page, often beside a tagline or a place ("Kontakt | Pölzl
Haustechnik – Installateur in Wien", "FAQ | Bluebonnet Air & Electric | Austin, TX", "About the firm | Keane Dalton
Solicitors, Cork"). The last part alone is as often the tagline or the town as the name: of the 88 dev sites on
2026-12-05, 29 came out as "Installateur in Wien", "Lyon", "Austin, TX" or "Brauhaus Kessler Bamberg". So every
part most titles repeat is a candidate, a trailing place is cut from it, a part that says where ("Dentista en
Benimaclet") or is only a place is dropped, and the candidate the pages' own text names most often wins, with the
names the site gives itself (og:site_name, JSON-LD, the copyright line) as the strongest evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from agents.research.injection import match_rules
from agents.research.rules import TITLE_SPLIT, legal_form_pattern
from core.vocabulary import fold, place_names

# A preposition of place before a place: a part that says where the brand is or what it does there ("Installateur
# in Wien", "yoga & pilates à Lyon", "Contabilidade no Porto"), not a name with a particle ("Maison de Marie").
_WHERE = re.compile(r"\b(?:in|à|a|en|em|no|na|nel|nella|bei|on|at|near|aus|am|im|sur|di|de)\s+([A-ZÀ-Þ][\w'’-]+)")
# Where a name is said in the site's own words: a copyright line ("© 2025 Canut & Fils SAS").
# The name starts with a letter: "© 2025, Caracola" names Caracola, not the year.
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?([^\W\d_][^\n·|,©]{1,59})", re.I)
_LEGAL_FORM = re.compile(rf"[\s,]+{legal_form_pattern(loose=True)}(?!\w).*$")
# A place word in the site's text: a capitalised word after a preposition of place ("in Bamberg", "à Lyon").
# Not "a", "de", "da" or "van": they come before names of all kinds ("a Pilates class", "les chocolats de Maes").
# A place of two words counts whole too ("in Cape Town": "cape" and "cape town").
# So is the town after a postcode that opens an address part ("Veldstraat 12 · 9000 Gent", "1010 Wien"); not a
# year after "©" ("© 2024 Acme").
# Or the town before its postcode, as New Zealand, Australian and British addresses put it ("27 Gorge Road, Queenstown
# 9300, New Zealand").
_PLACE_AFTER = re.compile(r"\b(?:in|à|en|em|no|na|nel|bei|near)\s+(([A-ZÀ-Þ][\w'’-]+)(?:\s[A-ZÀ-Þ][\w'’-]+)?)"
                          r"|(?:^|[,·•|–]\s*)\d{4,5}\s+(([A-ZÀ-Þ][\w'’-]+)(?:\s[A-ZÀ-Þ][\w'’-]+)?)"
                          r"|,\s+(([A-ZÀ-Þ][\w'’-]+)(?:\s[A-ZÀ-Þ][\w'’-]+)?)\s+\d{4,5}(?=\s*(?:[,·•|–]|$))", re.M)


# What a page is, not whose: a site whose every title is "Home" names no brand in it.
_PAGE_WORDS = frozenset("""home homepage index untitled welcome willkommen startseite accueil bienvenue inicio início
    bienvenido bienvenidos benvenuti welkom contact about""".split())


# A name before a legal form is a registered company's ("Makila Gastroteka S.L.", "Praxisfluss GmbH"), whatever
# preposition the site also writes before it ("En Makila cocinamos …", "arbeiten Sie in Praxisfluss").
# The shortest name before a form ("Kauri Flat Estate" before "Pty Ltd"), with its particles ("Sol y Mar S.A.").
_REGISTERED = re.compile(rf"(?<![\w-])([A-ZÀ-Þ][\w&'’-]*(?:\s(?:(?:y|e|de|del|da|do|di|du|van|von|der|&)\s)?"
                         rf"[A-ZÀ-Þ][\w&'’-]*){{0,3}}?)\s+"
                         rf"{legal_form_pattern(loose=False)}(?![\w-])")


def _registered_names(texts: Iterable[str]) -> set[str]:
    return {m.group(1) for t in texts for m in _REGISTERED.finditer(t)}


def _place_words(texts: Iterable[str], registered: set[str] | None = None) -> frozenset[str]:
    """Places the site names after a preposition of place, and ISO 3166 countries and subdivisions (lower case);
    not the first word of a company the site registers (``registered``, read from ``texts`` when not given)."""
    texts = list(texts)
    companies = {n.split()[0].lower() for n in (_registered_names(texts) if registered is None else registered)}
    # A possessive is the place's too ("in Glasgow’s West End" says Glasgow).
    said_in = {re.sub(r"['’]s$", "", m.group(g).lower()) for t in texts for m in _PLACE_AFTER.finditer(t)
               for g in range(1, 7) if m.group(g)} - companies
    return place_names() | said_in


def _is_place(words: str, places: frozenset[str]) -> bool:
    """A place or a place and its state ("Austin, TX", "Vancouver", "Benimaclet, València")."""
    parts = [p.strip() for p in words.split(",") if p.strip()]
    return bool(parts) and all(p.lower() in places or fold(p) in places or re.fullmatch(r"[A-Z]{2}", p)
                               for p in parts)


# And the prepositions of place a tagline ends on when its town is cut ("courtier en crédit immobilier à").
_PARTICLES = frozenset("do da de dos das di del della du des of van von der den la le el y e et and & à in en em bei "
                       "at".split())


def _without_place(part: str, places: frozenset[str]) -> str:
    """A title part without a trailing place: after a comma any short capitalised run ("Keane Dalton Solicitors,
    Cork", "Meadowbank Veterinary Clinic, Orrville OH"), without one a known place ("Brauhaus Kessler Bamberg").
    Two words or more must be left, not ending in a particle: "Hotel Vienna" and "Navalha do Bonfim" keep theirs."""
    by_comma = re.match(r"^(.+?),\s*([A-ZÀ-Þ][\w'’.-]+(?:\s[A-ZÀ-Þ][\w'’.-]+)?(?:,?\s[A-Z]{2})?)$", part)
    # Without a comma the place may be one word or two ("Kloofwalk Tours Cape Town").
    tails = [by_comma] if by_comma else [
        re.match(r"^(.+?)\s+([A-ZÀ-Þ][\w'’-]+\s[A-ZÀ-Þ][\w'’-]+(?:,?\s[A-Z]{2})?)$", part),
        re.match(r"^(.+?)\s+([A-ZÀ-Þ][\w'’-]+(?:,?\s[A-Z]{2})?)$", part)]
    for m in tails:
        if not m:
            continue
        rest, tail = m.group(1).strip(), m.group(2)
        if ((by_comma or _is_place(tail, places)) and len(rest.split()) >= 2
                and rest.split()[-1].lower() not in _PARTICLES):
            return rest
    return part


def _self_names(pages: list[dict[str, Any]], suspicious: Callable[[dict[str, Any]], bool]) -> list[tuple[str, str]]:
    """The names the site gives itself, each with where: og:site_name or JSON-LD name ("meta"), the copyright line
    without a legal form ("copyright")."""
    out = []
    for page in pages:
        if suspicious(page):
            continue
        for key in ("og:site_name", "jsonld:name"):
            value = page.get("meta", {}).get(key)
            if value and len(value) <= 80 and not match_rules(str(value)):
                out.append((str(value).strip(), "meta"))
        for m in _COPYRIGHT.finditer(page.get("text", "")):
            name = _LEGAL_FORM.sub("", re.split(r"\.\s", m.group(1), maxsplit=1)[0]).strip(" .")
            if name and not match_rules(name) and not re.search(r"\b(?:all rights|tous droits|alle rechte|todos los)\b",
                                                                name, re.I):
                out.append((name, "copyright"))
    return out


def guess_brand_name(pages: list[dict[str, Any]], injection: dict[str, dict[str, Any]], url: str,
                     clean_title: Callable[[str], str]) -> str:
    def suspicious(page: dict[str, Any]) -> bool:
        return bool(injection.get(page["canonical_url"], {}).get("suspicious"))

    titles = [clean_title(p.get("title", "")) for p in pages]
    texts = [p.get("text", "") for p in pages]
    registered = _registered_names(texts)
    places = _place_words(texts, registered)
    seen = Counter(part for t in titles if t for part in {p.strip() for p in TITLE_SPLIT.split(t) if p.strip()})
    repeated = [p for p, n in seen.items() if n >= max(1, len(pages) // 2) and len(p) <= 80 and not match_rules(p)]
    sourced = _self_names(pages, suspicious)
    self_named = [name for name, _ in sourced]
    # Each part as written and without a trailing place: the pages' own text decides between them ("Brauhaus
    # Kessler" said alone somewhere beats "Brauhaus Kessler Bamberg"; "Kinetic Physio Leeds" said only whole stays).
    candidates = {c for p in repeated for c in (p, _without_place(p, places))}
    # A part whose name a tagline follows after a comma ("Clef de Voûte Courtage, courtier en crédit immobilier à
    # Lyon"): the name before it is a candidate too; the pages' own text decides.
    candidates |= {m.group(1) for p in repeated if (m := re.match(r"^([^,]{3,}),\s+(?-i:[a-zà-ÿ])", p))}
    candidates = {c for c in candidates if c and c.lower() not in _PAGE_WORDS and not _is_place(c, places)
                  and not any(m.group(1).lower() in places for m in _WHERE.finditer(c))}
    # The name the site registers its company under ("Rustpunt BV" in the footer) is one it gives itself too.
    given = [*self_named, *registered]
    claimed = {s.lower() for s in given}
    # A name the site gives itself that a title part repeats with a place after it ("Trapkracht" in "… – Trapkracht
    # Gent"): the name without the place, even when one word is all that is left.
    # So does the name the site registers its company under ("Rustpunt BV" in the footer, "Rustpunt Gent" in
    # every title).
    candidates |= {s for s in given for c in list(candidates)
                   if c.startswith(s + " ") and _is_place(c[len(s) :].strip(" ,"), places)}
    # A name both the metadata and the copyright line give, which every title extends with what the business is
    # ("Nuage" in "Tarifs | Nuage Sauna & Hammam Namur", "© 2025 Nuage", JSON-LD "Nuage").
    confirmed = {n for n, kind in sourced if kind == "meta"} & {n for n, kind in sourced if kind == "copyright"}
    candidates |= {s for s in confirmed for c in list(candidates) if c.startswith(s + " ")}
    # ... or that every title extends with its trade and town while the pages never write that whole ("© 2025 Clutch
    # & Gear Ltd" and "Why learners choose Clutch & Gear", but "… | Clutch & Gear Driving School Leeds" only in titles).
    # Only when the title part ends with the town: a trade alone after the name may be part of it ("Lula Loft Hair &
    # Nails", "Moraes & Vidal Advocacia").
    candidates |= {s for s in given for c in list(candidates)
                   if c.startswith(s + " ") and not any(c in t for t in texts)
                   and (_is_place(c.split()[-1], places) or _is_place(" ".join(c.split()[-2:]), places))}
    # A title part that is a one-word name and the town ("… – Acme Davos") while the site calls itself by a longer
    # name that starts with that word ("Acme Sport & Service" in its JSON-LD and logo): the site's own name.
    stems = {" ".join(c.split()[:-1]) for c in candidates if len(c.split()) == 2 and _is_place(c.split()[-1], places)}
    candidates |= {n for n, kind in sourced if kind == "meta" for stem in stems if n.startswith(stem + " ")}
    # ... or with a tagline after a comma ("Kinésphère, kinésithérapie & ostéopathie à Nantes").
    candidates |= {s for s in self_named for c in list(candidates) if c.startswith(s + ", ")}

    # A title part with a place after it loses to itself without the place when the pages say neither ("Acme Pilates,
    # Rathmines"): the place is where, not who. Said in the pages, the longer form stays ("Kinetic Physio Leeds").
    placed = {p for p in repeated if _without_place(p, places) != p}

    def score(name: str) -> tuple[int, bool, int]:
        said = sum(name in t for t in texts) + (len(pages) if name.lower() in claimed else 0)
        return (said, bool(said) or name not in placed, len(name))

    if candidates:
        return max(sorted(candidates), key=score)
    if self_named:
        return self_named[0]
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")

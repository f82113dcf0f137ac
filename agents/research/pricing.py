"""Prices in any common format, and the priced items a page lists (tables, cards, name-then-price lines).

Amounts are parsed by ``price-parser``; this module adds what it does not do: which currency a
symbol means on this site ("$" is USD, AUD, NZD or CAD depending on the site's region), the billing
period next to the price, and which short label on the page the price belongs to. Every item keeps
the exact span of the page text it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

import pycountry
from price_parser import Price

from agents.research.rules import (
    CURRENCY_CODES_RX,
    CURRENCY_WORDS,
    DASH_AMOUNT,
    DATE,
    FROM_WORDS,
    LETTER_SIGNS,
    MAGNITUDE,
    PRICE,
    PRICE_LABEL,
    PRICE_VERBS,
    PRICE_VERBS_NOT_NOUNS,
    REMARK_LABELS,
    Span,
    after_lead_in,
    iter_lines,
    opening_product,
)

_SIGN_CURRENCY = {
    "US$": "USD", "U$S": "USD", "RD$": "DOP", "MX$": "MXN", "COL$": "COP", "$U": "UYU", "NZ$": "NZD",
    "AU$": "AUD", "A$": "AUD", "C$": "CAD", "CA$": "CAD", "HK$": "HKD",
    "S$": "SGD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₺": "TRY",
    "₽": "RUB", "zł": "PLN", "CHF": "CHF", "Fr.": "CHF", "₱": "PHP", "₦": "NGN", "฿": "THB", "₪": "ILS",
    "₴": "UAH", "Kč": "CZK", "RM": "MYR", "Rp": "IDR", "Rs": "INR", "KSh": "KES", "Ksh": "KES", "S/": "PEN",
    "₡": "CRC", "₲": "PYG", "₫": "VND", "₵": "GHS", "₸": "KZT", "₾": "GEL", "৳": "BDT", "Php": "PHP", "R": "ZAR",
}  # fmt: skip
# Which currency a bare "$" is, by the site's region (the dollars, and the pesos of Latin America, which write
# "$" too); anywhere else it is read as USD.
DOLLAR_BY_REGION = {"AU": "AUD", "NZ": "NZD", "CA": "CAD", "HK": "HKD", "SG": "SGD", "TW": "TWD", "BN": "BND",
                    "FJ": "FJD", "JM": "JMD", "TT": "TTD", "BS": "BSD", "BB": "BBD", "BZ": "BZD", "GY": "GYD",
                    "NA": "NAD", "LR": "LRD", "SB": "SBD", "MX": "MXN", "AR": "ARS", "CL": "CLP", "CO": "COP",
                    "UY": "UYU", "DO": "DOP", "CU": "CUP"}
# A currency name several countries share (rules.CURRENCY_WORDS): region -> code, and the code when the region
# says nothing (None: the word alone names no currency, e.g. "francs" outside the franc countries).
_XOF = dict.fromkeys(("SN", "CI", "ML", "BF", "NE", "TG", "BJ", "GW"), "XOF")
_XAF = dict.fromkeys(("CM", "GA", "CG", "TD", "CF", "GQ"), "XAF")
CURRENCY_FAMILIES: dict[str, tuple[dict[str, str], str | None]] = {
    "dollar": (DOLLAR_BY_REGION, "USD"),
    "peso": ({"MX": "MXN", "AR": "ARS", "CL": "CLP", "CO": "COP", "UY": "UYU", "DO": "DOP", "CU": "CUP",
              "PH": "PHP"}, None),
    "dirham": ({"AE": "AED"}, "MAD"),
    "rupee": ({"PK": "PKR", "LK": "LKR", "NP": "NPR", "MU": "MUR", "SC": "SCR"}, "INR"),
    "shilling": ({"UG": "UGX", "TZ": "TZS", "SO": "SOS"}, "KES"),
    "riyal": ({"QA": "QAR", "OM": "OMR", "YE": "YER"}, "SAR"),
    "dinar": ({"TN": "TND", "KW": "KWD", "BH": "BHD", "JO": "JOD", "DZ": "DZD", "RS": "RSD", "IQ": "IQD"}, None),
    "krone": ({"NO": "NOK", "DK": "DKK"}, None),
    "franc": ({"CH": "CHF", "LI": "CHF", **_XOF, **_XAF}, None),
}  # fmt: skip
_CURRENCY_CODES = {c.alpha_3 for c in pycountry.currencies}
# The countries whose price lists write a whole amount with a dash and no sign ("159.–", "2 100,-", "89,-"), and
# their currency.
_DASH_CURRENCY = {"CH": "CHF", "LI": "CHF", "NO": "NOK", "SE": "SEK", "DK": "DKK", "IS": "ISK", "CZ": "CZK",
                  "SK": "EUR", "PL": "PLN", "HU": "HUF", "DE": "EUR", "AT": "EUR", "NL": "EUR", "BE": "EUR"}
# The sign "kr": the krone family's countries, and the Swedish krona, the Icelandic króna and the Danish krone of the
# Faroes and Greenland, which write it too.
_KR_BY_REGION = {**CURRENCY_FAMILIES["krone"][0], "SE": "SEK", "IS": "ISK", "FO": "DKK", "GL": "DKK"}

# Billing periods and units, in the languages the vocabulary covers (en, es, de, fr, nl, it).
_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month", re.compile(r"/\s?(?:mo|mth|month)\b|\bper\s+month\b|\ba\s+month\b|\bmonthly\b|\bpcm\b"
                         r"|\b(?:al|por|cada)\s+mes\b|\b/\s?mes\b|\bmensual(?:es)?\b|\bpro\s+monat\b|\bmonatlich\b|\bpar\s+mois\b"
                         r"|\bper\s+maand\b|/\s?mnd\b|\bp/m\b|\bmaandelijks\b|\bal\s+mese\b|\bmensile\b"
                         r"|/\s?(?:mois|monat|mese|maand|mês)\b|\bmensuel(?:le)?s?\b|\bal\s+mês\b|\bpor\s+mês\b"
                         # Swedish and Polish ("1 495 kr/mån", "per månad", "39 zł/mies.", "miesięcznie").
                         r"|/\s?(?:mån|mies)\b|\bper\s+månad\b|\bi\s+månaden\b|\bmiesięcznie\b|\bza\s+miesiąc\b",
                         re.I)),
    ("year", re.compile(r"/\s?(?:yr|year)\b|\bper\s+(?:year|annum)\b|\ba\s+year\b|\bannual(?:ly)?\b|\byearly\b"
                        r"|\b(?:al|por)\s+año\b|\banual(?:es)?\b|\bpro\s+jahr\b|\bjährlich\b|\bpar\s+an\b|\bper\s+jaar\b"
                        r"|\bjaarlijks\b|\ball['’]anno\b|\bannuale\b|/\s?(?:an|jahr|año|anno|ano|jaar)\b"
                        r"|\bannuel(?:le)?s?\b|\bpor\s+ano\b|\bao\s+ano\b", re.I)),
    ("week", re.compile(r"/\s?(?:wk|week)\b|\bper\s+week\b|\ba\s+week\b|\bweekly\b|\ba\s+la\s+semana\b"
                        r"|\bpor\s+semana\b", re.I)),
    ("per_person", re.compile(r"\bper\s+(?:person|head|guest|adult)\b|\bpp\b|\bpor\s+persona\b|\bp\.?\s?p\.?\b"
                              r"|\bpro\s+person\b|\bpar\s+personne\b|\bper\s+persoon\b|\b(?:a|per)\s+persona\b"
                              # Polish ("180 zł/os.", "za osobę").
                              r"|/\s?os\.|\bza\s+osobę\b|\bod\s+osoby\b",
                              re.I)),
    ("per_lesson", re.compile(r"\bper\s+(?:\d+-minute\s+)?(?:lesson|class|session)\b|\bpor\s+clase\b"
                              r"|\bpro\s+(?:unterrichts|nachhilfe)stunde\b", re.I)),
    # "pro Stunde" is any hour, a technician's as much as a lesson's.
    ("per_hour", re.compile(r"/\s?(?:hr|hour|std)\b|\bper\s+hour\b|\ban\s+hour\b|\bpor\s+hora\b"
                            r"|\bpro\s+(?:stunde|std\.?)(?!\w)|\bde l['’]heure\b|\bpar\s+heure\b|\bper\s+uur\b"
                            r"|\ball['’]ora\b|\bper\s+timme\b|/\s?tim\b|\bza\s+godzinę\b", re.I)),
    ("per_user", re.compile(r"\bper\s+(?:user|seat)\b", re.I)),
    ("per_night", re.compile(r"/\s?night\b|\bper\s+night\b|\bla\s+nuit\b|\bpar\s+nuit\b"
                             r"|\bpor\s+noche\b|\bpro\s+nacht\b|\bper\s+nacht\b|\b(?:a|per)\s+notte\b", re.I)),
)
# Words that make a price the lowest of a range ("from £1,299", "à partir de 142 €", "dès 265 €").
_FROM = re.compile(rf"^(?:{FROM_WORDS}|only|just)(?!\w)", re.I)
_FROM_AT_END = re.compile(rf"(?<!\w){FROM_WORDS}\s*$", re.I)
# Words that label a column of prices rather than name an item.
_HEADER_WORDS = {
    "price", "prices", "fee", "fees", "cost", "costs", "total", "subtotal", "amount", "item", "service",
    "services", "product", "plan", "precio", "precios", "preis", "preise", "prix", "tarif", "importe",
    # A definition list's "What" term heads the item's name on the line under it ("Wat" / "Small Group Training").
    "what", "wat", "was", "quoi", "qué", "o quê", "cosa",
    # A price list's own heading ("Listino", "Preisliste", "Cennik") and a price's label in the Nordic and Slavic
    # languages ("Cena" / "1 350 zł", "Pris" / "kr 250"): no item's name.
    "price list", "pricelist", "listino", "listino prezzi", "preisliste", "liste de prix", "tarifs",
    "lista de precios", "tabela de preços", "prijslijst", "prislista", "prisliste", "cennik", "ceník",
    "cena", "ceny", "pris", "priser", "koszt", "cennik usług",
}  # fmt: skip
# The terms of a product card's attribute rows (size, weight, volume, dimensions, duration, shelf life), in the
# vocabulary's languages: each heads the value on the line under it, never an item's name.
_ATTRIBUTE_TERMS = re.compile(
    r"size|tamanho|tamaño|talla|größe|gr[oö]sse|taille|maat|misura|taglia|formato|format|volume|volumen|inhalt|"
    r"contenu|contenido|conteúdo|contenuto|inhoud|weight|peso|gewicht|poids|dimensions?|dimensões|dimensiones|"
    r"dimensioni|abmessungen|afmetingen|capacity|capacidade|capacidad|capacité|capacità|kapazität|capaciteit|"
    r"duration|duração|duración|dauer|durée|durata|duur|colou?r|cor|couleur|farbe|kleur|colore|material|matériau|"
    r"materiale|materiaal|group size|(?:max(?:imum)? )?class size|groepsgrootte|gruppengr(?:ö|oe)(?:ß|ss)e|"
    r"taille du groupe|tamaño del grupo|tamanho do grupo|dimensione del gruppo",
    re.I,
)
# A table's first column headed by where something goes ("| Destinazione | Tempi | Costo |"): its rows price
# delivery to places, not items the brand sells.
_PLACE_HEADERS = {"destination", "destinations", "destinazione", "destino", "destinación", "ziel", "zielland",
                  "land", "country", "countries", "pays", "país", "países", "paese", "paesi", "zone", "zona",
                  "region", "región", "regione", "bestemming", "shipping to", "delivery to", "versand nach",
                  "livraison"}  # fmt: skip
# Words that head a remark rather than a title ("Note: prices include VAT").
_NOTE_WORDS = {"note", "nb", "please note", "important", "info", "tip", "hinweis", "achtung", "remarque", "attention",
               "nota", "nota bene", "opmerking", "let op", "aviso", "atención", "attenzione", "observação"}  # fmt: skip
_SENTENCE_END = (".", "!", "?", ":", ";", ",")
# A label ending in one of these is the start of a sentence ("Delivery costs £39"), not an item's name.
_CONNECTORS = {
    "costs", "cost", "is", "are", "was", "were", "be", "for", "at", "of", "to", "and", "or", "by", "with", "per",
    "pay", "only", "just", "from", "the", "a", "an", "our", "your", "cuesta", "es", "por", "de", "kostet", "für",
    "over", "under", "than", "get", "save", "off", "up", "about", "around", "extra", "additional",
    # The lower end of a range whose sign follows its upper end ("von 20 bis 80 Euro"); see _RANGE_START too.
    "bis", "tot", "até", "kosten",
    # "… verrechnen wir Technikerstunden mit € 96": a sentence, whose reader names the item.
    "mit",
}  # fmt: skip


# Between a struck-out price and the current one: nothing, or a word for "now".
# "Regular price $72.99 Sale price $64.99" (a shop's struck-out price, then the one you pay): either word may carry
# "price" in the page's language.
_PRICE_WORD = r"(?:\s+(?:price|prix|precio|preço|prezzo|preis|prijs))?"
# The first price's currency code may stand between them ("$149.900 COP $119.900 COP").
# Danish, Swedish and Norwegian sale and former prices too ("Førpris 4.800 kr. Udsalgspris DKK 4.200", "Tidigare pris").
_WAS_NOW = re.compile(rf"\.?\s*(?:[A-Z]{{3}}\s+)?(?:(?:now|sale|nu|ahora|jetzt|maintenant|ora|adesso|only|just|"
                      rf"udsalgspris|tilbudspris|nu kun|reapris|kampanjpris|nå|salgspris)"
                      rf"{_PRICE_WORD})?\s*:?\s*", re.I)
_WAS = re.compile(rf"^\s*(?:was|before|reg(?:ular|\.)?|originally|antes|avant|vorher|statt|prima|eerder|van|"
                  rf"førpris|før|tidligere(?: pris)?|normalpris|ordinær pris|tidigare(?: pris)?|ordinarie pris|förr)"
                  rf"{_PRICE_WORD}\s*:?\s*$", re.I)


# What follows a price that opens a line and belongs to the label above it: punctuation, a unit or a period word.
_REMARK_AFTER_PRICE = re.compile(r"\s*(?:[.,;:(·•–—/-]|(?:per|por|pro|par|each|la|le|al|a|an)\s|"
                                 # What the price pays for ("€180 covers one young person for six weeks").
                                 r"(?:covers|includes|cobre|inclui|cubre|incluye|comprend|"
                                 r"inclut|umfasst|beinhaltet|deckt|copre|comprende|dekt|omvat)\s|"
                                 # ... or what it is for ("$240 for the full panel required by employers").
                                 r"(?:for|pour|para|für|voor|per) (?:the|le|la|les|el|los|o|os|den|die|das|het|de|il)"
                                 r" (?:full|whole|complete|entire|complet|completo|completa|gesamte?n?|hele|intero|"
                                 r"intera)\s|"
                                 # ... or whom it covers ("$780 for up to four riders", "390 € für bis zu 6 Personen").
                                 r"(?:for up to|für bis zu|pour jusqu['’]à|para hasta|per (?:un massimo di|max)|"
                                 r"voor maximaal|para até|för upp till|for op til)\s)", re.I)


@dataclass(frozen=True)
class ParsedPrice:
    amount: str  # decimal string, two places ("1299.00")
    currency: str | None  # ISO 4217, None when the text names no currency
    period: str  # one_time | month | year | week | per_person | per_lesson | per_hour | per_user | per_night


@dataclass(frozen=True)
class PriceItem:
    name: str
    price_text: str  # as written ("From £1,299")
    parsed: ParsedPrice
    span: Span  # the quote: name through price, exact offsets of the page text


_SUM = re.compile(rf"{MAGNITUDE}\b")


def item_prices(text: str) -> list[re.Match[str]]:
    """The prices written in ``text`` that can be an item's price: not a sum with a magnitude ("up to ₹5 crore")."""
    return [m for m in PRICE.finditer(text) if not _SUM.search(m.group())]


def _currency_of(text: str, region: str | None) -> str | None:
    for code in re.findall(rf"\b{CURRENCY_CODES_RX}\b", text):
        if code in _CURRENCY_CODES:
            return str(code)
    for sign in sorted(_SIGN_CURRENCY, key=len, reverse=True):
        # A letter sign that is also a word or an initial ("R", "Rs") is a currency only right before a digit.
        if (re.search(rf"(?<![A-Za-z]){sign}(?=\.?\s?\d)", text) if sign in LETTER_SIGNS else sign in text):
            return _SIGN_CURRENCY[sign]
    for word, code in CURRENCY_WORDS.items():
        if re.search(rf"\d\s?{word}\b", text):
            if code in CURRENCY_FAMILIES:
                by_region, default = CURRENCY_FAMILIES[code]
                return by_region.get(region or "", default)
            return code
    # "kr" is the krona or the krone of the Nordic country the site is in ("1 495 kr/mån" in Sweden, "kr 250" in
    # Norway).
    if re.search(r"\d\s?kr\.?(?!\w)|(?<![^\W\d_])[Kk]r\.?\s?\d", text):
        return _KR_BY_REGION.get(region or "")
    if re.fullmatch(DASH_AMOUNT, text.strip()):  # "159.–" in Switzerland, "2 100,-" in Norway: no sign at all
        return _DASH_CURRENCY.get(region or "")
    return DOLLAR_BY_REGION.get(region or "", "USD") if "$" in text else None


def period_of(text: str) -> str:
    """The billing period said first in ``text``: in "1,200 a year, with a monthly call" the price is a year's."""
    found = [(m.start(), n) for n, (_, pattern) in enumerate(_PERIODS) if (m := pattern.search(text))]
    return _PERIODS[min(found)[1]][0] if found else "one_time"


def parse_price(price_text: str, context: str = "", region: str | None = None) -> ParsedPrice | None:
    """Amount, currency and period of one written price; ``context`` is the text around it (period words)."""
    parsed = Price.fromstring(price_text.replace("’", "'"))  # Swiss grouping, typeset: price-parser reads only '
    if parsed.amount is None:
        return None
    try:
        amount = Decimal(parsed.amount).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
    if amount <= 0:
        return None
    return ParsedPrice(str(amount), _currency_of(price_text, region), period_of(context or price_text))


def normalise_amount(value: object) -> str | None:
    """A structured-data price ("54.00", 54, "54") as a two-place decimal string."""
    try:
        amount = Decimal(str(value).replace(",", "")).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
    return str(amount) if amount > 0 else None


# A tax remark after a price ("+ VAT", "inkl. MwSt.", "HT", "TTC", "IVA incluida"): no part of a name or remark.
_TAX = re.compile(r"(?:\b(?:plus|excl\.?|incl\.?|inc\.?|ex\.?|inkl\.?|exkl\.?|zzgl\.?)|\+)\s*"
                  r"(?:VAT|IVA|MwSt\.?|GST|tax|TVA|BTW|USt\.?)(?!\w)"
                  r"|\b(?:HT|TTC|H\.T\.|T\.T\.C\.|hors taxes?|netto|brutto|"
                  r"IVA (?:incluida|incluido|inclusa|esclusa|excluida|incluída))(?!\w)", re.I)


# Where a description's closing price begins: after its last sentence ("… del cuadro. 89 € al año", "… chez soi.
# Tarif : 45 €"), or after a colon in a definition list's description ("- Sei giornate … a Corvara: € 1.290").
_CLOSING_SENTENCE = re.compile(r"[.!?]\s+(?=[^.!?]*$)")
_CLOSING_COLON = re.compile(r":\s+(?=[^.!?:]*$)")


def _strip_qualifiers(rest: str) -> str:
    rest = _FROM_AT_END.sub("", _FROM.sub("", rest.strip(" -–—:|·•"))).strip()
    rest = "" if PRICE_LABEL.fullmatch(rest) else rest
    for _name, pattern in _PERIODS:
        rest = pattern.sub("", rest)
    rest = _TAX.sub("", rest)
    return re.sub(r"[\s/|()*–—-]+", " ", rest).strip()


# A card's detail line: short fragments joined by a middle dot or bullet ("6 hours · lunch on the beach").
_DETAIL_LINE = re.compile(r"\S\s[·•]\s\S")
# A tariff code in a table's first column ("C11", "M03", "A-12"): the name is in another cell.
_CODE_CELL = re.compile(r"[A-Z]{0,3}[-.]?\d{1,4}[A-Za-z]?")
# A quantity before the price ("10 sessions for $720", "4 Stunden für 120 €"): the price of the label above.
_QUANTITY_FOR = re.compile(r"^\s*\d+\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+(?:for|per|pour|por|für|voor|à|a|em)\s*$",
                           re.I)
# A duration and a kind of session before the price ("90-minute group lesson from $49", "3 ore, in piccolo gruppo"):
# what the item above it is, not its name.
_DURATION_LED = re.compile(r"^\s*\d+(?:[.,]\d+)?[\s-]?(?:minutes?|mins?|hours?|hrs?|h|days?|weeks?|nights?|Minuten|"
                           r"Stunden|Tage|Wochen|minuti|ore|giorni|settimane|minutos|horas|días|dias|semanas|heures|"
                           r"jours|semaines|nuits|uur|dagen|weken)\b[^\d]{0,40}$", re.I)
# Sessions of a length before the price ("5 Tage à 3 Stunden, 229,00 €", "8 sessions of 90 minutes, £180", "10
# lezioni da 60 minuti"): what the item above it is made of.
_SESSIONS_LED = re.compile(r"^\s*\d+\s+[^\W\d_]+\.?\s+(?:à|a|x|×|of|de|da|di|von|zu|je|van)\s+\d+(?:[.,]\d+)?[\s-]?"
                           r"(?:minutes?|mins?\.?|hours?|hrs?|h|Minuten|Min\.|Stunden|Std\.|minuti|ore|minutos|horas|"
                           r"heures|uur)\b[^\d]{0,40}$", re.I)
# What a course is made of, spread over its length ("20 hours over two weeks", "10 Stunden über drei Wochen", "8 clases
# en 4 semanas"): a card's description under its name, however name-like its words.
_SPREAD_OVER = re.compile(
    r"^\s*\d+\s+(?:hours?|lessons?|sessions?|classes|days?|Stunden|Lektionen|Termine|heures|séances|cours|horas|"
    r"clases|lecciones|sesiones|aulas|ore|lezioni|uur|lessen|timmar|lektioner|timer)\s+(?:over|across|in|"
    r"within|spread over|über|en|sur|em|su|sobre|verteilt auf|på)\s+(?:\w+\s+)?(?:weeks?|days?|"
    r"months?|Wochen|Tage|Monate|semaines|jours|mois|semanas|días|dias|meses|settimane|giorni|mesi|weken|dagen|"
    r"maanden|veckor|dagar|månader|uger|dage|måneder)\b", re.IGNORECASE)
# A rate before the minimum fee ("Plan Cobranza" / "10 % de la renta" / "mínimo $1,500 MXN al mes"): the card's terms.
_RATE_LED = re.compile(r"^\s*\d+(?:[.,]\d+)?\s?%\s")
# A short name, a dash or a colon, and a description of what it includes.
_NAME_DASH_DESCRIPTION = re.compile(r"^([^\W\d_][^–—:]{1,50}?)(?:\s[–—-]|:)\s(\S.*)$")
# A card's short description between its title and its price ("Corso base" / "3 ore, grembiule incluso." / "75 €"):
# one sentence of a card's length ("Solo per il vostro gruppo, fino a 6 persone, nel giorno che preferite." has 13
# words); a longer line is a paragraph, whose price names no item above it.
_CARD_DESCRIPTION_WORDS = 16


# A title with a subtitle after a colon ("Corso base: sfoglia e tagliatelle", "Tour 2: Ribeira at dusk"): the head
# is a short name of its own.
_TITLE_COLON = re.compile(r"^[^\W_][^:]{0,30}:\s(?=\S)")


# An abbreviation's full stop ends no sentence ("Thermenwartung inkl. Abgasmessung", "Set incl. case").
_ABBREVIATION = re.compile(r"\b(?:inkl|exkl|zzgl|incl|excl|inc|approx|ca|bzw|max|min|nr|no|st|dr)\.(?=\s)", re.I)


# A timetable line ("Dienstags, 17:00 Uhr", "Mo + Do, 18:30 Uhr", "Sat & Sun, 10am"): when an item meets, not its
# name. Read as a schedule only when nothing but days, clock times and joiners is left.
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:Uhr|h|am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d{2}\b", re.I)
_DAY = re.compile(
    r"\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?|(?:mon|diens|mittwoch|donners|frei|sams|"
    r"sonn)tags?|mittwochs|mo|di|mi|do|fr|sa|so|lun(?:di|es|edì)?|mar(?:di|tes|tedì)?|mer(?:credi|coledì)?|"
    r"mi[ée]rcoles|jeu(?:di)?|jueves|ven(?:dredi|erdì)?|viernes|sam(?:edi)?|s[áa]bado|sabato|dim(?:anche)?|domingo|"
    r"domenica|weekdays?|weekends?|täglich|daily|werktags|ma|wo|vr|za|zo)\b\.?", re.I)
_JOINERS = re.compile(r"[\s,;+&/–—-]+|\b(?:und|and|et|y|e|en|bis|to|à|a|from|von|ab|de|la|le|les|dalle|alle)\b",
                      re.I)


def _schedule(label: str) -> bool:
    return _CLOCK.search(label) is not None and not _JOINERS.sub("", _DAY.sub("", _CLOCK.sub("", label)))


_RANGE_START = re.compile(r"\d[\d.,]*\s+(?:bis|à|a|to|tot|até|y|e|al)$", re.I)
# A size or a set of dimensions alone ("50 ml", '16" x 20" x 2"', "2 x 500 g"): what an item measures, not its name.
_MEASURE = r"\d+(?:[.,]\d+)?\s*(?:ml|cl|dl|l|g|gr|kg|mg|oz|fl\.? ?oz|lbs?|cm|mm|m|in|ft|[\"”″'’′])?"
_MEASURE_ONLY = re.compile(rf"{_MEASURE}(?:\s*[x×]\s*{_MEASURE})*", re.I)


def name_like(label: str, *, title: bool = False) -> bool:
    """A short label that can name an item: not a sentence, not a column header, not a bare number. A ``title`` (a
    line of its own above a price) may carry a subtitle after a colon."""
    label = label.strip(" |–—-:·•")
    # What a parenthesis after the name lists ("Certificato agonistico (visita, ECG, spirometria, esame urine)")
    # lengthens no name.
    core = re.sub(r"\s*\([^()]*\)$", "", label) or label
    words = core.split()
    if not 1 <= len(words) <= 10 or len(core) > 90:
        return False
    head = _TITLE_COLON.match(label) if title else None
    if head and (len(head.group(0).split()) > 4 or head.group(0)[:-2].lower() in _NOTE_WORDS):
        head = None
    rest = _ABBREVIATION.sub("", label[head.end() :] if head else label)
    if label.endswith(_SENTENCE_END) or not re.search(r"[^\W\d_]", label) or re.search(r"[.:;!?]\s", rest):
        return False
    if label.lower() in _HEADER_WORDS or PRICE.search(label) or words[-1].lower() in _CONNECTORS or _schedule(label):
        return False
    if _RANGE_START.search(label):  # "Gutscheine von 20 à", "da 50 a": a range's lower end, not a name's end
        return False
    if _MEASURE_ONLY.fullmatch(label):
        return False
    if _PRICING_VERB.search(label):  # "Ein Seidla kostet bei uns" opens a sentence that prices it
        return False
    first = label.lstrip("«»\"'“”‘’„ ")[:1]  # a name may open with a quotation mark ("« Lyon in English »")
    return first.isupper() or first.isdigit()


def _item(name: str, price_m: re.Match[str], line: str, start: int, name_start: int, end: int,
          region: str | None) -> PriceItem | None:
    parsed = parse_price(price_m.group(0), line, region)
    if parsed is None:
        return None
    prefix = line[: price_m.start()].rstrip()
    from_m = _FROM_AT_END.search(prefix)
    price_text = (from_m.group(0).strip() + " " if from_m else "") + price_m.group(0)
    # The quote runs from the label to the end of the price's line (or cell), trailing spaces dropped.
    while end > name_start and line and end - start <= len(line) and line[end - start - 1 : end - start].isspace():
        end -= 1
    return PriceItem(name.strip(" |–—-:·•"), price_text, parsed, Span(name_start, end))


# A verb that gives a price, after the first word of a label (not the noun: "Low Cost Plan", "Kosten").
_PRICING_VERB = re.compile(rf"\s(?:{PRICE_VERBS_NOT_NOUNS})\b", re.I)
# A short name before a colon that opens a sentence about it, and the verbs that give its price.
_NAMED_SENTENCE = re.compile(r"^\s*([^\W\d_][^:.!?]{1,38}?):\s+(?=[A-ZÀ-Ý])")
_COSTS_VERB = re.compile(rf"\b(?:{PRICE_VERBS}|is priced at|are priced at)\b", re.I)


def _dashed_name(label: str) -> str | None:
    """The name of a "Name – what it includes" label that is too long to be a name itself."""
    dashed = _NAME_DASH_DESCRIPTION.match(label) if label and not name_like(label) else None
    # Not a remark ("Note: …", "Opening hours: …", "Trade-in offer: …"), nor notices run together on a top bar
    # ("Commandes des Fêtes : date limite le 18 décembre • Livraison gratuite dès 60 $").
    if dashed and name_like(dashed.group(1)) and len(dashed.group(2).split()) <= _CARD_DESCRIPTION_WORDS \
            and not REMARK_LABELS.intersection(dashed.group(1).lower().split()) \
            and not re.search(r"[•·|]", dashed.group(2)):
        return dashed.group(1)
    return None


# A table cell as trafilatura writes a row ("| Stadsfiets | € 10 |"), without its padding.
_TABLE_CELL = re.compile(r"\|\s*([^|]*?)\s*(?=\|)")
# Column headers that say how a price is counted, not what it buys: the same item priced twice, not two items.
_TAX_OR_DISCOUNT_HEADER = re.compile(r"\b(?:incl|excl|inkl|exkl|vat|btw|tva|iva|mwst|gst|ttc|ht|net|gross|brutto|netto|"
                                     r"sale|was|now|regular|normal|old|new|antes|ahora|statt|avant|après|original|"
                                     r"discount|rabatt|korting|remise|descuento|sconto|member|members|non-member)\b",
                                     re.I)


# The same price paid in instalments ("em até 3x de R$ 226,33 sem juros", "12 cuotas de $ 8.500", "4 interest-free
# payments of $25"): a way to pay the row's price, not an item of its own.
_INSTALMENTS = re.compile(r"\b\d{1,2}\s?x\s?(?:de\s)?(?=\S*\s?\S*\d)|\b\d{1,2}\s+(?:parcelas|vezes|rate|cuotas|"
                          r"mensualidades|meses sin intereses|installments|instalments|payments|plazos|raten|"
                          r"termijnen)\b|\b(?:sem juros|sin intereses|senza interessi|interest[- ]free|zinsfrei)\b",
                          re.I)


def _priced_columns(line: str, header: list[str]) -> list[tuple[int, str]]:
    """A table row's priced cells as (offset in ``line``, the header cell above it), when the row has two or more
    and each is headed by its own short label (a period, a size, a group); none when any header is a tax or
    discount column, or missing. A cell that pays the price in instalments prices nothing new."""
    cells = [(m.start(1), m.group(1)) for m in _TABLE_CELL.finditer(line)]
    if len(cells) != len(header):
        return []
    priced = [(o, header[n]) for n, (o, c) in enumerate(cells) if item_prices(c) and not _INSTALMENTS.search(c)]
    labels = [label for _, label in priced]
    if len(priced) < 2 or len(set(labels)) < len(labels) or any(
            not label or PRICE.search(label) or _TAX_OR_DISCOUNT_HEADER.search(label) or len(label.split()) > 4
            for label in labels):
        return []
    return priced


# The reader as "you" in the vocabulary's languages, not "your": a service may be named for the reader's things
# ("Nalezen van uw huurcontract"). Not "je", "du" or "Ihr", which are also "I", "of the", "their".
_TO_THE_READER = re.compile(r"\b(?:you|vous|jij|usted|você|vocês|dich|tu|tú|voi)\b", re.I)


# A fee for taking part, said as a price's label ("Cuota de participación: $2,400 MXN"); see price_items.
_FEE_LABEL = re.compile(r"(?:participation|registration|course|programme|program|entry)\s+fee|cuota(?:\s+de\s+"
                        r"(?:participación|inscripción|recuperación))?|frais\s+d['’](?:inscription|participation)|"
                        r"(?:teilnahme|kurs|anmelde)gebühr|quota\s+di\s+(?:partecipazione|iscrizione)|"
                        r"taxa\s+de\s+(?:participação|inscrição)|deelnameprijs|inschrijfgeld", re.I)
# A saving, not a price: "you save $30", "économisez 20 €", "spart 15 €", "ahorra hasta 50 €".
_SAVING = re.compile(r"\b(?:save|saving|savings of|spare|spart|sparen sie|sparst|économisez|économie de|ahorr[aoe]s?|"
                     r"ahorro de|risparmi[a-z]*|bespaar[a-z]*|poupe[a-z]*|economiz[a-z]*)\s*(?:up to|bis zu|hasta|"
                     r"jusqu['’]à|fino a|até|tot)?\s*$", re.I)


def _after_unit(after: str) -> str:
    """What follows a price past its period word ("$20 pp – waived when you buy two" → " – waived …")."""
    stripped = after.lstrip()
    for _name, pattern in _PERIODS:
        if m := pattern.match(stripped):
            return stripped[m.end() :]
    return after


def _price_alone(line: str) -> bool:
    """A price on a line of its own, with at most a short unit or remark ("145,00 €", "From $89 per person")."""
    m = PRICE.search(line)
    return m is not None and not _strip_qualifiers(line[: m.start()]) \
        and len(_strip_qualifiers(line[m.end() :]).split()) <= 3


# What a description line does and a name rarely does: list what the item holds ("Lin lavé, coupe portefeuille",
# "Combinado: clínica + férulas en casa").
_LISTS = re.compile(r",\s|:\s|\s\+\s")


def _grid_descriptions(lines: list[Span], line_at: Callable[[int], str]) -> set[int]:
    """The description lines of a grid of cards laid out "Name" / "Description" / "Price", where the description
    reads like a name too ("Robe Fourvière" / "Lin lavé, coupe portefeuille" / "145,00 €"; "Chemise Terreaux" /
    "Popeline de coton bio" / "89 €"). The page marks the name as the card's heading, which the text has lost; a
    description that lists features ("Lin lavé, coupe portefeuille") shows which line is which, and the cards of one
    grid share their layout, so at least two such cards, one of them with a comma, a colon or a plus in its second
    line only, make every second line a description."""
    cards = [i for i in range(2, len(lines)) if _price_alone(line_at(i))
             and all(name_like(line_at(k), title=True) and not PRICE.search(line_at(k)) for k in (i - 1, i - 2))]
    listed = [i for i in cards if _LISTS.search(line_at(i - 1)) and not _LISTS.search(line_at(i - 2))]
    # Names differ card to card; a line every card repeats ("Add to cart") is none.
    names = [line_at(i - 2) for i in cards]
    if len(cards) < 2 or not listed or any(_LISTS.search(n) for n in names) or len(set(names)) < len(names):
        return set()
    return {i - 1 for i in cards}


def _date_cell(cell: str) -> bool:
    """An event's date ("Thu 25 September 2025, 7pm", "12/10/2025"): no word of four letters beside the date."""
    return DATE.search(cell) is not None and not re.search(r"[^\W\d_]{4,}", DATE.sub("", cell))


def _the_price(line: str, prices: list[re.Match[str]]) -> tuple[re.Match[str], str]:
    """The price a line gives, and the text before it. Of a struck-out price and the current one ("S$79 S$59", "Was
    SGD 168.00 Now SGD 129.00", "Regular price $72.99 Sale price $64.99") the second, and "was" is no label."""
    if len(prices) > 1 and _WAS_NOW.fullmatch(line[prices[0].end() : prices[1].start()]) is not None:
        return prices[1], _WAS.sub("", line[: prices[0].start()])
    return prices[0], line[: prices[0].start()]


# Small words inside names ("Tagessuppe und Hauptspeise", "Bath & Brush"): no sign of a description.
_NAME_JOINERS = frozenset("""and or of the for with und oder mit für de du des la le et y e o con di da del van het
    en""".split())


def _list_item(line: str) -> bool:
    """A list item, as trafilatura and the block walk write one ("- Name")."""
    return line.lstrip().startswith("- ")


def _unmarked(line: str) -> str:
    """A line's text without its list mark."""
    text = line.lstrip()
    return text[2:] if text.startswith("- ") else text


def price_items(text: str, region: str | None = None) -> list[PriceItem]:
    """Priced items on a page: table rows, "Name\\nPrice" cards and short "Name – Price" lines."""
    out: list[PriceItem] = []
    lines = [s for s in iter_lines(text) if text[s.start : s.end].strip()]

    def line_at(k: int) -> str:
        return text[lines[k].start : lines[k].end]

    described = _grid_descriptions(lines, line_at)

    def description(k: int) -> bool:  # a card's short description line
        above = line_at(k)
        # A line that speaks to the reader describes ("Just you", "Pour vous et deux amis"): no name does.
        # A saving it mentions is no price of its own ("The same three shipments, billed once – you save $30.").
        priced = any(not _SAVING.search(above[: m.start()]) for m in PRICE.finditer(above))
        return (k in described or not name_like(above, title=True) or _TO_THE_READER.search(above) is not None
                or _SPREAD_OVER.match(above) is not None or _RATE_LED.match(above) is not None) \
            and not priced and len(above.split()) <= _CARD_DESCRIPTION_WORDS

    headings = {}  # price line -> the list item that opens its card, two to four lines above
    prices_at = [item_prices(line_at(i)) for i in range(len(lines))]  # each line's prices, read once

    def title_at(k: int) -> str | None:  # line k as a card's title: a name, no price, without its list mark
        title = _unmarked(line_at(k))
        return title if name_like(title, title=True) and not prices_at[k] else None

    def titled(k: int, price_m: re.Match[str], line: str, span: Span) -> list[PriceItem]:
        """The price on ``line`` named by the title on line k (the quote opens at the title, not its list mark)."""
        title = _unmarked(line_at(k))
        item = _item(title, price_m, line, span.start, lines[k].end - len(title), span.end, region)
        return [item] if item else []
    price_lines = [i for i, found in enumerate(prices_at)
                   if found and not _strip_qualifiers(_the_price(line_at(i), found)[1])]
    for i in price_lines:
        k = next((k for k in range(i - 2, max(-1, i - 5), -1) if _list_item(line_at(k))), None)
        # Not the last item of a menu ("- Sobre nós" / "- Contactos" / "Início › Loja › Avental Oficina" / "34,50 €").
        if k is not None and name_like(_unmarked(line_at(k)), title=True) and not any(
                PRICE.search(line_at(m)) or _list_item(line_at(m)) or line_at(m).lstrip().startswith("|")
                for m in range(k + 1, i)) and not (k > 0 and _list_item(line_at(k - 1))):
            headings[i] = k
    all_cards = len(price_lines) > 1 and len(headings) == len(price_lines)  # a list of cards, not one product
    header: list[str] = []  # the cells of the table's header row, as written
    header_start = 0  # where the header row starts in ``text``
    # This table's row items: (index in ``out``, the cell before the price).
    table_rows: list[tuple[int, str | None]] = []
    for i, span in enumerate(lines):
        line = text[span.start : span.end]
        # A table's first row, when it holds no price, is its header (a "|---|" line may follow it or not).
        if not line.lstrip().startswith("|"):
            header = []
            _name_repeated_rows(out, table_rows)
            table_rows = []
        elif (i == 0 or not line_at(i - 1).lstrip().startswith("|")) and not prices_at[i]:
            header = [c.strip() for c in line.strip().strip("|").split("|")]
            header_start = span.start + len(line) - len(line.lstrip())
        prices = prices_at[i]
        if not prices:
            continue
        price_m, before = _the_price(line, prices)
        if _SAVING.search(before) and len(prices) == 1:
            continue  # what a plan saves ("billed once – you save $30"), not what anything costs
        if line.lstrip().startswith("|") and header[:1] and header[0].lower() in _PLACE_HEADERS:
            continue  # a delivery rate to a place
        if line.lstrip().startswith("|"):  # a table row (trafilatura renders tables as markdown)
            # A cell may hold the name and what the item includes ("| Pacchetto Famiglia – revisione annuale … |").
            cells = [(m.start(1), _dashed_name(m.group(1)) or m.group(1))
                     for m in _TABLE_CELL.finditer(line)]
            cell = next(((o, c) for o, c in cells if c and not PRICE.search(c) and name_like(c)
                         and not _CODE_CELL.fullmatch(c) and not _date_cell(c)), None)
            # A row priced in several columns, each headed by what it prices ("| Stadsfiets | € 10 | € 15 | € 60 |"
            # under "| Fiets | Halve dag | Dag | Week |"): an item per column, named by the row and its column and
            # quoted from the header row to the end of the row, so the quote shows both.
            columns = _priced_columns(line, header) if cell is not None else []
            if cell is not None and columns and all(cell[0] < o for o, _ in columns):
                for o, label in columns:
                    column_m = PRICE.search(line, o)
                    item = _item(f"{cell[1]} ({label})", column_m, line, span.start, header_start,
                                 span.start + len(line.rstrip()), region) if column_m else None
                    out += [item] if item else []
                continue
            if cell is not None and cell[0] < price_m.start():
                cell_end = line.find("|", price_m.end())
                end = span.start + (cell_end if cell_end != -1 else len(line))
                item = _item(cell[1], price_m, line, span.start, span.start + cell[0], end, region)
                if item:
                    # The cell between the name and the price ("| Massage | 60 min | 95 € |"): what tells two rows
                    # of one name apart.
                    between = next((c for o, c in cells if cell[0] < o < price_m.start() and c), None)
                    table_rows.append((len(out), between))
                    out.append(item)
            continue
        after = line[price_m.end() :]
        # A price that opens its line and goes on with its unit or a remark ("$39 per night. Reduces your excess
        # …", "290 € (válido durante 3 meses).") is the price of the label above it, as a short one is.
        remark = any(_REMARK_AFTER_PRICE.match(_TAX.sub("", a)) for a in (after, _after_unit(after)))  # "+ IVA", "pp"
        quantity = _QUANTITY_FOR.match(before) is not None \
            or _DURATION_LED.match(_FROM_AT_END.sub("", before)) is not None \
            or _SESSIONS_LED.match(_FROM_AT_END.sub("", before)) is not None
        if (not _strip_qualifiers(before) or quantity) and (len(_strip_qualifiers(after).split()) <= 3 or remark) \
                and i > 0:
            # A price on its own line: it belongs to the label on the line just above it, or above the card's
            # detail line and short description, at most two lines in either order ("Sunset Paddle" / "2.5 hours ·
            # beginners welcome" / "From $89"; "Curso intensivo" / "20 lecciones a la semana · de 9:00 a 12:50" /
            # "El curso más completo: …" / "640 € al mes").
            j = i - 1
            # A card in a list item ("- Timberline Salmon & Oat Kibble, 24 lb" / "Cascade Paw Kitchen" / "Ideal for
            # apartment dogs." / "$38.50", or "- Bestseller" / "Monstera deliciosa" / "€ 29,95"): its name is its
            # first name-like line of two words or more (a badge is one word), not the maker under it; on a page
            # whose every price line is such a card (a feature bullet above the next card's name is no card).
            heading = headings.get(i)
            if all_cards and heading is not None:
                names = [k for k in range(heading, i) if name_like(_unmarked(line_at(k)), title=True)
                         and not PRICE_LABEL.fullmatch(line_at(k).strip(" -–—:"))]
                best = next((k for k in names if len(_unmarked(line_at(k)).split()) > 1), heading)
                label = _unmarked(line_at(best))
                item = _item(label, price_m, line, span.start, lines[best].end - len(label), span.end, region)
                out += [item] if item else []
                continue
            # A price's own label between the name and the price ("Pralines roses, 250 g" / "Prix habituel" /
            # "7,90 €") names nothing.
            labelled = j > 0 and bool(PRICE_LABEL.fullmatch(line_at(j).strip(" -–—:")))
            if labelled:
                j -= 1
            # A card's attribute rows between its description and its price, each a term over its value
            # ("Tamanho" / "50 ml", "Size" / "Large"): said of the card, like its price.
            attributes = 0
            # Above a price's label, any short term over a value that opens with a figure is such a row too
            # ("Grupa" / "4–6 osób na jednego instruktora" / "Cena" / "1 350 zł/os.").
            while j > 1 and ((_ATTRIBUTE_TERMS.fullmatch(line_at(j - 1).strip(" :")) and len(line_at(j).split()) <= 4)
                             or (labelled and line_at(j).lstrip()[:1].isdigit() and len(line_at(j - 1).split()) <= 2
                                 and not re.search(r"\d", line_at(j - 1)))):
                j -= 2
                attributes += 2
            # A timetable line just above the price ("Dienstags, 17:00 Uhr") is said of the card, like its price.
            top = j
            while j > 0 and i - attributes - j <= 2 and _schedule(line_at(j)):
                j -= 1
            reach = 2 + top - j
            # A size line under the name is the card's too ("BF-1620 Stainless Baffle Filter" / '16" x 20" x 2"').
            # A list item opens its card: its name, even with a middle dot in it ("- Terrace Club · pay annually").
            while j > 0 and i - attributes - j <= reach and (
                    (_DETAIL_LINE.search(line_at(j)) and not _list_item(line_at(j))) or (description(j) and (
                    name_like(line_at(j - 1), title=True) or _DETAIL_LINE.search(line_at(j - 1))
                    or _MEASURE_ONLY.fullmatch(line_at(j - 1).strip())))):
                j -= 1
            prev = lines[j]
            label = text[prev.start : prev.end]
            if name_like(label, title=True) and not PRICE.search(label):
                item = _item(label, price_m, line, span.start, prev.start, span.end, region)
                out += [item] if item else []
            continue
        # A title over a description whose last sentence, or the part after its colon, is the price ("Plan Sol
        # Tranquilo" / "Limpieza de paneles dos veces al año, revisión del inversor. 89 € al año.", "Settimana
        # Scialpinismo" / "Sei giornate con rientro ogni sera in hotel: € 1.290 a persona", "Tarif : 45 €."): the
        # title names it, not the description. A title over several priced lines heads a section ("Call-outs" /
        # "Standard call-out, first 30 minutes: £85" / "Each further 30 minutes: £35"): each line names its own.
        # Not "Label: price" under a section's heading ("Retouches et cérémonies" / "Ourlet de pantalon : 12 €"):
        # only a term and its description, two list lines, read the colon so.
        term_pair = i > 0 and _list_item(line) and _list_item(line_at(i - 1))
        closing = _CLOSING_SENTENCE.search(before) or (_CLOSING_COLON.search(before) if term_pair else None)
        alone = not (i + 1 < len(lines) and PRICE.search(line_at(i + 1)))
        if i > 0 and closing and alone and len(prices) == 1 and len(before[: closing.start()].split()) >= 4 \
                and not _strip_qualifiers(before[closing.end() :]) \
                and len(_strip_qualifiers(re.split(r"[,.;(]", after, maxsplit=1)[0]).split()) <= 3 \
                and title_at(i - 1) is not None:
            out += titled(i - 1, price_m, line, span)
            continue
        # A lead-in and a sentence that names what it prices ("Verstopftes WC oder Fallstrang: Eine Rohrreinigung
        # kostet bei uns pauschal 119 Euro"): the sentence reader takes that name, not the lead-in.
        if opening_product(after_lead_in(line.strip())):
            continue
        # French prices "at" a sum ("Menu du marché à 34 €"): the "à" is no part of the name.
        label = re.sub(r"\s+à$", "", _FROM_AT_END.sub("", before).rstrip(" -–—:·•"))
        # A fee for taking part, said as the price's label under a title ("Programa de voluntariado (4 semanas)" /
        # "Cuota de participación: $2,400 MXN"): the title names it. Alone on its line ("Registration fee" over
        # "S$50") the fee is the item.
        if _FEE_LABEL.fullmatch(label) and i > 0 and title_at(i - 1) is not None:
            out += titled(i - 1, price_m, line, span)
            continue
        # A short label and a short remark after the price ("Suite : dès 265 € la nuit, spa inclus pour deux"),
        # not a sentence that happens to hold a price. After a "Name: price" label, a sentence after the price's
        # own describes the item ("Naturalização: R$ 4.900,00. Inclui o acompanhamento até a decisão.", "AC Tune-up
        # — $129. Coil cleaning, refrigerant check …").
        remark_words = after.split()
        # A participle clause after a comma says what the item does, not a new statement ("… from around £14.85 a
        # month, paying out if illness or injury stops you working"): the remark ends at the comma.
        participle = re.search(r",\s(?:[a-z]+ing|including|incluyendo|incluindo|einschließlich|inclus|compris)\b",
                               after)
        if participle:
            remark_words = after[: participle.start()].split()
        if _FROM_AT_END.sub("", before).rstrip(" \u00a0").endswith((":", "—", "–", " -")):
            # ... or a clause after its own ("Gestion des salaires : Fr. 38.– par collaborateur et par mois, avec un
            # minimum de Fr. 95.– par mois.").
            remark_words = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])|[,;]\s", after, maxsplit=1)[0].split()
        # A name, a dash or a colon and what the item includes, then its price ("Pacchetto Famiglia – revisione
        # annuale e assistenza sinistri per tutto il nucleo 19 € al mese", "Family pass: two adults and up to three
        # children, £45"): the name is the head.
        label = _dashed_name(label) or label
        # A detail, a middle dot and the price, under a name of its own ("Nómina Micro" / "Hasta 5 empleados · COP
        # 29.900/mes", "Mittagsmenü" / "Tagessuppe und Hauptspeise · € 13,90"): the line above names it, unless
        # the next line has the same shape (a list of "Name · price" rows under a section's heading).
        # A remark after the price may run on after a comma ("· €140 per person, lunch included").
        if re.search(r"\s[·•]\s*$", _FROM_AT_END.sub("", before)) and i > 0 and title_at(i - 1) is not None \
                and len(re.split(r"[,;]\s", after, maxsplit=1)[0].split()) <= 3 \
                and not (i + 1 < len(lines) and prices_at[i + 1] and re.search(r"\s[·•]\s", line_at(i + 1))):
            out += titled(i - 1, price_m, line, span)
            continue
        # A card's description that gives the price after a comma or a dash, with a remark after it, under the
        # card's title ("Wertgutschein" / "Betrag frei wählbar, ab € 20 – einlösbar für Zimmer …", "Auszeit für zwei"
        # / "2 Nächte im Doppelzimmer … – € 398,– für zwei Personen."): the title names it.
        # The description reads as one: lower-case words ("frei wählbar", "mit Halbpension"), not "Heating Tune-up —".
        priced_after = re.search(r"\S\s*(?:,|\s[–—-])\s*$", _FROM_AT_END.sub("", before))
        lower_words = [w for w in re.findall(r"\b[a-zà-ÿß][\w-]*", before) if w not in _NAME_JOINERS]
        if priced_after and len(prices) == 1 and len(lower_words) >= 2 and not _list_item(line) and i > 0 \
                and title_at(i - 1) is not None and len(line_at(i - 1).split()) <= 5 \
                and not (i + 1 < len(lines) and prices_at[i + 1] and not prices_at[i + 1][0].start()):
            out += titled(i - 1, price_m, line, span)
            continue
        # A price's own label ("Valor: COP 690.000, pago único") names nothing.
        if PRICE_LABEL.fullmatch(label.strip()):
            continue
        # A card's line may go on with a description of its own after the price ("Morskie Oko 180 zł/os. Ok. 8
        # godzin, trasa łatwa, zbiórka o 6:30 …"): with a short name before the price, the remark ends with its
        # first sentence.
        label_words = label.lower().split()
        if len(remark_words) > 10 and label_words and len(label_words) <= 8 and not (
                label_words[0] in _ARTICLES or label_words[-1] in _COPULAS | _LINKS
                or _PRONOUNS.intersection(label_words)):
            remark_words = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", after, maxsplit=1)[0].split()
        if label and name_like(label) and len(remark_words) <= 10:
            lead = len(before) - len(before.lstrip())
            item = _item(label, price_m, line, span.start, span.start + lead, span.end, region)
            out += [item] if item else []
            continue
        # A name, a colon and one sentence that prices it ("Zusatzplatz: Jede weitere Behandler:in kostet 15 € pro
        # Monat.", "Extra seat: each further therapist costs €15 a month.").
        head = _NAMED_SENTENCE.match(line)
        if head and name_like(head.group(1)) and head.group(1).lower() not in _NOTE_WORDS and len(prices) == 1 \
                and len(line.split()) <= 24 and _COSTS_VERB.search(line):
            lead = len(line) - len(line.lstrip())
            item = _item(head.group(1), price_m, line, span.start, span.start + lead, span.end, region)
            out += [item] if item else []
    _name_repeated_rows(out, table_rows)
    return out + _other_period_prices(out, text, region)


# A label that opens with an article or ends with "is" or "costs" is a sentence's subject ("Le petit-déjeuner est à
# 16 €. Il est servi …"), no card's name.
_ARTICLES = frozenset("the a an le la les l un une el los las il lo gli i der die das ein eine de het een o os "
                      "as".split())
# ... or that names its speaker or ends on a preposition ("Pro Auftrag verrechnen wir eine Pauschale von € 65"): a
# sentence that holds a price.
_PRONOUNS = frozenset("we you they wir sie ihr ich nous vous je nosotros yo noi io wij jij ik vi jag ni jeg my".split())
_LINKS = frozenset("of for from at von für ab de du des pour à por para desde di da per van voor för från af fra od z "
                   "do za".split())
_COPULAS = frozenset("is are costs cost est coûte ist kostet es cuesta è costa é custa är kostar er koster jest "
                     "kosztuje kosztują kost kosten".split())


# A second price for another period right after the first ("Solo 49 € / Monat oder 490 € / Jahr", "$12 a month or
# $120 a year"): the same offer, billed otherwise; research keeps it beside the first (nodes._merge_products).
# The second may open the next line, as on a plan card ("49 € / Monat" / "oder 490 € / Jahr").
_OR_ANOTHER = re.compile(r"[^.;!?\d\n]{0,20}?\s(?:oder|or|ou|o|of|ó|bzw\.)\s+"
                         r"|[^\S\n]*\n\s*(?i:oder|or|ou|o|of|ó|bzw\.)\s+")


def _name_repeated_rows(out: list[PriceItem], rows: list[tuple[int, str | None]]) -> None:
    """Rows of one table that share a name ("| Massage | 30 min | 55 € |", "| Massage | 60 min | 95 € |") are
    different offers: each is named by its row and the cell before its price ("Massage (60 min)"), as a priced
    column names its item. Renamed in place."""
    names = [out[k].name for k, _ in rows]
    for (k, between), name in zip(rows, names, strict=True):
        told_apart = {b for (_, b), n in zip(rows, names, strict=True) if n == name}
        if names.count(name) > 1 and between and len(told_apart) > 1:
            out[k] = replace(out[k], name=f"{name} ({between})")


def _other_period_prices(items: list[PriceItem], text: str, region: str | None) -> list[PriceItem]:
    out = []
    for item in items:
        at = text.find(item.price_text, item.span.start, item.span.end)
        first = PRICE.search(text, at, item.span.end) if at != -1 else None
        alternative = _OR_ANOTHER.match(text, first.end()) if first else None
        second = PRICE.match(text, alternative.end()) if alternative else None
        end = text.find("\n", second.end()) if second else -1
        parsed = parse_price(second.group(0), text[second.start() : end if end != -1 else len(text)], region) \
            if second else None
        if second and parsed and parsed.period != item.parsed.period and parsed.currency == item.parsed.currency:
            out.append(PriceItem(item.name, second.group(0), parsed, Span(item.span.start, max(item.span.end, end))))
    return out

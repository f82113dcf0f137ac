"""Rule detectors, one per finding class of ``core.vocabulary``, each returning findings with a severity,
the offending span and a suggested fix.

The rules are general (written from trade knowledge, not from the labelled posts): term families for
guarantees, health effects, superlatives, sponsorship cues and profanity in English, Spanish and German;
``phonenumbers`` for phone numbers; ``price_parser`` for prices; and every number, price, superlative and
award in a post is checked against the brand's own page quotes (``ReviewContext.evidence``)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import phonenumbers
from price_parser import Price

from agents.legal.context import ReviewContext
from agents.research.rules import LEGAL_FORMS, PRICE
from core.contracts.campaign import POST_CHAR_LIMITS
from core.vocabulary import place_names

if TYPE_CHECKING:
    from agents.embeddings import Embedder

SEVERITY = {
    "financial_guarantee": "high", "health_claim": "high", "personal_data": "high",
    "missing_disclosure": "high", "competitor_disparagement": "medium", "unsupported_claim": "medium",
    "unsupported_superlative": "medium", "banned_term": "medium", "length": "low",
}  # fmt: skip

FIXES = {
    "financial_guarantee": "Drop the promise of savings, returns or payback; state what the page says, hedged.",
    "health_claim": "Remove the health or treatment effect; describe the product, not a medical outcome.",
    "unsupported_superlative": "Drop the superlative or quote the page that supports it.",
    "missing_disclosure": "Add a clear disclosure (#ad / Paid partnership / #publicidad) at the start.",
    "personal_data": "Remove the private person's name or their personal details (or get written consent).",
    "competitor_disparagement": "Remove the jab at competitors; compare on facts, fairly.",
    "unsupported_claim": "Use the figure or wording from the brand's page, or remove the claim.",
    "banned_term": "Remove the profanity.",
    "length": "Shorten the post to the channel's limit.",
}


@dataclass(frozen=True)
class Finding:
    cls: str
    span: str
    score: float  # detector confidence in [0, 1], the input of calibration
    severity: str = ""
    fix: str = ""
    detail: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", self.severity or SEVERITY[self.cls])
        object.__setattr__(self, "fix", self.fix or FIXES[self.cls])

    def as_dict(self) -> dict[str, object]:
        return {
            "class": self.cls,
            "severity": self.severity,
            "span": self.span,
            "suggested_fix": self.fix,
            "score": self.score,
            "detail": self.detail,
        }


# A sentence ends at . ! ? followed by a space or the end, so "1,200.00" and "5.30pm" stay whole.
# "No. 1", "Nr. 1" and Italian "n. 1" are a rank, not a sentence's end ("Melbourne's No. 1 property manager").
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<![Nn][or]\.)(?<![\s(][Nn]\.)\s+"
                           r"|(?:(?<=[Nn][or]\.)|(?<=[\s(][Nn]\.))\s+(?=[^\d\s])|\n+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _rx(*words: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w@#])(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def _low(text: str) -> str:
    return text.lower()


# ---------------------------------------------------------------------------------------------- length
def length(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    limit = POST_CHAR_LIMITS.get(channel)
    if limit is not None and len(text) > limit:
        return [Finding("length", text, 1.0, detail=f"{len(text)} characters > {limit} for {channel}")]
    return []


# ------------------------------------------------------------------------------------------ banned_term
# Common profanity in English (with Irish "feck"), Spanish and German, whole words only ("assess", "Scunthorpe"
# are safe).
_PROFANITY = _rx(
    r"f+u+c+k\w*",
    r"shit\w*",
    r"crap+y?",
    r"damn\w*",
    r"bloody",
    r"bollocks",
    r"bullshit",
    r"arse\w*",
    r"ass(?:hole)?s?",
    r"bastards?",
    r"bitch\w*",
    r"piss\w*",
    r"wank\w*",
    r"dick(?:head)?s?",
    r"hell",
    r"feck(?:s|ed|er|ing|in['’]?)?",
    r"joder",
    r"mierda",
    r"coñ[oa]",
    r"cabr[oó]n\w*",
    r"gilipollas",
    r"hostia",
    r"put[ao]s?",
    r"putada\w*",
    r"pute(?:ar|ada|ando)\w*",
    r"scheiße",
    r"scheiß\w*",
    r"scheiss\w*",  # Swiss spelling has no ß ("Scheissknie")
    r"verdammt",
    r"arsch\w*",
    r"oasch\w*",  # Austrian and Bavarian "Arsch" ("so a Oasch")
    r"beschissen\w*",
    r"wichser\w*",
    r"hurensohn\w*",
    r"(?:voll)?trottel\w*",
    r"vollpfosten",
    r"depp(?:en|erte?)?",
    # Insults count as banned terms too.
    r"idiot(?:s|en)?",
    r"morons?",
    r"merde",
    r"putain",
    r"connard\w*",
    r"bordel",
    # Censored spellings are the same words ("f*ck", "sh*t", "b*tch", "a$$"), and so are their initialisms.
    r"f[*#@]+c?k\w*",
    r"f\*{2,}\w*",
    r"sh[*#@]+t\w*",
    r"s\*{2,}t",
    r"b[*#@]+tch\w*",
    r"a[*$]{2}(?:hole)?",
    r"wtf",
    r"ffs",
    r"stfu",
    r"imbeciles?",
    # Latin-American Spanish, Portuguese and Italian.
    r"pendej\w+",
    r"bolud[oa]s?",  # Rioplatense
    r"we[oó]n(?:es|a|as)?",  # Chilean
    r"hue[vb][oó]n\w*",
    # Colombian and Venezuelan slang, a slur even as an interjection ("Marica, se agotó …").
    r"maric(?:a|as|o|os|ón|ones)",
    r"malparid[oa]s?",
    r"hijueputa\w*",
    # German "Mist" as a verdict ("ist einfach Mist", "so ein Mist"), not the English word for fog.
    r"(?:ist|sind|war|so ein|echter|totaler|einfach|großer|nur) mist",
    r"pelotud[oa]s?",
    r"ching(?:a\w*|ar|ón|ona)",
    r"pinche\w*",
    r"verga",
    r"culer[oa]s?",
    r"carajo",
    r"idiotas?",
    r"imb[eé]cil\w*",
    r"est[uú]pid[oa]s?",
    r"porra",
    r"caralho",
    r"merda",
    r"foda(?:-se)?",
    r"cazzo",
    r"che palle", r"(?:mi|ci|ti|vi|gli) (?:rompe|rompono|fa|fanno) (?:girare )?(?:le )?palle",
    r"vaffanculo",
    r"stronz\w*",
    r"cialtron[ei]",
    r"cretin[oaie]",
    r"crétin\w*",
    r"coglion\w+",
    # Dutch.
    r"(?:god)?verdomme",
    r"kut",
    r"klote\w*",
    r"klootzak\w*",
    r"sukkel\w*",
    r"idioot",
    r"debiel\w*",
    r"tering\w*",
    r"lul(?:len)?",
    # Compound insults and British and Italian mild profanity.
    r"(?:dumb|jack|smart)ass\w*",
    r"bugger\w*",
    r"sod(?:ding)?(?= (?:off|that|it|this|all|the lot)\b)",
    r"cazzat\w+",
    r"cagat[ae]",
    # Spanish "qué cagada" and the Flemish oath "miljaar(de)" (not "miljard", a billion).
    r"cagad[ao]s?",
    r"miljaar(?:de)?",
    r"coglion\w+",
    r"minchia",
    # "una scusa del cavolo", "col cavolo": a mild curse; "un cavolo" alone is a cabbage.
    r"(?:del|col|che) cavolo",
    # Mild Italian oaths ("Porca miseria, che giornata!"), not "porca" alone (a sow, or pork on a menu).
    r"porc[ao] (?:miseria|vacca|puttana|zozza|giuda|boia|cane)",
    # Québec French.
    r"tabarn(?:ak|ac|ouche)",
    r"c[âa]liss(?:e|ses)?",
    r"criss(?:e)?",
    r"osti(?:e)?",
)


# Words a censored spelling may hide, letter for masked letter ("bl**dy", "P*tain", "m*erda").
_MASKABLE = ("fuck", "fucking", "shit", "shitty", "bloody", "bitch", "damn", "crap", "arse", "piss", "bastard",
             "bollocks", "wanker", "dick", "putain", "merde", "connard", "bordel", "puta", "mierda", "joder", "cabron",
             "cabrón", "coño", "pendejo", "scheiße", "scheisse", "arschloch", "verdammt", "cazzo", "verdomme",
             "klote")  # fmt: skip
# A letter first: "*is*" emphasis, "#rap" hashtags and "@handles" are no masked words.
_MASKED = re.compile(r"(?<![\w@#*])[^\W\d_]+[*#@$]+[^\W\d_]*(?:[*#@$]+[^\W\d_]*)*(?![\w*])")


def _masked_profanity(text: str) -> str | None:
    for m in _MASKED.finditer(text):
        token = m.group(0)
        if len(token) < 3:  # _MASKED starts every token with a letter
            continue
        shape = "".join("[^\\W\\d_]" if c in "*#@$" else re.escape(c.lower()) for c in token)
        if any(re.fullmatch(shape, word) for word in _MASKABLE):
            return token
    return None


# A capitalised word after a preposition or article is a place or a name ("pour Bitche", "to the Wankdorf").
_PLACE_BEFORE = re.compile(r"(?:\b(?:to|in|at|from|for|near|the|pour|à|de|en|vers|nach|bei|im|a|para|desde|naar|"
                           r"uit|per|da|di|mr|mrs|ms|miss|dr|prof|herr|frau|mme|sr|sra)\.?\s+)$", re.IGNORECASE)


def _is_place(text: str, m: re.Match[str]) -> bool:
    start = m.start()
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        start -= 1
    # Capitalised and owning something ("Arsenault's class"): a name, whatever precedes it.
    possessive = re.match(r"\w*['’]s\b", text[m.start() :])
    return text[start : start + 1].isupper() and bool(_PLACE_BEFORE.search(text[:start]) or possessive)


def banned_term(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    m = next((x for x in _PROFANITY.finditer(text) if not _is_place(text, x)), None)
    if not m:
        masked = _masked_profanity(text)
        return [Finding("banned_term", masked, 0.9)] if masked else []
    span = m.group(0)
    # "hell" alone is mild and often idiomatic; it counts only next to another intensifier ("bloody hell").
    if span.lower() == "hell" and not re.search(r"(bloody|holy|what the)\s+hell", text, re.IGNORECASE):
        rest = [x for x in _PROFANITY.finditer(text) if x.group(0).lower() != "hell" and not _is_place(text, x)]
        if not rest:
            return []
        span = rest[0].group(0)
    return [Finding("banned_term", span, 0.95)]


# ----------------------------------------------------------------------------------- financial_guarantee
# "Without risk" in the seven languages; each is also a guarantee.
_WITHOUT_RISK = (r"risk[- ]free", r"zero[- ]risk", r"sin riesgo", r"cero riesgo", r"risikofrei", r"sans risque",
                 r"zonder risico", r"risicoloos", r"(?:a )?rischio zero", r"senza rischi?", r"sem risco", r"risco zero")
_GUARANTEE = _rx(
    *_WITHOUT_RISK,
    r"guarantee[ds]?",
    r"guaranteeing",
    r"no[- ]risk",
    r"garantizad[oa]s?",
    r"garantiz\w+",
    r"garantiert",
    r"garantier(?:en|e|st)\b",
    # Not the noun "garantie" alone: in French and Dutch it is also a product's warranty ("2 ans de garantie").
    r"garanti(?:s|es)?",
    # The French verb in person ("nous vous garantissons", "ils garantissent").
    r"garantiss\w+",
    r"c['’]est garanti",
    r"gegarandeerd",
    r"garande(?:er|ert|ren)",
    # A guaranteed rate or return, one word in Dutch and German ("rentegarantie", "Zinsgarantie").
    r"\w*(?:rente|zins|rendements?)garantie",
    r"garantie de (?:taux|rendement|revenu)",
    r"garant[íi]a de (?:rentabilidad|inter[ée]s|tipo)",
    r"beloofd",
    r"(?:we|wij|ik) beloven",
    # Promises of certainty without the word "guarantee".
    r"(?:we|i) promise",
    r"(?:that's|it's|this is) a promise",
    r"promised",
    r"(?:certain|sure|bound) to",
    r"(?:practically |virtually |all but )?assured",
    r"without fail",
    r"(?:you )?can(?:no|')t lose",
    r"no ifs,? (?:and |or )?(?:no )?buts",
    r"100\s?% (?:sure|certain)",
    r"te lo (?:aseguro|aseguramos|prometo|prometemos)",
    r"asegurad[oa]s?",
    r"sin falta",
    # "For sure" said as a promise, in the other languages ("sí o sí", "à coup sûr", "com certeza", "auf jeden
    # Fall", "zeker weten", "senza dubbio"): a guarantee when a money outcome is near (see financial_guarantee).
    r"s[íi] o s[íi]",
    r"à coup sûr",
    r"sans aucun doute",
    r"com certeza",
    r"de certeza",
    r"sem dúvida",
    r"sin (?:ninguna )?duda",
    r"auf jeden fall",
    r"ganz sicher",
    r"zeker weten",
    r"senza (?:alcun )?dubbio",
    r"di sicuro",
    r"seguro que",
    r", seguro",
    r"versprochen",
    r"every (?:single )?time",
    r"(?:whatever|no matter what) the markets? (?:do|does|brings?)",
    r"regardless of (?:the |what the )?markets?",
    # The same result promised to the reader ("… 9% a year. Follow the plan and yours will do the same.").
    r"yours (?:will|'ll|’ll) (?:do|be|grow) (?:the same|too|as well)",
    r"(?:te|le|les|os) asegur(?:o|amos)",
    r"(?:we'll|we will) make sure of it",
    r"stake (?:our|my) (?:name|reputation)",
    r"no exceptions",
    r"s[ií] o s[ií]",
    # Italian.
    r"garantit[oaie]",
    r"(?:ve lo|te lo) (?:garantiamo|assicuriamo|promettiamo)",
    # Portuguese.
    r"garantid[oa]s?",
    r"garantimos",
    r"prometemos",
    # The result promised in Italian ("il risultato è assicurato"); "assicurato" alone is also "insured".
    r"(?:risultato|rimborso|risparmio|guadagno) (?:è )?(?:assicurato|certo)",
)
# Without risk: said of a purchase, a promise about the money paid ("now just $690 and completely risk-free").
_RISK_FREE = _rx(*_WITHOUT_RISK, r"ohne risiko")
_MONEY_OUTCOME = _rx(
    r"save\w*",
    # A case won: the result a client pays a lawyer for ("te aseguramos que vas a ganar tu juicio").
    r"win(?:ning)? (?:your|the|their|every) (?:case|claim|appeal|lawsuit|dispute)s?",
    r"ganar(?:ás)? (?:tu|su|el|cada) (?:juicio|caso|reclamo|pleito)",
    r"ganhar (?:o |a )?(?:seu |sua |teu |tua )?(?:processo|causa|a[çc][ãa]o)",
    r"gagner (?:votre|ton|le|chaque) (?:procès|dossier|affaire)",
    r"vincere (?:la|il|ogni) (?:causa|processo|ricorso)",
    r"(?:den|Ihren|deinen|jeden) (?:Prozess|Rechtsstreit|Fall) gewinn\w*",
    r"(?:de|uw|je|elke) (?:zaak|rechtszaak) (?:te )?win\w*",
    r"saving\w*",
    r"money\w*",
    r"return\w*",
    r"roi",
    r"profit\w*",
    r"earn\w*",
    r"raise",
    r"income",
    r"invest\w*",
    r"pay(?:s)? (?:you )?back",
    r"(?:pays?|paid|paying) for (?:it|them)sel\w+",
    # Credit granted: a loan or a mortgage approved whatever the applicant's history is a money outcome too.
    r"approv(?:al|ed)",
    r"aprobaci[oó]n",
    r"aprovaçã?o",
    r"kreditzusage",
    r"goedkeuring",
    r"accord de (?:prêt|crédit|financement)",
    r"refund\w*",
    r"cut in",
    r"fortune",
    r"budget",
    r"costs?",
    r"tax(?:es)?",
    r"salary",
    r"salaries",
    r"pay rise",
    r"wages?",
    r"better off",
    r"out of pocket",
    r"pay less",
    r"(?:pounds|dollars|euros|bucks|quid|a cent|a penny)",
    r"dinero",
    r"(?:no )?pag(?:as|áis|ais|an|ar|ues|uéis)",
    r"sueldo",
    r"salario",
    r"impuestos",
    r"recuper\w+",
    r"bills?",
    r"spending",
    r"spends? less",
    r"(?:your|their|annual|monthly|total|cut) (?:[\w'’]+ ){0,3}spend",
    r"higher[- ]paying",
    r"better[- ]paid",
    r"pocket",
    r"rentabilidad",
    r"ahorr\w+",
    r"ganancia\w*",
    r"beneficio\w*",
    r"revaloriz\w+",
    r"sparen",
    r"spar(?:t|st)",
    r"steuer\w*",
    r"finanzamt",
    r"zurück(?:erstatt|bekomm|gezahlt|zahl)\w*",
    r"\w*beitrag\w* zurück",
    r"rendite",
    r"économis\w+",
    r"économie\w*",
    r"argent",
    r"gagn\w+",
    r"rentab\w+",
    r"impôts?",
    r"rembours\w+",
    r"geld",
    r"verdien\w+",
    r"bespa(?:ar|ren|art|ring)\w*",
    r"valdr[aá] m[aá]s",
    r"gan(?:a|an|ar[aá]n?) valor",
    r"gains? (?:in )?value",
    r"worth more",
    r"rendement",
    r"retire\w*",
    r"pensions?",
    r"nest egg",
    r"annuit\w+",
    r"winst",
    r"belasting\w*",
    r"inkomen",
    r"[$€£]\s?\d",
    # The sign after the figure ("3.000 € im Jahr", "500 € par an").
    r"\d[\d.,]*\s?[€£$]",
    r"\d+\s?%",
    r"payouts?",
    r"compensation",
    r"schadevergoeding",
    r"indemnizaci[oó]n",
    r"huuropbrengst\w*",
    r"maandlast\w*",
    r"pensioen\w*",
    r"huurinkomsten",
    r"rent(?:al)? income",
    # A refund, a percentage said in words, running costs, a deposit back, or nothing to pay if it fails, in the
    # vocabulary's languages ("sonst erstatten wir die Differenz", "um 40 Prozent", "Energiekosten", "uw waarborg
    # terug", "anders betaalt u ons niets").
    r"erstatt\w*",
    r"\d+\s?(?:prozent|procent|por ciento|pour cent|per cento|por cento|percent|per cent)",
    r"\w+kosten",
    r"(?:huur)?waarborg|kaution|deposit|fianza|caução|cauzione|dépôt de garantie",
    r"(?:betaalt u|betaal je|zahlen Sie|zahlst du|you pay|vous ne (?:nous )?payez|no (?:nos )?pagas|não (?:nos )?paga|"
    r"non (?:ci )?paghi) (?:ons |uns |us )?(?:niets|nichts|nothing|rien|nada|nulla|niente)",
    # Portuguese.
    r"dinheiro",
    r"poupa\w*",
    r"lucros?",
    r"rendimentos?",
    r"reembols\w+",
    r"impostos",
    # Italian.
    r"risarciment\w+",
    r"indennizz\w+",
    r"indennità",
    r"mensilità",
    r"rimbors\w+",
    r"guadagn\w+",
    r"rendiment\w+",
    r"risparmi\w*",
    r"soldi",
    r"denaro",
    r"stipendi\w*",
    r"tasse",
    # Paid back, in the seven languages ("lo tienes amortizado en 3 años", "amortisé en cinq ans").
    r"amorti[sz]\w*",
    r"ammortizz\w*",
    r"terugverdien\w*",
)
# Payback promised outright, with or without the word "guarantee".
_PAYBACK = _rx(
    r"(?:pays?|paid) for (?:it|them)sel(?:f|ves)(?: within [\w ]+)?",
    r"pays you back",
    r"money[- ]maker",
    r"double your money(?: back)?",
    r"se paga sol[oa]",
    r"(?:double|triple|boost) (?:your|their) (?:money|income|salary|earnings|savings|profits?|returns?)",
    r"never pay (?:\w+ ){0,4}again",
    r"(?:will |'ll )?never pay (?:a cent|a penny|anything|a euro|a pound|a dollar) (?:of|in) (?:\w+ )?tax",
    r"(?:we'll|we will|will) (?:cut|reduce|lower|slash|halve) your (?:[\w-]+ ){0,3}(?:tax|taxes|bills?|costs?) by",
    r"(?:best|lowest|meilleur|mejor) (?:price|prix|precio)s? (?:garanti\w*|guarantee\w*|garantizad\w*)",
    r"recuper(?:as|a|an|ar[aá]s) (?:lo que (?:pagas|pagaste|inviertes)|tu dinero|la inversi[oó]n)",
    # The brand covering a shortfall itself ("we pay the difference", "dan betalen wij de huur zelf").
    r"we(?:['’]ll| will)? pay (?:you )?the difference",
    r"(?:betalen wij|wij betalen) (?:u |je )?(?:het verschil|de huur zelf)",
    r"(?:zahlen wir|wir zahlen) (?:ihnen |dir )?die differenz",
)
# A money-back promise ("or your money back", "satisfait ou remboursé"): a guarantee unless the brand's own
# pages offer one (fixtures/blind/README.md: a refund policy stated on the site is not a violation).
_MONEY_BACK = _rx(
    r"(?:or )?(?:your|their) money back",
    r"money[- ]back",
    r"full refund",
    r"satisfaits? ou rembours[ée]s?",
    r"(?:on )?vous rembourse",
    r"geld[- ]zurück",
    r"geld[- ]terug(?:garantie)?",
    r"(?:le |te |les )?devolvemos (?:tu |el |su )?dinero",
    r"(?:garant[ií]a de )?devoluci[oó]n (?:del|de tu) dinero",
    r"devolvemos (?:o |os |a |as |seu |seus |sua |suas |o seu |os seus |a sua )?"
    r"(?:dinheiro|honorários|valor|pagamento)",
    r"(?:ti |vi )?(?:rimborsiamo|restituiamo) (?:i |il |tutti i |l['’])?"
    r"(?:soldi|denaro|costo|importo|compenso|onorario|parcella)",
    # Paid back twice over ("devolvemos seus honorários em dobro", "te devolvemos el doble").
    r"(?:devolv|reembols|rimbors|restitu|rembours|erstatt|zurück|refund|terug)\w*\b[^.!?]{0,40}?\b(?:em dobro|el doble|"
    r"il doppio|le double|das doppelte|dubbel|double)\b",
    r"double your money back",
)
# The site's own offer: a money-back promise, or a refund on a condition ("refunded if", "refund within 30 days");
# "non-refundable" is none.
_REFUND_POLICY = re.compile(r"(?<!non-)(?<!non )\b(?:refund(?:ed)?|rembours[ée]s?|reembols\w*|terugbetaald) "
                            r"(?:if|when|within|si|en|dans|als|binnen)\b"
                            r"|satisfaction guarantee"
                            # "we'll refund the fee in full": a refund condition stated on the brand's pages.
                            r"|\brefund (?:the|your) (?:\w+ )?(?:fee|price|cost|payment|money) in full|"
                            r"\brefund(?:ed)? in full", re.IGNORECASE)


_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}|\d[\d.,%]*")
# Words too common to show two sentences say the same thing.
_FILLER = frozenset("""your will with that this have from they their them what when more into over than been were also
    just only every year years make made sure here there which would could should about after before""".split())


@functools.lru_cache(maxsize=64)
def _site_sentence_words(evidence: str) -> tuple[tuple[frozenset[str], bool], ...]:
    """Per sentence of the brand's pages: its content words, and whether it holds a guarantee word. Read once per
    brand, not once per post."""
    return tuple((frozenset(w.lower() for w in _CONTENT_WORD.findall(x)), bool(_GUARANTEE.search(x)))
                 for x in sentences(evidence))


def _guarantee_on_site(sentence: str, ctx: ReviewContext) -> bool:
    """The brand's pages give the same guarantee: a sentence of theirs with a guarantee word shares at least two
    content words with the post's ("we guarantee we'll file before the deadline" / "to guarantee that we file
    before the deadline")."""
    # The brand's own name is in many of its sentences: it shows nothing about what is promised.
    words = {w.lower() for w in _CONTENT_WORD.findall(sentence)} - _FILLER - {
        m.group(0).lower() for m in _GUARANTEE.finditer(sentence)} - {
        w.lower() for w in _CONTENT_WORD.findall(ctx.brand_name)}
    figures = {w for w in words if w[0].isdigit()}
    # Most of what the post promises must be in that sentence, not two words of a long post. A page sentence with
    # a guarantee word needs two shared words; one that states the same commitment in other words ("Enterprise
    # plans include a 99.9% uptime SLA with service credits") needs four. The promised figure must be the page's.
    need = 0.4 * len(words)
    return any(figures <= theirs and len(words & theirs) >= max(2 if guarantee else 4, need)
               for theirs, guarantee in _site_sentence_words(ctx.evidence))


# A warranty on goods or work ("a 10-year manufacturer's guarantee", "guaranteed for 12 months", "garantie 2 ans
# pièces et main-d'œuvre") promises a repair, not money.
_WARRANTY = _rx(
    r"\d+[- ](?:year|yr|month)s?(?:['’]s?)? (?:\w+['’]s )?(?:manufacturer['’]s )?(?:guarantee|warranty)",
    r"manufacturer['’]s (?:guarantee|warranty)",
    r"(?:parts|labour|labor|workmanship)(?: and (?:labour|labor|parts))? (?:guarantee|warranty)",
    r"guaranteed for \d+ (?:years?|months?)",
    r"garantie (?:de )?\d+ ans",
    r"garant[íi]a de \d+ (?:años|meses)",
    r"\d+ jahre garantie",
    r"\d+ jaar garantie",
)


# A guarantee refused, not given: "Wij geven geen garanties over rendement", "we can't guarantee returns".
_NO_GUARANTEE = _rx(
    r"(?:no|not|never|geen|nooit|keine?n?|nicht|nie|aucune?|jamais|ninguna|nunca|nessuna|mai|non|nenhuma|não) "
    # Not "not only guaranteed": that gives the guarantee and more.
    r"(?!only |just |solo |sólo |nur |seulement |solamente |só |alleen )"
    r"(?:\w+ ){0,2}(?:guarantee\w*|garanti\w*|garanzi\w*|garant[íi]a\w*)",
    # French puts the verb inside its negation ("ne garantit pas", "n'est jamais garanti").
    r"ne (?:\w+ ){0,2}garanti\w* (?:pas|jamais|rien|aucun\w*)",
    r"n['’]\w+ (?:pas|jamais) garanti\w*",
    r"(?:can(?:no|['’])t|cannot|won['’]t|will not|don['’]t|do not) guarantee",
    r"(?:kunnen|mogen) (?:\w+ )?niet garanderen",
    # Nobody can ("No honest installer can guarantee that", "Nadie lo puede garantizar", "Niemand kann das
    # garantieren").
    r"(?:nobody|no one|no \w+|nadie|ningún \w+|niemand|kein \w+|personne|aucun \w+|nessuno|ninguém|nenhum \w+) "
    r"(?:\w+ ){0,2}(?:can|could|puede|podrá|kann|peut|pourra|può|pode|kan) (?:\w+ )?(?:guarantee|garantiz\w*|"
    r"garantier\w*|garanti[rs]\w*|garantir\w*|garanderen)",
    # A promise the brand declines to make ("Was wir Ihnen nicht versprechen: dass Sie garantiert …", "what we
    # don't promise", "ce que nous ne promettons pas"): the guarantee after it is a warning against guarantees.
    r"(?:nicht|not|never|don['’]t|do not|won['’]t|ne|no|non|não|niet|nie) (?:\w+ ){0,2}?(?:versprech\w*|promise\w*|"
    r"promet\w*|prometemos|prometo|beloven|beloof\w*)",
    # A warning against whoever makes the promise ("Méfiez-vous de quiconque vous garantit …", "Beware of anyone who
    # guarantees …", "Desconfía de quien te garantice …").
    r"(?:beware of|be wary of|be careful (?:of|with)|watch out for|méfiez[- ]vous d[e'’]|attention à|"
    r"desconf[ií]\w* de|cuidado con|vorsicht (?:bei|vor)|hüte[nt]? (?:dich|euch|sich|sie) vor|pas op (?:voor|met)|"
    r"wees op je hoede voor|diffida\w* d\w*|attenti a|cuidado com|desconfie d\w*) "
    r"(?:\w+ ){0,2}?(?:anyone|anybody|whoever|those who|any \w+ who|quiconque|ceux qui|celui qui|quien(?:es)?|"
    r"cualquiera que|jedem,? der|allen,? die|wer|iedereen die|wie|chiunque|chi|quem|qualquer \w+ que)\b",
    # Whoever promises it, as the subject ("Anyone promising you a guaranteed approval is selling something", "Wer
    # Ihnen Rendite garantiert, lügt").
    r"(?:anyone|anybody|whoever) (?:who |that )?(?:promis\w*|guarantee\w*)",
    r"quiconque (?:vous |te )?(?:promet|garantit)|quien(?:es)? (?:te |le |les )?(?:promet[ae]n?|garanti[cz]an?|"
    r"asegur[ae]n?)|wer (?:Ihnen |dir |euch )?(?:\w+ )?(?:verspricht|garantiert)|wie (?:je |u )?(?:\w+ )?(?:belooft|"
    r"garandeert)|chi(?:unque)? (?:ti |vi )?(?:promette|garantisce)|quem (?:te |lhe |vos )?(?:promete|garante)",
)


def _declined(sents: list[str], i: int) -> bool:
    """Sentence ``i`` declines a promise, or asks about one that the next two sentences decline ("Someone promised
    you a $0 power bill? Be careful. No honest installer can guarantee that"): a warning against the promise."""
    return bool(_NO_GUARANTEE.search(sents[i])) or (
        sents[i].rstrip().endswith("?") and any(_NO_GUARANTEE.search(x) for x in sents[i + 1 : i + 3]))


# A possible outcome, not a promised one ("Cycling could save you money", "kann helfen, Kosten zu senken", "peut
# réduire vos frais"): a modal before the verb, and no guarantee word in the sentence.
_HEDGED = _rx(
    r"(?:could|might|may|can|kann|könnte|können|kan|kunnen|zou|peut|pourrait|peuvent|puede|podría|pueden|può|"
    r"potrebbe|possono|pode|poderia|podem) (?:[\w,]+ ){0,4}?"
    r"(?:save|saves|cut|lower|reduce|spar\w*|senk\w*|besparen|verlagen|économis\w*|réduire|baisser|ahorr\w*|"
    r"reducir|bajar|risparmi\w*|ridurre|abbassare|economiz\w*|poupar|reduzir)",
)


def guarantee_withheld(sents: list[str], i: int) -> bool:
    """Sentence ``i`` gives no guarantee: it declines or warns against one, or only says what could happen."""
    return _declined(sents, i) or bool(_HEDGED.search(sents[i]) and not _GUARANTEE.search(sents[i]))


def financial_guarantee(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    out: list[Finding] = []
    sents = sentences(text)
    for i, s in enumerate(sents):
        g = _GUARANTEE.search(s)
        if g and _WARRANTY.search(s) and not _MONEY_BACK.search(s):
            continue
        if g and _declined(sents, i) and not _RISK_FREE.search(s):
            continue
        window = " ".join(sents[max(0, i - 1) : i + 2])
        if g and _MONEY_OUTCOME.search(window) and not _guarantee_on_site(s, ctx):
            out.append(Finding("financial_guarantee", s, 0.9))
        elif _PAYBACK.search(s):
            out.append(Finding("financial_guarantee", s, 0.8))
        elif _RISK_FREE.search(s) and PRICE.search(window) and not _guarantee_on_site(s, ctx):
            out.append(Finding("financial_guarantee", s, 0.8))
        elif _MONEY_BACK.search(s) and not (_MONEY_BACK.search(ctx.evidence) or _REFUND_POLICY.search(ctx.evidence)):
            out.append(Finding("financial_guarantee", s, 0.8))
    return out[:1]


# ------------------------------------------------------------------------------------------ health_claim
_HEALTH_EFFECT = _rx(
    r"cur(?:e|es|ed|ing)",
    # Cured, healed, treated, fought off, in the other six languages and their past forms ("sa sciatique est
    # guérie", "l'asma è guarita", "curó mi gastritis", "geheilt", "bekämpft Entzündungen").
    r"cur(?:ó|ou)",
    r"cicatriza\w*",
    r"guéri\w*",
    r"geheilt",
    r"verhindert",
    r"beseitigt",
    r"bekämpft",
    r"guarit[oaie]",
    r"guarisc\w+",
    r"tratta",
    r"sconfigg\w+",
    r"disparaî\w+",
    r"scompa(?:re|iono|rsa|rso)",
    r"heal\w*",
    r"treat(?:s|ed|ing)?",
    r"prevent\w*",
    r"fix(?:es|ed)?",
    r"clears?",
    r"fades?",
    # Not "your diabetes shouldn't stop you walking him": a condition that stops no one is no effect.
    r"(?<!n't )(?<!not )stops?",
    r"relieves?",
    r"lowers?",
    r"reduces?",
    r"rebalanc\w+",
    r"calms?",
    r"boosts?",
    r"protects?",
    r"reverses?",
    r"eliminates?",
    r"(?:are|is) gone",
    r"gone for good",
    # Less often, or gone, in the other languages ("deutlich seltener geworden", "è sparita").
    r"less (?:often|frequent)",
    r"(?:seltener|weniger) (?:geworden|werden|wird)",
    r"verschwunden",
    # Gone or over, with the complaint between ("sind meine Kopfschmerzen weg", "war der Schmerz vorbei").
    r"(?:ist|sind|war|waren) (?:[\w-]+ ){0,3}?(?:weg|vorbei)\b",
    r"(?:scompars|sparit)[oaie]",
    r"desaparecid[oa]s?|desapareci[óo]",
    r"disparue?s?",
    r"verdwenen",
    r"clos(?:es|ing) (?:up )?(?:the |your |a )?(?:gap|diastasis)",
    r"detox\w*",
    r"cura\w*",
    r"sana\w*",
    r"previene\w*",
    r"protege\w*",
    r"alivia\w*",
    r"reduce\w*",
    r"elimina\w*",
    r"ideal para",
    r"bueno para",
    r"buena para",
    r"mejora\w*",
    r"heilt",
    r"lindert",
    r"beugt",
    # Wider effect verbs and idioms: "keeps X at bay", "say goodbye to X", "X will be a thing of the past".
    r"repair(?:s|ed|ing)?",
    r"sooth(?:e|es|ed|ing)",
    r"eas(?:e|es|ed|ing)",
    r"fight(?:s|ing)?",
    r"kill(?:s|ed|ing)?",
    r"combat\w*",
    r"tackl(?:e|es|ing)",
    r"banish\w*",
    r"beat(?:s|ing)?",
    r"get rid of",
    r"gets? rid of",
    r"ward(?:s|ing)? off",
    r"keeps? (?:\w+ ){0,3}at bay",
    r"delay(?:s|ing)?",
    r"slows? down",
    r"restor(?:e|es|ing)",
    r"strengthen\w*",
    r"improv(?:e|es|ing)",
    r"flush(?:es|ing)? out",
    r"melts? away",
    r"lift(?:s|ing)?",
    r"no more",
    r"(?:a )?thing of the past",
    r"better than (?:\w+ )?(?:antidepressants|painkillers|medication|medicine|pills|drugs|therapy)",
    r"(?:clinically|scientifically|medically) proven",
    r"quita\w*",
    r"baja(?:n|r)? (?:el|la|los|las|tu|su|tus|sus)",
    r"combate\w*",
    r"fortalece\w*",
    r"evita\w*",
    r"adi[oó]s a",
    r"regula(?:n|tes?|ted|ting)?",
    r"senkt",
    r"hilft (?:\w+ )?(?:gegen|bei)",
    r"heilt",
    r"lindert",
    r"beugt",
    r"stärkt (?:das|dein|ihr|euer|ihr) immunsystem",
    r"verschwinde[nt]",
    r"lös(?:t|en)",
    r"(?:komplett|endlich|völlig|ganz|für immer) los\b",
    r"guérit",
    r"soigne(?:nt|r)?",
    r"soulage\w*",
    r"prévien(?:t|nent)",
    r"rédui(?:t|sent)",
    r"(?:fait )?dispara[iî]tre",
    r"renforc\w+",
    r"(?:was|were|is|are|it's|all|now|completely|totally|pretty much|practically|basically|almost|all but) gone",
    r"gone for good",
    r"cleared? up",
    r"never comes? back",
    r"(?:fix|fixes|fixed|treats?) the root cause",
    r"geneest",
    r"genezen",
    r"voorkomt",
    r"helpt (?:\w+ )?(?:tegen|bij)",
    r"werkt (?:tegen|bij)",
    r"verlicht",
    r"vermindert",
    r"bestrijdt",
    r"versterkt",
    r"verhelpt",
    r"zuivert",
    r"combat(?:tre|tent|te)",
    r"traite(?:nt)?",
    r"(?<!se )trata(?:m|n)?(?!-se)",
    # Italian.
    r"guarisc\w+",
    r"allevia\w*",
    r"rinforza\w*",
    r"protegge\w*",
    # Protects against, in German and Dutch ("schützen Ihre Mitarbeiter zuverlässig vor Infektionen").
    r"schütz(?:t|en) (?:\w+ ){0,3}vor",
    r"beschermt? (?:\w+ ){0,3}tegen",
    r"abbass\w+",
    r"tiene pulit\w+",
    r"fa(?:nno)? bene (?:al|alla|alle|ai|agli)",
    r"riduce\w*",
    r"combatte\w*",
    r"élimine\w*",
    r"protège\w*",
    # An outcome promised outright: "pain-free after your first visit", "symptom-free in a week".
    r"(?<=-)free (?:after|in|within|from)",
    r"resolv(?:e|es|ing)",
    r"erase\w*",
    r"shrinks?",
    r"disappears?",
    # Goes away, in Dutch and Italian ("verdwijnt voorgoed", "e passa tutto in una notte").
    r"verdwijnt",
    r"passa(?:no)? (?:tutto|subito|in \w+)",
    r"sparisc[eo]\w*",
    r"vanish(?:es)?",
    r"never (?:get|gets|catch|catches|suffer from|have|has)",
    r"depura\w*",
    r"acelera\w*",
    r"desaparece\w*",
    r"adelgaza\w*",
    # Credit for a condition: "done more for their arthritis than physio", "does wonders for eczema".
    r"(?:do|does|did|done|doing) (?:more|wonders|a lot|so much) for",
    # ... in the other languages ("fazem mais pela sua tensão arterial", "hace maravillas por tu espalda").
    r"faz(?:em)? (?:mais|maravilhas|milagres) pel[oa]s?",
    r"hace(?:n)? (?:más|maravillas|milagros) por",
    r"fa(?:nno)? (?:di )?(?:più|miracoli|meraviglie) per",
    r"f(?:ait|ont) (?:plus|des merveilles|des miracles) pour",
    r"tu(?:t|n) (?:mehr|wunder) für",
    r"doe(?:t|n) (?:meer|wonderen) voor",
    # Prevention in Spanish idiom: "para que no te pille un resfriado".
    r"(?:que )?no te pill\w+",
    # Proven effects and breathing freely again ("fördert nachweislich", "vous respirez à nouveau").
    r"nachweislich",
    r"wissenschaftlich (?:belegt|bewiesen)",
    r"klinisch (?:getestet|bewiesen|belegt)",
    r"(?:cliniquement|scientifiquement) prouvée?s?",
    r"(?:cl[ií]nicamente|cient[ií]ficamente) (?:probad|comprobad)[oa]s?",
    r"(?:respire[zs]?|respirer) (?:à nouveau|enfin|mieux)",
    r"breathe (?:again|freely|easier|easy again)",
    r"respir(?:a|as|an|ar) (?:de nuevo|mejor)",
    r"(?:faire|fait|font) baisser",
    # A condition that went away or stopped, in the five languages ("ont disparu", "have basically stopped",
    # "corrigen los juanetes", "buffs them away").
    r"stopped",
    r"cleared",
    r"revers(?:ed|ing)",
    r"correct(?:s|ed|ing)",
    r"corrig\w+",
    r"disparu\w*",
    r"verschwunden",
    r"scompars\w+",
    r"verdwenen",
    r"desaparecid\w+",
    r"(?:buff|scrub|wash|wipe|rub)s? (?:\w+ ){0,2}away",
    r"calm(?:s|ed)",
    r"vanished",
    r"disappear(?:ed|ing)",
    r"goodbye(?: to)?",
    r"addio(?: a(?:i|lle|gli|l)?)?",
    r"anti[- ]inflammator\w+",
    r"(?:don't|do not|doesn't|does not|won't|will not) (?:\w+ )?(?:get|suffer from|catch)",
    r"hilft",
    r"beruhigt",
    r"beugen",
    r"curad[oa]s?",
    # Dutch and Portuguese: the effect verbs of the languages above.
    r"helpt",
    r"verlaagt",
    r"beschermt",
    r"verbetert",
    r"bestrijdt",
    r"reduz\w*",
    r"previne\w*",
    r"baixa(?:m|r)? (?:o|a|os|as|a sua|o seu|a tua|o teu)",
    r"acaba(?:m|r)? (?:de vez |para sempre )?com",
    # Spanish: what ends, lowers or stops a condition ("acaba con el acné", "te baja la presión").
    r"acaba(?:n|r)? (?:de una vez |para siempre )?con",
    r"(?:te |le |les |nos )?baja(?:n|r)? (?:la|el|los|las|tu|su|tus|sus)",
    r"frena(?:n|r)?",
    r"adeus (?:à|ao|às|aos)",
    r"combat\w*",
    r"ajuda(?:m)? (?:a (?:prevenir|combater|tratar|aliviar|reduzir)|contra|com)",
    # Protected from a condition, and a condition that is over ("vos clients allergiques sont protégés : fini les
    # chocs anaphylactiques"), in the Romance languages.
    r"prot[eé]g\w*", r"protett\w*", r"fini(?:s)? les", r"plus jamais de", r"basta con", r"se acabaron",
    r"nunca más",
)
_CONDITION = _rx(
    r"legionel\w*|legionnaires['’]? disease|legionell\w*",
    r"diastas[ie]s?(?: recti)?",
    r"rektusdiastase",
    r"incontinen\w+",
    r"inkontinenz",
    r"bandscheibenvorfall",
    r"arterie",
    r"cuore",
    r"colesterolo",
    r"pressione",
    r"glicemia",
    r"diabete",
    r"insonnia",
    r"ansia",
    r"digestione",
    r"mal di (?:testa|schiena|stomaco)",
    r"raffreddor\w+",
    r"sistema immunitario",
    r"anxiety",
    r"depression",
    r"stress",
    r"insomnia",
    r"sleep",
    r"migraines?",
    r"headaches?",
    r"pain",
    r"bad back",
    r"back pain",
    r"acne",
    # Common conditions, each named in the seven languages where the lists above lacked it.
    r"asma",
    r"ciática",
    r"ischias",
    # Also a Dutch or German compound ("rughernia", "Bandscheibenhernie").
    r"\w*h[eé]rni[ae]s?",
    r"ernia",
    r"arthrite",
    r"diabète",
    r"schlaflosigkeit",
    r"emicrania",
    r"alergias?",
    r"eczéma",
    r"ekzem\w*",
    r"akne",
    r"celul(?:itis|ite)",
    r"ost[ée]oporos[ei]s?",
    r"hypertension",
    r"hipertens(?:ión|ão)",
    r"bluthochdruck",
    r"ipertensione",
    r"câncer",
    r"cancro",
    r"krebs",
    r"fibrom[iy]al\w+",
    r"defe(?:n)?sas (?:inmunitarias|imunitárias|imunológicas|del organismo)",
    r"abwehrkräfte",
    r"difese immunitarie",
    r"dor(?:es)? nas costas",
    r"influenza",
    r"infec(?:ciones|ções)",
    r"infektion\w*",
    r"infecties",
    r"infezion[ei]",
    r"ob[eé]si(?:dad|dade|té|tà)",
    r"overgewicht",
    r"estrés",
    r"estresse",
    r"varizes",
    r"krampfadern",
    r"spataderen",
    r"vene varicose",
    r"psoríase",
    r"psoriasi",
    r"ros[áa]cea",
    r"rosacée",
    r"rosazea",
    r"prisão de ventre",
    r"verstopfung",
    r"verstopping",
    r"stitichezza",
    r"ballonnements",
    r"blähungen",
    r"brûlures d['’]estomac",
    r"maagzuur",
    r"bruciore di stomaco",
    r"ménopause",
    r"wechseljahr\w*",
    r"menopauze",
    r"tdah",
    r"adh[sd]",
    r"herpes\w*",
    r"cold sores?",
    r"kidney stones?",
    r"nierenstein\w*",
    r"nierstenen",
    r"calculs? rénaux",
    r"c[aá]lculos? renales",
    r"calcoli renali",
    r"pedras? nos rins",
    r"scars?",
    r"rosacea",
    r"eczema",
    r"psoriasis",
    r"dermatitis",
    r"wrinkles",
    r"hormones?",
    r"cavities",
    r"decay",
    r"gums?",
    r"bad breath",
    r"gingivitis",
    r"cancer",
    r"diabetes",
    r"blood pressure",
    r"cholesterol",
    r"heart",
    r"arthritis",
    r"inflammation",
    r"infections?",
    r"colds?",
    r"flu",
    r"immune\w*",
    r"obesity",
    r"weight",
    r"disease\w*",
    r"illness\w*",
    r"asthma",
    r"allerg\w+",
    # Anaphylaxis and throat and neck complaints in the seven languages.
    r"anaphyla\w+", r"anafila\w+", r"anaphylakt\w+", r"sore throats?", r"stiff neck", r"mal di gola", r"torcicollo",
    r"mal de gorge", r"dolor de garganta", r"dor de garganta", r"halsschmerzen", r"keelpijn",
    r"jaw pain",
    r"fatigue",
    # An infant's colic and reflux, and ear infections, in the seven languages ("guérit les coliques du nourrisson").
    r"colic\w*", r"coliques?", r"c[oó]licos?", r"coliche", r"koliek\w*", r"kolike?n?", r"reflu(?:x|jo|xo)",
    r"otit\w+", r"ohrentzündung\w*", r"oorontsteking\w*",
    r"circulaci[oó]n",
    r"coraz[oó]n",
    r"infarto",
    r"ansiedad",
    r"depresi[oó]n",
    r"insomnio",
    r"dolor\w*",
    r"enfermedad\w*",
    r"colesterol",
    r"tensi[oó]n",
    r"digesti[oó]n",
    r"schmerzen",
    r"krankheit\w*",
    r"flare[- ]ups?",
    r"itch\w*",
    r"cellulite",
    r"toxins?",
    r"dementia",
    r"alzheimer\W?s?",
    r"alzh[eé]imer",
    r"demencia",
    r"démence",
    r"demenza",
    r"demência",
    r"dementie",
    r"demenz",
    r"stroke",
    r"low mood",
    r"mood disorders?",
    r"breakouts?",
    r"bacteria",
    r"sensitive teeth",
    r"tooth decay",
    r"recession",
    r"hair loss",
    r"ca[ií]da del (?:pelo|cabello)",
    r"calvicie",
    r"alopecia",
    r"haarausfall",
    r"chute (?:des|de) cheveux",
    r"caduta dei capelli",
    r"queda de cabelo",
    r"haaruitval",
    r"presi[oó]n(?: arterial)?",
    r"joint pain",
    r"bloating",
    r"ibs",
    r"reflux",
    r"osteoporosis",
    r"ageing",
    r"aging",
    r"immunity",
    r"c[aá]ncer",
    r"resfriados?",
    r"gripe",
    r"catarros?",
    r"artritis",
    r"acn[eé]",
    r"eccema",
    r"caries",
    r"estreñimiento",
    r"acidez",
    r"defensas",
    r"burnout",
    r"sun damage",
    r"pigmentation",
    r"dark spots",
    r"h[ií]gado",
    r"liver",
    r"metabolism\w*",
    r"metabolismo",
    # German compounds name the condition last ("Verdauungsbeschwerden", "Kopfschmerzen").
    r"\w*beschwerden",
    r"\w*schmerzen",
    r"cholesterin\w*",
    r"\w*blutdruck",
    r"erkältung\w*",
    r"\w*entzündung\w*",
    r"arthrose",
    r"schlafstörung\w*",
    r"immunsystem",
    r"verdauung",
    r"sodbrennen",
    r"migräne",
    r"douleurs?",
    r"maux de \w+",
    r"mal de (?:dos|t[eê]te|ventre)",
    r"insomnie",
    r"anxiété",
    r"dépression\w*",
    r"depressão",
    r"depressione",
    r"burn-out",
    r"cholestérol",
    r"rhumatismes?",
    r"tension artérielle",
    r"tensão arterial",
    r"press[ãa]o arterial",
    r"presión arterial",
    r"pressione arteriosa",
    r"système immunitaire",
    r"défenses immunitaires",
    r"rhumes?",
    r"grippe",
    r"sommeil",
    r"arthrose",
    r"tendinite",
    r"lombalgie",
    r"sciatique",
    r"tennis elbow",
    r"\w*pijn(?:en)?",
    r"slapeloosheid",
    r"angst\w*",
    r"\w*depressie\w*",
    r"verkoudheid",
    r"griep",
    r"weerstand",
    r"immuunsysteem",
    r"allergie\w*",
    r"hooikoorts",
    r"astma",
    # Compounds name the inflamed part ("tandvleesontsteking", "Zahnfleischentzündung").
    r"\w*ontsteking\w*",
    # Tooth decay.
    r"gaatjes",
    r"dyslex\w*",
    r"dislex\w*",
    r"dislessi\w*",
    r"legasthenie",
    r"cari[eë]s",
    r"karies",
    r"carie",
    r"cárie\w*",
    r"kanker",
    r"bloeddruk",
    r"eczeem",
    r"slaap\w*",
    r"luchtwegen",
    r"fijnstof",
    r"golfer's elbow",
    r"sciatica",
    r"tendin(?:i|o)tis",
    r"plantar fasciitis",
    r"shin splints",
    r"runner['’]s knee",
    r"achilles",
    r"frozen shoulder",
    r"whiplash",
    r"(?<=baisser )(?:la|votre|ta) tension",
    r"blood sugar",
    r"\w*regeneration",
    r"muskel\w*",
    r"muscle (?:recovery|soreness)",
    r"sore muscles",
    r"r[ée]cup[ée]ration musculaire",
    r"recuperaci[oó]n muscular",
    r"asthme",
    r"sinus\w*",
    # More conditions by family (general medical words, not any post's): blood, fears, hangovers, feet and joints,
    # skin, teeth, fevers and the digestive tract, in the five languages.
    r"an(?:a)?emi(?:a|c)",
    r"an[ée]mie",
    r"anämie",
    r"\w*phobi(?:a|as|c|e)",
    r"\w*fobi(?:a|as|e)",
    r"panic attacks?",
    r"ataques? de p[aá]nico",
    r"crises? d['’]angoisse",
    r"hangovers?",
    r"resacas?",
    r"gueule de bois",
    r"\w*degenerat\w+",
    r"d[ée]g[ée]n[ée]r\w+",
    r"bunions?",
    r"juanetes?",
    r"hallux valgus",
    r"fasci(?:i)?tis",
    r"fasciite",
    r"keratosis",
    r"(?:tooth|teeth|dental) sensitivity",
    r"sensibilidad dental",
    r"varicose veins",
    r"varices",
    r"cramps?",
    r"calambres?",
    r"crampes?",
    r"migra[ñn]as?",
    r"jaquecas?",
    r"nause\w*",
    r"n[áa]useas?",
    r"übelkeit",
    r"ulcers?",
    r"[úu]lceras?",
    r"constipation",
    r"diarrh?o?ea",
    r"heartburn",
    r"indigestion",
    r"thyroid",
    r"tiroides",
    r"menopaus\w*",
    r"hot flushes",
    r"glyc[ée]mie",
    r"blutzucker\w*",
    r"(?:c[ôo]lon|intestin) irritable",
    r"reizdarm\w*",
    r"sofocos",
    r"tinnitus",
    r"vertigo",
    r"cold sores",
    r"dandruff",
    r"caspa",
    r"warts?",
    r"verrugas?",
    r"infartos?",
    r"infiammazion\w+",
    r"(?:problemas|molestias) de (?:est[oó]mago|espalda|piel|sue[nñ]o)",
    r"stomach (?:problems|issues|aches?|upsets?)",
    r"upset stomach",
    r"sensitive (?:tummy|stomach)",
    r"tummy (?:troubles?|upsets?)",
    r"hairballs?",
    r"night sweats",
    r"dysplasia",
    # Portuguese, and the heart in Dutch.
    r"ansiedade",
    r"ins[óô]nia",
    r"(?:press[ãa]o|tens[ãa]o) arterial",
    r"cora[çc][ãa]o",
    r"constipa[çc](?:[ãa]o|[õo]es)",
    r"doen[çc]as?",
    r"dor(?:es)? de (?:cabe[çc]a|costas|garganta|est[ôo]mago)",
    r"dores",
    r"imunidade",
    r"sistema imunit[áa]rio",
    r"inflama[çc](?:[ãa]o|[õo]es)",
    r"artrite",
    r"depress[ãa]o",
    r"enxaquecas?",
    # German skin and muscle complaints ("lindert den Juckreiz", "meine Nackenverspannungen"), and pain in the singular.
    r"neurodermitis",
    r"juckreiz",
    r"\w*verspannung(?:en)?",
    r"\w*schmerz",
    r"hart(?:ziekten|kwalen|problemen)?",
    r"hart- en vaatziekten",
)
# Medicine replaced by the product ("ganz ohne Schlaftabletten", "off her painkillers", "than any pill"): a claim on
# its own.
_MEDICINE_SWAP = _rx(
    r"(?:ohne|without|sans|sin|zonder|senza|niente|sem) (?!(?:your|my|his|her|their|deine?|ihre?|votre|vos|tes|tus|"
    r"sus?|i tuoi|i suoi|os seus) )(?:\w+ )?"
    r"(?:schlaftabletten|tabletten|medikamente|pills|medication|medicine|painkillers|m[ée]dicaments?|"
    r"somnif[eè]res|pastillas|medicamentos|pillen|medicijnen|farmaci|medicinali|pillole|pastiglie|remédios|"
    r"comprimidos)(?! (?:list|box|bag|card|schedule|reminder)s?\b)",
    r"off (?:her|his|their|my|your|the) (?:painkillers|meds|medication|pills|inhaler)",
    r"than any (?:pill|painkiller|medicine|medication|drug)",
    r"do que (?:muitos|qualquer) (?:comprimidos?|remédios?|medicamentos?)",
    r"que (?:muchas|cualquier) (?:pastillas?|medicamentos?)",
)
# Referring people to a professional is advice, not a claim.
_REFERRAL = _rx(
    r"check with",
    r"ask your (?:gp|doctor|dentist|pharmacist)",
    r"see a (?:doctor|dermatologist)",
    r"consult(?:a)? (?:a|your|con)",
)


# An effect on "it" or "them": the condition was named in the sentence before ("Eczema flaring up? This calms it").
_EFFECT_ON_PRONOUN = re.compile(r"\s(?:it|them|that|lo|la|los|las)\b", re.IGNORECASE)


# A cure denied, in the vocabulary's languages ("surf therapy is not a cure", "não é uma cura", "kein Heilmittel").
_NOT_A_CURE = _rx(
    r"(?:is|it's|it is|isn't|is not) (?:not )?(?:a|any) (?:cure|miracle cure|treatment|replacement for (?:clinical )?"
    r"(?:treatment|therapy|medication))", r"no (?:es|son) una? (?:cura|tratamiento)", r"não é (?:uma )?cura",
    r"n['’]est pas un (?:remède|traitement)", r"(?:ist )?kein(?:e)? (?:Heilmittel|Heilung|Therapie)",
    r"non è una cura", r"(?:is )?geen (?:wondermiddel|geneesmiddel|behandeling)",
)


_DENIED_EFFECT = re.compile(r"\b(?:not|don['’]t|doesn['’]t|won['’]t|cannot|can['’]t|never|não|nunca|no|non|ne|n['’]|"
                            r"nicht|kein\w*|niet|nooit|jamais)\s+(?:\w+\s+)?$", re.IGNORECASE)


def health_claim(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    sents = sentences(text)
    for i, s in enumerate(sents):
        if _REFERRAL.search(s):
            continue
        # A reader's question the answer then denies ("Will surf therapy fix my child's anxiety? … it is not a cure").
        if _NOT_A_CURE.search(s) or (s.rstrip().endswith("?") and _NOT_A_CURE.search(" ".join(sents[i + 1 : i + 3]))):
            continue
        eff, cond = _HEALTH_EFFECT.search(s), _CONDITION.search(s)
        if eff and not cond and i > 0 and _EFFECT_ON_PRONOUN.match(s, eff.end()) and _CONDITION.search(sents[i - 1]):
            return [Finding("health_claim", s, 0.85)]
        # The condition asked about just before, the effect promised in the answer ("Sciatica? … it's gone").
        if eff and not cond and i > 0 and _CONDITION.search(sents[i - 1]) and (
                len(sents[i - 1].split()) <= 6 or sents[i - 1].endswith("?")):
            return [Finding("health_claim", s, 0.8)]
        if eff and cond:
            # The closest effect and condition ("Regulars ... did more for their blood pressure").
            eff, cond = min(((e, c) for e in _HEALTH_EFFECT.finditer(s) for c in _CONDITION.finditer(s)),
                            key=lambda ec: abs(ec[0].start() - ec[1].start()))
            # A denied effect ("os nossos cremes não tratam dermatites", "ne soigne pas") claims nothing.
            denied = _DENIED_EFFECT.search(s[max(0, eff.start() - 16) : eff.start()]) or re.match(
                r"\S*\s+(?:pas|nicht|niet)\b", s[eff.start() :])
            if not denied and abs(eff.start() - cond.start()) <= 60:
                a, b = sorted((eff.start(), cond.start()))
                end = max(eff.end(), cond.end())
                return [Finding("health_claim", s[a:end] if b - a < 60 else s, 0.9)]
        if _MEDICINE_SWAP.search(s):
            return [Finding("health_claim", s, 0.85)]
    return []


# ------------------------------------------------------------------------------- unsupported_superlative
# Words that only strengthen a superlative ("the bloody best …"): no part of the claim a page must back.
_INTENSIFIER = r"(?:very|absolute|bloody|damn|damned|freaking|undisputed) "
_SUPERLATIVE = _rx(
    rf"(?:the|our|easily the|simply the) (?:{_INTENSIFIER})?(?:best|most \w+|\w{{3,}}est)",
    r"\w+(?:'s|’s|s'|s’) (?:best|leading|number one|premier|favou?rite|top|greatest|most \w+|"
    r"no\.? ?1|#1|top|\w{3,}est)",
    # A sentence (or headline) that opens with the superlative: "Toughest enclosures in Europe."
    r"^[^\w#@]{0,8}(?:best|\w{3,}est)(?= [\w-])",
    r"(?<!rule )(?<!step )number one(?! (?:of|on) (?:our|my|the) (?:list|rules|policies|priorities)\b)",
    r"no\.? ?1",
    r"#1(?!\d)",
    r"leading",
    r"unbeatable",
    r"world[- ]class",
    # Not a story's "the only person she would take a treat from".
    r"the only (?!(?:person|people|time|times|day|night|reason|sound|word|thing she|thing he|thing to)\b)\w+",
    # A place's only one ("Otago's only organic vineyard with …"), the kind followed by what sets it apart; not a
    # person's only complaint ("Sam's only complaint was …").
    r"(?-i:[A-Z])[\w-]+(?:'s|’s) only (?:[\w-]+ ){0,2}?[\w-]+(?= (?:with|in|on|that|to|where|open|offering)\b|[,.!])",
    # The same in the other languages ("l'unica agenzia delle Dolomiti", "la única empresa", "le seul studio").
    r"(?:el|la) únic[oa] (?!(?:persona|vez|día|momento|razón|forma|manera|condición)\b)\w+",
    r"(?:le|la) seule? (?!(?:personne|fois|jour|moment|raison|façon|manière|condition|chose)\b)\w+",
    r"(?:o|a) únic[oa] (?!(?:pessoa|vez|dia|momento|razão|forma|maneira|condição)\b)\w+",
    r"l['’]unic[oa] (?!(?:persona|volta|giorno|momento|motivo|modo|condizione|cosa)\b)\w+",
    r"nobody does",
    r"second to none",
    r"(?:el|la|los|las) (?:más|mejor|mejores) ?\w*",
    # Not an ordinal in a list of one's own ("es el artículo número uno de nuestras políticas", "rule number one").
    r"(?<!art[íi]culo )(?<!regla )(?<!paso )n[úu]mero (?:uno|1)(?!\d)(?! de (?:nuestr|mis |tus |sus |la lista))",
    r"nr\.? ?1(?!\d)",
    r"n[°º] ?1(?!\d)",
    # "lo studio n. 1 in Emilia-Romagna"; not a house number ("Via Roma n. 1, Milano").
    r"n\. ?1(?= (?:in|di|del|dello|della|nel|nella|d['’]))",
    r"(?:der|die|das|den|dem|des|unser\w*) (?:aller)?(?:beste|größte|älteste|einzige|führende)\w*",
    r"\w+s (?:aller)?(?:beste|größte|älteste|führende)\w*",
    # Any German superlative between an article and its noun ("die erfolgreichste Nachhilfeschule"); not an
    # ordinal ("die zwanzigste", "der erste", "die nächste") nor an adjective whose stem ends in -st ("die feste
    # Lehrkraft", "das robuste Gehäuse").
    r"(?:der|die|das|den|dem|unser\w*) (?:aller)?(?!(?:nächst|erst|letzt|meist|fest|robust|dreist|trist|sechst|"
    r"dritt|wichtigst|sonst|selbst|just|bewusst|gerüst|geist|angepasst|verpasst)\w*\b)"
    r"(?!\w*(?:zigst|ßigst|dertst|sendst))(?-i:[a-zäöü])\w{2,}(?:st|ßt)e[nrms]? (?-i:[A-ZÄÖÜ])\w*",
    # Any superlative after a place in the genitive ("Wiens günstigster Installateur", "Hamburgs beliebteste
    # Schule"): the place capitalised, the adjective not (German nouns are, so "Annas Liste" is no superlative).
    r"(?-i:[A-ZÄÖÜ])\w+s (?:aller)?(?!nächst|meist|erst|letzt)(?-i:[a-zäöü])\w{2,}ste[nmrs]?\b",
    r"nummer (?:eins|1)",
    r"unschlagbar\w*",
    # Also the least ("la boulangerie la moins chère"), but not "les moins de 25 ans" (the under-25s).
    r"(?:le|la|les|notre|nos) (?:meilleur\w*|plus \w+|moins (?!de\b|d['’])\w+)",
    # Named the best by someone ("Élue meilleure école de…", "voted best café"): still a superlative claim.
    r"(?:élue?s?|nommée?s?|désignée?s?|classée?s?|votée?s?) (?:\w+ )?meilleur\w*",
    r"(?:elegid|votad|nombrad|eleit)[oa]s? (?:como )?(?:el |la |o |a )?(?:mejor|melhor)\w*",
    r"(?:gekozen|verkozen) (?:tot|als) (?:de )?beste",
    r"(?:elett|votat)[oaie] (?:come )?(?:il |la )?miglior\w*",
    r"(?:voted|named|crowned|rated) (?:the )?best",
    r"numéro (?:un|1)",
    r"(?:de|het|onze|ons) (?:aller)?(?:beste|grootste|goedkoopste|mooiste|lekkerste|snelste|oudste|enige|\w{3,}ste)",
    r"nummer (?:één|een|1) van",
    r"dé (?:beste|nummer (?:één|een|1))",
    r"(?:wij zijn|we zijn|is) (?:de )?nummer (?:één|een|1)\b",
    # A few words may come between the article and "più" ("il gelato artigianale più buono di tutta la città"), but
    # not a verb: "la coda è più lunga di quanto sembri" compares.
    r"(?:(?:il|la|lo|i|le|gli) |l['’]\s?)(?:(?:(?!(?:è|sono|era|erano|sarà|sembra|diventa|resta)\b)\w+ ){0,3}?"
    r"più \w+ d(?:[ie]|['’]\w+|el|ella|ei|egli)(?! quanto| quello che| prima| solito)|"
    r"(?:\w+ )?(?:migliore|migliori))",
    # Named the best by an award ("Premiati … come miglior agriturismo dell'Umbria", "awarded best café").
    r"come (?:il |la )?miglior[ei]?",
    r"(?:awarded|premiat[oaie]|prämiert als|récompensée?s? comme|premiad[oa]s? como) (?:the )?"
    r"(?:best|miglior\w*|beste\w*|meilleur\w*|mejor\w*)",
    r"(?:il|la) numero (?:uno|1)",
    r"imbattibil\w+",
    # Portuguese.
    r"(?:o|a|os|as|nosso|nossa) (?:melhor(?:es)?|maior(?:es)?|mais \w+)(?= \w)"
    r"(?! (?:parte|poss[íi]ve(?:l|is)|maneira|forma)\b)",
    r"n(?:[úu]mero|º|o\.) ?(?:um|1)\b",
    r"imbat[íi]ve(?:l|is)",

    r"(?:il|la|lo|l['’]|al|allo|alla|del|dello|della|nel|nella|dal|dalla|sul|sulla) miglior[ei]?"
    r"(?= (?!modo|maniera|consiglio))",
    # Spanish and German superlatives said of a place, the place capitalised ("el pan más barato de España",
    # "die günstigsten Services in ganz Wien"); not "más información", "die nächsten Kurse", "den meisten".
    r"m[aá]s (?:barat|car|grande|antigu|r[aá]pid|famos|popular|conocid|económic|sabros|fresc)\w* de(?:l)? "
    r"(?:mundo|pa[ií]s|(?-i:[A-ZÁÉÍÓÚ])\w+)",
    # The same with the noun between article and adjective ("Os vestidos mais bonitos de Portugal", "O linho mais
    # sustentável do mundo", "la pizza más rica de Rosario").
    r"(?:o|a|os|as|el|la|los|las) \w+(?: \w+){0,2} (?:mais|más) \w+ (?:d[eoa]s?|del) "
    r"(?:mundo|pa[ií]s|mercado|sector|setor|(?-i:[A-ZÁÉÍÓÚ])\w+)",
    # The best one can buy ("la bomba más duradera que puede comprar", "the toughest boots you can buy").
    r"(?:más|mais|most|plus|più|\w{3,}est) \w* ?(?:que|you|qu['’]on|que se|che) (?:\w+ )?"
    r"(?:puede|puedes|pode|podes|can|peut|puoi|si può) (?:comprar|buy|acheter|comprare|encontrar|find|trouver|trovare)",
    r"(?:der|die|das|den|dem|des) (?:aller)?(?!nächst|meist|erst|letzt)\w{3,}sten?\b[^.!?]{0,30}\b(?:in (?:ganz )?"
    r"(?-i:[A-ZÄÖÜ])\w+|der Welt|weltweit|Europas|Deutschlands|Österreichs|der Schweiz|(?:auf dem|am) Markt)",
    r"ongeëvenaard\w*",
    r"onverslaanbaar\w*",
    r"inégalé\w*",
    r"imbattable\w*",
    # Comparative and absolute claims that need no "the ... -est".
    r"no other (?:\w+ ){1,6}(?:comes? close|compares?|matches|beats)",
    # Nothing on the market is simpler; more than any other shelter: the brand above all the rest.
    r"nothing (?:else |out there |on the market |around |in town )+(?:is|gets|comes) (?:\w{3,}er|more \w+|close)",
    r"(?:more|mehr|más|plus|più|mais|meer) (?:\w+ ){0,2}(?:than|als|que|di|do que|dan) (?:at |bei |in |en |chez |a )?"
    r"(?:any other|jede[mnrs]? andere|cualquier otr|ningún otr|ninguna otr|toute? autre|qualsiasi altr|"
    r"qualquer outr|elke andere|iedere andere)\w*",
    r"(?:nobody|no one|no-one) (?:\w+ ){0,4}(?:better|like us)",
    # Beating everyone somewhere ("nobody in Leeds does it better", "faster than anyone in Bristol").
    r"(?:nobody|no one|no-one) (?:in|around|near) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)? (?:\w+ ){0,4}"
    r"(?:better|for less|cheaper|faster|quicker)",
    r"(?:better|faster|cheaper|quicker) than any(?:one|body)(?: else)? in [A-Z]",
    r"(?:we|we'll|we're|we've|we can) (?:\w+ ){0,6}(?:better|faster|cheaper|quicker) than any(?:one|body| other \w+)",
    r"toujours moins cher(?:e|s|es)? que",
    r"moins cher(?:e|s|es)? que (?:partout|les autres|n['’]importe qui|tous les autres)",
    r"(?:niemand|keiner) (?:\w+ ){0,4}(?:günstiger|billiger)",
    r"(?:there's |there is )?(?:simply )?no better (?:\w+)",
    r"un(?:matched|rivall?ed|paralleled|beaten|surpassed)",
    r"ultimate",
    r"top[- ]rated",
    r"best[- ]in[- ]class",
    r"finest",
    r"bar none",
    r"nobody (?:else )?(?:even )?comes? close",
    r"best[- ](?:value|priced|quality|rated)",
    r"(?:el|la|los|las) \w+ m[aá]s \w+ de (?:todo|toda|todos|todas)?",
    r"nadie (?:\w+ ){1,5}como (?:el|la|los|las) nuestr[oa]s?",
    r"insuperables?",
    r"inmejorables?",
    r"sin (?:igual|rival)",
)
_NOT_SUPERLATIVE = re.compile(
    r"(?:honest|interest|test|rest|west|nest|request|guest|chest|forest|harvest|"
    r"suggest|protest|contest|modest|earnest|manifest|invest|digest|arrest|quest|"
    r"latest|newest|priest|pest|vest|zest|crest|northwest|southwest|midwest|everest|budapest|bucharest|attest|"
    r"detest|conquest|bequest|inquest|"
    # Dutch, French and Spanish words ending in "-ste" that are no superlative ("de eerste", "de piste").
    r"eerste|laatste|meeste|juiste|vaste|zoveelste|liste|piste|poste|artiste|juste|triste|veste|costa|geste|"
    r"modeste|c[ée]leste|agreste|funeste|reste|peste|teste|baptiste|kiste|kaste)",
    re.IGNORECASE,
)
# Compass points ("ondulação de noroeste") and German places in a row ("der oberste Knopf"), anywhere in the phrase:
# where something is, no ranking.
_POSITION = re.compile(r"noroeste|nordeste|sudoeste|sudeste|oeste|leste|oberste[nmr]?|unterste[nmr]?|vorderste[nmr]?|"
                       r"hinterste[nmr]?|innerste[nmr]?", re.IGNORECASE)
# Compounds ending in such a word: "Rainforest", "Oktoberfest" ("-test" is not one: "fastest", "greatest").
_NOT_SUPERLATIVE_END = re.compile(r"(?:forest|(?<=\w{4})fest|interest|request|harvest)$", re.IGNORECASE)
_HEDGE = _rx(
    r"we know",
    r"we've (?:ever )?(?:made|tried)",
    # One person's experience, not a claim about the market: "best check-up I've had in years".
    r"(?:i've|i have|i'd) (?:ever )?(?:had|tried|eaten|used|owned|ridden|seen)",
    # ... or the brand's own, against its past ("the sweetest we have seen in years"), or one person's fridge
    # ("the crispest thing in my fridge"): no rank in a market.
    r"we(?:['’]ve| have) (?:ever )?(?:seen|had|tasted|grown|picked|harvested)",
    r"in (?:years|decades|ages|a decade|a long time)",
    r"in my (?:fridge|kitchen|house|home|bag|closet|wardrobe|garden|cupboard|life)",
    # An idiom, not a claim: "Radfahren ist die beste Medizin", "laughter is the best medicine".
    r"(?:best|beste|mejor|meilleur|miglior|melhor) (?:medicine|medizin|medicina|remède|remédio)",
    r"in our (?:view|opinion)",
    # The speaker's own decision ("the best decision I ever made", "a melhor decisão que tomei"): a life, no market.
    r"(?:best|worst) (?:decision|choice|move|thing) (?:that )?(?:i|we)(?:['’]ve| have)? (?:ever )?"
    r"(?:made|did|took|taken)",
    r"(?:melhor|pior) (?:decisão|escolha) que (?:já )?(?:tomei|tomamos|fiz|fizemos)",
    r"(?:mejor|peor) (?:decisión|elección) que (?:he |hemos )?(?:tom[eé]|tomamos|tomado|hice|hicimos)",
    r"(?:meilleure|pire) (?:décision|choix) que (?:j['’]ai|nous avons|on a) (?:jamais )?(?:prise?|fait)",
    r"(?:beste|schlechteste) (?:entscheidung|wahl),? die (?:ich|wir) (?:je )?(?:getroffen|gemacht)",
    r"(?:migliore|peggiore) (?:decisione|scelta) che (?:abbia|abbiamo|ho|io abbia) (?:mai )?(?:pres[ao]|fatt[ao])",
    r"(?:beste|slechtste) (?:beslissing|keuze) die (?:ik|we|wij) (?:ooit )?"
    r"(?:nam|namen|heb genomen|hebben genomen|maakte)",
    # A person ranked within the team ("probably the most important person in the company", "la persona più
    # importante del nostro team"): praise of a colleague, no rank in a market.
    r"(?:most|least) (?:important|valuable|patient|underrated) (?:person|people|member|colleague|man|woman)"
    r" (?:in|on|of) (?:the|our|this) (?:company|team|office|business|crew|firm|shop)",
    r"(?:persona|personne|persoon|pessoa) (?:la )?(?:più|plus|mais|más|meest) (?:importante?|belangrijke|valiosa)"
    r" (?:del|de la|de l['’]|van|da|de) (?:nostr[oa] |notre |ons |nossa |nuestr[oa] )?(?:team|équipe|equipo|"
    r"equipa|azienda|entreprise|empresa|bedrijf|squadra)",
    # The brand's own critics or fans ranked ("some of our toughest critics are locals"): people, no market.
    r"(?:our|my) (?:toughest|harshest|fiercest|strictest|biggest|loudest|most loyal) (?:critics?|fans?|supporters?)",
    r"most popular",
    r"best[- ]selling",
    r"most of",
    r"most \w+ (?:are|is|take|ship)",
    r"the most common",
    r"(?:do|does|did|doing|try|tries|tried|trying) (?:our|my|their|his|her) (?:very )?best",
    r"best of luck",
    r"best (?:wishes|regards|served|enjoyed|before)",
    r"all the best",
    r"best possible",
    r"se (?:reservan|agotan|van) (?:pronto|r[aá]pido)",
    # The brand's own best-seller ("Unsere beliebteste Mitgliedschaft"), not the market's ("Hamburgs beliebteste").
    r"(?:unser\w*|notre|nos|nuestr[oa]s?|nostr[oaie]|onze|ons|noss[oa]s?) (?:\w+ )?(?:beliebtest\w*|"
    r"m[aá]s populares?|plus populaires?|più popolar[ei]|populairste|mais populares?)",
    # How often, not how good ("la question qu'on nous pose le plus souvent", "the question we hear most often").
    r"(?:le|la) plus souvent", r"most (?:often|frequently)", r"più spesso", r"m[aá]s a menudo",
    r"con m[aá]s frecuencia", r"mais frequentemente", r"am häufigsten", r"het vaakst",
    r"go (?:fast|quickly)",
    r"sell out",
    # What matters most in a how-to ("de belangrijkste stappen", "the most important questions"): no rank of
    # the brand, in the seven languages.
    r"(?:most important|belangrijkste|wichtigsten?|più important[ie]|plus importante?s?|más importantes?|"
    r"mais importantes?) (?:\w+ )?(?:steps?|things?|questions?|points?|tips?|rules?|stappen|vragen|punten|dingen|"
    r"regels|schritte|fragen|punkte|tipps|regeln|étapes|points|conseils|règles|passi|domande|punti|consigli|regole|"
    r"pasos|preguntas|puntos|consejos|reglas|passos|perguntas|pontos|dicas|regras)",
)
# People described by a superlative ("the managers with the fewest swap requests"): a group, not the brand.
_PEOPLE_WITH = re.compile(r"\b(?:people|those|ones|customers|clients|managers|teams|staff|employees|workers|users|"
                          r"families|owners|patients|students|parents|children|guests|members|readers|riders|"
                          r"landlords|tenants|buyers|sellers)\s+(?:with|who have|who get)\s+$", re.IGNORECASE)


# A superlative denied in its own clause ("not the cheapest", "pas toujours le modèle le plus rentable").
_NEGATED = _rx(r"not(?! (?:bad|only|just|least)\b)", r"isn't", r"aren't", r"wasn't", r"never", r"pas", r"nicht",
               r"kein\w*", r"no es", r"nunca", r"niet", r"geen")


# First-person words: a sentence with none of them, about a named competitor, makes no claim for the brand.
_FIRST_PERSON = _rx(r"we", r"we're", r"our", r"ours", r"us", r"i", r"my", r"nuestr[oa]s?", r"nosotr[oa]s", r"wij",
                    r"ons", r"onze", r"ik", r"mijn")


# The brand speaking in the other languages of the vocabulary (not "je", which opens Dutch questions too).
_WE_ABROAD = _rx(r"nous", r"notre", r"nos", r"wir", r"unser\w*", r"uns", r"noi", r"nostr[oaie]", r"nós", r"noss[oa]s?",
                 r"nosotr[oa]s", r"ich", r"mein\w*", r"moi", r"mon", r"ma", r"mes", r"io", r"eu")


def unsupported_superlative(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    evidence = _low(ctx.evidence)
    rival_rx = ctx.rival_pattern
    for s in sentences(text):
        # Praise of a rival ("Rittal is the best-known name in enclosures") is not a claim about the brand: the
        # rival comes first in the superlative's clause, and the sentence says nothing of the brand itself.
        rivals = [r.end() for r in rival_rx.finditer(s)] if rival_rx else []
        about_brand = _FIRST_PERSON.search(s) or ctx.brand_name.lower() in s.lower()
        for m in _SUPERLATIVE.finditer(s):
            if not about_brand and any(end <= m.start() and not re.search(r"[,;:.!?—–]", s[end : m.start()])
                                       for end in rivals):
                continue
            phrase = m.group(0)
            last = re.sub(r"^\W+", "", phrase.split()[-1])
            if (_NOT_SUPERLATIVE.fullmatch(last) or _NOT_SUPERLATIVE_END.search(last)
                    or any(_POSITION.fullmatch(w.strip(".,;:!?")) for w in phrase.split())
                    or _HEDGE.search(s[max(0, m.start() - 12) : m.end() + 30])
                    or _NEGATED.search(re.split(r"[,;:.!?—–]", s[max(0, m.start() - 25) : m.start()])[-1])):
                continue
            if last.lower() == "most" or (re.fullmatch(r"most \w+", phrase.lower()) and "the" not in phrase.lower()):
                continue
            if _PEOPLE_WITH.search(s[: m.start()]):
                continue
            # Advice whose subject is an activity ("Seeing the cost as you drag a shift is the simplest way to
            # notice …"): the superlative praises doing something, not the brand.
            if not about_brand and re.match(r"\W*[A-Z]\w{2,}ing\b", s) and re.match(r"\s+ways?\b", s[m.end() :]):
                continue
            # "since I started leading Saturday Story Time": leading the session, not a market leader.
            if phrase.lower() == "leading" and re.search(r"\b(?:started|start|been|keep|kept|love|loves|enjoy|"
                                                         r"enjoys|after|before|while|by)\s+$",
                                                         s[: m.start()], re.I):
                continue
            # "for leading the teams behind it": the verb with its object, unless what it leads is a market.
            if phrase.lower() == "leading" and re.match(
                    r"\s+(?:the|a|an|our|their|his|her|my|your|this|these|those)\s+(?!(?:way|market|industry|field|pack|"
                    r"sector|charge|world|country|region|nation)\b)", s[m.end() :], re.I):
                continue
            # Supported when the page says the same superlative about the brand.
            # Its article is not part of it: "le seul salon des Chartrons" is backed by "Seul salon des Chartrons".
            core = re.sub(r"^(?:(?:the|our|easily the|simply the|\w+'s|le|la|les|el|los|las|der|die|das|den|dem|het|il|"
                          r"lo|os|as|o) |l['’])", "", re.sub(r"^\W+", "", phrase.lower()))
            core = re.sub(f"^{_INTENSIFIER}", "", core)
            # An award the page names is support for being named it: "named best independent" needs "best
            # independent" on the page, not the verb.
            core = re.sub(r"^(?:voted|named|crowned|rated|[ée]lue?s?|nomm[ée]e?s?|d[ée]sign[ée]e?s?|class[ée]e?s?"
                          r"|vot[ée]e?s?|elegid[oa]s?|votad[oa]s?|nombrad[oa]s?|eleit[oa]s?|gekozen|verkozen"
                          r"|elett[oaie]|votat[oaie])(?: (?:the|como|come|tot|als|el|la|o|a|il|de))* ", "", core)
            following = re.match(r"\s*([\w-]+)", s[m.end() :])
            claim = f"{core} {following.group(1).lower()}" if following else core
            if claim in evidence:
                continue
            return [Finding("unsupported_superlative", s[m.start() :].rstrip(".!"), 0.85)]
    return []


# ------------------------------------------------------------------------------------ missing_disclosure
DISCLOSED = re.compile(
    r"#(?:ad|ads|advert|anuncio|publicidad|sponsored|patrocinado|werbung|anzeige|gifted|"
    r"partner|collab)\b|paid partnership|colaboraci[oó]n pagada|sponsored by|patrocinado por|"
    r"bezahlte partnerschaft|#sponsoris[ée]e?|#publicit[ée]|partenariat r[ée]mun[ée]r[ée]|collaboration commerciale|"
    r"#(?:advertentie|adv|spon|gesponsord)\b|betaalde samenwerking|gesponsord door"
    r"|#(?:pubblicità|sponsorizzato)\b|collaborazione (?:retribuita|commerciale)|sponsorizzato da"
    r"|#(?:reclame|publicidade|pub|publi|parceria)\b|parceria paga|conte[úu]do patrocinado|patrocinado pel[oa]",
    re.IGNORECASE,
)
# The brand's own code ("with our code ACME10", "avec notre code", "mit unserem Code", "con nuestro código").
_OUR_CODE = re.compile(r"\b(?:our|notre|unserem?|nuestro|il nostro|col nostro|con il nostro|o nosso|com o nosso|"
                       r"onze|ons) (?:discount |promo |referral |partner )?(?:code|Code|código|codice|cupón|cupom)\s+"
                       r"(?-i:[A-Z][A-Z0-9]{3,})\b", re.IGNORECASE)
# Gifts, paid ambassadors and affiliate deals are material connections on their own.
_STRONG_SPONSOR_CUE = _rx(
    # A creator's own code ("usem meu cupom LUANA10", "use my code SAM15"): a brand's codes are never "mine".
    r"(?:my|meu|minha|mi|mon|il mio|mein(?:en|em)?|mijn) (?:discount |promo )?(?:code|cupom|cupón|código|codice|"
    r"coupon|rabattcode|gutscheincode|kortingscode)",
    # Nor is "my link": a creator's own (affiliate) link ("Grab yours through my link in bio", "Réservez via mon
    # lien en bio", "link in meiner Bio").
    r"(?:my|mon|mi|meu|mein(?:em|en)?|il mio|mijn) (?:affiliate )?(?:link|lien|enlace)",
    r"(?:link|lien|enlace) (?:in|en|de|dans|na|da|nella) (?:my|ma|mi|minha|meiner|mia|mijn) bio",
    r"embaixador\w*",
    r"oferecid[oa]s? (?:por|pel[oa]s?)",
    r"(?:me|nos) (?:ofereceu|ofereceram|enviou|enviaram|emprestou|emprestaram)",
    r"(?:ofereceu|ofereceram|enviou|enviaram|emprestou|emprestaram)-(?:me|nos)",
    # Provided free for a test ("hat uns den Praxis-Tarif fürs erste Jahr gestellt").
    r"(?:hat|haben) (?:uns|mir) (?:[\w-]+ ){1,4}(?:kostenlos|gratis|umsonst|fürs? (?:erste|ein|einen|zwei|drei|\d+) "
    r"\w+) (?:zur Verfügung )?(?:gestellt|überlassen|spendiert)",
    # ... or made for free ("haben mir die Regale für die neue Werkstatt komplett gratis geschweißt"): any past
    # participle after the free word, however long the object before it.
    r"(?:hat|haben) (?:uns|mir) (?:[\w-]+ ){1,9}(?:kostenlos|gratis|umsonst) ge[^\W\d_]{3,}(?:t|en)\b",
    r"ambassador\w*",
    r"embajador\w*",
    r"\w*botschafter\w*",
    r"ambassadeur\w*",
    r"als geschenk",
    r"geschenkt bekommen",
    r"kostenlos zur verfügung gestellt",
    r"offert\w* par",
    # Not the coffee a customer offers the fitters: hospitality is no deal.
    r"(?:m['’]|nous |vous )(?:a|ont|avoir) offert\w*(?! (?:le |un |une |du |des )?(?:café|thé|verre|apéro|"
    r"boissons?|croissants?|gâteau)\b)",
    r"invit[ée]e?s? par",
    r"re[çc]ue?s? gratuitement",
    r"(?:kreeg|kregen|ontving|ontvingen) (?:ik|we|wij) (?:\w+ ){0,3}(?:cadeau|gratis)",
    r"(?:cadeau|gratis|opgestuurd) (?:gekregen|ontvangen)",
    r"(?:mocht|mochten|mag) (?:ik|we|wij) (?:\w+ ){0,3}(?:uitproberen|testen)",
    r"cadeau de",
    r"affiliate\w*",
    r"afiliad\w+",
    r"discount code",
    r"gifted",
    r"gift(?:ed|ing|s)? (?:me|us|her|him|them|my|our)",
    r"we (?:sent|gave|gifted)(?! you\b)",  # "Tell them we sent you" is a referral line, not a gift
    r"they sent us",
    r"on (?:long[- ]term |short[- ]term )?loan",
    r"lent (?:me|us)",
    # Lent, in French, Italian, German and Dutch ("@velocalanque qui me l'a prêtée", "me l'hanno prestata").
    r"(?:me|nous|m['’]) ?(?:l['’]|les )?(?:a|ont|avait|avaient) prêté\w*",
    r"(?:me|ce|ci) (?:l['’]|li |le )?(?:ha|hanno) prestat[oaie]",
    r"(?:mir|uns) (?:\w+ ){0,3}(?:geliehen|geborgt)",
    r"(?:heb|hebben) (?:ik|we|wij) (?:\w+ ){0,3}(?:geleend|te leen)",
    r"let (?:me|us) (?:keep|borrow)",
    r"as (?:a |their |the )?guests? of @?\w+",
    r"(?:flights?|hotels?|stay|trip|travel|meals?|dinner|drinks)(?: and (?:\w+ ){1,2})? (?:were |was |all )?on them",
    r"(?:we|you and i|you and me) both get",
    r"referral (?:code|link|credit|bonus|reward)",
    r"sent (?:it|them) to us",
    r"in exchange for",
    # Payment in kind for content ("in cambio di qualche storia e un reel"); not a trade-off ("in cambio di un olio
    # molto profumato").
    r"(?:in cambio d[ie]|en [ée]change d(?:e|['’]|es?)|em troca de|im austausch (?:gegen|für)|in ruil voor) "
    r"(?:\w+ ){0,3}(?:post|posts|stori[ae]s?|stories|reels?|recension\w*|contenut\w*|content\w*|fotos?|foto\w*|"
    r"video\w*|menzion\w*|publica\w+|publicaç\w+|beitr[äa]g\w*|avis|rezension\w*|vermelding\w*|divulga\w*|"
    r"difusi[oó]n|promo\w*|werbung|pubblicit\w+|publicit\w+|reclame)",
    # Gifts brought or sent: "hat uns @magnesia.nord … eine ganze Kiste … vorbeigebracht", "keep dropping in free
    # sacks of beans".
    r"(?:hat|haben) (?:uns|mir) (?:\S+ ){0,8}(?:vorbeigebracht|geschenkt)",
    r"(?:keeps?|kept) (?:dropping|sending|bringing) (?:in |round |over |us )?free \w+",
    r"regalad\w+",
    # Given, lent or an invitation from the brand ("nos la ha prestado", "nos han invitado a ver su fábrica").
    r"nos (?:l[oa]s? )?(?:ha|han) (?:regalado|enviado|mandado|prestado|cedido)",
    r"nos (?:ha|han) invitado a",
    r"(?:me|nos) (?:regal|mand|envi|prest)(?:aron|ó)",
    # Treated to something, as Rioplatense Spanish says it ("me invitaron la consulta inicial"): the thing itself
    # after the verb; "me invitaron a dar una charla" is an invitation, not a gift.
    r"(?:me|nos) invit(?:aron|ó) (?:el|la|los|las|un|una|unos|unas) \w+",
    r"invitad[oa]s? por la casa",
    r"a cambio de",
    r"geschenkt",
    # Payment in money or kind, loans and commissions are material connections too: a commission someone earns
    # on sales, not a fee model ("no commission", "we don't earn commission", "commission-based advisers").
    r"commissions? on (?:every|each|any|all)\b",
    r"(?<!n't )(?<!not )(?<!never )(?<!nobody who )(?<!no one who )(?<!anyone who )"
    r"(?:earns?|gets?|receives?) (?:a )?(?:small |little |tiny )?commission",
    r"on loan from us",
    r"paid (?:\w+ )?retainer",
    r"(?:is|are|was|were|gets?|got|being) paid (?:by us )?to",
    r"paid by us",
    r"pr (?:box|boxes|package|packages|parcel|parcels|kit|kits)",
    r"in return for",
    r"as a thank[- ]you for (?:the|her|his|their|your) (?:posts?|reviews?|videos?|shout[- ]?outs?|content)",
    r"for (?:sharing|posting|reviewing|featuring) (?:his|her|their|our|it|us)",
    r"corr[ií]a de nuestra cuenta",
    r"(?:invitad[oa]s?|pagad[oa]s?) por nosotros",
    r"(?:dir|euch|ihr|ihm) (?:\w+ ){0,2}mitgegeben",
    r"kitt(?:ed|ing) (?:us|me|them|her|him) out (?:\w+ ){0,4}with",
    r"kitt(?:ed|ing) out (?:the|our|my) (?:[\w'’-]+ ){1,3}with",
    r"hooked (?:us|me) up with",
    r"merci (?:à|a) @\w+ (?:[\w'’-]+ ){0,6}offert(?:e|s|es)?",
    r"(?:a|ont|avait|avaient) été offert\w*",
    r"@\w+ sent (?:me|us)",
    r"(?:they|the team|the brand) sent (?:me|us)",
    # The team of a brand, named ("the lovely team at Acme sent me …").
    r"team (?:at|from) @?(?-i:[A-Z])[\w'’&.-]*(?: (?-i:[A-Z])[\w'’&.-]*)? (?:sent|gave|gifted) (?:me|us)",
    r"(?:ci|mi|le|gli) (?:hanno|ha) regalat\w+",
    r"regalat[oaie] da",
    r"in omaggio",
    r"omaggio d[ia]",
    r"regalit[oa] de",
    # Something given to the poster for nothing, in so many words ("gave me a free month", "sent me the enclosure
    # free of charge", "got sent the set to try", "on the @brand payroll", "hat mir … spendiert").
    r"(?:gave|give|gives|sent|send|sends|lent) (?:me|us|her|him) (?:a |an )?(?:free|complimentary)",
    # ... or among other things sent ("sent me a hamper and a free rental appraisal").
    r"(?:gave|sent|lent) (?:me|us|her|him) (?:[\w'’-]+ ){1,6}(?:a |an )(?:free|complimentary)\b",
    r"(?:gave|sent|lent) (?:me|us|her|him) (?:[\w'’-]+ ){0,6}(?:for free|free of charge|at no cost)",
    r"on (?:the )?@\w+ payroll",
    r"(?:earns?|earned|gets?|got|receives?|received|paid) (?:a |me a |us a )?referral fees?",
    # A discount for saying the poster sent you ("Diles que vas de mi parte y te hacen precio"): a referral deal, in
    # a person's voice (a brand says "we").
    r"(?:vas|vienes|venís|vais|vens|vão|vêm) de (?:mi|minha) parte|(?:venez|allez-y) de ma part|da parte mia|"
    r"(?:vão|vêm|vais|vens|vai|vem) da minha parte|"
    r"(?:say|tell them|mention) (?:that )?I sent you|mention my name|(?:sag|sagt|sagen Sie),? dass (?:ich|du von mir)|"
    r"zeg dat je van mij komt",
    # ... or that the poster, by name, sent them ("zeg dat Sanne je stuurt", "tell them Mia sent you").
    r"(?:zeg|zegt|zeggen),? dat (?-i:[A-Z])\w+ (?:je|jou|u) (?:stuurt|heeft gestuurd)",
    r"(?:say|tell them|mention) (?:that )?(?-i:[A-Z])\w+ sent you",
)
# Weaker cues, read only when no strong one matched (so no strong cue is repeated here).
_SPONSOR_CUE = _rx(
    r"(?:repart|reparti|repartie|rentre|rentrée?) avec (?:une?|des) [\w' ]{2,30}? offerte?s?",
    # Given to try, sent, or sent by the brand: a material connection only beside a handle or a code.
    r"(?:gave|sent|lent) (?:me|us|her|him) (?:[\w'’-]+ ){0,6}(?:to try|to test|to review)",
    # Hosted, or given something by the brand the post thanks ("thanks to Iain and Morag for hosting me", "grazie
    # per avermela fatta trovare sotto l'albero"), or paid for a referral ("a mí me regalan una mensualidad"):
    # beside a handle or a code, a material connection.
    r"for (?:hosting|having) (?:me|us)\b(?! (?:on|at) (?:the|your) (?:show|podcast|panel))",
    # Treated by the brand the post thanks ("Thank you @x for spoiling me with a whole box!", "… for sending me a
    # week of …").
    r"for (?:spoiling|treating|pampering) (?:me|us)\b", r"for sending (?:me|us)\b",
    # Thanks for the invitation ("Danke @gasthof.wieskoegl für die Einladung!"): beside a handle, a hosted stay.
    r"(?:danke|vielen dank|merci|grazie|gracias|obrigad[oa]|bedankt|thanks|thank you) (?:\S+ ){0,3}(?:für die |"
    r"pour l['’]|per l['’]|por la |pela |voor de |for the )(?:einladung|invitation|invito|invitación|convite|"
    r"uitnodiging|invite)",
    # Invited, or let choose the goods, by the brand the post thanks ("Obrigada à X por me terem convidado", "Dank
    # aan X voor de planten die ik mocht uitkiezen"): a hosted stay or a gift.
    r"por (?:me )?ter(?:em)? convidad[oa]|por (?:invitarme|haberme invitado)|de m['’]avoir invitée?|"
    r"per avermi invitat[oa]|for inviting (?:me|us)|(?:mich|uns) eingeladen|(?:mij|me|ons) uit(?:genodigd|nodigen)",
    r"die (?:ik|we|wij) mocht(?:en)? (?:uit)?(?:kiezen|zoeken)|(?:I|we) got to (?:pick|choose)|"
    r"que (?:pude|pudimos|pudemos) (?:elegir|escoger|escolher)|que j['’]ai pu choisir|che ho potuto scegliere|"
    r"aussuchen durfte",
    r"per aver(?:mel|cel)[oaie] (?:fatt[oaie] (?:trovare|avere|arrivare)|regalat[oaie]|mandat[oaie]|inviat[oaie]|"
    r"spedit[oaie]|offert[oaie])",
    r"(?:me|nos) (?:regalan|regala|pagan|paga|dan una comisi[oó]n)",
    r"(?:got|was|were|been) sent",
    r"(?:mir|uns) (?:[\w-]+ ){0,4}(?:geschickt|zugeschickt|spendiert|geschenkt)",
    r"rabattcode",
    r"kortingscode",
    r"gekregen van",
    r"met (?:haar|zijn|de) code",  # "met mijn code" is a strong cue (a creator's own code)
    r"link in (?:mijn|haar|zijn) bio",
    r"code promo",
    r"(?:use|with) (?:his|her|their|the) code",
    r"c[oó]digo",
    r"codice",
    r"link di affiliazione",
    r"(?:sent|gave) (?:us|them|him|her|me)",
    r"sent (?:over|across)",
    r"regal(?:o|it[oa])s?",  # "por este regalito": the diminutive too
    r"invited by us",
    r"on the house",
    r"free of charge for (?:her|him|them)",
    r"sponsored",
    r"partnership",
    r"cup[oó]n",
    r"money off",
    r"\d+\s?% off",
    r"\d+\s?% (?:de réduction|de remise|de descuento|di sconto|de desconto|korting|rabatt)",
    r"\d+\s?% auf (?:eure|ihre|deine|die|den|das|alle|alles)\b",
    r"link in (?:his|her|their) bio",  # "my" is a strong cue
    # The same in the other languages ("lien en bio", "enlace en la bio", "Link in der Bio"; "my link" is strong).
    r"lien (?:en|dans la) bio",
    r"enlace (?:en|de) (?:la )?bio",
    r"link (?:na|da) bio",
    r"link in der bio",
    r"link nella bio",
    r"got a free",
    r"(?:from|on) us",
    r"de nuestra cuenta",
    r"waived",
    r"partner (?:rider|creator|athlete|chef|influencer)",
    r"(?:we|i) lent",
    r"lent (?:her|him|them)",
    r"(?:tap|click|use|via|through) (?:her|his|their) link",
    r"revenue[- ]share",
    # The brand's cut of what the code sells ("und wir bekommen auch was davon ab", "and we get a little cut").
    r"(?:we|wir|nous|on|nosotros|noi) (?:\w+ )?(?:get|bekommen|kriegen|touchons|touche|recibimos|riceviamo) "
    r"(?:auch |also |aussi |también |anche )?(?:was|etwas|a (?:small |little )?(?:cut|share)|une (?:petite )?part|"
    r"una parte|algo|qualcosa) (?:davon|of it|out of it|de (?:ça|cela)|de eso)",
    r"creator (?:programme|program)",
    r"gets? free",
    r"complimentary",
    r"gratis",
    r"gratuitement",
    r"gratuitamente",
    r"kostenlos",
    r"umsonst",
    r"for free",
    r"free of charge",
    r"(?:members?['’]?|patients?['’]?|customers?['’]?|clients?['’]?) discount",
)
# A creator's own code ("avec le code CLARA", "mit dem Code FRANKENBIER"): with a handle, a material connection.
_CREATOR_CODE = re.compile(r"\b(?:code|Code|CODE|c[oó]digo|Rabattcode|Gutscheincode|cupom|cupón|coupon|codice|"
                           r"kortingscode)\s+([A-Z][A-Z0-9]{3,})\b")
_HANDLE = re.compile(r"(?<![\w.])@(\w+)")


# A disclosure tag the brand asks a creator to leave out ("Niente #adv, mi raccomando", "no #ad please", "ohne
# #werbung"): the tag is named only to be withheld, so the post discloses nothing.
_WITHHELD_TAG = re.compile(
    r"\b(?:no|not|without|skip|drop|leave out|niente|senza|sin|nada de|ohne|kein(?:e|en)?|pas de|sans|sem|nada de|"
    r"geen|zonder|don['’]t (?:use|add|put|tag|write))\s+(?:(?:the|a|an|any|un|una|el|la|il|lo|le|das|den|o|de|het)\s+)?"
    r"#(?:ad|ads|adv|advert|anuncio|publi\w*|sponsored|werbung|anzeige|pub|spon|gesponsord|reclame|partner|collab|"
    r"gifted|pubblicità|sponsorizzato|patrocinado)\b",
    re.IGNORECASE,
)


_THANKS = (r"(?:thanks|thank you|merci|danke|vielen dank|gracias|grazie|obrigad[oa]|bedankt|dank(?:je(?:wel)?)?|"
           r"dank u)(?: (?:to|à|an|a|aan|ao|al|alla|aos|aux|so much))?")


def _thanks_brand(text: str, ctx: ReviewContext) -> bool:
    """The post thanks the brand by name ("Thanks to Acme Surf for …", "Dank aan Acme voor …"): like a handle, it makes
    the brand the party a weak cue connects the poster to."""
    # Posts call the brand by its first word ("Acme" for "Acme Surf School"), or two when the first is short ("My
    # Yoga": "thanks to my mum" thanks no brand).
    words = [w for w in ctx.brand_name.split() if w.lower() not in {"the", "la", "le", "el", "les", "de", "het", "die"}]
    key = " ".join(words[:1] if words and len(words[0]) >= 4 else words[:2])
    return bool(key) and re.search(rf"\b{_THANKS}\s+(?:\S+\s+){{0,2}}?{re.escape(key)}(?!\w)", text,
                                   re.IGNORECASE) is not None


def missing_disclosure(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    if withheld := _WITHHELD_TAG.search(text):
        sent = next((s for s in sentences(text) if withheld.group(0) in s), withheld.group(0))
        return [Finding("missing_disclosure", sent, 0.9)]
    if DISCLOSED.search(text):
        return []
    m = _STRONG_SPONSOR_CUE.search(text) or _our_code_for_another(text, ctx)
    if not m:
        m = _SPONSOR_CUE.search(text)
        # A weak cue ("partnership", "código") matters only when someone promotes: a handle or a code, or the brand
        # thanked by name. A code may stand alone after its verb ("Use HAILEY20 for 20% off").
        if not m or not (_thanks_brand(text, ctx) or re.search(
                r"@\w|\bcode\b|c[oó]digo|cup[oó]n|\b(?:use|using|enter|with|mit|con|avec|met|usa|com)\s+"
                r"(?-i:[A-Z]{3,}\d{1,3})\b", text, re.IGNORECASE)):
            # A code named after a handle in the post is that creator's code (an e-mail address is no handle).
            handles = [h.lower() for h in _HANDLE.findall(text)]
            m = next((c for c in _CREATOR_CODE.finditer(text)
                      if any(c.group(1).lower().rstrip("0123456789") in h for h in handles)), None)
            if not m:
                return []
    sent = next((s for s in sentences(text) if m.group(0) in s), m.group(0))
    return [Finding("missing_disclosure", sent, 0.9)]


def _our_code_for_another(text: str, ctx: ReviewContext) -> re.Match[str] | None:
    """The brand's own code for another business's product ("le compte 3a de la Banque Exemple … avec notre code
    ACME50"): a referral or partner deal, a material connection like a creator's code."""
    code = _OUR_CODE.search(text)
    if code is None:
        return None
    everything = _low(ctx.evidence)
    return code if any(_outside_business(s, everything) for s in sentences(text)) else None


# ------------------------------------------------------------------------------- competitor_disparagement
_NEGATIVE = _rx(
    # Software that falls over ("se cae cada cierre de mes", "keeps crashing", "stürzt ständig ab"), and a drag.
    r"se (?:cae|caen|cuelga|cuelgan)\b",
    r"(?:keeps|kept) crashing",
    r"stürzt (?:\w+ )?ab",
    r"qu[ée] pereza",
    # A customer who is only a number to the rival ("Bij X ben je een pasnummer"), in the seven languages.
    r"(?:just|only|nothing but|merely) (?:a|another) (?:\w+ )?number",
    r"(?:ben je|bent u|word je|wordt u|blijf je) (?:maar |slechts |gewoon |weer )?(?:een |het )?\w*nummer",
    r"(?:bist du|sind Sie|ist man|bleibst du) (?:nur|bloß|bloss|einfach) (?:eine )?\w*nummer",
    r"(?:eres|es usted|serás) (?:solo|sólo|apenas) (?:un|otro) número",
    r"n['’](?:êtes|es|est) (?:qu['’]un|plus qu['’]un) numéro",
    r"(?:sei|siete|è) (?:solo|soltanto|solamente) un numero",
    r"(?:és|é|são) (?:só|apenas) (?:mais )?um número",
    # A rival's app or software that fails ("Leur appli lâche tous les samedis", "their app crashes").
    r"crash(?:es|ed|ing)?",
    r"(?:plante|plantent|lâche|lâchent) (?:tout le temps|tous les|toutes les|sans arrêt|souvent|régulièrement)",
    r"stürzt (?:\w+ ){0,3}ab",
    r"si (?:blocca|bloccano) (?:sempre|ogni|di continuo|spesso)",
    r"se (?:cuelga|cuelgan|bloquea|bloquean) (?:siempre|cada|todo el rato|a menudo)",
    r"galère",
    # A rival called a fake ("quei finti agriturismi", "those so-called bakeries").
    r"(?:finti|finte|fake|falschen|falsos|falsas|so-called|sogenannten|soi-disant|pseudo-\w+)",
    r"junk",
    # Junk in the other languages ("verkauft euch Schrott", "de la pacotille", "una ciofeca").
    r"schrott\w*",
    r"pacotille",
    r"camelote",
    r"porquer[ií]as?",
    r"ciofec\w+",
    r"schifezz\w+",
    r"rommel",
    r"crap(?:py|s)?",
    r"clapped[- ]out",
    r"rubbish",
    r"garbage",
    r"overpriced",
    r"rip[- ]?off",
    r"scam\w*",
    r"useless",
    r"cheap plastic",
    r"crack\w*",
    r"rust\w*",
    r"lose\w*",
    r"wast(?:e|ed|es|ing)\b",
    r"factor(?:y|ies)",
    r"butchers?",
    r"cowboys?",
    r"glorified",
    r"so[- ]called",
    r"idiot(?:s|en)?",
    r"scheiß\w*",
    r"\w*plörre",
    r"incompetent",
    r"clueless",
    r"greenwash\w*",
    r"chemical soup",
    r"toxic",
    r"upsell\w*",
    r"pissed off",
    r"fed up",
    r"(?:sell|sells|selling|sold) you (?:an? |the )?[\w -]{0,30} you (?:didn't|don't|did not|do not|never) need",
    r"guilt[- ]trip\w*",
    r"charge like",
    r"fleece\w*",
    r"terrible",
    r"awful",
    r"worst",
    r"shoddy",
    r"frozen",
    r"congelad\w+",
    r"os clavan",
    r"timo\w*",
    r"basura",
    r"malos?",
    r"peores?",
    r"de sobre",
    r"call cent(?:re|er)",
    r"not much else",
    r"don't waste",
    r"wounded bulls",
    r"crack if",
    r"damn",
    r"enjoy waiting",
    # Junk, landfill and the conveyor belt in the other languages ("vendem lixo", "lopendebandadvies").
    r"lixo",
    r"porcaria\w*",
    r"landfill",
    r"aterro",
    r"vertedero",
    r"discarica",
    r"stortplaats",
    r"lopende ?band\w*",
    r"rommel",
    r"troep",
    r"waardeloo[sz]\w*",
    r"schrott\w*",
    r"abzocke\w*",
    r"flie(?:ß|ss)band\w*",
    r"durchschleus\w*",
    # Rust and work to be redone, and support that never answers, in the other languages ("saldature arrugginite",
    # "un lavello … da rifare", "l'assistenza che non risponde").
    r"arrugginit\w*",
    r"oxidad[oa]s?",
    r"rouillée?s?",
    r"enferrujad[oa]s?",
    r"verrostet\w*",
    r"roestig\w*",
    r"da rifare",
    r"à refaire",
    r"non rispond\w+",
    r"no contesta\w*",
    r"ne répond\w* (?:jamais|pas)",
    r"b[âa]cl(?:e|ent|ée?s?|er|age)\b",
    r"cialtron[ei]",
    r"(?:massen)?abfertig\w*",
    r"camelote",
    r"arnaque\w*",
    r"à la chaîne",
    r"robaccia",
    r"schifezz\w+",
    r"fregatur\w+",
    r"catena di montaggio",
    r"linha de montagem",
    # Work done in bulk, people packed in, pupils turned into machines ("allí hacen pasteles en serie", "vi
    # stringono come sardine", "ils fabriquent des robots").
    r"(?:rellenan|hacen|tramitan|despachan|montan|producen|fabrican|remplissent|font|fill in|churn out) "
    r"(?:\w+ ){0,2}(?:en serie|à la chaîne|by the dozen)",
    r"(?:like|come|comme des|como|wie|als) (?:\w+ )?(?:sardines|sardine|sardinas|sardinhas|sardinen|sardientjes)",
    r"(?:quell[ae]|quei|queste) carrett[ae]",
    r"(?:make|makes|turn out|turns out|churn out|churns out|fabrique\w*|producen|fabrican|sforna\w*|produzem) "
    r"(?:\w+ ){0,2}(?:robots?|robotjes|clones|zombies)",
    # Weeks of waiting at a business ("Drie weken wachten op een afspraak bij X", "six weeks waiting for a part").
    r"(?:weeks?|months?|weken|maanden|wochen|monate|semaines|mois|semanas|meses|settimane|mesi)"
    r" (?:of )?(?:wachten|waiting|warten|d['’]attente|à attendre|de espera|esperando|di attesa|ad aspettare)",
    r"wait(?:ed|ing)? (?:for )?(?:three|four|five|six|several|\d+) (?:weeks|months)",
    # General pejoratives about quality, honesty and competence.
    r"(?:a|an absolute|a total|a complete) joke",
    r"flimsy",
    r"brittle",
    r"botch\w*",
    r"fall(?:s|ing)? apart",
    r"fall(?:ing)? to bits",
    r"cheap (?:\w+ )?(?:fillers|plastic|junk|imitations?|knock-?offs?|parts|materials|ingredients|tat|fabrics?|"
    r"cloth|stitching)",
    # The same, noun first ("las telas baratas de X", "des tissus bon marché", "billige Stoffe").
    r"(?:telas|tejidos|materiales|piezas|tecidos|materiais|peças|tissus|matériaux|tessuti|materiali)"
    r" (?:\w+ )?(?:baratas?|baratos?|bon marché|de mala calidad|de má qualidade|de mauvaise qualité|scadenti)",
    r"billige[nm]? (?:\w+ )?(?:stoffe?|materialien|teile)",
    # Something passed off as what it is not ("packs twenty kids into a room and calls it a class", "et appelle ça
    # un cours", "y lo llaman asesoría", "und nennt das Beratung").
    r"and call(?:s|ed)? (?:it|that|this) (?:a |an )?\w+",
    r"(?:et|puis) (?:l['’]|les )?appellen?t? (?:ça|cela) (?:un |une |du |de la )?\w+",
    r"y (?:a eso )?lo llaman? \w+",
    r"und nenn(?:t|en) (?:das|es) \w+",
    # Customers moved like livestock ("herded back on the bus", "like cattle").
    r"herd(?:ed|ing|s)? (?:\w+ )?(?:back|on|off|in|out|through|around|along)",
    r"like (?:cattle|sheep)",
    r"comme du bétail|como ganado|wie (?:das )?vieh|come (?:il )?bestiame",
    # Fees or faults everywhere ("3e piliers truffés de frais", "riddled with fees").
    r"riddled with (?:\w+ )?(?:fees|charges|errors|mistakes|bugs)",
    r"truff[ée]e?s? de (?:\w+ )?(?:frais|erreurs|fautes|bugs)",
    r"plagad[oa]s? de (?:\w+ )?(?:comisiones|errores|cargos)",
    r"gespickt mit (?:\w+ )?(?:gebühren|fehlern|kosten)",
    r"shameless\w*",
    r"slot machines?",
    r"gimmick\w*",
    r"circus",
    r"false economy",
    r"cowboy\w*",
    r"(?:never|without ever|won't|doesn't|don't|can't|couldn't|wouldn't) (?:ever )?actually",
    r"couldn't \w+ (?:a|an|the) \w+ if",
    # Could not find the obvious with help ("couldn't find a leaking tap with a torch and a map").
    r"(?:couldn't|can't|could not|cannot) find (?:[\w'’-]+ ){1,5}with (?:a |an |both |two )?"
    r"(?:map|torch|flashlight|compass|gps|hands|search party)",
    # Money left on the table, help that vanishes when needed ("te deja plata en la mesa y después desaparece").
    r"leaves? (?:you |your )?(?:money|cash) on the table",
    r"(?:te |le |les )?deja(?:n)? (?:plata|dinero|guita|pasta) (?:en|sobre) la mesa",
    r"(?:disappears?|vanish(?:es)?) (?:just )?when you need",
    r"desaparece(?:n)? cuando (?:l[oa]s? |te |le )?(?:necesit|hace falta)\w*",
    r"desaparece(?:m)? quando (?:\w+ )?precis\w*",
    r"dispara(?:ît|issent) quand (?:vous|tu|on) (?:en )?(?:a|avez|as) besoin",
    r"spariscon?o? quando (?:ne )?(?:hai|avete) bisogno",
    r"verschwinde[tn],? (?:sobald|wenn) (?:man|Sie|du) (?:sie|ihn|es)? ?brauch\w*",
    r"verdwijn(?:t|en) (?:net )?(?:als|wanneer) (?:je|u) (?:ze|hem|het)? ?nodig",
    r"if (?:their|his|her|its) li(?:fe|ves) depended on it",
    r"doesn't know (?:its|their|his|her) own",
    r"don't know what they're doing",
    r"rush(?:es)? you (?:through|out)",
    r"miss(?:es)? half",
    r"leave you (?:with|in) a mess",
    r"(?:a|the) mess",
    r"made to (?:break|be replaced)",
    r"poor quality",
    r"low[- ]quality",
    r"second[- ]rate",
    r"inferior",
    r"dodgy",
    r"shady",
    r"sloppy",
    r"lazy",
    r"greedy",
    r"amateurs?",
    r"clowns?",
    r"pathetic",
    r"mediocre",
    r"soulless",
    r"tourist traps?",
    r"con (?:artists|men)",
    r"sacacuartos",
    r"recalentad\w+",
    r"microondas",
    r"a precio de oro",
    r"estaf\w+",
    r"engañ\w+",
    r"cutre\w*",
    r"p[eé]sim\w+",
    r"chapuz\w+",
    r"mala calidad",
    r"de pena",
    r"trampa\w*",
    r"sin alma",
    r"sans âme",
    r"zielloze?",
    r"oplichters?",
    r"oplichterij",
    r"afzetters?",
    r"afzetterij",
    r"rommel",
    r"troep",
    r"prutswerk",
    r"prutsers?",
    r"waardeloze?",
    r"belachelijk duur",
    r"slechtste",
    r"nep(?:pe)?",
    r"[\w]+-usines?",
    r"usines? à \w+",
    r"(?:accueil|service) à la chaîne",
    r"arnaque\w*",
    r"médiocre\w*",
    r"bas de gamme",
    r"stuck in (?:the )?(?:(?:19|20)\d\ds?|past|stone age|dark ages)",
    r"(?:was|were|is|are|wasn't|weren't) never (?:really )?(?:built|designed|made|meant) for",
    r"(?:very|ridiculously|absurdly|eye[- ]wateringly) expensive",
    r"paperweights?",
    r"hopeless",
    r"bleed you dry",
    r"rip you off",
    r"theirs (?:don't|doesn't|won't|can't|never)",
    r"no saben (?:ni )?(?:lo que|hacer|cocinar)",
    # Sarcasm and bad outcomes pinned on a rival ("never worked right? Shocker.", "STILL can't order").
    r"shocker",
    r"bodg\w*",
    r"never (?:\w+ )?(?:worked|works|work)\b",
    r"still can't",
    r"can't even",
    r"(?:charge|cost|costs|pay) (?:you )?a fortune",
    r"treats? you like a",
    r"(?:mostly|just|all) (?:steam|hype|smoke|marketing)",
    # Dismissal and contempt in everyday words ("No franchise nonsense", "Cowboys, the lot of them", "X can keep
    # their loading spinners", "peuvent aller se rhabiller", "ropa de usar y tirar", "acqua colorata").
    r"nonsense",
    r"cowboys?",
    r"porquer[ií]a\w*",
    r"de usar y tirar",
    r"usa e getta",
    r"(?:just|only) (?:another|a) number",
    r"(?:een|un|a) (?:dossier|klant)?nummer",
    r"overcrowded",
    r"acqua colorata",
    r"lasciate perdere",
    r"(?:can|may) keep (?:their|its|his|her)",
    r"peu(?:ven)?t aller se rhabiller",
    r"pueden quedarse con",
    r"(?:charges?|charging) (?:you )?(?:double|triple|twice)",
    # Services likened to mass production ("corporate vet mills", "assembly-line clinics", "cattle boats").
    r"(?:vet|essay|diploma|degree|content|conveyancing|will|puppy|review|claims|visa|diet|pill)[\w-]*+ mills",
    r"sweatshops?",
    r"(?:assembly|production|conveyor)[- ](?:line|belt)",
    r"cattle (?:boats?|markets?|trucks?|class)",
    r"no-name",
    r"wucher\w*",
    r"klote\w*",
    r"unqualified",
    r"(?:has been |have been |keeps? )?lying to you",
    r"dressed up as",
    r"overcharg\w*",
    r"revolving door",
    r"(?:a|just a|another) ticket number",
    # Tasting of nothing, of cardboard or of marketing, in four languages.
    r"tastes? (?:like|of) (?:cardboard|nothing|water|marketing)",
    r"(?:schmeckt|schmecken) nach (?:nichts|marketing\w*|pappe|karton|wasser)",
    r"nichts mehr danach schmeckt",
    r"sa(?:nno)? di (?:cartone|niente|acqua)",
    r"sabe a (?:cart[oó]n|nada|agua)",
    r"tutt[ei] uguali",
    r"(?:du|de|en) carton",
    r"d[ée]congel\w*",
    r"surgel\w*",
    r"tiefgekühlt\w*",
    # Scrap, and a customer left stranded or waiting for ever, in the seven languages ("chatarra con pegatina",
    # "im Regen stehen gelassen", "dejan tirado al cliente", "un recambio que nunca llega").
    r"chatarra",
    r"sucata",
    r"ferraille",
    r"rottam[ie]",
    r"schroot",
    r"im regen stehen (?:ge)?lass\w*",
    r"dej(?:a|an|ar|ando) tirad[oa]s?",
    r"deix(?:a|am|ar) (?:\w+ )?pendurad[oa]s?",
    r"left (?:high and dry|in the lurch|stranded)",
    r"leave (?:you|customers|clients) (?:high and dry|in the lurch|stranded)",
    r"(?:laiss(?:e|ent|er)|lâch(?:e|ent|er)) (?:\w+ )?en plan",
    r"(?:lasciano|lascia) a piedi",
    r"(?:laten|laat) (?:je|u|klanten) (?:in de steek|zitten)",
    r"nunca (?:llega|llegan|chega|chegam)",
    r"never (?:arrives?|turns? up|shows? up|comes? back)",
    r"(?:kommt|kommen) nie(?:mals)?\b",
    r"n['’]arrive(?:nt)? jamais",
    r"non arriva(?:no)? mai",
    r"komt nooit",
    r"zumutung\w*",
    r"(?:ange|aufge)dreht",
    r"aufgeschwatzt",
    # A customer dropped mid-way ("got ghosted by their chatbot", "sat on the application for a month, then stopped
    # returning calls").
    r"ghost(?:ed|s|ing)",
    r"sat on (?:the|their|your|his|her|my|our) (?:application|file|case|claim|paperwork|request)",
    r"stopped (?:returning|answering) (?:\w+ )?(?:calls|emails|e-mails|messages|the phone)",
    # Goods that fit like a sack of potatoes, or arrive wilted, in the seven languages.
    r"(?:like|wie|comme|como|come|als) (?:a|ein|un|una|um|een) (?:sack|sac|saco|sacco|zak) (?:of |à |de |di |)?"
    r"(?:potatoes|patates|patatas|batatas|patate|aardappelen)",
    r"\w*kartoffelsack",
    r"wilt(?:ed|ing)",
    r"verpieter\w*",
    r"verwelkt\w*",
    r"slappe",
    # Someone else's work put right ("a morning undoing their handiwork"), staff without a clue, customers herded like
    # cattle, support that never calls back, software from the last century that breaks more than it fixes.
    r"(?:undo|undoes|undoing|undid|redo|redoing|put(?:ting)? right|sort(?:ing)? out|clean(?:ing)? up) "
    r"(?:\w+ )?(?:their|his|her|its|someone else's|another firm's) (?:handiwork|mess|mistakes|botch\w*|bodge\w*)",
    r"(?:had|has|have|having) (?:no|not a|not the faintest|not the slightest) clue",
    r"(?:didn't|don't|doesn't|did not|do not|does not) have (?:a|the faintest|the slightest) clue",
    r"none of (?:whom|them) (?:\w+ )?(?:had|has|have) (?:a|the faintest|the slightest|any) (?:clue|idea)",
    r"(?:haben|hat|hatte|hatten) (?:\w+ )?keine ahnung",
    r"no tienen? ni idea", r"n['’]y connai(?:ssen)?t rien", r"non ne capisc\w* (?:niente|nulla)",
    r"(?:hebben|heeft) geen verstand",
    r"(?:like|como|comme|come|wie|als) (?:\w+ ){0,2}(?:herd|flock|sheep|cattle|rebaño|ganado|gado|bétail|"
    r"moutons|troupeau|pecore|gregge|vieh|herde|schafe|vee|kudde|schapen)\b",
    r"nie(?:mals)? zurückruf\w*", r"ruf\w* (?:\w+ )?nie(?:mals)? zurück",
    r"never (?:calls?|rings?|phones?|called|rang) (?:you |anyone |us )?back",
    r"ne (?:vous |te )?rappelle(?:nt)? jamais", r"nunca (?:te |le |os |les )?devuelve\w* (?:la|las) llamadas?",
    r"non (?:ti |vi )?richiam\w+ mai", r"bel(?:t|len) nooit terug",
    r"(?:wie|like|comme|como|come|als) (?:\w+ )?(?:aus dem letzten|from the last|du (?:siècle|millénaire) dernier|"
    r"del siglo pasado|del secolo scorso|uit de vorige) ?(?:jahrtausend|jahrhundert|century|millennium|eeuw)?",
    r"mehr kaputt\w* als", r"break more than (?:they|it) fix",
)
# A jab by contrast or by rhetorical question, whatever the words that follow: "Unlike <rival>, we actually
# answer the phone" says the rival does not; "Still paying <rival> prices?" says the rival overcharges.
_CONTRAST_JAB = _rx(
    r"unlike\b.{0,80}?\b(?:we|our \w+) (?:actually|really|still|always|do|don't|won't)\b",
    r"im gegensatz zu\w*\b.{0,80}?\b(?:wir|unser\w*)\b.{0,40}?\b(?:noch|wirklich|tatsächlich|echt)\b",
    r"still (?:paying|using|stuck with|putting up with|waiting (?:on|for))\b",
    # "While other studios only count heads, we know your name" in the six languages.
    # The "only" inside the rivals' own clause, not in the brand's reply ("while many close in August, we're only
    # shutting for a week" is no jab).
    r"(?:while|whereas) (?:other|many|most) [^,;.]{0,80}?\b(?:just|only)\b",
    r"(?:während|wo) (?:andere|viele) [^,;.]{0,80}?\bnur\b",
    r"(?:mentre|laddove) (?:altri|altre|gli altri|le altre|molti) [^,;.]{0,80}?\bsolo\b",
    r"(?:mientras|mientras que) (?:otros|otras|muchos) [^,;.]{0,80}?\bsolo\b",
    r"(?:alors que|tandis que) (?:d['’]autres|les autres|beaucoup) [^,;.]{0,80}?\b(?:ne \w+ que|seulement)\b",
    r"(?:enquanto) (?:outros|outras|muitos) [^,;.]{0,80}?\bs[óo]\b",
    r"(?:terwijl) (?:andere|veel) [^,;.]{0,80}?\balleen\b",
    r"altro che (?:quei|quelle|quegli|i|le|gli)\b",
    # "Pas comme chez Acme, où …": the brand set against a rival it names (a named rival is required).
    r"(?:not like|pas comme|nicht wie|no como|non come|não como|niet zoals)(?: (?:at|chez|bei|en|da|na|no|bij))?"
    r"(?= [A-Z@])",
    # "We're not like those desk-bound charities": the brand set apart from a kind of rival (which the caller
    # requires), in the seven languages.
    r"(?:we['’]re|we are) (?:just )?not like\b",
    r"no somos como\b",
    r"(?:wir sind|sind wir) (?:nicht|kein\w*) wie\b",
    r"(?:nous )?ne sommes pas comme\b",
    r"non siamo come\b",
    r"não somos como\b",
    r"(?:wij|we) zijn niet zoals\b",
    # "… no es café, es ceniza", "that's not bread, it's sawdust": the rival's goods denied their own name (the
    # caller requires a rival in the sentence).
    r"(?:no es|no son|n['’]est pas|ne sont pas|non è|non sono|não é|não são|isn['’]t|is not|aren['’]t|ist kein\w*|"
    r"sind kein\w*|is geen|zijn geen) (?:\w+ ){0,2}?[\w-]+, (?:es|son|c['’]est|ce sont|è|sono|é|são|it['’]s|it is|"
    r"they['’]re|sondern|das ist|maar|het is)",
)
# "Unlike X, we actually publish our accounts", "A diferencia de X, nosotros sí …": the emphasis says the rival does
# not, in the seven languages. Whoever stands in the contrast is the other party, so a capitalised name there will do.
_EMPHATIC_CONTRAST = re.compile(
    r"\b(?:unlike|a diferencia de|ao contrário d[eoa]s?|diferente d[eoa]s?|contrairement (?:à|aux?)|"
    r"a differenza d[ie]\w*|in tegenstelling tot|im gegensatz zu\w*|anders als)\b(?P<who>.{1,80}?),\s*"
    r"(?:we|nosotr[oa]s|n[óo]s|a gente|nous(?:,? on)?|noi|wij|wir)\s+(?:actually|really|s[íi]|de verdad|"
    r"realmente|sim|vraiment|réellement|davvero|veramente|wél|echt|wirklich|tatsächlich)\b", re.IGNORECASE)
# Words that praise: a rival praised is compared fairly, not run down.
_PRAISE = _rx(r"solid", r"good", r"great", r"excellent", r"fine", r"lovely", r"nice", r"brilliant", r"decent",
              r"respect\w*", r"bon(?:ne)?s?", r"excellente?s?", r"buen[oa]s?", r"excelentes?", r"goede?",
              r"uitstekend\w*", r"prima")
# A sentence opening on the brand's own as a pronoun: "Ours …", "Les nôtres …", "Los nuestros …", "De onze …" (not
# Italian, Portuguese or German, where the same words open "i nostri prodotti", "os nossos preços", "unsere Kunden").
_OURS_AFTER = re.compile(r"\s*(?:ours|les nôtres|le nôtre|la nôtre|los nuestros|las nuestras|el nuestro|la nuestra|"
                         r"de onze|het onze)\b", re.IGNORECASE)
# "We'd rather not rip our customers off", "a gente prefere não enganar cliente": the brand's honesty put next to a
# rival says the rival is not (the caller requires the rival in this sentence or the one before).
_NO_DECEIT = _rx(
    r"(?:we|i)(?: would|['’]d)? (?:prefer|choose|refuse|rather) (?:not )?to (?:deceive|cheat|fool|scam|rip|mislead|"
    r"trick|con)",
    r"we (?:don['’]t|do not|never|won['’]t|will never) (?:deceive|cheat|fool|scam|rip|mislead|trick|con)",
    r"(?:a gente|nós) (?:prefere|preferimos) não (?:enganar|ludibriar|enrolar)",
    r"(?:a gente|nós) (?:não|nunca) (?:engana|enganamos|ludibria|enrola|enrolamos)",
    r"(?:no|nunca|jamás) (?:le |les |te |os )?(?:engañamos|estafamos|timamos)",
    r"preferimos no (?:engañar|estafar|timar)",
    r"(?:on ne|nous ne) (?:\w+ )?(?:trompe|trompons|arnaque|arnaquons)",
    r"(?:on préfère|nous préférons) ne pas (?:tromper|arnaquer)",
    r"wir (?:\w+ ){0,2}(?:täuschen|betrügen|zocken) (?:\w+ ){0,2}(?:nicht|nie|niemals)",
    r"(?:täuschen|betrügen|zocken) wir (?:\w+ ){0,2}(?:nicht|nie|niemals)",
    r"non (?:\w+ )?(?:inganniamo|truffiamo|freghiamo|imbrogliamo)",
    r"preferiamo non (?:ingannare|truffare|imbrogliare)",
    r"(?:wij|we) (?:\w+ ){0,2}(?:bedriegen|misleiden|belazeren|oplichten) (?:\w+ ){0,2}(?:niet|nooit)",
)
_GENERIC_RIVAL = _rx(
    r"other (?:\w+ )?(?:solicitors|firms|shops|dentists|clinics|brands|schools|restaurants|companies|bike shops)",
    r"(?:those|these|some|certain) (?:\S+ ){0,5}?(?:brands|chains?|firms?|shops|places|clinics|factories|solicitors|"
    r"dentists|apps|companies|makers|manufacturers|suppliers|salons|'[^']+')",
    r"(?:mil|muchos|otros|tantos) (?:sitios|bares|locales|restaurantes)",
    r"chiringuitos?",
    r"(?:salons|spas|gyms|agencies) (?:charge|sell|push|want)",
    r"chain \w+",
    r"the big (?:chains|brands|department stores)",
    r"down the (?:street|road)",
    # One on every corner: a kind of rival by how common it is ("die Physio-Fabriken an jeder Ecke").
    r"on every (?:street )?corner|an jeder ecke|à chaque coin de rue|en cada esquina|a ogni angolo|em cada esquina|"
    r"op (?:elke|iedere) hoek",
    r"[\w-]*fabriken",
    # Giants ("i colossi svedesi"), and those from a rival's town ("un lavello di quelli di Thiene").
    r"(?:colossi|giganti|géants|reuzen)(?: \w+)?",
    r"quelli di (?-i:[A-Z])\w+",
    r"(?:the|a) (?:\w+ )?(?:clinic|shop|practice|firm|place|gym|salon|bar|café|cafe|store) (?:down the road|round the "
    r"corner|across (?:the )?town|next door)",
    r"other (?:[\w-]+ ){0,2}(?:apps|platforms|tools|providers|clinics|practices|vets|firms|shops|banks|brands|chains)",
    r"other (?:[\w-]+ ){0,2}(?:studios|gyms|agencies|cafés|cafes|bookshops|hotels|schools)",
    r"andere (?:\w+ ){0,2}(?:studios|schulen|läden|geschäfte|anbieter|firmen|praxen|kliniken|fitnessstudios|"
    r"bäckereien|cafés|restaurants|agenturen|hotels)",
    r"(?:altri|altre|quei|quegli|quelle) (?:\w+ ){0,2}(?:agriturismi|ristoranti|negozi|studi|palestre|scuole|hotel|"
    r"aziende|cantine|frantoi|b&b)",
    # A trade's chains ("physio chains"); not a supply chain, a food chain or a bike's chain.
    r"(?!(?:supply|food|value|cold|key|snow|bike|mountain|daisy|gold|door|block|retail)\b)[\w-]+ chains",
    r"(?:a|some|one|that) certain (?:[\w-]+ ){0,3}(?:superstore|megastore|chain|shop|store|retailer|brand|clinic|firm|"
    r"app|company)",
    r"the competition",
    r"our competitors",
    r"big[- ]box",
    # "esos sacacuartos", "otros gimnasios"; in the singular only a business by its kind ("esa cadena", "otro
    # gimnasio", not "esa mierda de pasar facturas").
    r"(?:esas|esos|otr[oa]s) \w+",
    r"(?:esa|ese|otr[oa]) (?:\w+ )?(?:academias?|agencias?|apps?|aplicaci[oó]n|aplicaciones|bar(?:es)?|"
    r"cadenas?|cl[ií]nicas?|consultor[ií]as?|consultorios?|despachos?|empresas?|escuelas?|franquicias?|gimnasios?|"
    r"gestor[ií]as?|asesor[ií]as?|hotel(?:es)?|inmobiliarias?|marcas?|negocios?|plataformas?|programas?|"
    r"proveedor(?:es)?|restaurantes?|softwares?|tiendas?|talleres|taller|centros?|estudios?|salones|sal[oó]n|"
    r"peluquer[ií]as?|bodegas?|operador(?:es)?|comercios?|supermercados?|sitios?|webs?|p[aá]ginas?|servicios?|"
    r"firmas?|compañ[ií]as?|laboratorios?|[oó]pticas?|farmacias?|dentistas?|abogad[oa]s?|asesor(?:es)?|"
    r"instalador(?:es)?|fontaner[oa]s?|competidor(?:es)?|sistemas?|herramientas?|soluciones|soluci[oó]n|"
    r"colegios?|institutos?|guarder[ií]as?|hostales?|agentes?|vendedor(?:es)?|fabricantes?|locales?|"
    r"tours?|cursos?|profes(?:ores)?|bancos?|aseguradoras?)\b",
    r"la competencia",
    # The business across the road ("el bar de enfrente", "the café next door", "la pizzeria sotto casa").
    r"(?:el|la|the|le|il|der|die|das) (?:\w+ )?(?:bar|caf[eé]|restaurante?|ristorante|pizzer[ií]a|gimnasio|gym|shop|"
    r"store|tienda|peluquer[ií]a|salon|salón|clinic|cl[ií]nica|panader[ií]a|bakery|boulangerie|laden|kneipe|"
    r"wirt|place|pub) (?:de enfrente|de al lado|de la esquina|across the (?:road|street|way)|next door|down the "
    r"(?:road|street)|on the corner|d['’]en face|d['’]à côté|sotto casa|di fronte|gegenüber|nebenan|um die ecke)",
    # Kinds of rival business named without a name ("online will-writing websites", "hardware megastores").
    r"(?:online|discount|budget|high[- ]street|mass[- ]market|corporate|tourist|big[- ]name|cut[- ]price) "
    r"(?:[\w-]+ ){0,2}(?:websites|sites|clinics|stores|shops|chains|brands|bars|apps|outlets|firms|operators|"
    r"places|restaurants|dentists|providers|retailers|labels|companies)",
    r"[\w-]+ (?:giants|megastores|superstores|conglomerates)",
    r"department[- ]stores?",
    r"(?:those|these|some) (?:\S+ ){0,3}(?:outfits|operators|crowds?|lot)",
    r"megastores?",
    r"(?:los|las) (?:\w+ ){0,2}(?:bares|arrocer[ií]as|restaurantes|sitios|locales|cadenas|franquicias|academias|"
    r"cl[ií]nicas|tiendas)",
    # German compounds of a big, corporate, industrial or cut-price kind ("Großbrauerei", "Konzernbrauereien").
    r"(?:gro(?:ß|ss)|konzern|industrie|billig|discounter)-?\w{4,}",
    r"(?:les|ces|de|des) (?:grandes? )?(?:cha[iî]nes|enseignes|franchises)",
    r"(?:hôtels|restaurants|cliniques|magasins)-usines",
    r"(?:die|de|grote|andere) (?:\w+ ){0,2}(?:ketens|bouwmarkten|tuincentra|webshops|winkels|makelaars|bedrijven|"
    r"kwekerijen|supermarkten)",
    r"de concurrentie",
    # Big business as a kind ("the multinationals") and the shelf a shopper would otherwise buy from ("supermarket
    # 'natural' skincare", "the supermarket skincare aisle").
    r"(?:the )?multinationals",
    r"[\w-]+ low[- ]cost|low[- ]cost [\w-]+",
    r"(?:supermarket|pharmacy|drugstore|chemist|high[- ]street) (?:[\w'’-]+ ){0,2}(?:skincare|moisturi[sz]ers?|"
    r"creams?|aisles?|shelves|brands?|products?|own[- ]brands?)",
    r"(?:les|ces|certains|certaines) (?:\w+ ){0,2}(?:plateformes|établissements|maisons|enseignes)",
    r"usines? à \w+",
    r"(?:de|du) supermarché",
    r"(?:da|del) supermercato",
    r"(?:de|del|do|da) supermercado",
    r"(?:aus dem|vom) supermarkt",
    r"uit de supermarkt",
    r"(?:dei|dai|ai) grandi (?:gruppi|marchi)",
    r"franchise",
    r"(?:la|una|esa) franquicia",
    r"big four",
    r"the [A-Z][\w-]+ crowd",
    r"factory[- ](?:made )?[a-z]+s",
    r"touristenfall\w*",
    r"fernseh(?:bier|brauerei)\w*",
    r"\w[\w-]*+ ketens",
    # Portuguese, and Dutch shop-shelf compounds ("supermarktpralines", "fabriekschocolade").
    r"(?:certas|algumas|outras|h[áa]) (?:\w+ ){0,2}(?:escolas|lojas|marcas|empresas|cadeias|cl[íi]nicas|academias)",
    r"(?:as|das|nas) (?:grandes )?(?:cadeias|superf[íi]cies|multinacionais)",
    r"[\w-]+ gigantes",
    # A demonstrative and a German compound naming a kind of business ("Diese Klick-und-weg-Anbieter").
    r"(?:diese|solche|jene)[nmrs]? (?:\S+ ){0,3}?\S*(?:anbieter|firmen|ketten|versicherer|läden|konzerne|makler|"
    r"händler|hersteller|studios|praxen)\b",
    # The big groups and cheap imports, in Spanish and Portuguese ("los grandes grupos alemanes", "bombas baratas
    # de importación").
    r"(?:los|las|os|as) grandes (?:grupos|marcas|empresas|fabricantes|cadenas|superficies)",
    r"\w+ barat[oa]s de importaç(?:ão|ões)|\w+ barat[oa]s de importaci[oó]n|\w+ de importaci[oó]n barat[oa]s",
    r"cheap imports?|billigimport\w*",
    r"supermarkt\w+",
    r"fabrieks\w+",
    r"uit de fabriek",
    # A trade's chain in a German compound ("der großen Nachhilfekette"), not a supply, cold or bike chain.
    r"(?!(?:liefer|kühl|fahrrad|hals|wertschöpfungs|versorgungs|prozess|nahrungs|ketten)kette)\w{3,}kette[n]?",
)


# A kind of rival business, unnamed: a qualifier, up to three words, then a noun for a business ("those
# tutoring marketplaces", "big corporate firms", "mail-order aligner companies", "los garitos de postureo").
# General words for businesses and for setting them apart, in English and Spanish; the gate of the
# rival-sentence classifier (agents/legal/classifier.py), which decides whether the sentence attacks them.
# The word part is possessive (`*+`): "'", "’" and "-" are both word and non-word characters here, and a
# backtracking `*` took seconds on a few hundred of them.
_BUSINESS_NOUN = (
    r"compan(?:y|ies)|firms?|chains?|brands?|apps?|shops?|stores?|outlets?|marketplaces?|platforms?|websites?|"
    r"sites?|mills?|factor(?:y|ies)|outfits?|operators?|providers?|suppliers?|retailers?|sellers?|vendors?|"
    r"multinationals?|corporat(?:ions?|es)|giants?|start-?ups?|disruptors?|kits?|courses?|programm?e?s?|"
    r"schools?|academ(?:y|ies)|clinics?|practices?|franchises?|warehouses?|labels?|makers?|manufacturers?|"
    r"imports?|knock-?offs?|competitors?|rivals?|competition|places?|joints?|bars?|restaurants?|services?|"
    r"agencies|salons?|gyms?|empresas?|cadenas?|franquicias?|garitos?|locales?|academias?|cl[ií]nicas?|"
    r"marcas?|tiendas?|bares|sitios|restaurantes?|competencia|groups?|superstores?|megastores?|"
    # Trades by name: the kinds of business a small brand competes with.
    r"baker(?:y|ies|s)|brewer(?:y|ies|s)|caf[eé]s?|pubs?|hotels?|hostels?|dentists?|vets?|physios?|solicitors?|"
    r"lawyers?|accountants?|agents?|brokers?|banks?|studios?|landlords?|insurers?"
)
# Qualifiers that mark a business as someone else's; "the", "los" and "las" may also be the brand's own shop.
_RIVAL_QUALIFIER = (
    r"those|these|some|other|big|bigger|biggest|cheap|cheaper|online|mail[- ]order|discount|budget|"
    r"corporate|chain|generic|mass[- ]market|high[- ]street|direct[- ]to[- ]consumer|so[- ]called|imported|"
    r"supermarket|drugstore|influencer|private[- ]equity(?:[- ]owned)?|corporate[- ]owned|venture[- ]backed|"
    r"esos?|esas?|otros?|otras?"
)


def _kind_of_business(qualifiers: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + qualifiers + r")\b(?:\W+\w[\w'’-]*+){0,3}?\W+(?:" + _BUSINESS_NOUN + r")\b",
                      re.IGNORECASE)


_KIND_OF_RIVAL = _kind_of_business(r"the|los|las|" + _RIVAL_QUALIFIER)
_MARKED_RIVAL = _kind_of_business(_RIVAL_QUALIFIER)  # the mockery rule's stricter gate
_CAPITALISED = re.compile(r"(?<![\w'’])([A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*)")


def _outside_name(sentence: str, evidence: str) -> bool:
    """A capitalised name (not a lone sentence-initial word) none of whose words the brand's own ``evidence``
    (lower case) mentions: another business, or another party."""
    for m in _CAPITALISED.finditer(sentence):
        name = m.group(1)
        # An article before the name is no word of it ("A Padaria Estrela").
        words = [w for w in name.split() if len(w) > 2]
        if (m.start() > 0 or " " in name) and len(name) > 2 and words and not any(w.lower() in evidence
                                                                                   for w in words):
            return True
    return False


# What makes a capitalised name a business's: a legal form or a trade word at its end ("Levain Partners Ltd", "Harbour
# Loaf Studio", "Northside Cycle Adventures"), or a trade word at its head, as Dutch, Flemish and Romance shop names put
# it ("Bakkerij Verhoeven", "Salon Margaux", "Boulangerie Marceau"). General words for kinds of business, any brand's.
_BUSINESS_END = frozenset(
    {f.lower().replace(".", "") for f in LEGAL_FORMS} | set(
        """co company companies group partners studio studios house salon bar barbers café cafe coffee kitchen bakery
        bistro restaurant grill pizzeria brewery winery distillery deli market store shop shoppe boutique outlet
        emporium supplies clinic dental dentistry physio health wellness spa fitness gym yoga pilates tours travel
        adventures expeditions safaris lodge hotel inn hostel resort realty property properties estates homes
        lettings removals motors cycles bikes garage plumbing plumbers heating electrical electricians builders
        construction roofing roofers joinery
        landscaping solutions services systems consulting consultants advisors advisers accountants accounting
        solicitors lawyers legal law associates asociados abogados avocats advocaten anwälte conseil fiduciaire
        treuhand immobilier immobilien inmobiliaria imobiliária makelaardij agency academy school tutoring
        learning institute centre center labs lab media digital design creative print printing florist flowers
        nursery farm dairy foods catering events photography pictures films records books pets vet vets
        veterinary grooming kennels express direct finance financial mortgages lending capital wealth insurance
        brokers bank""".split())
)
_TRADE_START = frozenset(
    """fietsen fietsenwinkel bakkerij slagerij kapsalon salon café cafe bar restaurant hotel clinique clínica clinica
    boulangerie pâtisserie fromagerie librairie garage auto taller panadería pastelería peluquería librería
    bäckerei metzgerei friseur autohaus praxis kanzlei atelier studio estudio despacho bufete farmacia pharmacie
    apotheek apotheke cabinet agence agencia immobiliare inmobiliaria imobiliária académie academia akademie academy
    école escuela scuola schule musique música musica muziekschool banque banco banca""".split()
)


_NOT_IN_NAME = frozenset("""bij at chez bei en in from with con avec mit met da di de del the la le el die der das
    het un une una ein eine een a an na no""".split())
_POSSESSIVES = frozenset("""ihr ihre ihren unser unsere unseren mein meine dein deine sein seine our your my their
    notre votre nos vos nuestro nuestra nuestros su sus tu tus onze jouw uw mijn il lo""".split())


def _unknown_runs(sentence: str, evidence: str) -> Iterator[list[str]]:
    """The words of each capitalised run of two words or more that the brand's ``evidence`` (lower case) does not
    hold whole. A capitalised preposition or article opening the sentence is no word of the name ("Bij Bakkerij
    Verhoeven …")."""
    for m in _CAPITALISED.finditer(sentence):
        words = m.group(1).split()
        while words and words[0].lower() in _NOT_IN_NAME:
            words = words[1:]
        if len(words) >= 2 and " ".join(words).lower() not in evidence:
            yield words


def _outside_business(sentence: str, evidence: str) -> bool:
    """A name of two words or more shaped like a business's (see ``_BUSINESS_END``) that the brand's ``evidence``
    (lower case, its pages too: the brand's own events and partners are there) does not hold whole: another
    business, even when it shares a word with the brand's pages ("Riverside Otter House" on an otter sanctuary's).
    A possessive makes the run a German noun phrase ("Ihr Auto"), no name."""
    return any(not any(w.lower() in _POSSESSIVES for w in words)
               and (words[-1].lower().strip(".") in _BUSINESS_END or words[0].lower() in _TRADE_START)
               for words in _unknown_runs(sentence, evidence))


def _other_party(sentence: str, evidence: str, brand: str) -> bool:
    """A capitalised name of two words or more ("wie bei Rosa Derme Estética") that neither the brand's name nor its
    ``evidence`` (lower case) holds whole: somebody else, for rules whose own words already make the jab."""
    brand = brand.lower()
    return any((name := " ".join(words).lower()) not in brand and brand not in name
               for words in _unknown_runs(sentence, evidence))


def _rival_question(sentence: str, evidence: str) -> bool:
    """A question about a business the brand's pages do not name: the whole question ("Ruffino?"), or a name of two
    words or with a capital inside ("¿Sigues con ContaYa?", "Got a quote from SunHarvest Direct?"); not a capitalised
    noun ("Lagerschaden am Freitagnachmittag?")."""
    if not sentence.rstrip().endswith("?"):
        return False
    question = sentence.strip(" ¿?¡!")
    for m in _CAPITALISED.finditer(question):
        name = m.group(1)
        words = [w for w in name.split() if len(w) > 2]
        if words and not any(w.lower() in evidence for w in words) and (
                name == question or " " in name or re.search(r"[a-zà-ÿ][A-ZÀ-Þ]", name)):
            return True
    return False


# Someone else's goods, unnamed: set against the brand's ("unlike", "instead of") or marked by where rivals sell
# them or how they are made ("bikes-in-a-box from the supermarket", "pharmacy moisturisers", "cheap imported
# enclosures", "app-based courses"). General English and Spanish for a contrast and for mass-market origins; a
# gate only, like the business nouns above: the rival-sentence classifier decides whether the sentence attacks.
_RIVAL_GOODS = _rx(
    r"unlike|instead of|rather than|compared (?:to|with)|versus|vs\.?|alternatives? to|forget|ditch",
    r"en (?:lugar|vez) de|a diferencia de|frente a|comparad[oa]s? con",
    r"(?:supermarket|pharmacy|drugstore|chemist|mall|high[- ]street|big[- ]box|petrol[- ]station|airport|"
    r"bargain|knock[- ]?off|imported|mass[- ]produced|factory[- ]made|fast[- ]fashion|app[- ]based|"
    r"big[- ]name|own[- ]brand|flat[- ]pack|in[- ]a[- ]box|one[- ]size[- ]fits[- ]all|cookie[- ]cutter|"
    r"de (?:supermercado|gasolinera|centro comercial)|de bajo coste|low[- ]cost)",
)


def _names_rival(sentence: str, ctx: ReviewContext, evidence: str) -> bool:
    """A competitor of the brand, a kind of rival business or goods, or a name from outside the brand's own
    pages."""
    if ctx.rival_pattern and ctx.rival_pattern.search(sentence):
        return True
    return bool(_GENERIC_RIVAL.search(sentence) or _KIND_OF_RIVAL.search(sentence) or _RIVAL_GOODS.search(sentence)
                ) or _outside_name(sentence, evidence)


def rival_rows(sents: list[str], ctx: ReviewContext) -> list[int]:
    """The sentences of a post that name a rival or follow one that does: the sentences a jab can be in. Each
    sentence and the brand's evidence are read once."""
    evidence = _low(ctx.own_evidence)
    named = [_names_rival(s, ctx, evidence) for s in sents]
    return [i for i in range(len(sents)) if named[i] or (i > 0 and named[i - 1])]


# Mockery: scare quotes around a rival's everyday words ('their "mechanics"'), mocking emoji, and stock sarcasm.
# Said in the same sentence as a named competitor or a marked kind of rival business, it is a jab.
_MOCKERY = re.compile(
    r"[🤡🙃🙄💅🥴🤦😬💀🐌📉🥱😴💩]|what could (?:possibly )?go wrong|said no one ever"
    r"|good luck (?:with|getting|finding)|because nothing says|nothing says .{3,60} like"
    # Faint praise with a sting: "a lovely time clock, if you enjoy rebuilding the roster every Friday".
    r"|(?:great|lovely|perfect|fine|brilliant|ideal|wonderful|nice|amazing)\b[^.?!]{0,50}\bif you(?:'d| would)? "
    r"(?:like|love|want|enjoy|fancy|don't mind)"
    # The same in the other languages ("c'est parfait… tant que vous aimez passer vos dimanches à …").
    r"|(?:parfait|génial|super|idéal)\w*\b[^.?!]{0,50}\b(?:si|tant que) (?:vous aimez|tu aimes|ça ne vous dérange pas)"
    r"|(?:perfect|geweldig|prima|ideaal)\b[^.?!]{0,50}\b(?:als|zolang) (?:je|u) (?:graag|het niet erg vindt)"
    r"|(?:perfekt|super|toll|ideal)\b[^.?!]{0,50}\b(?:wenn|solange) (?:du|Sie|ihr) (?:gerne|gern)"
    r"|(?:perfect|genial|ideal|estupend)[oa]?\b[^.?!]{0,50}\b(?:si|mientras) "
    r"(?:te gusta|le gusta|os gusta|no te importa)"
    r"|(?:perfett|ottim|ideal)[oe]?\b[^.?!]{0,50}\b(?:se|finché) (?:ti piace|vi piace|le piace|non ti dispiace)"
    r"|(?:perfeit|ótim|ideal)[oa]?\b[^.?!]{0,50}\b(?:se|desde que) (?:gosta|gostas|gostar|não se importa)"
    r"|(?:good|great|brilliant|excellent|amazing) at (?:exactly )?one thing|like it['’]s (?:19|20)\d\d"
    # Insinuation: stock phrases that point at a rival without saying what they did.
    r"|funny how|just saying|asking for a friend|love that for (?:them|him|her)|bless (?:them|'em)|must be nice"
    r"|good luck \w+ing|viel glück|bonne chance (?:pour|avec)|buena suerte (?:con|para)|buona fortuna"
    r"|demandez à ceux qui|ask (?:anyone|those|the people) who"
    r"|you (?:already )?know the answer|ask yourself (?:who|why|what|how)|(?:it['’]s )?worth asking"
    # Selling one thing under another's name ("loro vendono plastica … e la chiamano artigianato").
    r"|and (?:they )?call (?:it|them|that)\b|e (?:la|lo|li|le) chiamano|et (?:l['’]|les )appellent"
    r"|y (?:lo|la|los|las) llaman|und nennen (?:es|das)|en noemen (?:het|dat)|e chamam-lhe"
    r"|we['’]ll (?:happily )?leave (?:the |that |those )?[^.?!]{0,60} to\b",
    re.IGNORECASE,
)
# Scare quotes: one to four lower-case words in quotes (case-sensitive: a quoted name is not mockery; at least
# two letters: "fish 'n' chips" is not).
_SCARE_QUOTES = re.compile(
    r"[\"“‘«][a-z][\w-]+(?: [a-z0-9][\w-]*){0,3}[\"”’»]|(?<!\w)'[a-z][\w-]+(?: [a-z0-9][\w-]*){0,3}'(?!\w)"
)

# Scare quotes set against the brand ("Unlike the bank-employed 'advisers' who …"): a contrast word and a
# determiner, then within a few words a plural title in quotes, in the seven languages. A quoted phrase that is no
# group of rivals ("instead of the usual 'thank you'", "unlike last year, our 'bake-off'") does not count.
_CONTRAST_WORD = re.compile(r"\b(?:unlike|rather than|instead of|im gegensatz zu|anders als|a diferencia de|"
                            r"contrairement (?:à|aux)|a differenza d\w*|ao contrário d\w*|in tegenstelling tot)"
                            r"(?: (?:the|those|these|all the|den|die|diesen|los|las|esos|esas|les|ces|gli|i|quei|"
                            r"quegli|os|as|esses|essas|de))?\s", re.IGNORECASE)
_CONTRAST_REACH = 40


def _contrasted_scare_quotes(sentence: str) -> bool:
    for c in _CONTRAST_WORD.finditer(sentence):
        q = _SCARE_QUOTES.search(sentence, c.end())
        if q and q.start() - c.end() <= _CONTRAST_REACH and re.search(r"\w{3,}s\W?$", q.group(0)):
            return True
    return False


# A rival left unnamed on purpose: the insinuation is the jab.
_UNNAMED = re.compile(
    r"(?:that|which|whom|who|whose) (?:we|i) (?:won't|will not|shan't|wo not) name|not naming (?:any )?names"
    r"|que (?:nous ne nommerons|je ne nommerai|l'on ne nommera) pas|que no (?:vamos a|voy a) nombrar"
    r"|die wir nicht nennen|che non nomin\w+|die we niet noemen"
    # "Naming no names, but …" in the six languages.
    r"|naming no names|no names mentioned|(?:won't|will not|not going to) name names|n[ãa]o (?:dizemos|digo|vamos "
    r"dizer) nomes|sem (?:dizer|citar) nomes|sin (?:dar|decir) nombres|no (?:diremos|vamos a dar) nombres"
    r"|(?:we )?noemen geen namen|zonder namen te noemen|sans (?:citer|nommer) (?:de )?(?:noms|personne)"
    r"|(?:ohne|keine) namen (?:zu )?nennen|senza fare nomi|non facciamo nomi",
    re.IGNORECASE,
)
# Faint praise, a shrug, then the catch: "<rival> is fine, we guess. If you don't mind …", "<rival> is prima hoor…
# als je …". Without the shrug it is a fair comparison ("Rover is fine if you travel a lot").
_FAINT_PRAISE = re.compile(
    r"\b(?:is|are|zijn|é|são|es|son|est|sont|ist|sind|è|sono) (?:\w+ )?(?:fine|ok(?:ay)?|alright|all right|prima|"
    r"oké|bom|boa|bien|correct[eo]?|pas mal|nicht schlecht|niet slecht|carino|discreto)\b,?\s*"
    r"(?:(?:(?:i|we) (?:guess|suppose)|i mean|hoor|hein|quoi|né|eh)\s*[.!,…]*|…|\.\.\.)\s*"
    r"(?:if you|als je|als u|se (?:voc[êe]|n[ãa]o|gostar|quiser)|si (?:te|vous|usted|aimez|tu)|wenn (?:du|sie|man|ihr)|"
    r"se (?:ti|vi) piace)",
    re.IGNORECASE,
)


def _outside_subject(before: str, evidence: str) -> bool:
    """The text ``before`` a verb ends in a capitalised name none of whose words the brand's own ``evidence``
    mentions ("Neuhaus" in "Neuhaus is prima hoor…"), even when it opens the sentence."""
    m = re.search(r"([A-Z][\w'’&-]+(?: [A-Z][\w'’&-]+)*)\s*$", before)
    name = m.group(1) if m else ""
    return len(name) > 2 and name.lower() not in _PRONOUNS and not any(w.lower() in evidence for w in name.split())


_PRONOUNS = frozenset({"it", "that", "this", "she", "he", "they", "het", "dat", "dit", "isso", "isto", "ele", "ela",
                       "eso", "esto", "das", "es", "ça", "cela", "questo"})


# Complaints about service, said of a business, in the vocabulary's languages: nobody answers ("ninguém lhe atende o
# telefone", "personne ne décroche"), a customer left in the lurch ("leave your kid shivering", "lassen Sie im
# Stich"). With a rival in the sentence they run it down.
_SERVICE_JAB = _rx(
    r"(?:nobody|no one|no-one) (?:ever )?(?:answers|picks up|calls (?:you )?back|gets back to you)",
    r"never (?:answer|pick up|call (?:you )?back|get back to you)",
    r"ningu[ée]m (?:lhe |te |o |a )?(?:atende|responde)", r"nunca (?:atendem|respondem|contestan|responden)",
    r"nadie (?:te |le |les )?(?:atiende|atienda|contesta|conteste|responde|responda|co(?:ge|ja) el tel[ée]fono)",
    r"personne ne (?:vous |te )?(?:répond|décroche|rappelle)", r"ne (?:vous )?rappellent jamais",
    r"nessuno (?:ti |le |vi )?(?:risponde|richiama)", r"non (?:ti )?rispondono mai",
    r"(?:niemand|keiner) (?:geht (?:ans telefon|ran)|antwortet|ruft (?:Sie |dich )?zurück|meldet sich)",
    r"niemand (?:neemt (?:de telefoon )?op|antwoordt|belt (?:u |je )?terug)",
    r"leaves? (?:you|your \w+|them) (?:\w+ )?(?:shivering|stranded|hanging|waiting|in the lurch|out of pocket)",
    r"(?:te|le|les|os) dejan (?:tirad[oa]s?|colgad[oa]s?|plantad[oa]s?)",
    r"(?:vous|te) laisse(?:nt)? (?:tomber|en plan|sur le carreau)",
    r"(?:ti|vi) lasciano (?:a piedi|in asso|da soli)",
    r"lass(?:en|t) (?:Sie|dich|euch|Kunden) (?:\w+ )?im Stich",
    r"laten (?:u|je|jou) (?:\w+ )?in de steek",
    r"(?:o|a|os|as|te) deixam (?:pendurad[oa]s?|na mão|sozinh[oa]s?)",
    # Paid, then forgotten ("te cobran por adelantado y luego, si te he visto, no me acuerdo").
    r"si te he visto,? no me acuerdo",
    r"take (?:your|the) money and run",
    # Sold, then never seen again ("verkopen ze je een fiets en zien ze je daarna nooit meer terug").
    r"never see (?:you|them|their customers) again", r"(?:zien|horen) (?:ze|we|wij) (?:je|u|jou) (?:\w+ )?nooit meer",
    r"(?:sieht|sehen|hört|hören) (?:man|sie) (?:dich|Sie|euch)? ?nie wieder",
    r"ne (?:vous|te) revoi(?:t|en)t (?:plus|jamais)",
    r"(?:no|nunca) (?:te|le|los|les) vuelven a ver", r"non (?:ti|vi) (?:vedono|rivedono) più",
    r"nunca mais (?:te|o|a|os) (?:veem|vêem|voltam a ver)",
    r"once they(?:['’]ve| have) (?:got|taken) your money",
    # Staff who do not even know the customer's name.
    r"(?:didn['’]t|don['’]t|doesn['’]t|did not|do not|does not|never) (?:even )?(?:know|knew|learn|learned|learnt) "
    r"(?:your|his|her|their|my|our) (?:kid['’]s |child['’]s |son['’]s |daughter['’]s )?(?:first )?name",
    r"nicht (?:einmal|mal) (?:seinen|ihren|deinen|Ihren|euren|den) (?:Vor)?namen "
    r"(?:kannten|kennen|kennt|kannte|wussten|wissen)",
    r"ne (?:connaissent|connaissait|connaissaient|connaît) même pas (?:ton|votre|son|leur) (?:pré)?nom",
    r"personne ne (?:retient|connaît|se souvient d[eu]) (?:le |du )?(?:pré)?nom",
    r"(?:nobody|no one|no-one) (?:ever )?(?:remembers|knows|learns) (?:your|his|her|their) "
    r"(?:kid['’]s |child['’]s )?name",
    r"nadie (?:recuerda|se acuerda de|sabe) (?:el |tu |su )?nombre",
    r"ni (?:siquiera )?(?:saben|sabían|sabía|conocen|conocían) (?:tu|su) nombre",
    r"non (?:sanno|sapevano|conoscono|conoscevano) (?:nemmeno|neanche|neppure) (?:il tuo|il suo|il vostro) nome",
    r"nem (?:sequer )?(?:sabem|sabiam|conhecem|conheciam) o (?:teu|seu) nome",
    r"(?:kennen|kende|kenden|weten|wisten) (?:je|jouw|uw|zijn|haar) naam (?:niet eens|nog niet eens)",
    # ... even after a year ("kent de docent na een jaar je naam nog niet").
    r"(?:kent|kennen|kende|kenden|weet|weten) (?:\w+ ){1,6}(?:je|jouw|uw|zijn|haar) naam (?:nog |zelfs )?niet\b",
    r"(?:doesn['’]t|don['’]t|didn['’]t) (?:\w+ ){1,4}know (?:your|his|her|their) name",
)
# A rival's place set against the brand's own ("At Acme you learn to queue; here you learn to surf", "Bij Acme …. Bij
# ons …"): the rival named after the sentence's opening preposition, the brand's "here" after a break or opening the
# next sentence.
_AT_RIVAL = re.compile(r"^\W*(?i:at|bij|bei|chez|na|no|en|da|presso)\s+(?=[A-Z@])")
# The same with an article before the place's name ("En el Txoko Beltza te sirven …", "Im Café Sorglos …").
_AT_THE_PLACE = re.compile(r"^\W*(?i:at the|en el|en la|in der|im|dans le|chez le|nel|nella|al|in het|in de|no|na)\s+"
                           r"(?P<name>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)+)")
# A rival's promise and what comes of it: "Acme verspricht „Abrechnung per Klick“ – und dann …", "Acme promises
# same-day repairs, and then nobody turns up". The name opens the sentence; the brand's own promise is no jab.
_BROKEN_PROMISE = re.compile(
    r"^\W*(?P<name>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})\s+(?:verspricht|versprechen|promises?|promised|"
    r"promet(?:tent)?|promete(?:n)?|promette(?:no)?|belooft|beloven|anuncia|annonce|wirbt mit|advertises)\b"
    r".{0,100}?(?:\bund dann\b|\baber dann\b|\band then\b|\bbut then\b|\bbut in reality\b|\bet puis\b|\bet ensuite\b|"
    r"\by luego\b|\by después\b|\be poi\b|\ben dan\b|\bmaar dan\b|\be depois\b|\bdoch\b)")
_AT_US = re.compile(r"(?:^|[;,—–]\s*)\W*(?:here|with us|at ours|bij ons|hier|bei uns|chez nous|ici|con nosotros|aquí|"
                    r"acá|cá|aqui|connosco|conosco|da noi|qui|presso di noi)\b", re.IGNORECASE)
# "Cheap is dear" in the vocabulary's languages: said in a post that names a rival, it is aimed at that rival's price.
_CHEAP_IS_DEAR = _rx(
    r"goedkoop is duurkoop", r"buy cheap,? buy twice", r"you get what you pay for", r"lo barato sale caro",
    r"o barato sai caro", r"wer (?:billig|zweimal) kauft", r"le bon marché (?:coûte|revient) (?:toujours )?cher",
    r"chi più spende,? meno spende",
)


def competitor_disparagement(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    name_rx = ctx.rival_pattern
    sents = sentences(text)
    evidence = _low(ctx.own_evidence)
    # Swearing per sentence, read once: a sentence is judged both on its own and as the one after a rival's (a
    # last False for "no next sentence").
    swearing = [bool(banned_term(sent, channel, ctx)) for sent in sents] + [False]
    # Per sentence, read once (each is also judged as the one before or two before another): a competitor the
    # BrandTwin lists, and a capitalised name from outside the brand's own pages.
    listed = [bool(name_rx and name_rx.search(sent)) for sent in sents]
    outside_at = [_outside_name(sent, evidence) for sent in sents]
    cheap = _CHEAP_IS_DEAR.search(text)
    if cheap and ((name_rx and name_rx.search(text)) or any(outside_at)):
        return [Finding("competitor_disparagement", next(s for s in sents if cheap.group(0) in s), 0.75)]
    # Another business by the shape of its name counts as named, like a competitor the BrandTwin lists.
    everything = _low(ctx.evidence)
    business = [_outside_business(s, everything) for s in sents]
    for i, s in enumerate(sents):
        if _UNNAMED.search(s):
            return [Finding("competitor_disparagement", s, 0.7)]
        named = listed[i] or business[i]
        prev_named = i > 0 and (listed[i - 1] or business[i - 1])
        two_back = i > 1 and (listed[i - 2] or outside_at[i - 2])
        # The rival named in the sentence, as its subject (its first words: "A ContaJá anuncia …, mas ninguém lhe
        # atende"), or just before and pointed at ("Acme? Nobody answers the phone there").
        pointed = re.search(r"\b(?:there|they|them|their|lá|ali|allí|là-bas|dort|daar|lì|ils|ellos|eles|loro)\b",
                            s, re.I)
        if _SERVICE_JAB.search(s) and (named or _outside_name(" ".join(s.split()[:4]), evidence)
                                       or _GENERIC_RIVAL.search(s) or (pointed and prev_named)):
            return [Finding("competitor_disparagement", s, 0.8 if named else 0.7)]
        generic = _GENERIC_RIVAL.search(s)
        neg = _NEGATIVE.search(s)
        # The rival named just before, pointed at ("They …", "Dort wird man …", "Lá …", "Allí …").
        pronoun = re.search(r"\b(their|theirs|they|it|its|it'll|there|dort|drüben|lá|ali|allí|allá|là-bas|daar|lì|"
                            r"ils|elles|ellos|ellas|eles|elas|loro|leur|leurs|hun)\b", s, re.I)
        outside = i > 0 and outside_at[i - 1]
        # A kind of rival marked as someone else's ("cheap online conveyancing mills") counts like a generic one
        # when the same sentence runs it down.
        # Or asked about just before: "¿Sigues con ContaYa? Qué pereza: se cae cada cierre de mes".
        asked = i > 0 and ((prev_named and sents[i - 1].rstrip().endswith("?"))
                           or _rival_question(sents[i - 1], evidence))
        # Or named by the sentence before and run down in the brand's silence ("… une boulangerie bien connue, Acme SA.
        # Gâteaux bâclés, livraison ratée"): no "we" or "our" says the fault is the brand's own.
        silent = (prev_named and not s.rstrip().endswith("?") and not _FIRST_PERSON.search(s)
                  and not _WE_ABROAD.search(s))
        # Or named two sentences back, past a one- or two-word aside ("Switched from Acme? Welcome. Their …").
        past_aside = i > 1 and len(sents[i - 1].split()) <= 2 and (two_back or business[i - 2])
        if neg and (named or generic or _MARKED_RIVAL.search(s) or asked or silent
                    or (pronoun and (prev_named or outside or past_aside))):
            return [Finding("competitor_disparagement", s, 0.85 if named else 0.75)]
        # Swearing in a sentence about a rival ("sais de lá com um corte de merda"), or at the rival just named
        # ("… chez Decathlon … ? Leur SAV c'est de la merde."), runs it down whatever the words.
        if swearing[i] and (named or generic or (pronoun and prev_named)):
            return [Finding("competitor_disparagement", s, 0.8 if named or prev_named else 0.7)]
        nxt = sents[i + 1] if i + 1 < len(sents) else ""
        place = _AT_THE_PLACE.match(s)
        if neg and place and place.group("name").lower() not in everything and (
                ctx.brand_name.lower() not in place.group("name").lower()):
            return [Finding("competitor_disparagement", s, 0.75)]
        promise = _BROKEN_PROMISE.match(s)
        if promise and ctx.brand_name.lower() not in promise.group("name").lower() and (
                bool(name_rx and name_rx.search(promise.group("name")))
                or _outside_name(f"x {promise.group('name')}", evidence)):
            return [Finding("competitor_disparagement", s, 0.75)]
        if named and _AT_RIVAL.match(s) and (_AT_US.search(s, 4) or _AT_US.match(nxt)):
            return [Finding("competitor_disparagement", s, 0.75)]
        # The rival's people or goods, then the brand's set against them ("X's guides read off a card. Ours grew up
        # on the mountain.", "Les conseillers de X changent tous les ans. Les nôtres restent.").
        # Not after praise ("Fibox makes solid products. Ours ship in a week.": a fair comparison).
        if _OURS_AFTER.match(nxt) and (named or _other_party(s, everything, ctx.brand_name)) and not (
                _FIRST_PERSON.search(s) or _PRAISE.search(s)):
            return [Finding("competitor_disparagement", s, 0.7)]
        emphatic = _EMPHATIC_CONTRAST.search(s)
        if emphatic and (named or generic or re.search(r"[A-Z]", emphatic.group("who"))) and (
                ctx.brand_name.lower() not in emphatic.group("who").lower()):
            return [Finding("competitor_disparagement", s, 0.75)]
        if _NO_DECEIT.search(s) and (named or prev_named or generic or any(
                _other_party(x, everything, ctx.brand_name) for x in (s, sents[i - 1] if i else ""))):
            return [Finding("competitor_disparagement", s, 0.75)]
        if (named or generic) and _CONTRAST_JAB.search(s):
            return [Finding("competitor_disparagement", s, 0.8 if named else 0.7)]
        if (_MOCKERY.search(s) or _SCARE_QUOTES.search(s)) and (named or generic or _MARKED_RIVAL.search(s)):
            return [Finding("competitor_disparagement", s, 0.75)]
        if _contrasted_scare_quotes(s):
            return [Finding("competitor_disparagement", s, 0.7)]
        # Sarcasm right after the rival is named ("… a certain big orange superstore … . Love that for them 🙃").
        prev = sents[i - 1] if i > 0 else ""
        # ... or pointed at after a sentence between ("Did PearlPoint Dental quote you four crowns? Get a second
        # opinion. Their 'free' exam is bait").
        pointed_back = pronoun and two_back
        if (_MOCKERY.search(s) or _SCARE_QUOTES.search(s)) and (
                prev_named or pointed_back or _GENERIC_RIVAL.search(prev) or _MARKED_RIVAL.search(prev)):
            return [Finding("competitor_disparagement", f"{prev} {s}", 0.7)]
        praise = _FAINT_PRAISE.search(f"{s} {nxt}")
        if praise and (named or _outside_subject(f"{s} {nxt}"[:praise.start()], evidence)):
            return [Finding("competitor_disparagement", f"{s} {nxt}".strip(), 0.7)]
        # A rival in one sentence, the jab in a short next one ("Hardware megastores ... . Shameless.", "La pasta del
        # supermercato? Per me è una cagata.").
        if (named or generic) and len(nxt.split()) <= 6 and (_NEGATIVE.search(nxt) or swearing[i + 1]):
            return [Finding("competitor_disparagement", f"{s} {nxt}", 0.7)]
    return []


# ---------------------------------------------------------------------------------------- personal_data
# Dutch and German surname particles ("Jan van der Berg", "Lena von Arnim"): part of a name, never its key. Not
# Romance "de", "du", "di": they join dish names too ("Pain de Campagne", "Tarte du Jour").
_PARTICLES = frozenset("van der den von ter ten".split())
# Irish surname particles, capitalised ("Seán Ó Flaithearta", "Aoife Ní Bhriain", "Cathal Mac Giolla").
_GAELIC_PARTICLES = frozenset("Ó Ní Nic Mac Uí Ua".split())
_NAME_PARTICLES = _PARTICLES | _GAELIC_PARTICLES
_LOWER = "a-zß-öø-ÿ\u0100-\u017f'’"  # Latin-1 and Latin Extended-A ("Yıldız", "Łukasz")
_NAME = re.compile(
    rf"(?<![\w@#.'])((?:[A-ZÀ-ÖØ-Þ][{_LOWER}]+)(?:[ \u00a0]+"  # a name never spans a line
    r"(?:(?:" + "|".join(sorted(_NAME_PARTICLES))
    + rf")[ \u00a0]+){{0,2}}[A-ZÀ-ÖØ-Þ\u0100-\u017f][{_LOWER}]+){{1,3}})"
)
_NOT_NAME_START = {
    "how",
    "what",
    "why",
    "when",
    "where",
    "who",
    "which",
    "the",
    "our",
    "we",
    "meet",
    "happy",
    "thanks",
    "thank",
    "congratulations",
    "big",
    "welcome",
    "sad",
    "dear",
    "hi",
    "hello",
    "felicidades",
    "gracias",
    "holy",
    "great",
    "enjoy",
    "dropped",
    "call",
    "ask",
    "join",
    "sunday",
    "saturday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "el",
    "la",
    "los",
    "las",
    "tu",
    "su",
    "nuestra",
    "nuestro",
    # Holidays and greetings that look like a first and last name ("Labor Day", "Viel Glück").
    "labor",
    "labour",
    "memorial",
    "boxing",
    "independence",
    "viel",
    "frohe",
    "joyeux",
    "bonne",
    "buon",
    "feliz",
    # German determiners open a sentence capitalised ("Jeder Euro geht …", "Alle Kurse").
    "jeder",
    "jede",
    "jedes",
    "jeden",
    "alle",
    "diese",
    "dieser",
    "dieses",
    # So do possessives and number words ("Meine Antwort ist einfach", "Vier Generationen, ein Haus").
    "mein",
    "meine",
    "meinen",
    "unser",
    "unsere",
    "unseren",
    # The polite "your" and the other German possessives in every case ("zu Ihrem Gesicht", "mit unserem Team").
    "ihr",
    "ihre",
    "ihrem",
    "ihren",
    "ihrer",
    "ihres",
    "unserem",
    "unserer",
    "unseres",
    "meinem",
    "meiner",
    "meines",
    "deinem",
    "deiner",
    "deine",
    "dein",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "zehn",
    "two",
    "three",
    "four",
    "five",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "dos",
    "tres",
    "cuatro",
    "cinco",
}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_STREET = re.compile(
    r"(?:\b(?:flat|apt|apartment|unit)\s+\d+\w?,?\s*)?\b\d{1,4}\w?,?\s+(?:[A-ZÁÉÍÓÚ][\w'’]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Grove|Drive|Dr|Close|Crescent|Terrace|Place|Way|"
    r"Court|Square|Parade)\b|\b(?:calle|c/|avenida|avda\.?|plaza)\s+[\w ]+,?\s*\d+"
    r"|\b(?:flat|apt|apartment|unit)\s+\d+\w?"
    # German streets end in a street word and are followed by the number; French ones follow it.
    r"|\b[\wäöüß-]*(?:straße|strasse|gasse|weg|platz|allee|damm|ufer|straat|laan|plein|gracht|kade|singel|dijk|hof|"
    r"steeg)"
    r"\s+\d{1,4}\w?\b"
    r"|\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|impasse|allée|quai)\b",
    re.IGNORECASE,
)
# Belgian, Swiss, Italian and Portuguese addresses put the number after the street's name ("rue Saint-Gilles 112", "via
# Garibaldi, 5"): the street word, a capitalised name, then the number (case-sensitive, so "via email 3" is none).
_STREET_NUMBER_AFTER = re.compile(
    r"\b(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Cc]haussée|[Qq]uai|[Cc]hemin|[Vv]iale|[Pp]iazza|[Cc]orso|[Rr]ua|[Tt]ravessa|"
    r"[Ll]argo|[Pp]raça|[Vv]ia)\s+"
    r"(?:(?:de(?:s|l|lla)?|du|di|do|da|dos|das|l['’])\s?)?[A-ZÀ-Ö][\w'’-]+(?:\s[A-ZÀ-Ö][\w'’-]+){0,3},?\s\d{1,4}\b"
)
_MONTHS = (r"(?:jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|févr(?:ier)?|mar(?:ch|s)?|märz|apr(?:il)?|avr(?:il)?|may|mai|"
           r"june?|juin|juni|july?|juil(?:let)?|juli|aug(?:ust)?|août|sep(?:t|tember|tembre)?|oct(?:ober|obre)?|"
           r"okt(?:ober)?|nov(?:ember|embre)?|dec(?:ember)?|déc(?:embre)?|dez(?:ember)?|enero|febrero|marzo|abril|"
           r"mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|"
           r"luglio|settembre|ottobre|dicembre)\b")
# Figures that are a private person's details, not a claim of the brand's: a street number, a date, an age.
_PERSONAL_FIGURE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\(\s?\d{1,3}\s?\)|\baged? \d{1,3}\b"
    # An age, or a range of ages ("de 5 à 90 ans", "from 5 to 12 years old").
    r"|\b(?:\d{1,3}\s?(?:à|to|-|–|a|bis|tot|y|and)\s?)?\d{1,3}"
    r"(?:-year-old| years? old|-jährige\w*| ans\b| años\b| jaar oud\b)"
    r"|\b\d{1,3}(?:st|nd|rd|th|\.|e|ste)? (?:birthday|geburtstag|anniversaire|cumpleaños|verjaardag)"
    r"|\b(?:road|route|highway|hwy|suite|exit)\s+\d{1,4}\b"
    # A year as a figure of speech, not a claim ("like it's 2009", "stuck in 2010").
    r"|\blike it['’]s (?:19|20)\d\ds?\b|\bstuck in (?:the )?(?:19|20)\d\ds?\b"
    # A step of a how-to is an ordinal, not a claim ("Step 3: add skills", "Étape 2").
    r"|\b(?:steps?|tips?|parts?|stages?|phases?|chapters?|episodes?|schritte?|tipps?|teil|étapes?|astuces?|pasos?"
    r"|consejos?|partes?)\s+\d{1,2}(?:\s?(?:to|-|–|and|bis|à|a|y)\s?\d{1,2})?\b"
    # A position in a series ("Week 3 of clinical Pilates", "Jour 2"), a room, cabin or unit ("chambre 12", "cabin
    # 9114", "apto. 4B", "#08-227", "Blk 412", Singapore's "Street 41"), an identity number's digit groups.
    r"|\b(?:week|day|month|round|level|semaine|jour|mois|semana|día|mes|woche|tag|monat|settimana|giorno|dag|maand)"
    r"\s+\d{1,2}\b"
    r"|\b(?:room|cabin|chambre|habitación|habitacion|zimmer|kamer|camera|apto?\.?|unit|blk|block|bloc|street|st)"
    r"\s+#?\d{1,5}\w?\b|#\d{1,3}-\d{1,4}\b|\b\d{3,}(?:[.\s-]\d{2,}){2,}\b"
    # A day of a month ("le 14 juin", "du 3 au 7 août", "June 14"): a booking or an event, not a claim.
    r"|\b\d{1,2}(?:st|nd|rd|th|er|e|\.)?(?:\s(?:au|to|-|–|al|bis|a)\s\d{1,2}(?:st|nd|rd|th|er|e|\.)?)?\s(?:de\s)?"
    + _MONTHS + r"|\b" + _MONTHS + r"\s\d{1,2}(?:st|nd|rd|th)?\b"
    # A pregnancy's weeks or months, an age between commas after a name ("Jason Lim, 34, store manager").
    r"|\b\d{1,2} (?:weeks?|months?|semaines|mois|semanas|meses|wochen|monate|settimane|mesi) (?:pregnant|enceinte|"
    r"embarazada|schwanger|incinta)|(?<=[a-z]),\s\d{1,2},(?=\s)"
    # "100 % mine": an idiom, not a figure.
    r"|\b100\s?%\s(?:honest|mine|my own|sure|les miens|les miennes|à moi|sincère|míos|mías|meine)",
    re.IGNORECASE,
)
# A prize draw's winner is no award of the brand's ("winner of our giveaway", "Gewinnerin unseres Gewinnspiels").
_CONTEST = _rx(r"giveaways?", r"competitions?", r"contests?", r"raffles?", r"prize draws?", r"\w*gewinnspiel\w*",
               r"verlosung\w*", r"sorteos?", r"concursos?", r"jeux?[- ]concours", r"tirage au sort", r"winactie\w*",
               r"prijsvraag\w*", r"\w*wedstrijd(?:en)?", r"concours", r"concors[oi]")
_PERSONAL_DETAIL = _rx(
    r"birthday",
    # Born on a date, in the seven languages ("nato il 2/7/1958", "née le 12/04/1990", "geboren am 3.5.1961").
    r"(?:born|nat[oa]|née?|nacid[oa]|nascid[oa]|geboren) (?:on |il |le |el |em |am |op |in )?"
    r"\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}",
    # A medical device or an operation is health data ("nonostante il pacemaker", "opérée d'une hernie").
    r"pacemakers?",
    r"herzschrittmacher",
    r"marcapasos",
    r"marca-passo",
    r"stimulateur cardiaque",
    r"op[ée]r[ée]e?s? (?:d['’]une?|du|de la|des)",
    r"operad[oa] (?:de|del|da|do)",
    r"operat[oa] (?:di|al|alla|all['’])",
    r"operiert",
    r"geopereerd",
    r"verjaardag",
    r"jarig",
    r"woont (?:in|op|aan)",
    r"scheiding",
    r"schulden",
    r"zwanger",
    r"ziekte\w*",
    r"cumpleaños",
    r"\d{1,2}(?:st|nd|rd|th)? birthday",
    r"por sus \d+",
    r"primary",
    r"school",
    r"class",
    r"injury",
    r"illness",
    r"diagnos\w+",
    r"benefit",
    r"disabilit\w+",
    r"allerg\w+",
    r"alergia",
    r"passed away",
    r"died",
    r"funeral",
    r"estate",
    r"worth",
    r"mortgage",
    r"salary",
    r"debt",
    r"divorce\w*",
    r"pregnan\w+",
    r"terrified",
    r"patient",
    r"client",
    r"of [A-Z][a-z]+",
    r"from [A-Z][a-z]+",
    r"closed on",
    r"tel[eé]fono",
    r"mobile",
    r"marido",
    r"husband",
    r"wife",
    r"lives? (?:\w+ ){0,4}(?:on|in|at|above|near|next to|opposite)",
    r"disorder",
    r"chemo\w*",
    r"therapy",
    r"rehab\w*",
    r"sophomore|freshman|junior high|high school|year \d+|grade \d+",
    r"\d{1,2}[- ]years?[- ]old",
    r"\d{1,2} años",
    r"\d{1,3} (?:ans|anni|anos|jaar|Jahre)",
    r"chimio\w*",
    r"quimio\w*",
    r"(?-i:(?:rue|avenue|boulevard|impasse|viale|calle|avenida|rua|travessa) (?:de la |de |du |des |del |da |do )?"
    r"[A-ZÀ-Þ])\w+",  # a street without its number, in lower case as addresses write it ("rue Dumenge")
    r"vecin[oa] de",
    r"baja (?:por|m[eé]dica)",
    r"divorci\w+",
    r"deudas?",
    r"colegio",
    r"instituto",
    r"embarazad\w+",
    r"viud[oa]",
    r"widow\w*",
    r"(?:de|en) la calle",
    # Health conditions and care: a named private person's health is theirs to share, in the five languages the
    # reviewer reads ("qui est diabétique", "a hearing aid", "after that nasty burnout").
    r"diabet\w*",
    r"diabète",
    r"diabétique",
    r"asthm\w*",
    r"epilep\w*",
    r"(?:has|had|with|beat|beating|fighting|after) cancer",
    r"dementia",
    r"dementie",
    r"demenz\w*",
    r"démence",
    r"demenza",
    r"demência",
    r"alzheimer\w*",
    # Moving into care: a care home in the five languages.
    r"care home",
    r"nursing home",
    r"woonzorgcentrum",
    r"verzorgingshuis",
    r"pflegeheim",
    r"altersheim",
    r"ehpad",
    r"maison de retraite",
    r"casa di riposo",
    r"residencia de (?:ancianos|mayores)",
    r"lar de idosos",
    r"parkinson\w*",
    r"depressi\w+",
    r"anxiety",
    r"burn-?out",
    r"hearing aids?",
    r"wheelchair",
    r"surgery",
    r"in hospital|hospitali[sz]ed",
    r"recovering from",
    r"mental health",
    r"miscarriage",
    r"schwanger",
    r"incinta",
    r"maladie",
    r"hospitalisée?",
    r"krank(?:enhaus|geschrieben)\w*",
    r"malattia",
    r"ziek(?:enhuis)?",
    r"enfermedad",
    r"hospitalizad[oa]",
    r"both \d{1,3}",
    # Money troubles and income ("behind with the rent", "een BKR-registratie", "verdient ruim drie keer de huur").
    r"arrears",
    r"credit (?:record|score|history|rating)",
    r"(?:behind|achter) (?:met|with|on) (?:de |the |their |his |her )?(?:huur|rent|payments?)",
    r"bkr\w*",
    r"inkomen",
    r"salaris",
    r"income",
)
# A place after "of" or "from", and an age in brackets after a name, as the press writes it ("Willy Claeys (83)").
_DETAIL_CASED = re.compile(r"\b(?:of|from|in) [A-Z][a-z]{3,}|[A-Z][a-z]+ \([1-9]\d?\)")


def _phones(text: str, region: str | None) -> list[str]:
    found: list[str] = []
    for reg in dict.fromkeys([region or "US", "US", "GB", "ES", "IE"]):
        for m in phonenumbers.PhoneNumberMatcher(text, reg, leniency=phonenumbers.Leniency.POSSIBLE):
            # Some plans make a bare 4-digit figure a valid number ("seit 1642" in DE): a phone a post could
            # publish has an area code, so at least seven digits. A number no operator holds yet (the ranges
            # reserved for fiction, "07700 900482") is still a phone when it is written as one: a trunk or
            # country prefix and at least ten digits.
            digits = sum(ch.isdigit() for ch in m.raw_string)
            raw = m.raw_string.lstrip("(")
            phone_shaped = (raw.startswith("+") or re.match(r"0[1-9]", raw) is not None) and digits >= 10 and bool(
                re.search(r"\d[\s.-]\d", raw))
            if m.raw_string not in found and digits >= 7 and (phonenumbers.is_valid_number(m.number) or phone_shaped):
                found.append(m.raw_string)
    return found


# "our client/patient X": a private person even when a staff member on the site shares the first name.
_PRIVATE_ROLE = re.compile(
    r"\b(?:client|customer|patient|member|student|neighbour|neighbor|volunteer|cliente|paciente|vecin[oa]|alumn[oa]|"
    r"élève|étudiante?|client[ae]?|leerling|klant|Schüler(?:in)?|Kund(?:e|in)|client[ei]|allievo|allieva|alun[oa])\s+$",
    re.IGNORECASE,
)


# Last words that make a capitalised run an organisation, a fund or a place rather than a person.
# Trade words that are also surnames ("Jude Law", "Ann Lodge"): they still end a person's name.
_SURNAME_TOO = frozenset("law house bar farm inn lodge baker bell kitchen garage print grill design".split())
_NOT_PERSON_END = frozenset(
    "trust fund foundation council network scheme initiative society association club awards award group ltd "
    "limited inc llc gmbh plc university college school academy hospital clinic centre center institute bank "
    "studio market street road avenue square island islands republic kingdom states county region district "
    "valley river lake mountains partners partnership services committee board agency authority ministry "
    "department office festival expo prize america americas europe asia africa oceania midlands "
    "calle avenida plaza barrio fundación asociación ayuntamiento generation medal medals cup trophy "
    "championship championships league library libraries museum gallery theatre theater station airport stadium "
    "arena cathedral hotel hostel bibliothek bücherei bibliothèque biblioteca bibliotheek museo musée "
    # Landscapes, producers and money ("Hells Canyon", "Oak & Rind Creamery", "Jeder Euro").
    "canyon creek gorge glacier beach falls peak creamery dairy bakery brewery cidery winery distillery roastery "
    "vineyard orchard farms euro euros dollar dollars".split()
    # A business's trade word at its end ("Pageturn Books", "Harbour Cycles") ends no person's name either.
) | (_BUSINESS_END - _SURNAME_TOO)  # not words that are also common surnames (Hill, Park, Lane, West, Day, Church)


# German abstract nouns are capitalised like names ("Bezahlte Partnerschaft", "Kostenlose Beratung"): no person.
_ABSTRACT_ENDINGS = "schaft|heit|keit|tion|tät"
_ABSTRACT_NOUN = re.compile(rf"\w{{3,}}(?:{_ABSTRACT_ENDINGS})$", re.IGNORECASE)
# No given name ends like a German verbal noun ("bei der Nassreinigung Zeit sparen"); surnames may ("Cheung").
_NOUN_FIRST = re.compile(rf"\w{{3,}}(?:{_ABSTRACT_ENDINGS}|ungen|ung)$", re.IGNORECASE)
# Nor does a surname end like one, but for "-eung" ("Cheung", "Leung"): "Jahre Erfahrung" is two nouns.
_VERBAL_NOUN_LAST = re.compile(r"\w{3,}(?<![eE])ung(?:en)?$")
# "der" or "den" without "van" or "von" before it is a German article between two nouns ("Telefonaten den
# Überblick"), not a surname particle ("van den Berg", "von der Leyen").
_ARTICLE_INSIDE = re.compile(r"(?<!\b[Vv]an)(?<!\b[Vv]on) (?:der|den) ")


def _person_like(words: list[str]) -> bool:
    # Two words of more than twelve letters each are capitalised nouns ("Nachhilfeschule Norddeutschlands"), not a
    # name; one long word may be a greeting before a name ("Gefeliciteerd Jeroen"), a hyphenated name is two parts.
    return (words[-1].lower() not in _NOT_PERSON_END and " ".join(words).lower() not in place_names()
            and not _ABSTRACT_NOUN.match(words[-1]) and not _NOUN_FIRST.match(words[0])
            and not _VERBAL_NOUN_LAST.match(words[-1])
            and not all(max(map(len, w.split("-"))) > 12 for w in words))


# A name followed by its job ("Ayesha Khan, registered tax practitioner and head of our tax service") is staff
# named in a professional role, which the labels' rule treats as public: unless the post also gives a private
# contact ("Jenna Morales, ER nurse at St. David's … text her on (512) 555-0177" is a student, not staff).
# Jobs a brand's staff are named with, on either side of the name; one list for both rules below.
_JOBS = (r"practitioner|manager|director|founder|co-founder|owner|partner|vet|veterinarian|dentist|hygienist|"
         r"technician|nurse|chef|baker|brewer|brewmaster|teacher|tutor|coach|physio\w*|planner|adviser|advisor|"
         r"solicitor|mechanic|engineer|designer|receptionist|coordinator|examiner|instructor|trainer|consultant|"
         r"specialist|sommelier|winemaker|accountant|guide")
_STAFF_ROLE = re.compile(
    r",?\s+(?:(?:is\s+)?(?:our|the|a|an|nuestr[oa]|unser\w*|notre)\s+)?(?:[\w-]+\s+){0,3}?(?:"
    + _JOBS + r"|head|therapist|lawyer|attorney|CFP|MD|DVM|BSc|PhD)\b"
)

# The job before the name ("workshop lead Marta Nowak", "our head physio, Sam Reid"): staff too.
_ROLE_BEFORE = re.compile(r"\b(?:" + _JOBS + r"|lead|head \w+)\s*,?\s*$", re.IGNORECASE)


def _said_in(word: str, evidence: str) -> bool:
    """``word`` stands in the (lower-case) evidence as a word of its own: the brand's pages name that person."""
    return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", evidence) is not None


def _private_names(text: str, ctx: ReviewContext, *, private_contact: bool = False) -> list[str]:
    evidence = _low(ctx.evidence)
    names: list[str] = []
    # After a private role a surname may open with "de" ("nuestra alumna Anneke de Vries"); elsewhere "de" would
    # join too much ("Pain de Campagne").
    for m in _DE_NAME.finditer(text):
        if _PRIVATE_ROLE.search(text[: m.start()]) and m.group(0).lower() not in evidence:
            names.append(" ".join(m.group(0).split()))
    for m in _NAME.finditer(text):
        if _PRIVATE_ROLE.search(text[: m.start()]) and m.group(1).lower() not in evidence:
            names.append(m.group(1))
            continue
        if not private_contact and (_STAFF_ROLE.match(text, m.end()) or _ROLE_BEFORE.search(text[: m.start()])):
            continue
        if _PRODUCT_AFTER.match(text, m.end()):  # "their Harvest Moon blend": a product's name
            continue
        if _TRAVELLED_FROM.search(text[: m.start()]):  # "volunteers who came over from Pebble Bay": a place
            continue
        if _ARTICLE_INSIDE.search(m.group(1)):
            continue
        words = m.group(1).split()
        while words and (words[0].lower() in _NOT_NAME_START or (len(words[0]) > 6 and words[0].endswith("ing"))):
            words = words[1:]
        words = [w for w in words if w.lower() not in ("and", "y") and w not in _NAME_PARTICLES]
        if len(words) < 2 or not _person_like(words):
            continue
        # Staff, founders, places and products named on the brand's own pages are public, not private. Next to a
        # private contact the name must be known by its first word (or by the surname after a title): a shared
        # surname alone is not the same person ("Jason Tan … his personal mobile" is not the founder Rachel Tan).
        key = words
        if private_contact:
            key = words[1:] if words[0].lower().rstrip(".") in _TITLES and len(words) > 1 else words[:1]
        if any(_said_in(w, evidence) for w in key) or (
                " ".join(words).lower() in evidence):
            continue
        names.append(" ".join(words))
    return names


# Words for a kind of product right after a capitalised name make it the product's name, not a person's.
_PRODUCT_AFTER = re.compile(r"[ \u00a0]+(?:blend|roast|range|collection|edition|bundle|kit|series|menu|tea|coffee|"
                            r"beer|ale|lager|gin|wine|cheese|loaf|bar|box|candle|jumper|sweater|jacket|boots?|bag|"
                            r"sauce|oil|soap|cream|balm)s?\b", re.I)
# Where people came from is a place, not a person ("who came over from Pebble Bay", "venus de Port Louis").
_TRAVELLED_FROM = re.compile(
    r"\b(?:came|come|comes|coming|drove|driven|driving|travell?ed|travell?ing|flew|flown|walked|cycled|rode|moved|"
    r"sailed|hiked|commuted?|arrived)(?: (?:over|up|down|in|out|across|back|all the way))? from\s+$"
    r"|\b(?:venus?|venues?|arrivée?s?|vinieron|vino|venían|llegaron|llegó|vieram|veio|chegaram|kamen|kam|angereist|"
    r"kwamen|kwam|vennero|venuti|arrivati) (?:\w+ )?(?:de|d['’]|desde|da|aus|uit|van|dal|dalla)\s*$",
    re.IGNORECASE,
)
_DE_NAME = re.compile(rf"(?<![\w@#.'])[A-ZÀ-ÖØ-Þ][{_LOWER}]+[ \u00a0]+(?:de|da|di|du|del|della|dos|das)[ \u00a0]+"
                      rf"[A-ZÀ-ÖØ-Þ][{_LOWER}]+")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sr", "sra", "herr", "frau", "m", "mme", "mlle"}


def _brand_email(email: str, ctx: ReviewContext) -> bool:
    """An address on the brand's own domain (hello@harbourcitytoollibrary.org.nz) is the brand's, not a person's."""
    domain = re.sub(r"[^a-z]", "", email.split("@", 1)[1].split(".")[0].lower())
    brand = re.sub(r"[^a-z]", "", ctx.brand_name.lower())
    words = [w for w in re.findall(r"[a-z]{4,}", ctx.brand_name.lower())]
    return bool(domain) and (domain in brand or brand in domain or any(w in domain for w in words))


# A national identity, tax, social-security, health-service, passport or car registration number with its label
# ("PPSN 1234567TA", "BSN: 123456782", "Sozialversicherungsnummer 1234 010180", "SSN 078-05-1120"). Not a bank
# account: a business posts its own for transfers and donations.
# Acronyms are matched in capitals only: "sin" is Spanish for "without", "nie" Polish for "not".
_ID_LABEL = (r"SSN|PPSN|NINO|BSN|DNI|NIE|NIR|CPF|CURP|TFN|SIN|AHV(?:-?[Nn]r\.?)?|NHS (?:number|[Nn]o\.?)|"
             r"(?i:social security (?:number|no\.?|#)|PPS (?:number|no\.?)|NI (?:number|no\.?)|national insurance "
             r"(?:number|no\.?)|burgerservicenummer|codice fiscale|steuer-?id|steueridentifikationsnummer|"
             r"sozialversicherungsnummer|num[ée]ro de s[ée]curit[ée] sociale|rijksregisternummer|tax file number|"
             r"social insurance number|medicare (?:number|no\.?|card)|passport (?:number|no\.?)|passaporte|pasaporte|"
             r"reisepass|n[úu]mero de (?:contribuinte|utente|seguran[çc]a social)|cart[ãa]o de cidad[ãa]o|"
             # A car's registration names its keeper as surely ("mit dem Kennzeichen W-48213K").
             r"licen[cs]e plate|number plate|registration (?:number|plate)|kennzeichen|nummernschild|"
             r"matr[ií]cula|placas?|plaque d['’]immatriculation|targa|kenteken)")
_NATIONAL_ID = re.compile(rf"(?<!\w)(?:{_ID_LABEL})(?!\w)\W{{0,4}}(?=[A-Z0-9 .-]{{5,34}})"
                          rf"((?:[A-Z]{{0,4}}[ .-]?)?\d[\dA-Z .-]{{3,30}}[\dA-Z])")


def private_contacts(text: str, ctx: ReviewContext) -> tuple[list[str], list[str]]:
    """(details in the post that identify a private person and are not the brand's own: phone numbers, e-mail and
    street addresses, identity and account numbers; the e-mail addresses among them)."""
    evidence = ctx.evidence
    phones = [p for p in _phones(text, ctx.region) if re.sub(r"\D", "", p) not in re.sub(r"[^\d\n]", "", evidence)]
    emails = [e for e in _EMAIL.findall(text) if e.lower() not in evidence.lower() and not _brand_email(e, ctx)]
    streets = [s.group(0) for rx in (_STREET, _STREET_NUMBER_AFTER) for s in rx.finditer(text)
               if s.group(0).lower() not in evidence.lower()]
    digits = re.sub(r"[^\d\n]", "", evidence)
    ids = [m.group(0) for m in _NATIONAL_ID.finditer(text)
           if sum(c.isdigit() for c in m.group(1)) >= 4 and re.sub(r"\D", "", m.group(1)) not in digits]
    return phones + emails + streets + ids, emails


# A private person by courtesy title and name ("mevrouw Ria de Bruin (78) van de Essenburgsingel 41b", "Frau Huber
# aus der Lindengasse"): lower-case titles the name pattern does not read, and a single surname after one.
_TITLED_NAME = re.compile(
    r"\b(?:mevrouw|meneer|mevr\.|dhr\.|Frau|Herr|Madame|Monsieur|Mme|signora|signor|sig\.ra|señora|señor|doña|"
    r"senhora|senhor|dona)\s+([A-ZÀ-Þ][\w'’-]+(?:\s+(?:(?:de|van|der|den|von|da|di|del|della|dos|das|ter|ten)\s+)*"
    r"[A-ZÀ-Þ][\w'’-]+)?)"
)
# A family member by first name ("my son Leo", "mijn dochter Sanne", "mia figlia Giulia"): one word names a private
# person only with at least two details about them (age and school, a town and a diagnosis); see personal_data.
_FAMILY_NAMED = re.compile(
    r"\b(?:my|our|mon|ma|notre|mijn|onze|mein|meine|meinen|meinem|unser|unsere|unseren|mi|nuestr[oa]|mio|mia|meu|"
    r"minha)\s+(?:(?:little|youngest|eldest|oldest|kleine|petit|petite|pequeñ[oa]|piccol[oa])\s+)?"
    r"(?:son|daughter|boy|girl|kid|child|husband|wife|grandson|granddaughter|fils|fille|mari|zoon|dochter|man|"
    r"Sohn|Tochter|Mann|hij[oa]|marido|esposa|figli[oa]|marito|moglie|filh[oa])\s+((?-i:[A-ZÀ-Þ])[\w'’-]+)",
    re.IGNORECASE,
)
# An age said of someone ("He's 9", "she is 12", "Leo (9)").
_AGE_SAID = re.compile(r"\b(?:he|she)(?:['’]s| is) \d{1,2}\b|\(\d{1,2}\)", re.IGNORECASE)


def _details(text: str) -> set[str]:
    """The distinct personal details a post states (a school, a grade, an age, a town, a diagnosis …)."""
    return {m.group(0).lower() for rx in (_PERSONAL_DETAIL, _DETAIL_CASED, _AGE_SAID) for m in rx.finditer(text)}


def personal_data(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    contact, emails = private_contacts(text, ctx)
    # An age beside a name ("Leon Petersen (14) aus Barmbek") marks a private person as a phone number does: the
    # pages must know the name by its first word, not only share a surname with it.
    names = _private_names(text, ctx, private_contact=bool(contact) or bool(_AGE_SAID.search(text)))
    evidence = _low(ctx.evidence)
    names += [m.group(1) for m in _TITLED_NAME.finditer(text) if m.group(1).lower() not in evidence]
    if names and (contact or _PERSONAL_DETAIL.search(text) or _DETAIL_CASED.search(text)):
        return [Finding("personal_data", names[0], 0.9 if contact else 0.7, detail=", ".join(contact))]
    family = [m.group(1) for m in _FAMILY_NAMED.finditer(text)
              if not _said_in(m.group(1), evidence)]
    if family and (contact or len(_details(text)) >= 2):
        return [Finding("personal_data", family[0], 0.7, detail=", ".join(contact))]
    ids = [c for c in contact if _NATIONAL_ID.fullmatch(c)]
    if ids:  # an identity or account number is somebody's personal data even when the post names nobody
        return [Finding("personal_data", ids[0], 0.8)]
    if emails and not names:
        return [Finding("personal_data", emails[0], 0.6)]
    return []


# ------------------------------------------------------------------------------------- unsupported_claim
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_WORD_NUMBERS |= {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "diez": 10,
    "doce": 12,
    "veinte": 20,
    "cien": 100,
}
_NUM = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)(?![\w])")
# A clock time: "9am", "19h30", "10:15", "10 Uhr", "a las 10 horas".
# An hour range first, whole ("8–18 Uhr", "9-5pm"): its first hour has no unit of its own.
_TIME = re.compile(r"(?<![\d.,:])\d{1,2}(?:[.:]\d{2})?\s?[–-]\s?\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|h|uhr|uur|ore|horas?|"
                   r"heures?)\b"
                   # The French hour with its minutes after the "h", spaced or not ("dès 7 h 30", "19h45").
                   r"|(?<![\d.,:])\d{1,2}\s?h\s?[0-5]\d(?!\d)"
                   r"|(?<![\d.,:])\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|h)\b|(?<![\d.,:])\d{1,2}:\d{2}(?!\d)"
                   r"|\b(?:[01]?\d|2[0-3])(?:[.:]\d{2})?\s?(?:uhr|heures?|horas?|ore|uur)\b", re.IGNORECASE)
# Numbers that count nothing the brand claims: a temperature ("38 degrés à la cérémonie"), an hour said bare
# ("back up and running by 2"), the number of a lesson, day or episode in a series ("Lesson 2 and I didn't …").
_NO_CLAIM_NUMBER = re.compile(
    r"\b\d{1,3}\s?(?:°\s?[CF]?|degrees?|degrés?|grados?|graus?|grad|gradi|graden)(?!\w)"
    r"|\b(?:by|at|until|till|around|before|after)\s(?:[1-9]|1[0-2])(?=\s*(?:[,.;!?)]|$|o['’]clock|tonight|today|"
    r"this (?:morning|afternoon|evening)|sharp\b))"
    # An hour after the words that say "at" or "from" of a clock time, where they say nothing else ("alle 18",
    # "dalle 10 alle 19", "a las 9", "às 21", "om 7"): not a count, unless a unit follows ("um 18 Prozent").
    r"|\b(?:alle|dalle|verso le|entro le|a las|desde las|hasta las|sobre las|às|das|até às|om|rond)\s(?:[01]?\d|2[0-3])"
    r"(?:[.:][0-5]\d)?(?!\s?(?:%|[.,]\d|€|\$|euro|eur\b|prozent|percento|por ciento|procent|person|pessoa|"
    r"persone|personas|mensen|anni|años|anos|jaar|kg|km|minut|dias|días|giorni|dagen|uur\b))(?![\d\w])"
    # Goods a donor gave, in a thank-you ("Danke an Napfglück für 200 kg Katzenfutter"): the donor's figure.
    r"|\b(?:danke|thanks?|thank you|merci|gracias|grazie|obrigad[oa]|bedankt)\b[^.!?]{0,40}?\b(?:für|for|pour|por|"
    r"per|voor)\s\d+(?:[.,]\d+)?\s?(?:kg|kilos?|tonnen|tonnes?|sacks?|säcke|bags?|boxes|cans|dosen|bottles|"
    r"flaschen|cajas|sacos|latas|bo[iî]tes|sacs)\b"
    r"|\b(?:lesson|day|week|part|episode|step|round|chapter|leçon|jour|semaine|lektion|tag|woche|teil|lección|"
    r"día|semana|aula|dia|lezione|giorno|settimana|dag|aflevering)\s\d{1,2}\b(?!\s?(?:%|[.,]\d))",
    re.IGNORECASE,
)
# Research's reading of a written price, so a post's prices are read as the twin's were, and an amount said in a
# currency's name or slang, as posts say it ("20 Euro", "260 varos", "a tenner is 10 quid", "40 balles", "30 Mäuse").
_MONEY_WORDS = (r"euro|euros|quid|bucks|pesos|varos|pavos|pelas|lucas|balles|piasses|piastres|mäuse|kröten|tacken|"
                r"öcken|reais|pilas|paus|franken|stutz|franchi|francs|dólares|dolares|dollari|dollars|libras|sterline")
# An amount in English words before a currency's name or slang ("eighty-five quid", "a hundred and twenty euro").
_UNITS = "one two three four five six seven eight nine".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_BELOW_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}|{'|'.join(_UNITS)})"
_WORD_AMOUNT = re.compile(rf"\b((?:(?:a|{'|'.join(_UNITS)}) hundred(?:(?: and)? {_BELOW_100})?|{_BELOW_100}))"
                          rf" (?:quid|euros?|bucks|dollars|grand)\b", re.IGNORECASE)  # not "pounds": a weight too


def _word_amount(words: str) -> Decimal:
    """The value of an amount in English words ("eighty-five" 85, "a hundred and twenty" 120)."""
    total = 0
    for w in re.split(r"[- ]+", words.lower()):
        if w == "hundred":
            total = max(total, 1) * 100
        elif w in _UNITS:
            total += _UNITS.index(w) + 1
        elif w in _TEENS:
            total += _TEENS.index(w) + 10
        elif w in _TENS:
            total += (_TENS.index(w) + 2) * 10
    return Decimal(total)


_CURRENCY = re.compile(rf"{PRICE.pattern}|(?<![\w.,])(?:\d{{1,3}}(?:[.,]\d{{3}})+|\d+)(?:[.,]\d{{1,2}})?\s?"
                       rf"(?i:{_MONEY_WORDS})(?![\w-])")
# Award and certification claims, by family: the words a post uses and the stems on the brand's pages that
# support them. Winning is supported by any winning word ("won Best X" supports "winner of Best X"), but no
# family supports another: "shortlisted" on the page does not support "named" or "winners of" in a post.
_AWARD_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Winning and being named are one distinction ("was named X of the Year" = "Winner, X of the Year"); the
    # award's own name is checked on the page separately.
    (r"we won(?!['’]t)|won the|winners? of|award[- ]winning|prize[- ]winning|awarded|gewonnen|gewinner\w*|winnaar"
     r"|bekroond|élue?s?|lauréate?s?|eleit[oa]s?|vencedor(?:es|as?)?|ganhamos|vincitori|vincitric[ie]|abbiamo vinto"
     r"|elett[oi]|elette"
     r"|(?:been|was|were|is|are|got|get|gets) named(?! after)",
     ("won", "winner", "winning", "awarded", "gewonn", "gewinn", "named", "winnaar", "bekroond", "élu", "lauréat",
      "eleit", "vencedor", "ganh", "vincit", "vinto", "elett")),
    (r"crowned|gekrönt|couronn[ée]e?s?|coronad[oa]s?|incoronat[oaie]", ("crown", "gekrönt", "couronn", "coronad",
                                                                        "incoronat", "won", "winner", "awarded")),
    (r"voted", ("voted",)),
    (r"ranked", ("rank",)),
    (r"shortlisted|nominated|nominees?|(?:a|as|are|were|we're) finalists?", ("shortlist", "finalist", "nominat",
                                                                              "nominee")),
    (r"(?:gold|silver|bronze) medals?|medal(?:la)?s? de (?:oro|plata|bronce)|(?:gold|silber|bronze)medaille\w*"
     r"|médailles? d['’](?:or|argent|bronze)",
     ("medal", "medaille", "goldmedaille", "silbermedaille", "bronzemedaille", "médaille")),
    (r"certified|certificad[oa]s?|certification|gecertificeerd|certificat[oia]|certifiée?s?|zertifiziert|"
     r"certificação|certificazione", ("certif", "gecertificeerd", "zertifiz")),
    (r"accredited|acreditad[oa]s?", ("accredit", "acreditad")),
    (r"approved by|endorsed by|recommended by|recomendad[oa]s? (?:por|en|con)",
     ("approved", "endorse", "recommended", "recomendad")),
    (r"premiad[oa]s?|galardonad[oa]s?|ganador(?:es|as?)? de", ("premi", "galard", "ganador")),
    # Honoured with a prize, in German, French and Italian ("mit dem Innovationspreis ausgezeichnet", "prämiert",
    # "récompensé par", "premiato con"); German "ausgezeichnet" alone is also "excellent".
    (r"mit (?:dem|der|einem|einer|den) (?:[\w-]+ ){1,6}ausgezeichnet|prämiert|récompensée?s? (?:par|pour)|"
     r"premiat[oaie] (?:con|da|come)",
     ("ausgezeichnet", "prämiert", "récompens", "premiat", "preis", "prix", "premio")),
    # Restaurant guides: their distinctions are claims too ("una estrella Michelin", "dos Soletes Repsol").
    (r"michelin|(?:una|dos|tres|\d) estrellas?|soletes?|soles? repsol|bib gourmand",
     ("michelin", "estrella", "solete", "repsol", "bib gourmand")),
    (r"tested on|as seen (?:on|in)|featured in", ("tested", "as seen", "featured")),
    # Received a named award ("a Acme recebeu o Golden Barrel Award", "we received the Green Key award").
    (r"(?:received|receives|recebeu|recebemos|recibió|recibimos|a reçu|avons reçu|erhielt|erhielten|"
     r"ha ricevuto|abbiamo ricevuto|ontving|ontvingen|ontvangen)(?= (?:\S+ ){0,5}?(?:Awards?|Prizes?|Pr[ée]mios?|"
     r"Premi|Prix|Preis|Prijs|Medals?|Medalha|Medaille|Trophy|Trofeo|Troféu)\b)",
     ("receiv", "receb", "recib", "reçu", "erhielt", "erhalten", "ricevut", "ontv", "won", "winner")),
)
_AWARD = [(_rx(words), stems) for words, stems in _AWARD_FAMILIES]
_CERTIFIED_AS = re.compile(r"(?<![\w-])([^\W\d_]{3,})-(?:certified|zertifiziert|certifi[ée]e?s?|certificad[oa]s?|"
                           r"certificat[oaie]|gecertificeerd)\b", re.IGNORECASE)
# Pride in holding something, in the seven languages: the brand claims a named award as its own.
_HOLDER = _rx(r"proud", r"honou?red", r"holders? of", r"orgullos[oa]s?", r"fier(?:e|s|es)?", r"stolz\w*",
              r"orgoglios[oaie]", r"fieri", r"trots", r"orgulhos[oa]s?", r"honrad[oa]s?")
# The name of an award, in a clause without an award word ("…, and Best Pie at the Yorkshire Awards").
_AWARD_NAME = re.compile(r"\b(?:Awards?|Prizes?|Medals?|of the Year|Premios?|Gu[ií]a|Guide|Preis|Auszeichnung|Prijs|"
                         r"Prix|Premio|Prêmio|Prémio|Golden(?:e|er|es)? [A-ZÄÖÜ]\w+|Gouden [A-Z]\w+)\b")

# "For the second year running", "zum dritten Mal in Folge", "por segundo año consecutivo", "back-to-back".
_REPEATED = re.compile(
    r"\b(?:(?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:year|time) (?:running|in a row)|(?:two|three|four|five) "
    r"years (?:running|in a row)|for the (?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:year|time)"
    r"|back[- ]to[- ]back|zum (?:zweiten|dritten|vierten|fünften|[2-5]\.) Mal|(?:zwei|drei|vier|fünf|[2-5]) Jahre "
    r"(?:in Folge|hintereinander)"
    r"|pour la (?:deuxième|seconde|troisième|quatrième|[2-5]e) (?:année|fois)|(?:deux|trois|quatre) ans de suite"
    r"|années consécutives|por (?:segundo|tercer|cuarto|quinto) año|por (?:segunda|tercera) vez|(?:dos|tres|cuatro) "
    r"años (?:seguidos|consecutivos)|per il (?:secondo|terzo|quarto) anno|per la (?:seconda|terza) volta|(?:due|tre|"
    r"quattro) anni (?:di fila|consecutivi)|voor het (?:tweede|derde|vierde) jaar|voor de (?:tweede|derde) keer|"
    r"(?:twee|drie|vier) jaar op rij|pelo (?:segundo|terceiro|quarto) ano|pela (?:segunda|terceira) vez|(?:dois|três|"
    r"quatro) anos (?:seguidos|consecutivos))\b", re.IGNORECASE)


_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?(?:%|per ?cent|por ciento)")
# A numbered standard: ISO 14001, EN 1090-1, DIN EN 13501, BS 7671, IEC 60529.
_STANDARD = re.compile(r"\b(?:ISO|IEC|EN|DIN|BS|UNI|UNE|NF|ASTM|ANSI)(?:[ \u00a0](?:EN|ISO|IEC))?[ \u00a0]?\d{3,5}"
                       r"(?:[-:]\d{1,4})*\b")


@functools.lru_cache(maxsize=256)
def _standards(ctx: ReviewContext) -> frozenset[str]:
    """The numbered standards the brand's evidence names, as `_standard_key` writes them."""
    return frozenset(_standard_key(m.group(0)) for m in _STANDARD.finditer(ctx.evidence))


def _standard_key(standard: str) -> str:
    """A standard without spaces, case or edition year: "ISO 9001:2015" is the pages' "ISO 9001"."""
    return re.sub(r":(?:19|20)\d\d$", "", re.sub(r"\s", "", standard)).lower()
_CAP_RUN = re.compile(r"(?<![\w'’])((?:[A-Z][\w'’-]*[ ]?){1,5})")


# Determiners a sentence may open a name with ("Leur Noir 72 %", "Our Rauchmärzen"): not part of the name.
_LEADING_DETERMINER = re.compile(r"^(?:Our|The|Their|Leur|Leurs|Notre|Nos|Le|La|Les|El|Los|Las|Nuestro|Nuestra|"
                                 r"Unser|Unsere|Der|Die|Das|Ons|Onze|De|Het)\s+")


def _name_in(run: str, evidence: str) -> bool:
    """A capitalised name is on the (lower-cased) pages, allowing for its words' inflection ("beim Fränkischen
    Brauerwettbewerb" / "Fränkischer Brauerwettbewerb") and a determiner before it."""
    # One apostrophe: a post's "Highland's" is the page's "Highland’s".
    name, evidence = _LEADING_DETERMINER.sub("", run).lower().replace("’", "'"), evidence.replace("’", "'")
    if not name or name in evidence:
        return True
    words = [re.sub(r"(?:en|er|es|em|e|n|s)$", "", w) if len(w) > 4 else w for w in name.split()]
    return re.search(r"(?<!\w)" + r"\s+".join(re.escape(w) + r"\w{0,2}" for w in words) + r"(?!\w)",
                     evidence) is not None


def _number(token: str) -> Decimal | None:
    t = token
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", t):
        t = t.replace(",", ".")
    try:
        return Decimal(t).normalize()
    except InvalidOperation:
        return None


# A share said in words, as a claim says it ("your fees drop by a third", "about a fifth less", "die Hälfte Ihres
# Beitrags zurück", "la mitad de tiempo"): its value, so a page's "a third" or "33 %" backs it. A word that is
# also an ordinal, a time or a room ("a third location", "a quarter past", "un quarto") is a share only next to
# a word of comparison or portion; the nouns for a half always are.
_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "hälfte": 2, "drittel": 3, "viertel": 4, "fünftel": 5,
              "mitad": 2, "tercio": 3, "moitié": 2, "tiers": 3, "quart": 4, "cinquième": 5, "metà": 2, "terzo": 3,
              "helft": 2, "derde": 3, "kwart": 4, "vijfde": 5, "metade": 2, "terço": 3}  # word -> denominator
# The nouns for a half after their article ("die Hälfte"), and the other shares after "a" or "one".
_HALF_NOUNS = "|".join(w for w, d in _FRACTIONS.items() if d == 2 and w != "half")
_SHARE_NOUN = re.compile(rf"\b(?:die|la|de|a) ({_HALF_NOUNS})\b", re.IGNORECASE)
_SHARE_WORD = rf"(?:a|one|ein|un|una|uno|een|um) ({'|'.join(w for w, d in _FRACTIONS.items() if d > 2)})"
_SHARE = re.compile(
    rf"\b(?:by|um|met|of|about|nearly|almost|over|roughly|around|rund|fast|etwa|environ|casi|quasi|circa|bijna|"
    rf"ongeveer|quase) {_SHARE_WORD}\b"
    rf"|(?<!\w){_SHARE_WORD}(?= (?:less|more|off|cheaper|faster|lower|higher|fewer|of (?!an? hour)|weniger|mehr|"
    r"günstiger|der|des|menos|más|de (?!hora)|moins|plus|d['’](?!heure)|meno|più|dei|delle|minder|meer|goedkoper|"
    r"van|a menos|a mais|do|da|dos|das)\b)", re.IGNORECASE)
_HALF = re.compile(r"\b(?:by|in) half\b(?! (?:a|an|the)\b)"
                   r"|\bhalf(?:[- ]price|[- ]off| the (?:price|cost|time|fees?|bill))\b"
                   r"|\bhalf of (?:our|all|the|your|their)\b", re.IGNORECASE)


def _shares_in(text: str) -> list[tuple[Decimal, int, int]]:
    """(value, start, end) of each share a text states in words."""
    out = [(m.group(g), m.start(g), m.end(g)) for rx in (_SHARE_NOUN, _SHARE) for m in rx.finditer(text)
           if (g := m.lastindex)]
    out += [("half", m.start(), m.end()) for m in _HALF.finditer(text)]
    return [(Decimal(1) / _FRACTIONS[w.lower()], a, b) for w, a, b in out]


def _numbers_in(text: str) -> set[Decimal]:
    """The figures a text states, in digits, as number words or as a share ("a third" and "33 %" alike)."""
    nums = {n for tok in _NUM.findall(text) if (n := _number(tok)) is not None}
    nums |= {Decimal(_WORD_NUMBERS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _WORD_NUMBERS}
    nums |= {_share_key(v) for v, _, _ in _shares_in(text)}
    return nums | {_share_key(n / 100) for tok in _PERCENT.findall(text) if (n := _number(tok)) is not None}


def _share_key(value: Decimal) -> Decimal:
    """A share as a comparable figure: 0.33, 1/3 and 33 % are one share (two decimals, below 1)."""
    return -value.quantize(Decimal("0.01"))  # negative: no count or price on a page is ever one


@functools.lru_cache(maxsize=256)
def evidence_numbers(ctx: ReviewContext) -> frozenset[Decimal]:
    return frozenset(_numbers_in(ctx.evidence) | _product_prices(ctx))


def _product_prices(ctx: ReviewContext) -> set[Decimal]:
    return {p.amount.normalize() for p in ctx.products if p.amount is not None}


@functools.lru_cache(maxsize=256)
def _evidence_prices(ctx: ReviewContext) -> frozenset[Decimal]:
    """Amounts the brand's evidence states as money: its products' prices and every currency figure it quotes."""
    amounts = (Price.fromstring(m.group(0)).amount for m in _CURRENCY.finditer(ctx.evidence))
    return frozenset({a.normalize() for a in amounts if a is not None} | _product_prices(ctx))


@functools.lru_cache(maxsize=256)
def _quotes_by_figure(ctx: ReviewContext) -> tuple[tuple[frozenset[Decimal], frozenset[Decimal], str], ...]:
    """Each evidence quote's figures other than money, all its figures, and its lower-cased text: a figure is
    checked with its unit in one quote, and a sum of money ("$ 5.000 alcanzan para una bolsa") says nothing of a
    count ("5.000 bolsones")."""
    quotes = (*ctx.facts, *ctx.pages, *(f"{p.name} {p.quote}" for p in ctx.products))
    return tuple((frozenset(_numbers_in(_CURRENCY.sub(" ", q))), frozenset(_numbers_in(q)), q.lower())
                 for q in quotes if q)


# Words too common to tie a figure to its quote ("in 2019 we …", "6 de …").
_NOT_TOPIC = frozenset(
    "about all also and are but con das del der die each every for from für has have just las los mehr mit "
    "more más only our over para per por que than that the their them there this und una von was were what "
    "when will wir with your".split()
)
_WORD = re.compile(r"[^\W\d_]{3,}")


def _inside_sentence(before: str) -> bool:
    """Whether a word after ``before`` continues a sentence: anything but the start of the text, sentence
    punctuation or an emoji (a post often ends a sentence with one instead of a full stop)."""
    before = before.rstrip()
    return bool(before) and before[-1] not in ".!?" and unicodedata.category(before[-1]) != "So"


@functools.lru_cache(maxsize=256)
def _plain_numbers(ctx: ReviewContext) -> frozenset[Decimal]:
    """Figures the evidence states other than as money: "€50 vouchers" does not back "50 villages"."""
    return frozenset(_numbers_in(_CURRENCY.sub(" ", ctx.evidence)))


# Units of time, people and measure in the reviewer's five languages: a figure's unit in the post ties it to a
# quote in the page's language ("48 hours ahead" / "con almeno 48 ore di anticipo", "30 ml" / "30ml").
_UNIT_GROUPS = tuple(frozenset(g.split()) for g in (
    "hour hours hrs ore ora stunde stunden uur heure heures hora horas",
    "minute minutes mins minuti minuto minuten minutos",
    "day days giorni giorno tag tage tagen dag dagen jour jours día días",
    "week weeks settimana settimane woche wochen weken semaine semaines semana semanas",
    "month months mese mesi monat monate monaten maand maanden mois mes meses",
    "year years anno anni jahr jahre jahren jaar jaren ans année années año años",
    "people persons guests persone ospiti personen gäste gasten personnes personas",
    "ml mls millilitres milliliters",
    "cl",
    "kg kilo kilos",
    "km kms kilometres kilometers chilometri kilometer",
))
_SHORT_UNIT = re.compile(r"\s?(ml|cl|kg|km|g|l|cm|mm)\b", re.IGNORECASE)


def _unit_words(word: str) -> frozenset[str]:
    low = word.lower()
    return next((g for g in _UNIT_GROUPS if low in g), frozenset({low}))


def _figure_supported(
    n: Decimal, before: str, after: str, others: set[Decimal], ctx: ReviewContext, known: frozenset[Decimal],
    maybe_money: bool = True,
) -> bool:
    """Whether the brand's evidence backs a figure of a post.

    Backed: a quote states it about the same thing, sharing a word (its first four letters) with the four words
    either side of the figure in the post, or another of the sentence's figures (``others``: "8,90 € la ración de
    6" and "Croquetas (6 uds.) 8,90 €"). Contradicted: a quote about the same thing states another figure ("38
    countries" against "50+ countries", though some other quote has a 50). Otherwise the figure must be in the
    evidence, not as money; a year, or a product's price without its sign, anywhere. A figure that cannot be a sum
    of money (``maybe_money`` false: whole, in a sentence that states no price) is backed by no quote's money."""
    if (n == n.to_integral_value() and 1900 <= n <= 2100) or n in _product_prices(ctx):  # a year, a bare price
        return n in known
    near = [*_WORD.findall(before)[-4:], *_WORD.findall(after)[:4]]
    if unit := _SHORT_UNIT.match(after):
        near.append(unit.group(1))
    words = {u for w in near if w.lower() not in _NOT_TOPIC for u in _unit_words(w)}
    stems = [re.compile(rf"(?<![^\W\d_]){re.escape(w[:4])}" + (r"(?![^\W\d_])" if len(w) < 4 else ""))
             for w in sorted(words)]
    about_it = [plain | every if maybe_money else plain for plain, every, low in _quotes_by_figure(ctx)
                if (every if maybe_money else plain) and any(st.search(low) for st in stems)]
    if any(n in plain for plain in about_it) or any(
            n in plain and every & others for plain, every, _ in _quotes_by_figure(ctx)):
        return True
    return n in _plain_numbers(ctx) and not about_it


# The brand's age ("Seit über 40 Jahren fertigen wir …", "for over 30 years", "más de 20 años"), in the nine languages:
# a claim about its founding. "Over" and "almost" are kept apart from an exact figure.
_YEARS = r"(?:years?|jahren?|años|anos|ans|anni|jaar|år|lat)"
_TENURE = re.compile(
    r"(?:\b(?P<over>over|more than|upwards of|seit über|seit mehr als|über|mehr als|más de|hace más de|há mais de|"
    r"mais de|depuis plus de|plus de|da oltre|oltre|da più di|più di|ruim|meer dan|al meer dan|över|ponad)|"
    r"\b(?P<almost>almost|nearly|close to|fast|beinahe|knapp|casi|cerca de|quase|près de|presque|da quasi|quasi|bijna|"
    r"nästan|prawie)|"
    r"\b(?P<exact>for|since|seit|desde hace|hace|há|depuis|da|al|sinds|i|od))"
    rf"\s+(?P<n>\d{{1,3}})\+?\s*{_YEARS}\b", re.IGNORECASE)
# Not the brand's age: experience pooled over a team, a warranty, a person's age, a future term.
_NOT_TENURE = _rx(r"experience\w*", r"erfahrung\w*", r"expérience\w*", r"experiencia\w*", r"experiência\w*",
                  r"esperienz\w*", r"ervaring\w*", r"erfarenhet\w*", r"doświadcz\w*", r"warrant\w*", r"guarant\w*",
                  r"garanti\w*", r"old", r"alt", r"ago", r"combined", r"together", r"zusammen")
# A founding year on the pages, either side of its verb ("founded in 1998", "1998 gegründet", "desde 1998").
_FOUNDED = re.compile(
    r"\b(?:founded|established|est\.|since|opened|gegründet|gründung\w*|seit|fondée?s?|depuis|fundad[oa]s?|desde|"
    r"fondat[oa]|dal|opgericht|sinds|grundad\w*|sedan|założon\w*|od)\b\D{0,25}?\b(1[89]\d\d|20[0-2]\d)\b"
    r"|\b(1[89]\d\d|20[0-2]\d)\b\D{0,15}?\b(?:founded|gegründet|fondée?|fundad[oa]|fondat[oa]|opgericht|"
    r"grundad)", re.IGNORECASE)


def _tenure(sentence: str, ctx: ReviewContext) -> tuple[re.Match[str], bool] | None:
    """A claimed age of the brand and whether the pages back it: a quote states the same number of years, or one
    of the pages' founding years makes it true (within a year: a post may be written before the anniversary).
    None when the sentence claims no age, or the pages give no founding year to judge it by (the figure is then
    the general check's)."""
    m = _TENURE.search(sentence)
    if not m or _NOT_TENURE.search(sentence):
        return None
    n = int(m.group("n"))
    if re.search(rf"(?<![\d.,]){n}\+?\s*{_YEARS}\b", ctx.evidence, re.IGNORECASE):
        return m, True
    founded = {int(y) for f in _FOUNDED.finditer(ctx.evidence) for y in f.groups() if y}
    if not founded:
        return None
    ages = [date.today().year - year for year in founded]
    return m, any((m.group("over") and age >= n - 1) or (m.group("almost") and n - 3 <= age <= n)
                  or (m.group("exact") and abs(age - n) <= 1) for age in ages)


def _named_product(sentence: str, ctx: ReviewContext) -> str | None:
    """The one priced product a sentence names ("el corte clásico te sale en 260 varos"), or None when it names
    none or several (a bundle's price is no single product's). A name inside a longer named one counts once."""
    low = sentence.lower()
    named = {p.name.lower() for p in ctx.products if p.amount is not None and len(p.name) >= 4
             and re.search(rf"(?<!\w){re.escape(p.name.lower())}(?!\w)", low)}
    named = {n for n in named if not any(n != m and n in m for m in named)}
    return next(iter(named)) if len(named) == 1 else None


# Free, in the seven languages; and the trials and demos that are free whatever the product costs.
_FREE_WORD = (r"(?:free|gratis|gratuit[aeo]?s?|gratuitement|gratuitamente|kostenlos|umsonst|grátis|sans frais|"
              r"sin coste|senza costi)")
_TRIAL = re.compile(r"\b(?:trial|essai|prova|proef|probe\w*|test\w*|prueba|teste|demo)\b", re.IGNORECASE)


def _free_but_priced(sentence: str, ctx: ReviewContext) -> str | None:
    """A product the pages price, called free right beside its name ("Prima consulenza gratuita" where the first
    consultation costs 120 €), unless the pages say it is free too or the sentence offers a trial. The caller
    leaves out posts that give the product to a creator."""
    if _TRIAL.search(sentence):
        return None
    evidence = _low(ctx.evidence)
    for p in ctx.products:
        head = re.sub(r"\s*[(\[–—].*", "", p.name).strip()  # "Prima consulenza (60 minuti, …)"
        if p.amount is None or p.amount <= 0 or len(head) < 4:
            continue
        name = re.escape(head.lower())
        free = re.compile(rf"(?<!\w){name}\s+(?:\w+\s+)?{_FREE_WORD}(?!\w)"
                          rf"|(?<!\w){_FREE_WORD}\s+(?:\w+\s+)?{name}(?!\w)")
        if free.search(sentence.lower()) and not free.search(evidence):
            return head
    return None


@functools.lru_cache(maxsize=1024)
def _prices_of(product: str, ctx: ReviewContext) -> frozenset[Decimal]:
    """A product's prices: its own, and every price a sentence of the evidence that names it states (a plan
    billed monthly or yearly, a sale price the site announces)."""
    own = {p.amount.normalize() for p in ctx.products if p.name.lower() == product and p.amount is not None}
    quoted = (Price.fromstring(m.group(0)).amount for line in ctx.evidence.split("\n") if product in line.lower()
              for m in _CURRENCY.finditer(line))
    return frozenset(own | {a.normalize() for a in quoted if a is not None})


_ABOUT_THEM = 100  # characters after a private person's name that are about them
_NUM_ONLY = re.compile(r"(?<![\d.,€$£¥])(?<![€$£¥]\s)\b\d[\d.,]*\b"
                       r"(?!\s?(?:€|\$|£|¥|(?:EUR|CHF|USD|GBP|SGD|CAD|AUD|NZD|ZAR|kr)\b))(?![.,]?\d)")
_DIGITS = re.compile(r"[\d.,%€$£¥]+(?:\s?(?:CHF|EUR|USD|GBP|SGD|CAD|AUD|NZD|ZAR|R|kr))?")


def _names_competitor(sentence: str, ctx: ReviewContext) -> bool:
    return bool(ctx.rival_pattern and ctx.rival_pattern.search(sentence))


# Any award family's stem at the start of a word: a page line that says what kind of distinction it was.
_ANY_AWARD_STEM = re.compile(r"(?<!\w)(?:" + "|".join(sorted({re.escape(st) for _, stems in _AWARD for st in stems},
                                                           key=len, reverse=True)) + ")")
_SHORTLISTED = re.compile(r"shortlist|finalist|nomin|runner[- ]up|commended|finaliste|nominiert|finalista|candidat",
                          re.IGNORECASE)


def unsupported_claim(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    """A figure, price, date or award the brand's pages do not back. A figure inside a promised guarantee ("we
    guarantee you'll save at least R4 000") is part of the promise, which financial_guarantee flags: labellers count it
    as a claim of its own less often (on dev, 65 % of such 0.9 findings against 94 % of the rest), so it scores less."""
    found = _unsupported_claim(text, channel, ctx)
    if not found:
        return found
    promised = [x for x in sentences(text) if _GUARANTEE.search(x)]
    return [replace(f, score=min(f.score, _IN_A_PROMISE))
            if any(f.span in x or x in f.span for x in promised) else f for f in found]


_IN_A_PROMISE = 0.7


def _unsupported_claim(text: str, channel: str, ctx: ReviewContext) -> list[Finding]:
    known, prices = evidence_numbers(ctx), _evidence_prices(ctx)
    percents = {n for tok in _PERCENT.findall(ctx.evidence) if (n := _number(tok)) is not None}
    evidence = _low(ctx.evidence)
    clean = text
    phones = _phones(text, ctx.region)
    for p in phones:
        clean = clean.replace(p, " ")
    # A street number is no claim either; but a loose street match must not swallow a price ("£4.50, baked on
    # Mill Lane").
    prices_at = [m.span() for m in _CURRENCY.finditer(clean)]
    for st in reversed(list(_STREET.finditer(clean))):
        if not any(a < st.end() and st.start() < b for a, b in prices_at):
            clean = clean[: st.start()] + " " + clean[st.end() :]
    clean = _PERSONAL_FIGURE.sub(" ", _EMAIL.sub(" ", clean))
    clean = _NO_CLAIM_NUMBER.sub(" ", _TIME.sub(" ", re.sub(r"#\w+|@\w+", " ", clean)))
    clean = re.sub(r"(?m)^[ \t]*\d{1,2}[.)](?=[ \t]+\S)", " ", clean)  # a numbered list's "3. Tyres"
    private = _private_names(text, ctx, private_contact=bool(private_contacts(text, ctx)[0]))
    # A product given to a creator ("a free Island Day Trip for this feature") is a gift, not a price.
    gifted = bool(_HANDLE.search(text) or _STRONG_SPONSOR_CUE.search(text) or _SPONSOR_CUE.search(text))
    sents = sentences(clean)
    for i, s in enumerate(sents):
        # A sentence that declines a promise ("Was wir nicht versprechen: dass Sie garantiert die Hälfte sparen")
        # claims none of its figures.
        if _declined(sents, i):
            continue
        # Figures said of a private person (an age, a salary, a debt, a room, the day a parcel arrived) or of a
        # rival ("fast-fashion chains drop 300 styles a week") are not the brand's claims; the person and the jab
        # are other classes' work. In a post about a private person only the brand's own sentences ("we", "our")
        # make claims, and money is the person's where the sentence names them.
        words = [w for name in private for w in name.split() if len(w) > 2 and w in s]
        if not words and not _FIRST_PERSON.search(s):
            if _GENERIC_RIVAL.search(s) or (ctx.brand_name.lower() not in s.lower() and (
                    _names_competitor(s, ctx) or _outside_business(s, evidence))):
                s = _DIGITS.sub(" ", s)
            elif private:
                s = _NUM_ONLY.sub(" ", s)
        # A code's discount ("Mit dem Code TIERHILFE15 bekommt ihr 15 %") is the offer of whoever issued the code;
        # the deal behind it is missing_disclosure's work.
        if _CREATOR_CODE.search(s):
            s = _PERCENT.sub(lambda m: " " * len(m.group(0)), s)
        for w in words:  # what follows a private person's name is about them ("Thomas Brunner, … owed CHF 38,400")
            at = s.find(w)
            s = s[:at] + _DIGITS.sub(lambda m: " " * len(m.group(0)), s[at : at + _ABOUT_THEM]) + s[at + _ABOUT_THEM :]
        # Prices first (price_parser reads "15,90 €" and "£2,499" alike), then any other figure.
        money = []
        for m in _CURRENCY.finditer(s):
            amount = Price.fromstring(m.group(0)).amount
            if amount is not None and amount.normalize() not in prices:
                return [Finding("unsupported_claim", m.group(0).strip(), 0.9, detail="price not on the brand's pages")]
            money.append((amount.normalize() if amount is not None else Decimal(0), m.span()))
        for m in _WORD_AMOUNT.finditer(s):
            amount = _word_amount(m.group(1)) * (1000 if m.group(0).lower().endswith("grand") else 1)
            if amount not in prices:
                return [Finding("unsupported_claim", m.group(0), 0.85, detail="price not on the brand's pages")]
        if len(money) == 1 and (product := _named_product(s, ctx)) and money[0][0] not in _prices_of(product, ctx):
            return [Finding("unsupported_claim", s, 0.85, detail=f"not {product}'s price on the brand's pages")]
        if not gifted and (product := _free_but_priced(s, ctx)):
            return [Finding("unsupported_claim", s, 0.8, detail=f"{product} is priced on the brand's pages")]
        tenure = _tenure(s, ctx) if (_FIRST_PERSON.search(s) or _WE_ABROAD.search(s)
                                      or ctx.brand_name.lower() in s.lower()) else None
        if tenure and not tenure[1]:
            return [Finding("unsupported_claim", s, 0.8,
                            detail=f"'{tenure[0].group(0)}' against the founding year on the pages")]
        if tenure:  # an age the founding year backs: its figure is checked
            a, b = tenure[0].span("n")
            s = s[:a] + " " * (b - a) + s[b:]
        for m in _NUM.finditer(s):
            tok, n = m.group(1), _number(m.group(1))
            if n is None or any(a <= m.start() < b for _, (a, b) in money):  # a price, checked above
                continue
            # A number right after a proper name is part of the name ("Mitre 10", "CoolWall 500"), and so is one
            # hyphenated to a word ("omega-3", "COVID-19").
            if re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w-]*\s$|[^\W\d_]-$", s[: m.start()]):
                continue
            # A rate is a claim at any size ("1,9% vast voor 30 jaar"); other figures below 2 are too common.
            if re.match(r"\s?%|\s?per ?cent|\s?por ciento", s[m.end() :]):
                if n not in percents:
                    return [Finding("unsupported_claim", s, 0.8, detail=f"{tok}% not on the brand's pages")]
                continue
            if n < 2:
                continue
            # The sentence's other figures in digits (not "one" or "dos", which any quote may hold).
            others = {x for t in _NUM.findall(s) if (x := _number(t)) is not None and x >= 2} - {n}
            others |= {a for a, _ in money} - {n}
            maybe_money = bool(money) or n != n.to_integral_value()
            if not _figure_supported(n, s[: m.start()], s[m.end() :], others, ctx, known, maybe_money):
                return [Finding("unsupported_claim", s, 0.8, detail=f"figure {tok} not on the brand's pages")]
        for value, a, b in _shares_in(s):
            if not _figure_supported(_share_key(value), s[:a], s[b:], set(), ctx, known):
                return [Finding("unsupported_claim", s, 0.8, detail=f"'{s[a:b]}' not on the brand's pages")]
        # A standard the brand says it meets ("certificati ISO 14001", "EN 1090") must be the pages' own.
        for m in _STANDARD.finditer(s):
            if _standard_key(m.group(0)) not in _standards(ctx):
                return [Finding("unsupported_claim", s, 0.8, detail=f"{m.group(0)} not on the brand's pages")]
        # What a hyphenated certification certifies ("keto-certified", "bio-zertifiziert") must be on the pages too.
        for m in _CERTIFIED_AS.finditer(s):
            if not re.search(rf"(?<!\w){re.escape(m.group(1).lower())}(?!\w)", evidence):
                return [Finding("unsupported_claim", s, 0.75, detail=f"{m.group(0)} not on the brand's pages")]
        families = [stems for rx, stems in _AWARD if rx.search(s)]
        # An award won again ("for the second year running") is a claim about both years: the pages must say so.
        if (families or _AWARD_NAME.search(s)) and _REPEATED.search(s) and not _REPEATED.search(evidence):
            return [Finding("unsupported_claim", s, 0.75, detail="a repeated award not on the brand's pages")]
        # An award the brand holds, by name and without a verb of winning ("Proud to be holders of the Golden Stag
        # Award", "Orgullosos de ser Premio Llave de Oro 2023"): its name must be on the pages.
        if not families and _HOLDER.search(s) and not _CONTEST.search(s) and any(
                " " in (run := m.group(1).strip()) and _AWARD_NAME.search(run) and not _name_in(run, evidence)
                for m in _CAP_RUN.finditer(s)):
            return [Finding("unsupported_claim", s, 0.75, detail="award/certification not on the brand's pages")]
        if not families or _CONTEST.search(s):
            continue
        # Each award word's family must be on the page (a stem at the start of a word: "won" is not in
        # "wonderful"), and so must every capitalised name, whole, in the clauses about the award: the one with
        # the award word and any naming an award ("…, and Best Pie at the Yorkshire Awards"), but not a clause
        # joined on about something else ("…un Solete de la Guía Repsol, y Marta se pone roja").
        clauses = [c for c in re.split(r",\s(?:and|y|but|pero|und|aber|et|mais|en|maar)\s|[;:—–]\s", s)
                   if _AWARD_NAME.search(c) or any(rx.search(c) for rx, _ in _AWARD)]
        # A lone capitalised word opening a clause, or a sentence the post ends with an emoji rather than a full
        # stop, is just its first word ("Delighted", "Award-winning", "… region 🏆 Still chuffed").
        runs = [r for c in map(str.strip, clauses) for m in _CAP_RUN.finditer(c) if len(r := m.group(1).strip()) > 2
                and (" " in r or _inside_sentence(c[: m.start()]))]
        missing = [r for r in runs if not _name_in(r, evidence)]
        # The kind of distinction must be said of that award: a quote naming the award holds one of the family's
        # stems ("Winner, Clinic of the Year" backs "named Clinic of the Year"; "Shortlisted for Baker of the Year"
        # does not, even when the page says "won" of another award).
        named = [r.lower() for r in runs if " " in r and _AWARD_NAME.search(r)]
        lines = [ln for ln in evidence.split("\n") if any(n in ln for n in named)] if named else [evidence]
        # A page that lists the award by its title alone ("Renewable Installer of the Year, Queensland Trade
        # Excellence Awards 2022") says it was won; one that says what kind of distinction it was (won, a medal,
        # shortlisted) must say the post's kind.
        listed = bool(named) and bool(lines) and not any(
            _SHORTLISTED.search(ln) or _ANY_AWARD_STEM.search(ln)
            for ln in lines)
        if missing or (not listed and any(
                not any(re.search(rf"(?<!\w){re.escape(stem)}", ln) for ln in lines for stem in stems)
                for stems in families)):
            return [Finding("unsupported_claim", s, 0.75, detail="award/certification not on the brand's pages")]
    return []


DETECTORS: dict[str, Callable[[str, str, ReviewContext], list[Finding]]] = {
    "financial_guarantee": financial_guarantee, "health_claim": health_claim,
    "unsupported_superlative": unsupported_superlative, "missing_disclosure": missing_disclosure,
    "personal_data": personal_data, "competitor_disparagement": competitor_disparagement,
    "unsupported_claim": unsupported_claim, "banned_term": banned_term, "length": length,
}  # fmt: skip


def detect(
    text: str,
    channel: str,
    ctx: ReviewContext,
    *,
    semantic: bool = False,
    classifier: bool = False,
    embedder: Embedder | None = None,
) -> list[Finding]:
    """All findings for one post, in the vocabulary's class order. With ``semantic``, MiniLM similarity to
    exemplar phrasings (agents/legal/semantic.py) adds findings for classes the rules did not find; with
    ``classifier``, the dev-trained logistic regression (agents/legal/classifier.py) does the same, reading
    ``embedder``'s vectors (MiniLM by default; a `MemoEmbedder` filled with many posts' texts in one batch
    makes a batch of reviews about twice as fast)."""
    out: list[Finding] = []
    for fn in DETECTORS.values():
        out += fn(text, channel, ctx)
    rule_classes = {f.cls for f in out}
    if semantic:
        from agents.legal.semantic import similar_findings

        found = {f.cls for f in out}
        out += [f for f in similar_findings(text) if f.cls not in found]
    if classifier:
        from agents.legal.classifier import class_findings

        found = {f.cls for f in out}
        out += [f for f in class_findings(text, ctx, rule_classes, embedder=embedder) if f.cls not in found]
    return out

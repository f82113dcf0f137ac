"""Products and organisation details from a page's structured data (JSON-LD, OpenGraph) via ``extruct``.

The crawler keeps a page's JSON-LD blocks (as ``json-ld`` hidden texts, scanned for injections) and its
meta tags, not the raw HTML, so the blocks are handed back to extruct in a minimal document. Structured
data is not visible text: a product found only here has no quote to cite, and the twin says so
(``source="json-ld"``, no fact ids).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

import extruct

from agents.research.pricing import normalise_amount, period_of

# Types that also describe things a site only talks about (a past event, a trip report): an item of these types
# is a product only when it has a price.
_PRICED_ONLY_TYPES = {"touristtrip", "trip", "event", "educationalevent", "hotelroom", "suite"}
# Software for sale is a product, and also says what trade the site is in (a business type for the industry).
_SOFTWARE_TYPES = {"softwareapplication", "webapplication", "mobileapplication"}
# Things a business sells with offers: goods, services, courses, trips, events, rooms (schema.org types).
_PRODUCT_TYPES = {"product", "productgroup", "service", "menuitem", "course", "offer", "individualproduct",
                  "productmodel", "vehicle"} | _SOFTWARE_TYPES | _PRICED_ONLY_TYPES  # fmt: skip
_ORG_TYPES = {"organization", "localbusiness", "corporation", "store", "restaurant", "dentist", "legalservice",
              "attorney", "ngo", "educationalorganization", "medicalbusiness", "medicalclinic", "bikestore",
              "healthandbeautybusiness", "professionalservice", "onlinestore", "foodestablishment"}  # fmt: skip
_DURATION_PERIOD = {"P1M": "month", "P1Y": "year", "P1W": "week", "P1D": "day", "MON": "month", "ANN": "year"}
_UNIT_PERIOD = {"MON": "month", "ANN": "year", "WEE": "week", "DAY": "day", "HUR": "per_hour"}


@dataclass(frozen=True)
class StructuredProduct:
    name: str
    price_amount: str | None
    currency: str | None
    period: str
    url: str | None
    description: str
    syntax: str  # json-ld | opengraph


@dataclass(frozen=True)
class StructuredData:
    products: list[StructuredProduct]
    countries: list[str]  # addressCountry values (ISO codes or names)
    org_names: list[str]
    currencies: list[str]
    places: list[str]  # address lines and telephone numbers from structured data (region evidence)
    # schema.org types of the named things that are not for sale ("medicalbusiness", "ngo", "person"): the
    # business's own word for its trade when it describes itself (industry evidence, core.vocabulary).
    business_types: list[str] = field(default_factory=list)


def _types(item: dict[str, Any]) -> set[str]:
    raw = item.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if v}


def _walk(node: Any) -> list[dict[str, Any]]:
    """Every object in a JSON-LD tree (@graph, nested offers and items included)."""
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            out.append(cur)
            stack.extend(v for v in cur.values() if isinstance(v, (dict, list)))
        elif isinstance(cur, list):
            stack.extend(cur)
    return out


def _offers(item: dict[str, Any]) -> list[dict[str, Any]]:
    raw = item.get("offers")
    offers = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    if "offer" in _types(item):
        offers = [item, *offers]
    out: list[dict[str, Any]] = []
    for offer in offers:
        if not isinstance(offer, dict):
            continue
        out.append(offer)
        spec = offer.get("priceSpecification")
        specs = spec if isinstance(spec, list) else [spec] if isinstance(spec, dict) else []
        out += [s for s in specs if isinstance(s, dict)]
    return out


def _price_of(item: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """Lowest price, its currency and period across the item's offers and price specifications."""
    best: tuple[float, str, str | None, str] | None = None
    for offer in _offers(item):
        amount = normalise_amount(offer.get("price", offer.get("lowPrice")))
        if amount is None:
            continue
        currency = offer.get("priceCurrency")
        period = "one_time"
        duration = str(offer.get("billingDuration") or "").upper()
        unit = str(offer.get("unitCode") or "").upper()
        # unitText is free text ("MONTH", "per month", "Monat"): read as a price's own unit words are.
        unit_text = str(offer.get("unitText") or "").strip()
        period = _DURATION_PERIOD.get(duration) or _UNIT_PERIOD.get(unit) or (
            period_of(unit_text if " " in unit_text or "/" in unit_text else f"per {unit_text.lower()}")
            if unit_text else period)
        # An offer and its price specification often give the same amount; the one that says its period wins.
        if best is None or float(amount) < best[0] or (float(amount) == best[0] and best[3] == "one_time"):
            best = (float(amount), amount, str(currency).upper() if isinstance(currency, str) else None, period)
    if best is None:
        return None, None, "one_time"
    return best[1], best[2], best[3]


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return " ".join(html.unescape(value).split()) if isinstance(value, str) else ""


def _document(json_ld_blocks: list[str], meta: dict[str, str]) -> str:
    # "</" cannot end the script element early once escaped (JSON allows "<\/").
    scripts = "".join(
        '<script type="application/ld+json">' + block.replace("</", "<\\/") + "</script>" for block in json_ld_blocks
    )
    metas = "".join(
        f'<meta property="{html.escape(k)}" content="{html.escape(v)}">'
        for k, v in meta.items()
        if k.startswith(("og:", "product:"))
    )
    return f"<html><head>{scripts}{metas}</head><body></body></html>"


def extract_structured(json_ld_blocks: list[str], meta: dict[str, str], url: str) -> StructuredData:
    """Products (with lowest offer price), organisation names and countries from one page's structured data."""
    products: list[StructuredProduct] = []
    countries: list[str] = []
    orgs: list[str] = []
    currencies: list[str] = []
    if not json_ld_blocks and not any(k.startswith("og:") for k in meta):
        return StructuredData(products, countries, orgs, currencies, [])
    try:
        data = extruct.extract(_document(json_ld_blocks, meta), base_url=url, syntaxes=["json-ld", "opengraph"],
                               uniform=True)  # fmt: skip
    except Exception:  # a malformed block is the page's problem, not a reason to fail research
        data = {"json-ld": [], "opengraph": []}
    seen: set[str] = set()
    places: list[str] = []
    business_types: list[str] = []
    items = _walk(data.get("json-ld", []))
    # An offer of a named item is that item's price, not an item: its name is a variant ("Monday to Thursday").
    offers_of_items = {id(o) for item in items if _types(item) & _PRODUCT_TYPES and "offer" not in _types(item)
                       for o in _offers(item)}  # fmt: skip
    # An item named inside an offer ({"@type": "Offer", "itemOffered": {"name": …}, "price": …}): the offer's price.
    offered_in = {id(o["itemOffered"]): o for o in items
                  if "offer" in _types(o) and isinstance(o.get("itemOffered"), dict)}
    for item in items:
        if isinstance(item.get("telephone"), str):
            places.append(item["telephone"])
        types = _types(item)
        if types & _ORG_TYPES and isinstance(item.get("name"), str):
            orgs.append(_text(item["name"]))
        if isinstance(item.get("name"), str) and not types & _PRODUCT_TYPES:
            business_types += sorted(types)
        if types & _SOFTWARE_TYPES and isinstance(item.get("name"), str):
            business_types += sorted(types & _SOFTWARE_TYPES)
        address = item.get("address")
        if isinstance(address, dict):
            parts = [address.get(k) for k in ("streetAddress", "addressLocality", "addressRegion", "postalCode")]
            places.append(", ".join(p for p in parts if isinstance(p, str)))
            country = address.get("addressCountry")
            if isinstance(country, dict):
                country = country.get("name")
            if isinstance(country, str) and country.strip():
                countries.append(country.strip())
        if isinstance(item.get("priceCurrency"), str):
            currencies.append(item["priceCurrency"].upper())
        if not types & _PRODUCT_TYPES or ("offer" in types and item.get("itemOffered")) or id(item) in offers_of_items:
            continue
        name = _text(item.get("name"))
        if not name or name.lower() in seen:
            continue
        amount, currency, period = _price_of(item)
        if amount is None and id(item) in offered_in:
            amount, currency, period = _price_of(offered_in[id(item)])
        if amount is None and types & _PRODUCT_TYPES <= _PRICED_ONLY_TYPES:
            continue
        seen.add(name.lower())
        link = item.get("url") if isinstance(item.get("url"), str) else None
        products.append(StructuredProduct(name, amount, currency, period, link or url, _text(item.get("description")),
                                          "json-ld"))  # fmt: skip
    for og in data.get("opengraph", []):
        if not isinstance(og, dict):
            continue
        og_type = str(og.get("og:type") or og.get("@type") or "").lower()  # extruct's uniform output: "@type"
        if og_type not in {"product", "product.item"}:
            continue
        name = _text(og.get("og:title"))
        amount = normalise_amount(og.get("product:price:amount") or og.get("og:price:amount"))
        currency = og.get("product:price:currency") or og.get("og:price:currency")
        if name and name.lower() not in seen:
            seen.add(name.lower())
            products.append(StructuredProduct(name, amount, str(currency).upper() if currency else None, "one_time",
                                              url, _text(og.get("og:description")), "opengraph"))  # fmt: skip
    return StructuredData(products, countries, orgs, currencies, places, business_types)


def json_ld_blocks(hidden_texts: list[list[str]] | list[tuple[str, str]]) -> list[str]:
    """The JSON-LD blocks among a page's hidden texts (only well-formed JSON)."""
    out = []
    for location, text in hidden_texts:
        if location != "json-ld":
            continue
        try:
            json.loads(text)
        except ValueError:
            continue
        out.append(text)
    return out

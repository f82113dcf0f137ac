"""Products from structured data (agents/research/structured.py): JSON-LD types beyond Product, and OpenGraph."""

from __future__ import annotations

import json

from agents.research.structured import extract_structured


def _products(blocks: list[dict[str, object]], meta: dict[str, str] | None = None) -> list[tuple[str, str | None]]:
    data = extract_structured([json.dumps(b) for b in blocks], meta or {}, "https://shop.test/p")
    return [(p.name, p.price_amount) for p in data.products]


def test_a_trip_with_named_offers_is_one_product_at_its_lowest_price() -> None:
    trip = {"@context": "https://schema.org", "@type": "TouristTrip", "name": "Fjord Day Sail",
            "offers": [{"@type": "Offer", "name": "Weekdays", "price": "120.00", "priceCurrency": "NOK"},
                       {"@type": "Offer", "name": "Weekends", "price": "140.00", "priceCurrency": "NOK"}]}
    assert _products([trip]) == [("Fjord Day Sail", "120.00")]


def test_an_event_without_a_price_is_no_product_but_a_product_without_one_still_is() -> None:
    event = {"@context": "https://schema.org", "@type": "Event", "name": "Summer open day"}
    product = {"@context": "https://schema.org", "@type": "Product", "name": "Oak Stool"}
    assert _products([event, product]) == [("Oak Stool", None)]


def test_opengraph_product_price() -> None:
    meta = {"og:type": "product", "og:title": "Linen Shirt Dress", "product:price:amount": "96.00",
            "product:price:currency": "USD"}
    data = extract_structured([], meta, "https://shop.test/dress")
    assert [(p.name, p.price_amount, p.currency, p.syntax) for p in data.products] == [
        ("Linen Shirt Dress", "96.00", "USD", "opengraph")]


def test_an_item_offered_inside_a_catalogue_offer_has_that_offers_price() -> None:
    catalogue = {"@context": "https://schema.org", "@type": "LocalBusiness", "name": "Studio North",
                 "hasOfferCatalog": {"@type": "OfferCatalog", "name": "Sessions", "itemListElement": [
                     {"@type": "Offer", "itemOffered": {"@type": "Service", "name": "Headshot session"},
                      "price": "150.00", "priceCurrency": "GBP"},
                     {"@type": "Offer", "itemOffered": {"@type": "Service", "name": "Team day"}}]}}
    assert sorted(_products([catalogue]), key=str) == [("Headshot session", "150.00"), ("Team day", None)]


def test_the_business_types_a_site_gives_itself_are_kept_and_its_products_types_are_not() -> None:
    clinic = {"@context": "https://schema.org", "@type": ["MedicalBusiness", "LocalBusiness"], "name": "Physio Aebi",
              "address": {"@type": "PostalAddress", "addressLocality": "Zürich"},
              "makesOffer": {"@type": "Offer", "itemOffered": {"@type": "Service", "name": "Laufanalyse"}}}
    data = extract_structured([json.dumps(clinic)], {}, "https://physio.test/")
    assert data.business_types == ["localbusiness", "medicalbusiness"]


def test_a_price_specifications_unit_text_gives_the_period() -> None:
    service = {"@context": "https://schema.org", "@type": "Service", "name": "Garden care",
               "offers": {"@type": "Offer", "price": "80.00", "priceCurrency": "EUR",
                          "priceSpecification": {"@type": "UnitPriceSpecification", "price": "80.00",
                                                 "priceCurrency": "EUR", "unitText": "MONTH"}}}
    data = extract_structured([json.dumps(service)], {}, "https://shop.test/care")
    assert [(p.name, p.price_amount, p.period) for p in data.products] == [("Garden care", "80.00", "month")]

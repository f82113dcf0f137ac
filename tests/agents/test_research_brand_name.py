"""The brand's name from the parts its page titles repeat, not their last part (agents/research/brand_name.py)."""

from __future__ import annotations

from typing import Any

from agents.research.brand_name import _place_words, guess_brand_name


def _pages(titles: list[str], text: str = "", meta: dict[str, str] | None = None) -> list[dict[str, Any]]:
    return [{"canonical_url": f"http://127.0.0.1/{i}.html", "title": t, "text": text, "meta": meta or {}}
            for i, t in enumerate(titles)]


def _name(pages: list[dict[str, Any]]) -> str:
    return guess_brand_name(pages, {}, "http://127.0.0.1/", lambda t: t)


def test_a_tagline_or_a_town_after_the_name_is_not_the_name() -> None:
    tagline = ["Kontakt | Berger Elektrotechnik – Elektriker in Graz",
               "Preise | Berger Elektrotechnik – Elektriker in Graz"]
    assert _name(_pages(tagline, "Berger Elektrotechnik GmbH, Annenstraße 4, 8020 Graz")) == "Berger Elektrotechnik"
    town = ["FAQ | Juniper Heating & Air | Boise, ID", "About | Juniper Heating & Air | Boise, ID"]
    assert _name(_pages(town, "Juniper Heating & Air serves homes in Boise and Meridian.")) == "Juniper Heating & Air"


def test_a_trailing_place_is_cut_unless_the_site_writes_the_name_with_it() -> None:
    comma = ["Fees | Byrne Walsh Solicitors, Limerick", "Team | Byrne Walsh Solicitors, Limerick"]
    assert _name(_pages(comma, "Byrne Walsh Solicitors has advised families since 1988.")) == "Byrne Walsh Solicitors"
    whole = ["Prices | Harbour Physio Leeds", "Team | Harbour Physio Leeds"]
    assert _name(_pages(whole, "Welcome to Harbour Physio Leeds, in Leeds since 2012.")) == "Harbour Physio Leeds"
    particle = ["Preços · Barbearia do Carmo", "Sobre · Barbearia do Carmo"]
    assert _name(_pages(particle, "Estamos no Carmo desde 2015.")) == "Barbearia do Carmo"


def test_the_name_the_site_gives_itself_wins_and_a_flagged_title_falls_back_to_the_host() -> None:
    pages = _pages(["Shop – Mossgrove – Bristol", "About – Mossgrove – Bristol"], "© 2025 Mossgrove Ltd. All rights.")
    assert _name(pages) == "Mossgrove"
    assert guess_brand_name(_pages(["x"]), {}, "http://www.example.test/", lambda t: "") == "example.test"


def test_a_name_with_a_particle_before_a_capital_is_still_a_name() -> None:
    pages = _pages(["Tarifs · Maison de Marie · Nantes", "Contact · Maison de Marie · Nantes"],
                   "Maison de Marie, salon de thé à Nantes depuis 2009.")
    assert _name(pages) == "Maison de Marie"


def test_a_title_that_only_says_what_the_page_is_names_no_brand() -> None:
    pages = _pages(["Home", "Home"], "Home About Contact", {"og:site_name": "Tidewell Ceramics"})
    assert _name(pages) == "Tidewell Ceramics"


def test_a_trailing_place_in_its_local_spelling_is_a_place_too() -> None:
    # ISO 3166 writes "Valencia" and "Sevilla"; a site may write "València" or "Sevílla" (accents folded).
    local = ["Comprar | Solana Pisos València", "Alquilar | Solana Pisos València"]
    assert _name(_pages(local, "Solana Pisos vende y alquila pisos desde 2004.")) == "Solana Pisos"


def test_the_name_the_site_gives_itself_without_the_town_a_title_adds() -> None:
    titles = ["Huren – Velomaat Gent", "Over ons – Velomaat Gent", "Contact – Velomaat Gent"]
    pages = _pages(titles, "Velomaat verhuurt fietsen in Gent.", {"jsonld:name": "Velomaat"})
    assert _name(pages) == "Velomaat"
    # Without the site's own name, the title's part stands (one word would be too little to cut to).
    assert _name(_pages(titles, "Velomaat verhuurt fietsen in Gent.")) == "Velomaat Gent"


def test_a_name_the_site_registers_as_a_company_is_no_place_and_a_self_name_before_a_comma_tagline() -> None:
    # "In Zollwerk lernen Sie …" would make "Zollwerk" a place; "Zollwerk Kaffee GmbH" says it is the company.
    titles = ["Kontakt | Zollwerk · Espresso & Kaffeeschule · Bremen", "Kurse | Zollwerk · Espresso & Kaffeeschule · "
              "Bremen", "Preise | Zollwerk · Espresso & Kaffeeschule · Bremen"]
    text = "In Zollwerk lernen Sie Espresso. Kurse in Bremen. Zollwerk Kaffee GmbH · Am Wall 3 · 28195 Bremen"
    assert _name(_pages(titles, text)) == "Zollwerk"
    tagline = ["Accueil – Ostéa, ostéopathie à Rennes", "Tarifs – Ostéa, ostéopathie à Rennes"]
    assert _name(_pages(tagline, "Le cabinet reçoit à Rennes.", {"og:site_name": "Ostéa"})) == "Ostéa"


def test_a_product_s_json_ld_name_is_not_the_site_s_own() -> None:
    from agents.crawler.html import parse_html

    product = ('<html><head><script type="application/ld+json">{"@type": "Product", "name": "Weekend course", '
               '"brand": {"@type": "Brand", "name": "Zollwerk"}}</script></head><body><p>x</p></body></html>')
    assert "jsonld:name" not in parse_html(product, "http://127.0.0.1/").meta
    org = '<html><head><script type="application/ld+json">{"@type": "Restaurant", "name": "Zollwerk"}</script></head>'
    assert parse_html(org + "<body><p>x</p></body></html>", "http://127.0.0.1/").meta["jsonld:name"] == "Zollwerk"


def test_a_copyright_year_with_a_comma_a_two_word_town_and_swiss_and_south_african_forms() -> None:
    assert _name(_pages(["Inicio – Marea", "Tienda – Marea"], "© 2025, Marea · Hecho en Cali")) == "Marea"
    titles = ["Tours | Fynbos Walks Cape Town", "About | Fynbos Walks Cape Town", "FAQ | Fynbos Walks Cape Town"]
    text = "Small groups from Cape Town. New in Cape Town? Fynbos Walks (Pty) Ltd, reg. 2019/123456/07"
    assert _name(_pages(titles, text)) == "Fynbos Walks"
    from agents.research.brand_name import _LEGAL_FORM, _registered_names

    assert _LEGAL_FORM.sub("", "© Lémanis Conseil Sàrl – Tous droits réservés") == "© Lémanis Conseil"
    assert _registered_names(["Kauri Flat Estate Pty Ltd", "Sol y Mar S.A. de C.V."]) == {"Kauri Flat Estate",
                                                                                          "Sol y Mar"}


def test_the_name_a_site_registers_its_company_under_without_the_town_its_titles_add() -> None:
    titles = ["Yoga | Rustpunt Gent", "Massage | Rustpunt Gent", "Contact | Rustpunt Gent"]
    text = "Rustpunt is een kleine yogastudio in Gent. Rustpunt BV · Veldstraat 12 · 9000 Gent. Rustpunt Gent"
    assert _name(_pages(titles, text)) == "Rustpunt"
    # The town after a postcode in the footer's address is a place too; a year after "©" is no postcode.

    footer = "Lessen en massages. Rustpunt BV · Veldstraat 12 · 9000 Gent"
    assert _name(_pages(titles, footer)) == "Rustpunt"
    assert "gent" in _place_words([footer])
    assert "acme" not in _place_words(["© 2024 Acme Studio"])


def test_a_name_the_metadata_and_the_copyright_both_give_without_what_the_titles_add() -> None:
    titles = ["Tarifs | Nuage Sauna & Hammam Namur", "Massages | Nuage Sauna & Hammam Namur",
              "Contact | Nuage Sauna & Hammam Namur"]
    text = "Trois saunas et un hammam. Nuage Sauna & Hammam Namur. © 2025 Nuage · Fait à Namur"
    assert _name(_pages(titles, text, {"jsonld:name": "Nuage"})) == "Nuage"
    # The copyright alone is not enough to cut what every title says.
    assert _name(_pages(titles, text)) != "Nuage"


def test_a_place_after_a_comma_loses_the_tie_when_the_pages_say_neither_form_whole() -> None:
    titles = ["Classes | Lumen Pilates & Movement, Ranelagh", "Pricing | Lumen Pilates & Movement, Ranelagh"]
    assert _name(_pages(titles, "Lumen is a small studio in Ranelagh. © 2025 Lumen Studio Ltd.")) == (
        "Lumen Pilates & Movement")


def test_a_tagline_after_a_comma_in_every_title_is_no_part_of_the_name() -> None:
    titles = ["Nos tarifs – Pont Levant Conseil, courtier en assurance à Nantes",
              "Contact – Pont Levant Conseil, courtier en assurance à Nantes",
              "Le cabinet – Pont Levant Conseil, courtier en assurance à Nantes"]
    text = ("Pont Levant Conseil compare vingt assureurs pour vous. Chez Pont Levant Conseil, le premier rendez-vous "
            "est offert.")
    assert _name(_pages(titles, text)) == "Pont Levant Conseil"


def test_a_town_before_its_postcode_is_a_place_cut_from_the_title() -> None:
    titles = ["Tours — Ruru Ridge Kayaks Wanaka", "About — Ruru Ridge Kayaks Wanaka", "FAQ — Ruru Ridge Kayaks Wanaka"]
    text = "Paddle the lake with us. Ruru Ridge Kayaks, 4 Lakefront Drive, Wanaka 9305, New Zealand"
    assert _name(_pages(titles, text)) == "Ruru Ridge Kayaks"
    assert "wanaka" in _place_words([text])


def test_a_name_the_site_registers_beats_the_title_that_adds_its_trade_and_town_and_is_never_written_whole() -> None:
    titles = ["Prices | Clutch & Gear Driving School Leeds", "About | Clutch & Gear Driving School Leeds"]
    text = "Why learners choose Clutch & Gear. Lessons in Leeds. © 2025 Clutch & Gear Ltd"
    assert _name(_pages(titles, text)) == "Clutch & Gear"
    # Written whole on the pages, the longer name stays.
    assert _name(_pages(titles, text + " Welcome to Clutch & Gear Driving School Leeds.")) == (
        "Clutch & Gear Driving School Leeds")


def test_a_possessive_place_is_the_place() -> None:
    assert "karnwick" in _place_words(["Lessons in Karnwick’s north side."])


def test_blind_dev44_a_one_word_name_and_town_in_titles_gives_way_to_the_name_the_site_gives_itself() -> None:
    titles = ["Preise – Brixwerk Arosa", "Kontakt – Brixwerk Arosa"]
    text = "Brixwerk vermietet Ski in Arosa. © 2025 Brixwerk Sport GmbH"
    assert _name(_pages(titles, text, {"jsonld:name": "Brixwerk Sport & Service"})) == "Brixwerk Sport & Service"
    # Without a name of its own the title stays.
    assert _name(_pages(titles, "Brixwerk vermietet Ski in Arosa.")) == "Brixwerk Arosa"

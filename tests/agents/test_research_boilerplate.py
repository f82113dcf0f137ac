"""Boilerplate masking: template lines and footer wording, never the brand's own story."""

from __future__ import annotations

from agents.research.boilerplate import boilerplate_spans, repeated_lines


def masked(text: str, repeated: set[str] | None = None) -> list[str]:
    return [text[s:e] for s, e in boilerplate_spans(text, repeated or set())]


def test_a_registration_is_a_footer_line_with_its_number_or_alone_but_not_in_the_brand_story() -> None:
    footer = "Acme Rescue is a registered charity in England and Wales (no. 1187642)."
    assert masked(footer) == [footer]
    assert masked("Registered in England and Wales") == ["Registered in England and Wales"]
    assert masked("Registered office: 4 Mill Lane, Leeds") == ["Registered office: 4 Mill Lane, Leeds"]
    story = "We became a registered charity in 2014. Two years later we opened a second shop in Otley."
    assert masked(story) == []
    assert masked("© 2024 Acme Rescue") == ["© 2024 Acme Rescue"]
    # The brand's own sentence about its status, number and all; a short "we are" line is still the footer's.
    story = ("We are a registered charity (RCN 20207741) and a company limited by guarantee, run by a voluntary "
             "board of seven directors.")
    assert masked(story) == []
    assert masked("We are a registered charity, no. 1187642.") == ["We are a registered charity, no. 1187642."]


def test_a_line_on_most_pages_is_template() -> None:
    pages = ["Home\nAbout us\nWe bake bread.", "Home\nAbout us\nWe sell cakes.", "Home\nContact\nCall us."]
    assert repeated_lines(pages) == {"Home", "About us"}
    assert masked(pages[0], repeated_lines(pages)) == ["Home", "About us"]


def test_a_registration_said_in_a_long_sentence_about_the_brand_is_its_story() -> None:
    story = ("Harbour Kiwi Trust is a registered charity (CC12345). Donations of $5 or more are eligible for a tax "
             "credit from Inland Revenue.")
    assert masked(story) == []
    assert masked("Harbour Kiwi Trust is a registered charity (CC12345).") == [
        "Harbour Kiwi Trust is a registered charity (CC12345)."]


def test_a_cookie_banner_in_spanish_is_a_footer_line() -> None:
    banner = "Usamos cookies propias y de terceros para analizar el uso del sitio. Si seguís navegando, las aceptás."
    assert masked(banner) == [banner]
    assert masked("Las cookies de la abuela: receta de galletas con avena.") == []

"""What the crawler reads as a page's visible text."""

from __future__ import annotations

from pathlib import Path

from agents.crawler.html import parse_html

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "blind" / "sites" / "hartwig-enclosures"


def test_table_cells_are_kept_apart_and_a_row_is_one_line() -> None:
    """A product page's spec table (read by the block walk: trafilatura keeps too little of this short page)."""
    html = (SITE / "products" / "tb-terminal-box.html").read_text(encoding="utf-8")
    lines = parse_html(html, "http://127.0.0.1/products/tb-terminal-box.html").text.split("\n")
    assert "Dimensions 120 x 90 x 80 mm" in lines and "Protection IP67" in lines

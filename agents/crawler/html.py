"""HTML → main text, links, canonical URL and the hidden places injections hide in.

Parsing is done with selectolax (lexbor); main-text extraction with trafilatura,
falling back to a block-level walk of the cleaned DOM when trafilatura finds
nothing (very short pages). CSS-hidden elements are removed *before* text
extraction, so text a visitor cannot see never becomes page text; it is kept in
``hidden_texts`` for the injection scanner.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import re
from dataclasses import dataclass, field

import trafilatura
from selectolax.lexbor import LexborHTMLParser, LexborNode

from agents.crawler.urls import DEFAULT_MAX_URL_LENGTH, join_url

_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|font-size\s*:\s*0"
    r"|(?:left|top|text-indent)\s*:\s*-\d{3,}",
    re.I,
)
# Simple class rules in <style> blocks: ".promo-note{display:none}".
_CSS_CLASS_RULE = re.compile(r"\.([A-Za-z_][\w-]*)\s*\{([^}]*)\}")
# schema.org types named for what a site sells or publishes, never for the site itself.
_NOT_SELF_TYPES = frozenset("""product productgroup offer aggregateoffer service event course courseinstance recipe
    article blogposting newsarticle faqpage question answer breadcrumblist itemlist listitem webpage imageobject
    videoobject review howto book menu menuitem menusection softwaresourcecode datafeed""".split())
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas")
_ATTRS_SCANNED = ("alt", "title", "aria-label", "placeholder", "data-instructions", "data-prompt")
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "blockquote",
    "dd",
    "dt",
    "figcaption",
    "address",
    "pre",
    "br",
}
# Table cells sit side by side on screen: their texts are kept apart ("Dimensions 120 x 90 x 80 mm", not
# "Dimensions120 x 90 x 80 mm"), a row stays one line.
_CELL_TAGS = {"td", "th"}
_SPA_ROOT = re.compile(r"^(root|app|__next|__nuxt|svelte)$")
# A figure with a currency sign or code: a price line trafilatura may drop with a list it takes for navigation
# (a restaurant's <ul class="menu-liste">, a "nav-prices" block).
# The signs and codes of currencies beyond the euro, the dollar and the pound too ("690 zł/m²", "₹1,499", "Kč 350").
_PRICE_HINT = re.compile(r"[€$£¥₹₱₦฿₪₽]\s?\d|\d[\d.,]*(?:,[–-])?\s?(?:[€$£¥₹₱₦฿₪₽]|(?:EUR|USD|GBP|CHF|CAD|AUD|NZD|SGD|"
                         r"ZAR|MXN|BRL|COP|PLN|CZK|HUF|SEK|NOK|DKK|INR|JPY|HKD|ARS|CLP|PEN|UYU|kr|zł|Kč|Ft|lei)(?!\w))"
                         r"|\b(?:EUR|USD|GBP|CHF|CAD|AUD|NZD|SGD|ZAR|MXN|BRL|COP|PLN|CZK|HUF|SEK|NOK|DKK|INR|Fr\.|Kč)\s?\d")
_NOT_PAGES = ("javascript:", "mailto:", "tel:", "data:", "#")


@dataclass
class HiddenText:
    location: str  # title | html-comment | css-hidden | attr:alt | meta:description | json-ld | ...
    text: str


@dataclass
class ParsedPage:
    title: str
    text: str
    canonical: str | None
    links: list[str]  # absolute, normalized, checked http(s) URLs
    hidden_texts: list[HiddenText] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    script_count: int = 0
    looks_js_only: bool = False
    dropped_links: int = 0  # hrefs that were malformed, too long or not http(s)


def _is_hidden(node: LexborNode, hidden_classes: set[str]) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    style = attrs.get("style") or ""
    if style and _HIDDEN_STYLE.search(style):
        return True
    classes = set((attrs.get("class") or "").split())
    return bool(classes & hidden_classes)


def _hidden_classes(tree: LexborHTMLParser) -> set[str]:
    out: set[str] = set()
    for style in tree.css("style"):
        for m in _CSS_CLASS_RULE.finditer(style.text(deep=True)):
            if _HIDDEN_STYLE.search(m.group(2)):
                out.add(m.group(1))
    return out


_CHROME = {"header", "nav", "footer", "aside"}
# Readers' comments under a post, named the way trafilatura's own rule names them (``REMOVE_COMMENTS_XPATH``: an id or
# class that starts with "comment", not "commentary"; Disqus), matched per class token so "blog-comments" and
# WordPress's "comment-list" count too; not a testimonial's "review-comment", which the brand chose to show. Visitors
# write them, not the brand: spam there ("Reformer-Geräte ab 199 Euro gibt es bei uns") is no product and no fact,
# and trafilatura drops them only on the pages it reads itself.
_COMMENTS_MARK = re.compile(
    r"^(?:comments?(?:$|[-_])|comol$|disqus|dsq-comments|(?:article|post|blog|entry|wp|user)[-_]comments?(?:$|[-_]))",
    re.I)
_COMMENTS_STATE = {"comments-open", "comments-closed", "has-comments", "no-comments"}  # a post's state, not comments
_COMMENTS_HOLDERS = ("div", "section", "ul", "ol", "details")
_CART = re.compile(r"cart|basket|minicart|warenkorb|panier|carrito", re.IGNORECASE)


def _in_chrome(node: LexborNode) -> bool:
    """Inside the page's header, navigation, footer, sidebar or a cart widget: not content."""
    parent = node.parent
    while parent is not None and parent.tag != "body":
        marks = f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}"
        if parent.tag in _CHROME or _CART.search(marks):
            return True
        parent = parent.parent
    return False


def _comment_sections(body: LexborNode) -> list[LexborNode]:
    """The page's readers' comments sections (see ``_COMMENTS_MARK``); never one that holds the page's heading or its
    main content, whatever its class says."""
    out = []
    for node in body.css(", ".join(_COMMENTS_HOLDERS)):
        marks = [node.attributes.get("id") or "", *(node.attributes.get("class") or "").split()]
        if (any(_COMMENTS_MARK.search(m) and m.lower() not in _COMMENTS_STATE for m in marks if m)
                and node.css_first("h1, main") is None):
            out.append(node)
    return out


def _with_card_lines(text: str, root: LexborNode) -> str:
    """``text`` with each card kept on its own lines: trafilatura writes a list item whose children are blocks
    (heading, detail line, price) as one line ("- Cours Bouchon 3 h · quenelles 89 € par personne"), which reads as
    one sentence; the card's blocks go back on a line each, as the page shows them."""
    lines = text.split("\n")
    where = {" ".join(line.lstrip("- ").split()): i for i, line in enumerate(lines)}
    for item in root.css("li"):
        blocks = [c for c in item.iter(include_text=False) if c.tag in _BLOCK_TAGS]
        parts = [p for p in (" ".join(b.text(deep=True, separator=" ").split()) for b in blocks) if p]
        joined = " ".join(parts)
        i = where.get(joined)
        if len(parts) < 2 or i is None or joined != " ".join(item.text(deep=True, separator=" ").split()):
            continue
        lines[i] = "\n".join([("- " if lines[i].startswith("- ") else "") + parts[0], *parts[1:]])
    return "\n".join(lines)


def _descriptions(term: LexborNode) -> list[LexborNode]:
    """The ``<dd>`` elements that follow a ``<dt>``, up to the next term."""
    out: list[LexborNode] = []
    node = term.next
    while node is not None and not (node.is_element_node and node.tag == "dt"):
        if node.is_element_node and node.tag == "dd":
            out.append(node)
        node = node.next
    return out


def _with_lost_prices(text: str, body: LexborNode) -> str:
    """``text`` plus the priced list items, table rows and description-list terms of the page's content that it
    lacks, at its end: trafilatura drops whole lists whose class says "menu", with every price in them."""
    def plain(line: str) -> str:  # without list and table marks
        return " ".join(re.sub(r"(?m)^\s*- ", "", line).replace("|", " ").split())

    flat = plain(text)
    lost: list[str] = []
    for node in body.css("li, tr, dt"):
        if _in_chrome(node) or len(node.css("li, tr")) > 1:  # the node itself counts; a nested list is read alone
            continue
        line = " ".join(node.text(deep=True, separator=" ").split())
        if node.tag == "dt":  # a term and its description read as one item ("Nail Trim" + "$15 · walk-ins welcome")
            described = [line, *(dd.text(deep=True, separator=" ") for dd in _descriptions(node))]
            line = " ".join(" ".join(described).split())
        if line and _PRICE_HINT.search(line) and plain(line) not in flat and line not in lost:
            lost.append(line)
    # A pricing widget's price in spans of its own (Elementor, pricing-table plugins: "€ <b>89</b><sup>,00</sup> pro
    # Person"), which trafilatura drops with the whole widget (its class says "widget"): read as "heading price".
    bare = "".join(flat.split())  # spacing inside a price differs between the two readings ("€12,95", "€ 12,95")
    for node in body.css("[class*=price]"):
        price = " ".join((node.text(deep=True, separator="") or "").split())
        if (not _PRICE_HINT.search(price) or len(price.split()) > 6 or _in_chrome(node)
                or "".join(price.split()) in bare):
            continue
        widget, heading = node.parent, None
        for _ in range(3):  # the widget holds its heading a level or two above the price
            if widget is None:
                break
            heading = widget.css_first("h2, h3, h4")
            if heading is not None:
                break
            widget = widget.parent
        name = " ".join(heading.text().split()) if heading is not None else ""
        line = f"{name} {price}"
        if name and len(name.split()) <= 8 and plain(line) not in flat and line not in lost:
            lost.append(line)
    return "\n".join([text, *("- " + ln for ln in lost)]) if lost and text else text


# A paragraph long enough to be a statement of its own (a hero's "Since 2009 we have …"), not a caption or a button.
_STATEMENT_WORDS = 10
# Bounds on the work, whatever the page: the blocks read (a hero and a testimonial sit well within them), the
# paragraphs put back, and how far ahead a place to put one is looked for.
_LOST_BLOCKS_READ = 1000
_LOST_RESTORED = 30
_LOST_LOOKAHEAD = 20


def _with_lost_paragraphs(text: str, root: LexborNode) -> str:
    """``text`` with the content paragraphs trafilatura dropped put back where the page has them: it can read a
    page's opening section (a hero of heading, intro paragraph and button) as a banner and leave it all out, with
    the sentence that says who the brand is and since when, and a testimonial's byline as its author. Placed before
    the next block the text holds."""
    lines = text.split("\n")
    bare = ["".join(line.split()) for line in lines]
    starts = list(itertools.accumulate((len(b) for b in bare), initial=0))  # each line's offset in ``flat``
    flat = "".join(bare)
    whole = set(bare)
    blocks = [n for n in root.css("p, h1, h2, h3, h4, li, td, dt, dd, blockquote, figcaption, div[class*=testimonial]")[
        :_LOST_BLOCKS_READ] if not _in_chrome(n)]
    spoken = [" ".join(n.text(deep=True, separator=" ").split()) for n in blocks]  # each block's text, read once
    said = [t.replace(" ", "") for t in spoken]  # without whitespace, as ``flat``

    def line_of(k: int) -> int | None:  # the line of ``text`` that holds block k, by its opening characters
        at = flat.find(said[k][:60]) if said[k] else -1
        return bisect.bisect_right(starts, at) - 1 if at >= 0 else None

    inserts: list[tuple[int, str]] = []
    for k, node in enumerate(blocks):
        # A testimonial widget's own text blocks too (Elementor's quote, name and job in divs of their own), which
        # trafilatura drops whole: each leaf, whatever its length.
        # (A leaf: no block among its children, read without walking its subtree: the page may be hostile.)
        testimonial = node.tag == "div" and not any(c.tag in _BLOCK_TAGS for c in node.iter(include_text=False))
        if (node.tag not in ("p", "figcaption") and not testimonial) or len(inserts) >= _LOST_RESTORED:
            continue
        para = spoken[k]
        # A testimonial's byline too ("— Ana e Rui, em viagem desde Braga", a quote's <figcaption>): trafilatura
        # drops it as an author line.
        byline = (para.startswith(("—", "–")) and len(para.split()) >= 3) or (
            (testimonial or node.tag == "figcaption") and len(para.split()) >= 2)
        if (len(para.split()) < _STATEMENT_WORDS and not byline) or said[k] in whole or said[k] in flat:
            continue
        ahead = (line_of(j) for j in range(k + 1, min(len(blocks), k + 1 + _LOST_LOOKAHEAD)))
        inserts.append((next((i for i in ahead if i is not None), len(lines)), para))
        whole.add(said[k])
    # Put back from the end, so that earlier positions hold; two before one line keep the page's order.
    for _, (at, para) in sorted(enumerate(inserts), key=lambda item: (item[1][0], item[0]), reverse=True):
        lines.insert(at, para)
    return "\n".join(lines)


def _with_lost_headings(text: str, root: LexborNode) -> str:
    """``text`` with the content headings trafilatura dropped put back above the paragraph that follows them: it
    reads a page's first heading as its title and leaves it out, and on a page of questions that is the first
    question ("Vous hésitez entre nous et l'Académie X ?" over its answer)."""
    lines = text.split("\n")

    def block_after(node: LexborNode | None) -> str:  # the text of the next non-blank node after ``node``
        after = node.next if node is not None else None
        while after is not None and (after.tag == "-text" and not (after.text() or "").strip()):
            after = after.next
        return " ".join(after.text(deep=True, separator=" ").split())[:60] if after is not None else ""

    for heading in root.css("h1, h2, h3, h4"):
        title = " ".join(heading.text(deep=True, separator=" ").split())
        if not title or title in text or _in_chrome(heading):
            continue
        # What follows the heading, or its header block when trafilatura dropped that whole block (a pricing
        # card's "Semilla" / "Donación mensual" over "$150 MXN al mes"). A short line will do when it is a price
        # the text holds once (a card's "Kit lector" over "$1,250 MXN al año").
        at = None
        for first in (block_after(heading), block_after(heading.parent)):
            # Compared without spaces: a price in spans reads "$ 150 MXN" here and "$150 MXN" in the text.
            found = [k for k, line in enumerate(lines) if first and "".join(first.split()) in "".join(line.split())]
            if found and (len(first) >= 20 or (_PRICE_HINT.search(first) and len(found) == 1)):
                at = found[0]
                break
        if at is not None:
            lines.insert(at, title)
    return "\n".join(lines)


def _block_text(root: LexborNode, *, marked: bool = False) -> str:
    """Text of the cleaned DOM, one line per block element; ``marked`` writes list items and table rows the way
    trafilatura does ("- item", "| cell | cell |"), so the text reads the same whichever produced it."""
    parts: list[str] = []

    def walk(node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            if child.is_text_node:
                parts.append(child.text(deep=False) or "")
            elif child.is_element_node:
                sep = "\n" if child.tag in _BLOCK_TAGS else " " if child.tag in _CELL_TAGS else ""
                if marked and child.tag == "li":
                    parts.append("\n- ")
                elif marked and child.tag in _CELL_TAGS:
                    parts.append("| ")
                else:
                    parts.append(sep)
                walk(child)
                parts.append(" |" if marked and child.tag == "tr" else " " if marked and child.tag in _CELL_TAGS
                             else sep)  # fmt: skip

    walk(root)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    lines = [line for line in lines if line]
    # A list item whose first child is a block ("<li><h3>Families</h3>…") leaves its marker alone on a line.
    for i in range(len(lines) - 1):
        if lines[i] == "-" and lines[i + 1] != "-":
            lines[i], lines[i + 1] = "", "- " + lines[i + 1]
    return "\n".join(line for line in lines if line)


# Phrasing (inline) elements: between two of them a run of whitespace is one space on screen.
_INLINE = r"(?:span|a|em|strong|b|i|small|sup|sub|abbr|mark|s|u|time|data|bdi|code|label|q|cite)"
# A line break after an inline element's end, or before its start.
_BETWEEN_INLINE = re.compile(rf"(</{_INLINE}\s*>)\s*\n\s*|>\s*\n\s*(?=<{_INLINE}[\s>])", re.IGNORECASE)


def _collapse_whitespace(html: str) -> str:
    """Line breaks in the source next to inline elements as the one space a browser shows ("<span>690</span>\n
    <span>€</span>" reads "690 €"). Whitespace between blocks is left alone: it is how trafilatura's reading of a
    page starts, and a browser ignores it anyway."""
    return _BETWEEN_INLINE.sub(lambda m: f"{m.group(1)} " if m.group(1) else "> ", html)


def parse_html(html: str, base_url: str, *, max_url_length: int = DEFAULT_MAX_URL_LENGTH) -> ParsedPage:
    tree = LexborHTMLParser(html)
    hidden: list[HiddenText] = []
    meta: dict[str, str] = {}

    title_node = tree.css_first("title")
    title = " ".join((title_node.text() if title_node else "").split())
    if title:  # the title goes to the model too: scan it like every other hidden place
        hidden.append(HiddenText("title", title))

    canonical = None
    for link in tree.css("link[rel]"):
        rels = (link.attributes.get("rel") or "").lower().split()
        href = link.attributes.get("href")
        if "canonical" in rels and href:
            canonical = join_url(base_url, href, max_url_length)
            break

    for m in tree.css("meta"):
        key = (m.attributes.get("name") or m.attributes.get("property") or "").lower()
        content = m.attributes.get("content") or ""
        if key and content:
            meta[key] = content
            if (
                key
                in {
                    "description",
                    "keywords",
                    "og:description",
                    "twitter:description",
                    "og:title",
                    "og:site_name",
                    "author",
                    "robots",
                }
                or key.startswith("ai")
                or "prompt" in key
            ):
                hidden.append(HiddenText(f"meta:{key}", content))

    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True)
        hidden.append(HiddenText("json-ld", raw))
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        # The name of the business or the site, not of a thing it sells or publishes (a product page's Product is
        # named for the product: "Curso intensivo de fin de semana" is no brand).
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            kinds = data.get("@type")
            types = {t.lower() for t in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(t, str)}
            if not _NOT_SELF_TYPES.intersection(types):
                meta.setdefault("jsonld:name", data["name"])

    script_count = len(tree.css("script"))

    body = tree.body
    if body is None:
        return ParsedPage(title, "", canonical, [], hidden, meta, script_count, looks_js_only=script_count > 0)

    for node in list(tree.root.traverse(include_text=False)) if tree.root is not None else []:
        if node.is_comment_node:
            content = (node.comment_content or "").strip()
            if content:
                hidden.append(HiddenText("html-comment", content))

    hidden_classes = _hidden_classes(tree)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    # Collect hidden subtrees first, then remove them outermost-first.
    to_remove = [n for n in body.traverse(include_text=False) if n.is_element_node and _is_hidden(n, hidden_classes)]
    for node in to_remove:
        text = " ".join(node.text(deep=True).split())
        if text:
            hidden.append(HiddenText("css-hidden", text))
    for node in to_remove:
        with contextlib.suppress(Exception):  # already removed as part of a hidden ancestor
            node.decompose()
    for node in _comment_sections(body):
        text = " ".join(node.text(deep=True).split())
        if text:  # out of the text, still scanned for instructions addressed to a model
            hidden.append(HiddenText("user-comments", text))
        with contextlib.suppress(Exception):  # already removed as part of an outer comments section
            node.decompose()

    for node in body.traverse(include_text=False):
        if not node.is_element_node:
            continue
        for attr in _ATTRS_SCANNED:
            value = node.attributes.get(attr)
            if value and value.strip():
                hidden.append(HiddenText(f"attr:{attr}", value.strip()))

    links: list[str] = []
    dropped = 0
    for a in body.css("a[href]"):
        href = (a.attributes.get("href") or "").strip()
        if not href or href.lower().startswith(_NOT_PAGES):
            continue
        target = join_url(base_url, href, max_url_length)
        if target is None:
            dropped += 1
        else:
            links.append(target)

    # trafilatura keeps the source's line breaks between inline elements and splits a price over three lines.
    cleaned = _collapse_whitespace(tree.html or "")
    text = (
        trafilatura.extract(
            cleaned,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=False,
        )
        or ""
    )
    fallback = _block_text(body, marked=True)
    # trafilatura can drop most of a short page as boilerplate; prefer the block
    # walk when it kept clearly more of the page.
    if len(text) < 0.5 * len(fallback):
        text = fallback
    # On pages of cards whose headings are links, trafilatura drops most headings (the card's name, "Who we work
    # with") and reorders what is left; on a page of several <article> cards it keeps the first card's heading and
    # drops the others' ("Solo" kept, "Praxis" and "Klinik" lost). A page that marks its main content (<main>) is
    # then read block by block.
    main = body.css_first("main")
    headings = [h for h in (" ".join(n.text().split()) for n in main.css("h1, h2, h3")) if h] if main else []
    # A card's heading is its own line (its name may recur in the text: "Kennel Keeper sponsors get …"); a shop's
    # list-item cards lose theirs too, glued to the description and price ("Pilea peperomioides Pot Ø 12 cm,
    # pannenkoekplant€ 8,50 In winkelmand").
    cards = [" ".join(n.text().split()) for n in main.css("article h2, article h3, li h2, li h3")] if main else []
    lines = {" ".join(line.lstrip("-# ").split()) for line in text.split("\n")}
    if main is not None and (sum(h not in text for h in headings) > len(headings) / 2
                             or any(h and h not in lines for h in cards)):
        text = _block_text(main, marked=True)
    text = _with_card_lines(text.strip(), main or body)
    text = _with_lost_prices(text, main or body)
    text = _with_lost_paragraphs(text, main or body)
    text = _with_lost_headings(text, main or body)

    spa_root = any(_SPA_ROOT.match(n.attributes.get("id") or "") for n in body.css("div[id]"))
    looks_js_only = len(text) < 80 and (script_count > 0 or spa_root)
    return ParsedPage(title, text, canonical, links, hidden, meta, script_count, looks_js_only, dropped)

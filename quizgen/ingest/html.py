"""HTML articles: the main text found by trafilatura, with its headings and paragraphs.

trafilatura drops navigation, footers, cookie notices, sidebars, scripts and styles, which is most
of a real page. Its XML output keeps headings, paragraphs and list items apart, so sections survive.
Very short pages can fall below what trafilatura considers an article; for those a plain pass over
the page's headings and paragraphs (clutter removed) takes over.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from quizgen.ingest.clean import Block, Draft, collapse_whitespace, strip_citation_marks
from quizgen.ingest.furniture import is_furniture
from quizgen.ingest.lines import ends_sentence, looks_like_heading

_SKIPPED = {"code", "graphic", "table", "comments", "del", "fw", "note"}
_NESTED_BLOCKS = {"list", "item", "p", "quote", "head"}
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_CLUTTER_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "template", "svg", "iframe")
_CLUTTER_NAMES = re.compile(
    r"cookie|consent|gdpr|newsletter|subscribe|social|shar(?:e|ing)\b|share-|breadcrumb|advert|promo"
    r"|popup|modal|sidebar|related|skip-link|site-header|site-footer|masthead",
    re.I,
)
_TITLE_SEPARATORS = (" | ", " — ", " – ", " - ", " :: ", " · ")
# Below this many words the trafilatura result may be a page too short for it: compare with the fallback.
_SHORT_PAGE_WORDS = 30


def _segments(element: etree._Element) -> list[str]:
    """Inline text of an element, split where it had line breaks (<lb/>), nested blocks left out."""
    segments = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            segments.append("")
        elif child.tag not in _NESTED_BLOCKS and child.tag not in _SKIPPED:
            inner = _segments(child)
            segments[-1] += inner[0]
            segments.extend(inner[1:])
        segments[-1] += child.tail or ""
    return segments


def _paragraphs(segments: list[str]) -> list[str]:
    """Line-broken pieces become separate paragraphs when they end a sentence, else they are joined.

    A piece that is page furniture ("By Jane Doe<br>Updated 4 March 2024<br>The bank ...") goes,
    and the prose on either side of it stays apart.
    """
    paragraphs: list[str] = []
    after_furniture = False
    for raw in segments:
        piece = collapse_whitespace(strip_citation_marks(raw))
        if not piece:
            continue
        if is_furniture(piece) and (not paragraphs or after_furniture or ends_sentence(paragraphs[-1])):
            after_furniture = True
            continue
        if paragraphs and not after_furniture and not ends_sentence(paragraphs[-1]):
            paragraphs[-1] += " " + piece
        else:
            paragraphs.append(piece)
        after_furniture = False
    return paragraphs


def _walk(element: etree._Element, blocks: list[Block]) -> None:
    for child in element:
        if child.tag in _SKIPPED or not isinstance(child.tag, str):
            continue
        if child.tag == "head":
            rend = child.get("rend", "")
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            blocks.append(Block(collapse_whitespace("".join(child.itertext())), heading=True, level=level))
            continue
        blocks.extend(Block(text) for text in _paragraphs(_segments(child)))
        _walk(child, blocks)  # lists inside items, paragraphs inside quotes


def _trafilatura_blocks(page: str) -> tuple[list[Block], str | None, str | None]:
    import trafilatura

    xml = trafilatura.extract(
        page,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,  # on cluttered pages recall lets link lists and banners through
        with_metadata=True,
        # the date a page states in its markup; a guess from a copyright line ("© 2024") is none
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not xml:
        return [], None, None
    doc = etree.fromstring(xml.encode("utf-8"))
    blocks: list[Block] = []
    for main in doc.iter("main"):
        _walk(main, blocks)
    return blocks, doc.get("title") or None, doc.get("date") or None


def _parse_page(page: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.document_fromstring(_XML_DECLARATION.sub("", page))
    except (etree.ParserError, ValueError):
        return None


def _fallback_blocks(tree: lxml_html.HtmlElement) -> list[Block]:
    """Headings and paragraphs of the page once scripts, navigation and banners are removed."""
    clutter = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and (
            el.tag in _CLUTTER_TAGS
            or (el.tag == "header" and not el.findall(".//h1"))
            or _CLUTTER_NAMES.search(f"{el.get('class', '')} {el.get('id', '')}")
        )
    ]
    for el in clutter:
        if el.getparent() is not None:
            el.drop_tree()
    blocks = []
    for el in tree.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li"):
        if el.tag == "li" and el.find(".//p") is not None:
            continue  # its paragraphs come on their own
        text = collapse_whitespace(el.text_content())
        if text:
            heading = el.tag.startswith("h")
            blocks.append(Block(text, heading=heading, level=int(el.tag[1]) if heading else 0))
    return blocks


def _page_title(tree: lxml_html.HtmlElement) -> str | None:
    """og:title, else <title> without the site name, else the first <h1>."""
    og_title = tree.xpath('//meta[@property="og:title"]/@content')
    if og_title and collapse_whitespace(str(og_title[0])):
        return collapse_whitespace(str(og_title[0]))
    title = collapse_whitespace(" ".join(str(t) for t in tree.xpath("//title//text()")))
    for separator in _TITLE_SEPARATORS:
        if separator in title:
            title = title.split(separator)[0]  # "Article | Site name"
            break
    if title:
        return title
    h1 = tree.find(".//h1")
    return (collapse_whitespace(h1.text_content()) or None) if h1 is not None else None


def _words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks if not b.heading)


def read_html(page: str) -> Draft:
    """Main text blocks of a web page and its title; an empty draft when the page has no prose."""
    blocks, title, date = _trafilatura_blocks(page)
    tree = _parse_page(page)
    if tree is not None and _words(blocks) < _SHORT_PAGE_WORDS:
        fallback = _fallback_blocks(tree)
        if _words(fallback) > _words(blocks):
            blocks = fallback
    if title is None and tree is not None:
        title = _page_title(tree)
    if not any(not b.heading and len(b.text.split()) >= 4 for b in blocks):
        return Draft(
            blocks=[], title=title, date=date
        )  # a few stray words (a menu, a button) are not an article
    first = blocks[0]
    if first.heading and (first.level == 1 or title is None or first.text.casefold() == title.casefold()):
        first.level = 1
        return Draft(blocks=blocks, title=first.text, date=date)
    if title:
        blocks.insert(0, Block(title, heading=True, level=1))
    elif looks_like_heading(first.text):
        first.heading, first.level = True, 1
        title = first.text
    return Draft(blocks=blocks, title=title, date=date)

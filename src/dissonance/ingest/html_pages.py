"""HTML pages: the article, not the page around it.

A saved news page is mostly navigation, cookie banners, "most read" boxes and
footers; left in, they would feed analysis claims that nobody made about the
case. trafilatura extracts the main content (and the title and publication
date from the page's metadata). When it finds no main content (a bare page, a
list), the same library is asked again favouring recall, and as a last resort
lxml gives the whole visible text. A page with no text at all is kept as an
empty document and reported. `meta["extraction"]` says which of the three
produced the text, so a reviewer knows how much to trust it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from .draft import Draft
from .files import extracted_draft, read_text
from .report import Recorder

# trafilatura logs a warning for every page it finds thin; ingest reports what matters itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
_INVISIBLE = ("script", "style", "noscript", "template", "head")
_BLOCKS = (
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dd", "dt",
)


def _parse(html: str) -> Any | None:
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a str with an XML encoding declaration
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (ValueError, etree.ParserError):
            return None
    except etree.ParserError:
        return None


def visible_text(tree: Any) -> str:
    """All text a browser would show, one block per line."""
    tree = lxml.html.fromstring(lxml.html.tostring(tree))  # a copy we may prune
    for element in list(tree.iter(*_INVISIBLE)):
        element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _extract(html: str, tree: Any) -> tuple[str, str, Any]:
    """(text, how, trafilatura document or None) for one page."""
    found = None
    for how, recall in (("main", False), ("recall", True)):
        result = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=recall, include_comments=False)
        if result is not None:
            found = found or result
            if (result.text or "").strip():
                return result.text.strip(), how, result
    return visible_text(tree), "text_content", found


def _page_lang(tree: Any) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip() if lang and lang.strip() else None


def read(path: Path, rel: str, fmt: str, rec: Recorder) -> Iterator[Draft]:
    decoded = read_text(path, rel, rec)
    if decoded is None:
        return
    tree = _parse(decoded.text) if decoded.text.strip() else None
    text, how, page = ("", "none", None) if tree is None else _extract(decoded.text, tree)
    found: dict[str, Any] = {}
    found_fields: dict[str, Any] = {}
    if page is not None:
        found = {k: v for k, v in {"title": page.title, "author": page.author, "outlet": page.sitename,
                                   "url": page.url}.items() if v}
        if page.date:
            found_fields["date"] = page.date
    if tree is not None and _page_lang(tree):
        found_fields["lang"] = _page_lang(tree)
    draft = extracted_draft(path, rel, fmt, rec, text, extraction=how, found_meta=found, found_fields=found_fields,
                            empty_reason="no text could be extracted from the HTML")
    title = draft.meta.get("title")
    if text and isinstance(title, str) and title.strip() and title.strip() not in text[: len(title) + 200]:
        draft.text = f"{title.strip()}\n\n{text}"  # headlines carry claims too
    if not decoded.utf8:
        draft.meta["encoding"] = decoded.encoding
    yield draft

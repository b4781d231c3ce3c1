"""Saved or downloaded web pages: the article body and its metadata, via trafilatura."""

from __future__ import annotations

import datetime

import trafilatura
from dateutil import parser as date_parser
from lxml import etree

from workbench.services.importing.article import ArticleSource
from workbench.services.importing.decoding import normalise_lines, normalise_text

# Dates only from the page's own metadata and markup; the extensive search also
# guesses from stray dates in the text, and a wrong date is worse than none here.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_webpage(page: bytes | str, *, source: str, kind: str, url: str | None = None) -> ArticleSource | None:
    """The article in an HTML page, or None when the page holds no article text."""
    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, UnicodeError, etree.LxmlError):
        return None
    if document is None or not (document.text or "").strip():
        return None
    title = normalise_text(document.title or "").strip() or None
    return ArticleSource(
        lines=normalise_lines(document.text),
        source=source,
        format=kind,
        title=title,
        authors=_authors(document.author),
        published=_date(document.date),
        site=document.sitename or None,
        url=document.url or url,
    )


def _authors(byline: str | None) -> list[str]:
    if not byline:
        return []
    return [name.strip() for name in normalise_text(byline).split(";") if name.strip()]


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return date_parser.isoparse(value).date()
    except (ValueError, OverflowError):
        return None


def looks_like_html(text: str) -> bool:
    """True for the source of a web page: what a browser saves, or a copy of its source."""
    start = text.lstrip()[:5000].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in start


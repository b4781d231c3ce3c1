"""The imported article, how it is laid out from source lines, and putting a removed line back."""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace

from workbench.domain.errors import ImportRefused
from workbench.domain.model import RemovedLine
from workbench.services.importing.clutter import find_clutter

REPEATED_HEADLINE = "headline repeated in the text"
TITLE_FROM_METADATA = -1


@dataclass(frozen=True)
class ExtractedArticle:
    title: str
    text: str  # headline, blank line, paragraphs separated by one blank line; what the app shows and stores
    authors: list[str]
    published: datetime.date | None
    site: str | None
    url: str | None
    source: str  # the path or URL it came from, or "clipboard"
    removed: list[RemovedLine]
    format: str  # "text", "html", "docx", "markdown", "url", "clipboard"
    # Source line index where each paragraph of ``text`` begins, headline first
    # (-1 when the headline came from the page's metadata); lets restore_line
    # put a removed line back between the right paragraphs.
    paragraph_lines: tuple[int, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class ArticleSource:
    """What a reader found in one file, page or paste, before clutter is removed."""

    lines: list[str]  # normalised source lines
    source: str
    format: str
    title: str | None = None  # from metadata; otherwise the first line that is not clutter
    authors: list[str] = field(default_factory=list)
    published: datetime.date | None = None
    site: str | None = None
    url: str | None = None
    join_wrapped_lines: bool = False  # plain text: a line cut mid-sentence continues on the next


_WRAPPED_LINE_END = re.compile(r"[\w,\-–—]$")
# The longest article text imported: about 40 s from file to saved project on a laptop (detection
# and saving grow with the text). A long news article is 50,000 characters; a whole novel 3 million.
# Measured in benchmarks/bench_big_import.py; see docs/import.md.
MAX_TEXT_CHARS = 10_000_000


def build_article(found: ArticleSource, display_name: str) -> ExtractedArticle:
    """Remove the clutter from ``found`` and lay out the article text, or refuse an empty or overlong one."""
    length = sum(len(line) + 1 for line in found.lines)
    if length > MAX_TEXT_CHARS:
        raise ImportRefused(
            f"“{display_name}” holds {length / 1_000_000:.1f} million characters of text, more than the "
            f"{MAX_TEXT_CHARS / 1_000_000:g} million an article can have (a long news article has 50,000). "
            "If it really is one text, split it into parts and import them one by one."
        )
    lines = [line.strip() for line in found.lines]
    reasons = find_clutter(lines)
    kept = [index for index, line in enumerate(lines) if line and index not in reasons]
    if found.title:
        title, title_index = found.title, TITLE_FROM_METADATA
        if kept and _same_words(lines[kept[0]], title):
            reasons[kept.pop(0)] = REPEATED_HEADLINE
    elif kept:
        title_index = kept.pop(0)
        title = lines[title_index]
    else:
        raise ImportRefused(
            f"“{display_name}” holds no article text: everything in it looks like page "
            "menus, notices or links. Copy the article text itself, or save the page as .html."
        )
    paragraphs, starts = _paragraphs(lines, kept, found.join_wrapped_lines)
    text = "\n\n".join([title, *paragraphs])
    removed = [RemovedLine(found.lines[index].strip(), reason, index) for index, reason in sorted(reasons.items())]
    return ExtractedArticle(
        title=title,
        text=text,
        authors=list(found.authors),
        published=found.published,
        site=found.site,
        url=found.url,
        source=found.source,
        removed=removed,
        format=found.format,
        paragraph_lines=(title_index, *starts),
    )


def _paragraphs(lines: list[str], kept: list[int], join_wrapped: bool) -> tuple[list[str], list[int]]:
    paragraphs: list[str] = []
    starts: list[int] = []
    previous = None
    for index in kept:
        line = lines[index]
        if join_wrapped and previous == index - 1 and _continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
            starts.append(index)
        previous = index
    return paragraphs, starts


def _continues(paragraph: str, line: str) -> bool:
    return bool(_WRAPPED_LINE_END.search(paragraph)) and line[0].islower()


def _same_words(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def restore_line(article: ExtractedArticle, removed: RemovedLine) -> ExtractedArticle:
    """Put a wrongly removed line back as its own paragraph, where it stood in the source.

    A line that stood before the headline goes right after it: the headline stays first.
    """
    if removed not in article.removed:
        raise ValueError(f"{removed!r} is not a removed line of this article")
    paragraphs = article.text.split("\n\n")
    if len(paragraphs) != len(article.paragraph_lines):
        raise ValueError("the article's paragraph_lines do not match its text")
    position = max(1, sum(1 for start in article.paragraph_lines if start < removed.index))
    paragraphs.insert(position, removed.text)
    starts = list(article.paragraph_lines)
    starts.insert(position, removed.index)
    return replace(
        article,
        text="\n\n".join(paragraphs),
        removed=[line for line in article.removed if line != removed],
        paragraph_lines=tuple(starts),
    )


_SINGLE_QUOTES = re.compile(r"[‘’‚‛′`´]")
_DOUBLE_QUOTES = re.compile(r"[“”„‟″«»]")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    # str.split() and the regex \s agree on every code point; split() is 3x faster and
    # this runs on the import worker, where a long C call holds the GIL away from the window.
    return " ".join(text.split())


def content_fingerprint(text: str) -> str:
    """sha256 of the text with case, spacing and curly-versus-straight quotes ignored.

    Two imports of the same article (from the page and from a copy of it) get the
    same fingerprint when their words are the same.
    """
    return hashlib.sha256(_fold(text).encode("utf-8")).hexdigest()

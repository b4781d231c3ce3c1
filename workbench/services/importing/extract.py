"""Entry points: a file, a web address or pasted text in, an ExtractedArticle out.

All of them run off the GUI thread; they touch no Qt object. Every refusal is an
ImportRefused with a message fit to show as it is.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from workbench.domain.errors import ImportRefused
from workbench.domain.progress import Stage, report_stage
from workbench.services.importing.article import ArticleSource, ExtractedArticle, build_article
from workbench.services.importing.decoding import decode_bytes, normalise_lines
from workbench.services.importing.fetch import SYSTEM_NETWORK, Network, fetch
from workbench.services.importing.markdown_text import read_markdown
from workbench.services.importing.webpage import looks_like_html, read_webpage
from workbench.services.importing.word import read_docx

_WHAT_TO_IMPORT = "Import a text file, a saved web page (.html) or a Word file (.docx)."
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".mhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".svg"}
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, old Excel...
# A page whose main content has no line this long is a menu, an index or an error page.
_FEWEST_WORDS_IN_A_SENTENCE = 8
_HTML_START_LINES = 100
_WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)


def extract_any(path_or_url: str) -> ExtractedArticle:
    """A web address (http:// or https://) is downloaded; anything else is read as a file."""
    if _WEB_ADDRESS.match(path_or_url.strip()):
        return extract_url(path_or_url.strip())
    return extract_file(path_or_url)


def extract_file(path: str | os.PathLike, *, max_bytes: int = 60_000_000) -> ExtractedArticle:
    file = Path(path)
    name = file.name or str(file)
    report_stage(Stage.READING)
    data = _read_file(file, name, max_bytes)
    report_stage(Stage.CLEANING)
    suffix = file.suffix.lower()
    _refuse_unsupported(data, suffix, name)
    source = str(file)
    if suffix == ".docx" or data.startswith(_ZIP_MAGIC):
        return build_article(read_docx(data, source=source, name=name), name)
    if suffix in _HTML_SUFFIXES:
        return _from_webpage(data, source=source, kind="html", name=name)
    lines = normalise_lines(decode_bytes(data, name))
    del data  # a large text file would otherwise be held twice
    _refuse_blank(lines, name)
    if suffix in _MARKDOWN_SUFFIXES:
        return build_article(read_markdown("\n".join(lines), source=source), name)
    if looks_like_html("\n".join(lines[:_HTML_START_LINES])):
        return _from_webpage("\n".join(lines), source=source, kind="html", name=name)
    return _from_plain_text(lines, source=source, kind="text", name=name)


def extract_url(
    url: str, *, timeout: float = 15.0, max_bytes: int = 10_000_000, network: Network = SYSTEM_NETWORK
) -> ExtractedArticle:
    if not _WEB_ADDRESS.match(url):
        raise ImportRefused(f"“{url}” is not a web address; it should start with http:// or https://.")
    report_stage(Stage.DOWNLOADING)
    page = fetch(url, timeout=timeout, max_bytes=max_bytes, network=network)
    report_stage(Stage.CLEANING)
    _refuse_unsupported(page.data, "", url)
    if page.content_type == "text/plain":
        lines = normalise_lines(decode_bytes(page.data, url))
        _refuse_blank(lines, url)
        return _from_plain_text(lines, source=url, kind="url", name=url)
    if page.content_type not in ("text/html", "application/xhtml+xml"):
        raise ImportRefused(f"“{url}” is not a web page (the site sent {page.content_type}). {_WHAT_TO_IMPORT}")
    if page.charset:
        try:
            html: bytes | str = page.data.decode(page.charset)
        except (UnicodeDecodeError, LookupError):
            html = page.data
    else:
        html = page.data
    return _from_webpage(html, source=url, kind="url", name=url, url=page.final_url)


def extract_text(text: str, *, source: str = "clipboard") -> ExtractedArticle:
    """Pasted text; pasted page source (starting with <html> or <!DOCTYPE html>) is read as a web page."""
    lines = normalise_lines(text)
    if not any(lines):
        raise ImportRefused("The pasted text is empty. Copy the article text and paste it again.")
    if looks_like_html("\n".join(lines[:_HTML_START_LINES])):
        return _from_webpage("\n".join(lines), source=source, kind="clipboard", name="the pasted text")
    return _from_plain_text(lines, source=source, kind="clipboard", name="the pasted text")


def _from_plain_text(lines: list[str], *, source: str, kind: str, name: str) -> ExtractedArticle:
    found = ArticleSource(lines=lines, source=source, format=kind, join_wrapped_lines=True)
    return build_article(found, name)


def _from_webpage(page: bytes | str, *, source: str, kind: str, name: str, url: str | None = None) -> ExtractedArticle:
    found = read_webpage(page, source=source, kind=kind, url=url)
    article = build_article(found, name) if found else None
    if article is None or not any(
        len(paragraph.split()) >= _FEWEST_WORDS_IN_A_SENTENCE for paragraph in article.text.split("\n\n")[1:]
    ):
        raise ImportRefused(
            f"No article text was found in “{name}”; the page may be only menus and links, "
            "or it builds its text with JavaScript. Copy the article text from your browser and paste it."
        )
    return article


def _read_file(file: Path, name: str, max_bytes: int) -> bytes:
    try:
        if file.is_dir():
            raise ImportRefused(f"“{name}” is a folder, not an article. {_WHAT_TO_IMPORT}")
        size = file.stat().st_size
        if size > max_bytes:
            raise ImportRefused(
                f"“{name}” is {size / 1_000_000:.1f} MB, larger than the {max_bytes / 1_000_000:g} MB "
                "an article can be. Check that it is the right file."
            )
        with file.open("rb") as stream:
            # read(n) sets aside n bytes first: ask for what the file holds, not for the cap.
            data = stream.read(size + 1)
    except FileNotFoundError:
        raise ImportRefused(f"“{name}” was not found; it may have been moved, renamed or deleted.") from None
    except PermissionError:
        raise ImportRefused(
            f"Quote Workbench is not allowed to read “{name}”. Check the file's permissions, "
            "or copy it to your Documents folder and import the copy."
        ) from None
    except IsADirectoryError:
        raise ImportRefused(f"“{name}” is a folder, not an article. {_WHAT_TO_IMPORT}") from None
    except OSError as error:
        raise ImportRefused(f"“{name}” could not be read ({error.strerror or error}).") from None
    if len(data) > max_bytes:
        raise ImportRefused(f"“{name}” is larger than the {max_bytes / 1_000_000:g} MB an article can be.")
    if not data:
        raise ImportRefused(f"“{name}” is empty; there is no text to import.")
    return data


def _refuse_unsupported(data: bytes, suffix: str, name: str) -> None:
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        raise ImportRefused(
            f"“{name}” is a PDF. PDF files are not supported yet; copy the article text "
            "or save the web page as HTML."
        )
    if data.startswith(_IMAGE_MAGIC) or data[8:12] == b"WEBP" or data[4:8] == b"ftyp" or suffix in _IMAGE_SUFFIXES:
        raise ImportRefused(f"“{name}” is an image, not an article. {_WHAT_TO_IMPORT}")
    if data.startswith(_OLE_MAGIC) or suffix == ".doc":
        raise ImportRefused(
            f"“{name}” is an old Word document (.doc). Open it in Word, save it as .docx and import that."
        )
    if data.startswith(b"{\\rtf"):
        raise ImportRefused(f"“{name}” is a Rich Text (.rtf) file. Save it as .docx or .txt and import that.")
    if data.startswith(_ZIP_MAGIC) and suffix not in ("", ".docx"):
        raise ImportRefused(f"“{name}” is a compressed or packaged file, not an article. {_WHAT_TO_IMPORT}")


def _refuse_blank(lines: list[str], name: str) -> None:
    if not any(line.strip() for line in lines):
        raise ImportRefused(f"“{name}” holds only blank space; there is no text to import.")

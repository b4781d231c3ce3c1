"""Keeping text from articles, notes and evidence inert in every output format."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https"})

_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_link(url: str | None) -> str | None:
    """``url`` when it may become a live link (http or https with a host), else None.

    Anything else — ``javascript:``, ``data:``, ``vbscript:``, relative paths, or a
    scheme hidden behind whitespace or control characters — is shown as text only.
    """
    if not url:
        return None
    candidate = url.strip()
    if _CONTROL_OR_SPACE.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return candidate


def neutralise_cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula.

    Text beginning with =, +, -, @, tab or carriage return gets a leading single
    quote (OWASP's advice); numbers and None pass unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))", re.MULTILINE)


def markdown_text(text: str | None) -> str:
    """Text that a Markdown renderer shows as written: no emphasis, links, raw HTML or entities.

    Inline markup characters are backslash-escaped everywhere; a line that would
    start a heading, list or block quote gets its first character escaped.
    """
    if not text:
        return ""
    escaped = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker, number, dot = match.groups()
    return indent + ("\\" + marker if marker else number + "\\" + dot)


_EMBED_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def embeddable_json(value: object) -> str:
    """JSON that stays inert inside an HTML ``<script>`` element (ClaimReview is meant to be embedded so).

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so that a quote holding ``</script><script>…`` cannot
    close the element and open another; U+2028 and U+2029 too, which end a line in older JavaScript.
    Outside strings JSON has none of these characters, so the text is the same JSON value.
    """
    return json.dumps(value, ensure_ascii=False, indent=1).translate(_EMBED_ESCAPES)

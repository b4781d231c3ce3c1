"""Markdown articles: markup stripped to plain text, one line per paragraph, heading or list item."""

from __future__ import annotations

import datetime
import re

from dateutil import parser as date_parser
from markdown_it import MarkdownIt

from workbench.services.importing.article import ArticleSource

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FRONT_MATTER_FIELD = re.compile(r"^(\w+)\s*:\s*(.*?)\s*$", re.MULTILINE)
_PARSER = MarkdownIt("commonmark").enable("table")


def read_markdown(text: str, *, source: str) -> ArticleSource:
    """``text`` is already normalised; front matter (title, author, date) is read, not shown."""
    fields: dict[str, str] = {}
    front_matter = _FRONT_MATTER.match(text)
    if front_matter:
        fields = {
            key.lower(): value.strip("\"'")
            for key, value in _FRONT_MATTER_FIELD.findall(front_matter.group(1))
        }
        text = text[front_matter.end():]
    authors = fields.get("author") or fields.get("authors") or ""
    return ArticleSource(
        lines=_plain_lines(text),
        source=source,
        format="markdown",
        title=fields.get("title") or None,
        authors=[name.strip() for name in re.split(r"[;,]", authors.strip("[]")) if name.strip()],
        published=_date(fields.get("date") or fields.get("published")),
    )


def _plain_lines(text: str) -> list[str]:
    lines: list[str] = []
    row: list[str] = []
    for token in _PARSER.parse(text):
        if token.type == "inline":
            row.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            lines.extend(token.content.split("\n"))
        elif token.type in ("paragraph_close", "heading_close", "tr_close"):
            lines.append(" | ".join(cell for cell in row if cell))
            row = []
    return lines


def _inline_text(children: list) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts).strip()


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return date_parser.parse(value).date()
    except (ValueError, OverflowError):
        return None

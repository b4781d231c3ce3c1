"""Article import: text, saved web pages, Word and Markdown files, web addresses and pasted text.

Pure core: no Qt here. The entry points run off the GUI thread.
"""

from workbench.services.importing.article import (
    ExtractedArticle,
    RemovedLine,
    content_fingerprint,
    restore_line,
)
from workbench.services.importing.extract import extract_any, extract_file, extract_text, extract_url

__all__ = [
    "ExtractedArticle",
    "RemovedLine",
    "content_fingerprint",
    "extract_any",
    "extract_file",
    "extract_text",
    "extract_url",
    "restore_line",
]

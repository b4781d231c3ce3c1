"""Word files (.docx): paragraph text in reading order and the file's creation date."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml import etree

from workbench.domain.errors import ImportRefused
from workbench.services.importing.article import ArticleSource
from workbench.services.importing.decoding import normalise_lines


def read_docx(data: bytes, *, source: str, name: str) -> ArticleSource:
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_lines(document))
        created = document.core_properties.created
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, EOFError):
        raise ImportRefused(
            f"“{name}” is damaged or is not a real Word file, so it cannot be read. "
            "Open it in Word, save it again as .docx and import the new file."
        ) from None
    return ArticleSource(
        lines=normalise_lines("\n".join(lines)),
        source=source,
        format="docx",
        # Word keeps no publication date; the creation date is the closest it has.
        published=created.date() if created else None,
    )


def _lines(document):
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                yield " | ".join(dict.fromkeys(cell.text for cell in row.cells if cell.text.strip()))
        else:
            yield block.text

"""Word files (.docx): paragraph text in reading order, the byline's author and date.

A .docx is a zip archive, so it is checked before python-docx sees it: how many
members, how large each says it is once inflated, how much it is compressed, and,
reading every member through a bounded stream, how large it really inflates. A zip
bomb is refused in words with memory bounded by the caps below.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
import zlib

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml import etree

from workbench.domain.errors import ImportRefused
from workbench.services.importing.article import ArticleSource
from workbench.services.importing.decoding import normalise_lines

# A 60 MB article is about 150 MB of WordprocessingML; nothing a newsroom writes comes near these.
MAX_MEMBER_BYTES = 200_000_000
MAX_TOTAL_BYTES = 300_000_000
MAX_MEMBERS = 2_000
# Word's XML compresses 5-30 times; zip bombs 1,000 times and more. Small members are not judged.
MAX_RATIO = 200
_RATIO_FLOOR_BYTES = 1_000_000
_READ_CHUNK = 1 << 20


def read_docx(data: bytes, *, source: str, name: str) -> ArticleSource:
    check_archive(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_lines(document))
        account = document.core_properties.author
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, EOFError):
        raise _damaged(name) from None
    lines = normalise_lines("\n".join(lines))
    authors = byline_authors(lines) or _account_author(account)
    return ArticleSource(
        lines=lines,
        source=source,
        format="docx",
        authors=authors,
        # Word keeps no publication date, and the file's created/modified dates are those of
        # the template or of whoever saved it: only a dateline in the text is trusted.
        published=byline_date(lines),
    )


def check_archive(data: bytes, name: str) -> None:
    """Refuse a zip whose members would inflate past the caps; reads at most one chunk at a time.

    The declared sizes are checked first (cheap), then every member is inflated through a
    bounded stream that stops at the cap, because a header can lie about the size.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _damaged(name) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _bomb(name, f"it holds {len(members):,} parts")
        declared_total = 0
        for member in members:
            declared_total += member.file_size
            if member.file_size > MAX_MEMBER_BYTES or declared_total > MAX_TOTAL_BYTES:
                raise _bomb(name, f"it would inflate to more than {MAX_TOTAL_BYTES // 1_000_000} MB")
            if member.file_size > _RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise _bomb(name, f"one part is compressed more than {MAX_RATIO} times")
        inflated_total = 0
        for member in members:
            inflated_total += _inflated_size(archive, member, name, MAX_TOTAL_BYTES - inflated_total)


def _inflated_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, room: int) -> int:
    """Inflate ``member`` chunk by chunk from its raw stream, never past its declared size or ``room``."""
    if member.compress_type == zipfile.ZIP_STORED:
        return member.file_size
    if member.compress_type != zipfile.ZIP_DEFLATED:
        raise _damaged(name)
    limit = min(member.file_size, room)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    try:
        # The raw (still compressed) bytes: zipfile itself would cut a lying member at its
        # declared size and report a CRC error; reading raw tells "damaged" from "bomb".
        with _raw_stream(archive, member) as raw:
            left = member.compress_size
            while left > 0:
                chunk = raw.read(min(_READ_CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                while chunk:
                    out = inflater.decompress(chunk, _READ_CHUNK)
                    size += len(out)
                    if size > limit:
                        raise _bomb(name, "one part inflates to more than it declares")
                    chunk = inflater.unconsumed_tail
    except zlib.error:
        raise _damaged(name) from None
    return size


class _raw_stream:  # noqa: N801 - used as a context manager like open()
    """The compressed bytes of one member, read from the archive's own file object."""

    def __init__(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
        self._file = archive.fp
        self._member = member

    def __enter__(self):
        self._file.seek(self._member.header_offset)
        header = self._file.read(zipfile.sizeFileHeader)
        if len(header) != zipfile.sizeFileHeader or header[:4] != zipfile.stringFileHeader:
            raise zipfile.BadZipFile("bad local header")
        fields = zipfile.struct.unpack(zipfile.structFileHeader, header)
        skip = fields[zipfile._FH_FILENAME_LENGTH] + fields[zipfile._FH_EXTRA_FIELD_LENGTH]
        self._file.seek(skip, io.SEEK_CUR)
        return self._file

    def __exit__(self, *exc) -> None:
        return None


def _damaged(name: str) -> ImportRefused:
    return ImportRefused(
        f"“{name}” is damaged or is not a real Word file, so it cannot be read. "
        "Open it in Word, save it again as .docx and import the new file."
    )


def _bomb(name: str, why: str) -> ImportRefused:
    return ImportRefused(
        f"“{name}” was refused because {why}, far beyond any real Word article; "
        "it may be built to exhaust memory. Ask the sender for the text itself."
    )


def _lines(document):
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                yield " | ".join(dict.fromkeys(cell.text for cell in row.cells if cell.text.strip()))
        else:
            yield block.text


# --- byline: "By Jane Smith and John Doe | 14 March 2024" ----------------------------------

_BYLINE_LINES = 8  # non-empty lines looked at, headline included
_BYLINE_MAX_CHARS = 120
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATES = (
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
# A dateline is a short line: a date, maybe a weekday, a place, "Published", "Updated", a byline.
_DATELINE_MAX_WORDS = 12
_BY = re.compile(r"(?:^|\s[|•·–—-]\s+)by\s+(?P<names>.+)$", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
_AFTER_NAMES = re.compile(r"\s+(?:[|•·–—]|-\s)\s*.*$")
_PARTICLES = {"de", "van", "von", "der", "da", "di", "du", "la", "le", "bin"}
_NAME_WORD = re.compile(rf"^(?:[A-Z][\w'’.-]*|{'|'.join(_PARTICLES)}|al-\w+)$")
_NOT_NAME_WORDS = {"correspondent", "editor", "reporter", "staff", "writer", "desk", "news",
                   "agency", "agencies", "updated", "published", "political", "senior", "chief"}
# Accounts Word and templates fill in by themselves: never a person who wrote an article.
_TEMPLATE_ACCOUNTS = {"python-docx", "microsoft office user", "windows user", "user", "administrator",
                      "admin", "author", "unknown", "owner", "default", "apache poi", "libreoffice"}


def byline_date(lines: list[str]) -> datetime.date | None:
    """The first date on a short line near the top (dateline or byline), or None."""
    for line in _top_lines(lines):
        if len(line.split()) > _DATELINE_MAX_WORDS:
            continue
        for pattern in _DATES:
            match = pattern.search(line)
            if match:
                found = _date_of(match)
                if found:
                    return found
    return None


def byline_authors(lines: list[str]) -> list[str]:
    """Names from a "By ..." line near the top, without titles, agencies or the date after them."""
    for line in _top_lines(lines):
        match = _BY.search(line)
        if not match:
            continue
        names = _AFTER_NAMES.sub("", match["names"])
        for pattern in _DATES:
            names = pattern.sub("", names)
        found = [_unshout(name.strip(" .")) for name in _NAME_SEPARATORS.split(names)]
        return [name for name in found if _looks_like_a_name(name)]
    return []


def _unshout(name: str) -> str:
    """"JANE SMITH" in a print-style byline is written "Jane Smith"."""
    if not name.isupper():
        return name
    return " ".join(word.lower() if word.lower() in _PARTICLES else word.capitalize() for word in name.split())


def _account_author(account: str | None) -> list[str]:
    """The file's author property, only when it is a full name and not an account a template sets."""
    account = " ".join((account or "").split())
    if account.casefold() in _TEMPLATE_ACCOUNTS or not _looks_like_a_name(account):
        return []
    return [account]


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 5
        and all(_NAME_WORD.match(word) for word in words)
        and not any(word.casefold().strip(".") in _NOT_NAME_WORDS for word in words)
    )


def _top_lines(lines: list[str]):
    shown = 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        shown += 1
        if shown > _BYLINE_LINES:
            return
        if len(line) <= _BYLINE_MAX_CHARS:
            yield line


def _date_of(match: re.Match[str]) -> datetime.date | None:
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS.index(
        next(full for full in _MONTHS if full.startswith(month.lower().rstrip(".")[:3]))) + 1
    try:
        return datetime.date(int(match["year"]), number, int(match["day"]))
    except ValueError:
        return None

"""Word files from strangers: zip bombs are refused in words with memory bounded,
and the byline, not the file's template metadata, gives the date and the author."""

from __future__ import annotations

import datetime
import io
import random
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from workbench.domain.errors import ImportRefused
from workbench.services.importing import extract_file
from workbench.services.importing import word

# Peak Python allocations while refusing a bomb; a 1 GiB member read whole would be 1,000 times this.
MEMORY_BOUND = 64 * 1024 * 1024


def _docx_bytes(paragraphs: list[str], **properties) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    for key, value in properties.items():
        setattr(document.core_properties, key, value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


STORY = ["Harbour expansion approved", "The council approved the harbour plan on Tuesday after a long debate.",
         "“This is a good day for the town,” the mayor said."]


def _rewrite(data: bytes, replace: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> bytes:
    """A copy of the archive with some members replaced (None: left out) and some added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    target.writestr(info.filename, replace[info.filename])
            else:
                target.writestr(info, source.read(info))
        for filename, content in (add or {}).items():
            target.writestr(filename, content)
    return out.getvalue()


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    parts.append(packer.flush())
    return b"".join(parts), 0  # the CRC is never reached: these are refused first


def _with_raw_member(data: bytes, filename: str, raw: bytes, declared_size: int, crc: int) -> bytes:
    """Replace ``filename`` by an already deflated stream whose headers declare ``declared_size``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    central = []
    for info in source.infolist():
        name = info.filename.encode()
        if info.filename == filename:
            body, size, crc_value, method = raw, declared_size, crc, zipfile.ZIP_DEFLATED
        else:
            body = zlib.compress(source.read(info))[2:-4]
            size, crc_value, method = info.file_size, info.CRC, zipfile.ZIP_DEFLATED
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc_value,
                              len(body), size, len(name), 0))
        out.write(name)
        out.write(body)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc_value,
                                   len(body), size, len(name), 0, 0, 0, 0, 0, offset) + name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


def _refusal_and_peak(tmp_path: Path, data: bytes) -> tuple[str, int]:
    path = tmp_path / "article.docx"
    path.write_bytes(data)
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused) as refused:
            extract_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return refused.value.message, peak


def test_a_member_that_really_inflates_to_1_gib_is_refused_before_parsing(tmp_path):
    raw, crc = _deflated_zeros(1 << 30)
    bomb = _with_raw_member(_docx_bytes(STORY), "word/document.xml", raw, 1 << 30, crc)
    assert len(bomb) < 2_000_000
    message, peak = _refusal_and_peak(tmp_path, bomb)
    assert message.startswith("“article.docx” was refused because it would inflate to more than 300 MB")
    assert "exhaust memory" in message
    assert peak < MEMORY_BOUND


def test_a_member_compressed_like_a_bomb_is_refused_even_under_the_size_cap(tmp_path):
    raw, crc = _deflated_zeros(100 << 20)
    bomb = _with_raw_member(_docx_bytes(STORY), "word/document.xml", raw, 100 << 20, crc)
    message, peak = _refusal_and_peak(tmp_path, bomb)
    assert "because one part is compressed more than 200 times" in message
    assert peak < MEMORY_BOUND


def test_a_member_declaring_4_gib_is_refused(tmp_path):
    raw, crc = _deflated_zeros(1 << 20)
    bomb = _with_raw_member(_docx_bytes(STORY), "word/document.xml", raw, 0xFFFF_FFFE, crc)
    message, peak = _refusal_and_peak(tmp_path, bomb)
    assert message == (
        "“article.docx” was refused because it would inflate to more than 300 MB, far beyond any real "
        "Word article; it may be built to exhaust memory. Ask the sender for the text itself."
    )
    assert peak < MEMORY_BOUND


def test_a_lying_header_is_caught_by_the_bounded_read(tmp_path):
    # Declares 2,000 bytes (so no ratio alarm) but inflates to 64 MB.
    raw, crc = _deflated_zeros(64 << 20)
    bomb = _with_raw_member(_docx_bytes(STORY), "word/document.xml", raw, 2_000, crc)
    message, peak = _refusal_and_peak(tmp_path, bomb)
    assert "one part inflates to more than it declares" in message
    assert peak < 8 * 1024 * 1024  # one chunk at a time, never the whole member


def test_many_members_are_refused(tmp_path):
    many = {f"extra/part{i}.xml": b"<a/>" for i in range(word.MAX_MEMBERS)}
    message, _ = _refusal_and_peak(tmp_path, _rewrite(_docx_bytes(STORY), {}, add=many))
    assert message.startswith("“article.docx” was refused because it holds 2,0")
    assert message.endswith(" parts, far beyond any real Word article; it may be built to exhaust memory. "
                            "Ask the sender for the text itself.")


def test_many_moderate_members_adding_up_past_the_total_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(word, "MAX_TOTAL_BYTES", 5_000_000)
    noise = random.Random(14).randbytes(1_000_000)
    chunks = {f"media/part{i}.bin": noise for i in range(6)}  # 1 MB each, incompressible
    message, _ = _refusal_and_peak(tmp_path, _rewrite(_docx_bytes(STORY), {}, add=chunks))
    assert "it would inflate to more than 5 MB" in message


def test_a_nested_archive_is_never_inflated_and_the_article_imports(tmp_path):
    inner_raw, crc = _deflated_zeros(256 << 20)
    inner = _with_raw_member(_docx_bytes(["x"]), "word/document.xml", inner_raw, 256 << 20, crc)
    outer = _rewrite(_docx_bytes(STORY), {}, add={"word/embeddings/inner.docx": inner})
    path = tmp_path / "article.docx"
    path.write_bytes(outer)
    tracemalloc.start()
    try:
        article = extract_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert article.title == "Harbour expansion approved"
    assert peak < MEMORY_BOUND


def test_a_corrupt_deflate_stream_is_damaged_not_a_traceback(tmp_path):
    good = _docx_bytes(STORY)
    broken = _with_raw_member(good, "word/document.xml", b"\xff" * 500, 4_000, 0)
    message, _ = _refusal_and_peak(tmp_path, broken)
    assert "is damaged or is not a real Word file" in message


def test_an_ordinary_word_file_passes_the_checks(tmp_path):
    path = tmp_path / "story.docx"
    path.write_bytes(_docx_bytes(STORY * 200))
    assert extract_file(path).title == "Harbour expansion approved"


# --- date and author: the byline, not the template ------------------------------------------

def _import(tmp_path: Path, paragraphs: list[str], **properties):
    path = tmp_path / "story.docx"
    path.write_bytes(_docx_bytes(paragraphs, **properties))
    return extract_file(path)


def test_the_bylines_date_wins_over_the_files_dates(tmp_path):
    article = _import(
        tmp_path,
        ["Harbour expansion approved", "By Jane Smith", "14 March 2024",
         "The council approved the harbour plan on Tuesday after a long debate."],
        created=datetime.datetime(2013, 12, 23, 23, 15), modified=datetime.datetime(2025, 1, 2, 9, 0),
        author="python-docx",
    )
    assert article.published == datetime.date(2024, 3, 14)
    assert article.authors == ["Jane Smith"]


@pytest.mark.parametrize(("byline", "authors", "published"), [
    ("By Jane Smith and Tom O’Neill | March 14, 2024", ["Jane Smith", "Tom O’Neill"], datetime.date(2024, 3, 14)),
    ("BY JANE SMITH", ["Jane Smith"], None),  # print style
    ("By Jane Smith, Political Correspondent, 2024-03-14", ["Jane Smith"], datetime.date(2024, 3, 14)),
    ("Published Thursday 14th March 2024 - By Ana de la Cruz", ["Ana de la Cruz"], None),
])
def test_byline_shapes(tmp_path, byline, authors, published):
    article = _import(tmp_path, ["Harbour expansion approved", byline,
                                 "The council approved the harbour plan on Tuesday after a long debate."])
    assert article.authors == authors
    assert article.published == (published or (datetime.date(2024, 3, 14) if "14th March" in byline else None))


def test_file_dates_are_never_a_publication_date(tmp_path):
    article = _import(tmp_path, STORY, created=datetime.datetime(2022, 1, 26, 14, 5),
                      modified=datetime.datetime(2022, 1, 27, 9, 0))
    assert article.published is None


def test_a_date_inside_a_long_sentence_is_not_a_dateline(tmp_path):
    article = _import(tmp_path, ["Harbour expansion approved",
                                 "The harbour plan, first put forward on 14 March 2019, was approved by the "
                                 "council on Tuesday after a debate that lasted most of the night."])
    assert article.published is None


@pytest.mark.parametrize(("account", "authors"), [
    ("Jane Smith", ["Jane Smith"]),
    ("python-docx", []),
    ("Microsoft Office User", []),
    ("jsmith", []),
    ("", []),
])
def test_the_files_author_only_when_a_real_name_and_no_byline(tmp_path, account, authors):
    assert _import(tmp_path, STORY, author=account).authors == authors
    with_byline = _import(tmp_path, [STORY[0], "By Tom Baker", *STORY[1:]], author=account)
    assert with_byline.authors == ["Tom Baker"]

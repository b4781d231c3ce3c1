"""Importing files: encodings, web pages, Word and Markdown, and every refusal."""

from __future__ import annotations

import datetime
import os
import zipfile
from pathlib import Path

import docx
import pytest

from workbench.domain.errors import ImportRefused
from workbench.services.importing import extract_any, extract_file

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"
ARTICLE = "Council backs “café culture” plan\n\nThe council’s vote was unanimous, said Zoë Müller.\n\n“We’re delighted,” she said.\n"
EXPECTED_TEXT = "Council backs “café culture” plan\n\nThe council’s vote was unanimous, said Zoë Müller.\n\n“We’re delighted,” she said."


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", ARTICLE.encode("utf-8")),
        ("utf-8 with BOM", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")),
        ("utf-16 with BOM", ARTICLE.encode("utf-16")),
        ("utf-16-be with BOM", b"\xfe\xff" + ARTICLE.encode("utf-16-be")),
        ("windows-1252", ARTICLE.encode("cp1252")),
        ("windows-1252 CRLF", ARTICLE.replace("\n", "\r\n").encode("cp1252")),
    ],
)
def test_text_files_in_common_encodings(tmp_path, encoding, data):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    article = extract_file(path)
    assert article.text == EXPECTED_TEXT
    assert article.title == "Council backs “café culture” plan"
    assert article.format == "text"
    assert article.source == str(path)


@pytest.mark.parametrize(
    "text",
    [
        "Le café était fermé\n\nLe maire a déclaré que la décision était «irréversible» et définitive.\n",
        "Straßenfest abgesagt\n\nDer Bürgermeister sagte, die Entscheidung sei endgültig. Übermorgen gibt es ein Treffen.\n",
        "Huelga en Málaga\n\nEl alcalde afirmó que «no habrá más recortes» en la educación pública.\n",
    ],
)
def test_latin1_text_is_detected_not_assumed(tmp_path, text):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("latin-1"))
    assert extract_file(path).text == text.strip()


def test_cyrillic_windows_1251_is_detected(tmp_path):
    text = "Переговоры продолжатся\n\nПрезидент заявил, что переговоры продолжатся на следующей неделе в Москве."
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("cp1251"))
    assert extract_file(path).text == text


def test_nfc_and_newlines_are_normalised_once(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Cafe\u0301 closes\r\rThe owner\u00a0said:\u200b “enough”.   \r\n", encoding="utf-8", newline="")
    article = extract_file(path)
    assert article.text == "Café closes\n\nThe owner said: “enough”."
    again = tmp_path / "again.txt"
    again.write_text(article.text, encoding="utf-8")
    assert extract_file(again).text == article.text
    assert extract_file(path) == extract_file(path)


def test_saved_web_page_body_and_metadata():
    article = extract_file(FIXTURES / "council-budget.html")
    assert article.format == "html"
    assert article.title == "Council delays vote on library budget"
    assert article.authors == ["Maria Lopez"]
    assert article.published == datetime.date(2023, 5, 14)
    assert article.site == "Riverside Courier"
    assert article.url == "https://courier.example.org/news/2023/05/14/council-library-budget"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    assert "Residents divided" in paragraphs
    assert "The vote is now expected at the council's June meeting." in paragraphs
    assert any(p.startswith("“We heard you, and we need more time") for p in paragraphs)
    for clutter in ("cookies", "Bus fares to rise", "Sign up", "All rights reserved", "Opinion"):
        assert clutter not in article.text


def test_web_page_without_article_text_is_refused(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused, match="No article text was found in “menu.html”"):
        extract_file(path)


def test_page_source_saved_as_txt_is_read_as_a_web_page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes((FIXTURES / "council-budget.html").read_bytes())
    article = extract_file(path)
    assert article.site == "Riverside Courier"
    assert "cookies" not in article.text


def test_markdown_is_stripped_to_paragraphs():
    article = extract_file(FIXTURES / "harbour-wind-farm.md")
    assert article.format == "markdown"
    assert article.title == "Harbour wind farm wins approval after two-year fight"
    assert article.authors == ["Sam Reyes", "Ana Ilić"]
    assert article.published == datetime.date(2024, 3, 7)
    assert article.text.split("\n\n")[1:] == [
        "Planning officials on Thursday approved a 12-turbine wind farm off the harbour mouth, "
        "ending a dispute that has split the town since 2022.",
        "“This is the best news the harbour has had in a generation,” said harbourmaster Olu Bakare, "
        "who backed the plan.",
        "Fishermen remain opposed",
        "The fishermen's cooperative said it would appeal. Its chair, Lena Voss, said:",
        "We were promised a say and we never got one.",
        "Construction starts in 2025.",
        "The turbines will power about 40,000 homes.",
    ]
    assert {line.reason for line in article.removed} >= {"share buttons", "list of related headlines"}


def _write_docx(path: Path, paragraphs: list[str], *, created: datetime.datetime | None = None) -> None:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if created:
        document.core_properties.created = created
    document.save(path)


def test_docx_paragraphs_and_no_date_from_the_files_properties(tmp_path):
    path = tmp_path / "story.docx"
    _write_docx(
        path,
        ["Port strike enters second week", "", "Dock workers walked out again on Monday.",
         "“We will not back down,” the union said.", "Share this article"],
        created=datetime.datetime(2022, 1, 26, 14, 5),
    )
    article = extract_file(path)
    assert article.format == "docx"
    assert article.text == (
        "Port strike enters second week\n\nDock workers walked out again on Monday.\n\n"
        "“We will not back down,” the union said."
    )
    assert article.published is None  # the creation date is the file's, not the article's
    assert [line.reason for line in article.removed] == ["share buttons"]


def test_docx_tables_are_read_in_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("Election results")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Labour"
    table.rows[0].cells[1].text = "41%"
    document.add_paragraph("Turnout was lower than in 2019.")
    path = tmp_path / "results.docx"
    document.save(path)
    assert extract_file(path).text == "Election results\n\nLabour | 41%\n\nTurnout was lower than in 2019."


@pytest.mark.parametrize("damage", ["truncated", "not a zip", "zip without a document"])
def test_damaged_docx_is_refused(tmp_path, damage):
    good = tmp_path / "good.docx"
    _write_docx(good, ["Headline", "Body text."])
    path = tmp_path / "broken.docx"
    if damage == "truncated":
        path.write_bytes(good.read_bytes()[:1500])
    elif damage == "not a zip":
        path.write_bytes(b"this is not a word file at all")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportRefused, match="“broken.docx” is damaged or is not a real Word file"):
        extract_file(path)


def _refusal(path) -> str:
    with pytest.raises(ImportRefused) as refusal:
        extract_file(path)
    message = refusal.value.message
    assert len(message) < 300 and "Errno" not in message
    return message


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _refusal(path) == "“empty.txt” is empty; there is no text to import."


def test_whitespace_only_file_is_refused(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n   \n")
    assert "“blank.txt” holds only blank space" in _refusal(path)


def test_clutter_only_file_is_refused(tmp_path):
    path = tmp_path / "clutter.txt"
    path.write_text("Skip to content\nAdvertisement\n123456789\n", encoding="utf-8")
    assert "“clutter.txt” holds no article text" in _refusal(path)


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02\x03binary\x00data" * 50, bytes(range(256)) * 40, b"\x80\x81\x8d\x8f\x90\x9d" * 300],
    ids=["nul bytes", "all byte values", "undecodable"],
)
def test_binary_file_is_refused(tmp_path, data):
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    assert "“data.txt” is not a text file" in _refusal(path)


@pytest.mark.parametrize(
    "name, magic",
    [("scan.png", b"\x89PNG\r\n\x1a\n"), ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"), ("photo.txt", b"\xff\xd8\xff\xe1")],
)
def test_image_is_refused(tmp_path, name, magic):
    path = tmp_path / name
    path.write_bytes(magic + bytes(200))
    assert _refusal(path) == (
        f"“{name}” is an image, not an article. "
        "Import a text file, a saved web page (.html) or a Word file (.docx)."
    )


def test_pdf_is_refused_with_a_way_forward(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "PDF files are not supported yet; copy the article text or save the web page as HTML" in _refusal(path)


def test_old_word_document_is_refused(tmp_path):
    path = tmp_path / "memo.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert "save it as .docx" in _refusal(path)


def test_missing_file_is_refused(tmp_path):
    assert "“gone.txt” was not found" in _refusal(tmp_path / "gone.txt")


def test_directory_is_refused(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    assert "“articles” is a folder, not an article" in _refusal(folder)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Headline\n\nBody.", encoding="utf-8")
    path.chmod(0)
    try:
        assert "not allowed to read “locked.txt”" in _refusal(path)
    finally:
        path.chmod(0o600)


def test_file_over_the_size_cap_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Headline\n\n" + b"A sentence of the article.\n" * 100_000)
    assert extract_file(path, max_bytes=3_000_000).title == "Headline"
    message = _refusal_with_cap(path, 1_000_000)
    assert "“huge.txt” is 2.7 MB, larger than the 1 MB" in message


def _refusal_with_cap(path: Path, max_bytes: int) -> str:
    with pytest.raises(ImportRefused) as refusal:
        extract_file(path, max_bytes=max_bytes)
    return refusal.value.message


def test_extract_any_reads_a_local_path(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Title\n\nBody *text*.", encoding="utf-8")
    assert extract_any(str(path)).text == "Title\n\nBody text."


def test_permission_error_becomes_a_refusal_even_for_root(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Headline\n\nBody.", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert "not allowed to read “locked.txt”" in _refusal(path)

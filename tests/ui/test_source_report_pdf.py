"""The PDF report shows the source check (verdict, passage, changed words) like the HTML it is laid out from."""

from tests.services.test_source_reports import checked, data_of  # noqa: F401  (fixture)
from tests.ui.test_export_dialog import pdf_text
from workbench.qtrender.pdf import render_pdf


def test_pdf_shows_verdict_passage_and_changed_words(qapp, checked, tmp_path):  # noqa: F811
    path, _ = checked
    target = tmp_path / "r.pdf"
    target.write_bytes(render_pdf(data_of(path)))
    text = " ".join(pdf_text(target).split())
    for expected in ("Source check", "said by someone else", "“seriously consider”", "speaker MR. PRICE",
                     "altered", "choose → decide"):
        assert expected in text, expected

"""Building domain values for comparison tests by hand (no project file needed)."""

from workbench.domain.comparison import ProjectSnapshot
from workbench.domain.model import (
    Article,
    Confirmation,
    DateSaid,
    Origin,
    ProjectInfo,
    Quote,
    QuoteKind,
    Span,
    VerificationStatus,
)

_next_id = [1000]


def article(article_id: int, text: str, content_hash: str | None = None) -> Article:
    return Article(article_id, text.split("\n", 1)[0], text, "src", None, None, (), None,
                   content_hash or f"h{hash(text)}", "2025-01-01")


def quote(article_id: int, text: str, words: str, *, spans=None, speaker="Ana Moreau", status="unchecked",
          kind=QuoteKind.DIRECT, note="", date=None, quote_id=None) -> Quote:
    if spans is None:
        start = text.index(words)
        spans = [(start, start + len(words))]
    if quote_id is None:
        _next_id[0] += 1
        quote_id = _next_id[0]
    spans = tuple(Span(s, e) for s, e in spans)
    return Quote(quote_id, article_id, spans, text[spans[0].start:spans[-1].end], kind, None, None, "", None,
                 speaker, speaker, Confirmation(), DateSaid(date), DateSaid(), Confirmation(),
                 VerificationStatus(status), Confirmation(), 0.9, "", Origin.AUTOMATIC, note)


def snapshot(path: str, articles, quotes, analysts=("Ana",), evidence=None, reviews=None) -> ProjectSnapshot:
    by_article: dict[int, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.article_id, []).append(q)
    return ProjectSnapshot(path, ProjectInfo("id", path, "", "2025-01-02T00:00:00+00:00", "0", tuple(analysts)),
                           tuple(articles), {k: tuple(sorted(v, key=lambda q: q.start)) for k, v in by_article.items()},
                           evidence or {}, reviews or {})

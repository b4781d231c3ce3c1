"""ORM records of a project (a file, or a team project in PostgreSQL), format 7 (docs/project-file.md).

``row_version`` (format 6) is SQLAlchemy's ``version_id_col`` on the rows analysts edit: every ORM UPDATE
adds one and checks the row still has the version it was read with, so an edit of a row someone else
changed meanwhile fails (StaleDataError, which ProjectStore turns into EditConflict) instead of
overwriting their change (docs/team-desk.md)."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import MappedColumn
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _row_version_column() -> MappedColumn[int]:
    """The version of an editable row (format 6): 1 when written, one more at every ORM UPDATE."""
    return mapped_column(Integer, nullable=False, server_default="1")


class ProjectRecord(Base):
    __tablename__ = "project"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String)
    modified: Mapped[str] = mapped_column(String)
    app_version: Mapped[str] = mapped_column(String)


class AnalystRecord(Base):
    __tablename__ = "analysts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    first_seen: Mapped[str] = mapped_column(String)


class ArticleRecord(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    published: Mapped[str | None] = mapped_column(String)  # ISO date
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String, index=True)
    imported_at: Mapped[str] = mapped_column(String)
    removed_lines: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{"text", "reason", "index"}, ...]
    paragraph_lines: Mapped[str] = mapped_column(Text, default="[]")  # JSON [source line of each paragraph]
    row_version: Mapped[int] = _row_version_column()
    __mapper_args__ = {"version_id_col": row_version}

    quotes: Mapped[list[QuoteRecord]] = relationship(back_populates="article")


class SpeakerRecord(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String, default="unknown")
    description: Mapped[str] = mapped_column(Text, default="")

    row_version: Mapped[int] = _row_version_column()
    __mapper_args__ = {"version_id_col": row_version}

    aliases: Mapped[list[SpeakerAliasRecord]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerAliasRecord.id"
    )


class SpeakerAliasRecord(Base):
    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)

    speaker: Mapped[SpeakerRecord] = relationship(back_populates="aliases")


class QuoteRecord(Base):
    __tablename__ = "quotes"
    # the article list counts each article's live quotes: covered by this index, without reading the rows
    __table_args__ = (Index("ix_quotes_article_deleted", "article_id", "deleted"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    spans: Mapped[str] = mapped_column(Text)  # JSON [[start, end], ...] into articles.text
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    mention_start: Mapped[int | None] = mapped_column(Integer)
    mention_end: Mapped[int | None] = mapped_column(Integer)
    mention_text: Mapped[str] = mapped_column(Text, default="")

    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"), index=True)
    proposed_speaker: Mapped[str | None] = mapped_column(Text)
    speaker_confirmed_by: Mapped[str | None] = mapped_column(Text)
    speaker_confirmed_at: Mapped[str | None] = mapped_column(String)
    # How the detector reached the proposed name (issue #12; docs/speakers.md). Nullable, no
    # migration here: files written before these columns need the migration being added.
    speaker_name_kind: Mapped[str | None] = mapped_column(String, nullable=True)
    speaker_name_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    speaker_candidates: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list of names
    speaker_chain: Mapped[str | None] = mapped_column(Text, nullable=True)
    speaker_source_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    speaker_source_end: Mapped[int | None] = mapped_column(Integer, nullable=True)

    date_value: Mapped[str | None] = mapped_column(String)
    date_precision: Mapped[str] = mapped_column(String, default="unknown")
    proposed_date_value: Mapped[str | None] = mapped_column(String)
    proposed_date_precision: Mapped[str] = mapped_column(String, default="unknown")
    date_evidence: Mapped[str] = mapped_column(Text, default="")
    date_confirmed_by: Mapped[str | None] = mapped_column(Text)
    date_confirmed_at: Mapped[str | None] = mapped_column(String)

    status: Mapped[str] = mapped_column(String, default="unchecked", index=True)
    proposed_status: Mapped[str] = mapped_column(String, default="unchecked")
    status_confirmed_by: Mapped[str | None] = mapped_column(Text)
    status_confirmed_at: Mapped[str | None] = mapped_column(String)

    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String, default="automatic")
    note: Mapped[str] = mapped_column(Text, default="")
    deleted: Mapped[int] = mapped_column(Integer, default=0)  # deleted quotes stay for the audit trail
    row_version: Mapped[int] = _row_version_column()
    __mapper_args__ = {"version_id_col": row_version}

    article: Mapped[ArticleRecord] = relationship(back_populates="quotes")
    speaker: Mapped[SpeakerRecord | None] = relationship()


class EvidenceRecord(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    file_path: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    accessed: Mapped[str | None] = mapped_column(String)
    note: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[str | None] = mapped_column(String)
    row_version: Mapped[int] = _row_version_column()
    __mapper_args__ = {"version_id_col": row_version}


class AuditRecord(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String)
    analyst: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String)  # create, update, delete, import, confirm...
    entity: Mapped[str] = mapped_column(String)  # project, article, quote, speaker, evidence
    entity_id: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # Provenance of a change merged from a colleague's file (NULL for every other change):
    source_file: Mapped[str | None] = mapped_column(Text, nullable=True)      # absolute path of their file
    source_analysts: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list: the analysts of their file
    source_saved: Mapped[str | None] = mapped_column(String, nullable=True)   # their file's last change (ISO 8601)
    # format 6: the database user who made the change (PostgreSQL's current_user); NULL in a project file
    db_user: Mapped[str | None] = mapped_column(Text, nullable=True)


class QuoteReviewRecord(Base):
    __tablename__ = "quote_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id"), index=True)
    reviewer: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String)  # approved, queried
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[str] = mapped_column(String)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[str | None] = mapped_column(String)
    resolved: Mapped[int] = mapped_column(Integer, default=0)
    row_version: Mapped[int] = _row_version_column()
    __mapper_args__ = {"version_id_col": row_version}


class SignOffRecord(Base):
    __tablename__ = "signoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reviewer: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String)  # approved, changes_requested
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[str] = mapped_column(String)
    fingerprint: Mapped[str] = mapped_column(String)  # SHA-256 of the annotations it covered


class SourceRecord(Base):
    """A primary source (transcript, speech, statement, post) kept in the project, with its text."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String)  # text, html, docx, markdown, url, pasted
    origin: Mapped[str] = mapped_column(Text)  # the path or web address it was read from, or "pasted"
    title: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[str | None] = mapped_column(String)  # ISO prefix: when it was said or published
    accessed_at: Mapped[str] = mapped_column(String)  # when the analyst read it (ISO 8601 UTC)
    text: Mapped[str] = mapped_column(Text)  # as extracted; passage offsets point into it
    content_hash: Mapped[str] = mapped_column(String, index=True)  # SHA-256 of the normalised text
    added_by: Mapped[str | None] = mapped_column(Text)
    row_version: Mapped[int] = _row_version_column()
    __mapper_args__ = {"version_id_col": row_version}


class SourceLinkRecord(Base):
    """A source serves an article or one quote (exactly one of the two ids is set)."""

    __tablename__ = "source_links"
    __table_args__ = (UniqueConstraint("source_id", "article_id", "quote_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id"), index=True)


class CheckoutRecord(Base):
    """Format 7: where a local copy of a team project came from (docs/team-desk.md, "Working offline").

    One row in a file made by ``quote-workbench checkout``; none in any other project file or in a team
    project. ``high_water`` is the team project's newest audit_log id the file's base reflects."""

    __tablename__ = "checkout"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[str] = mapped_column(Text)  # the team project's URL, without its password
    project_id: Mapped[str] = mapped_column(String)  # the team project's own id (project.id)
    taken_at: Mapped[str] = mapped_column(String)  # ISO 8601 UTC
    high_water: Mapped[int] = mapped_column(Integer)  # the team project's audit_log id at checkout or last push
    articles: Mapped[str] = mapped_column(Text)  # JSON list of the article ids checked out
    pushed_at: Mapped[str | None] = mapped_column(String, nullable=True)  # the last successful push


class CheckoutBaseRecord(Base):
    """Format 7: the base of a checkout's three-way push: each checked-out quote and article as it was in
    the team project when checked out (or as last pushed), by its id in the file and in the team project."""

    __tablename__ = "checkout_base"
    __table_args__ = (UniqueConstraint("entity", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String)  # quote, article
    local_id: Mapped[int] = mapped_column(Integer)  # its id in the checkout file
    db_id: Mapped[int] = mapped_column(Integer)  # its id in the team project (the same, unless added offline)
    state: Mapped[str] = mapped_column(Text)  # JSON: the fields push compares

"""Format 4: primary sources kept in the project (issue #15, docs/source-check.md "Sources in the project").

``sources`` holds each source's text and where it came from; ``source_links`` says which articles and
quotes it serves (one source, many quotes and articles).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("accessed_at", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=True),
    )
    op.create_index("ix_sources_content_hash", "sources", ["content_hash"])
    op.create_table(
        "source_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id"), nullable=True),
        sa.Column("quote_id", sa.Integer(), sa.ForeignKey("quotes.id"), nullable=True),
        sa.UniqueConstraint("source_id", "article_id", "quote_id"),
    )
    op.create_index("ix_source_links_source_id", "source_links", ["source_id"])
    op.create_index("ix_source_links_article_id", "source_links", ["article_id"])
    op.create_index("ix_source_links_quote_id", "source_links", ["quote_id"])


def downgrade() -> None:
    op.drop_table("source_links")
    op.drop_table("sources")

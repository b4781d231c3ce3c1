"""Format 5: an index on quotes (article_id, deleted), so the article list counts live quotes from it.

On a 50,000-quote project the count read every quote row (19 ms warm, 100 ms after an import, on the
GUI thread); from the index it takes 3 ms.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_quotes_article_deleted", "quotes", ["article_id", "deleted"])


def downgrade() -> None:
    op.drop_index("ix_quotes_article_deleted", table_name="quotes")

"""Format 6: row versions for many writers at once, and who in the database made each change (issue #17).

``row_version`` (INTEGER NOT NULL, 1 for every existing row) on quotes, articles, speakers, evidence,
quote_reviews and sources: SQLAlchemy's ``version_id_col``, one more at every update, so that an edit of
a row changed by someone else since it was read is refused instead of overwriting (docs/team-desk.md).
``audit_log.db_user``: the database user who made the change (PostgreSQL's ``current_user``); NULL in
project files and for earlier changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

VERSIONED = ("articles", "speakers", "quotes", "evidence", "quote_reviews", "sources")


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("db_user", sa.Text(), nullable=True))
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_version")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("db_user")

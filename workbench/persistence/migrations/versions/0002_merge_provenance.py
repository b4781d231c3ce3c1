"""Format 2: an audit row can say where a merged change came from (compare and merge, docs/compare.md).

``source_file`` is the colleague's file, ``source_analysts`` its analysts (a JSON list), ``source_saved``
its last change (ISO 8601); all empty for an analyst's own edits.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_COLUMNS = (("source_file", sa.Text()), ("source_analysts", sa.Text()), ("source_saved", sa.String()))


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)

"""Format 3: each quote keeps how its speaker's name was reached (docs/speakers.md, docs/detect-json.md).

``speaker_name_kind`` (person, organisation, document issuer, group, unnamed), ``speaker_name_confidence``
(0..1, the name's own), ``speaker_candidates`` (JSON list of the other names weighed), ``speaker_chain``
(the reason as a chain of mentions) and ``speaker_source_start``/``_end`` (where the name is written).
All empty for quotes detected by earlier versions.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COLUMNS = (("speaker_name_kind", sa.String()), ("speaker_name_confidence", sa.Float()),
            ("speaker_candidates", sa.Text()), ("speaker_chain", sa.Text()),
            ("speaker_source_start", sa.Integer()), ("speaker_source_end", sa.Integer()))


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)

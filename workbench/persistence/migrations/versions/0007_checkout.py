"""Format 7: a local copy of a team project remembers where it came from and its base (issue #17, item 4).

``checkout`` (one row in a file made by ``quote-workbench checkout``, none elsewhere): the team project's
URL without its password, its project id, when, the audit_log high-water id, the articles checked out.
``checkout_base``: each checked-out quote and article as the team project had it (JSON), the base of
the three-way push (docs/team-desk.md, "Working offline").
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkout",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("project_id", sa.String(), nullable=False),
        sa.Column("taken_at", sa.String(), nullable=False),
        sa.Column("high_water", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Text(), nullable=False),
        sa.Column("pushed_at", sa.String(), nullable=True),
    )
    op.create_table(
        "checkout_base",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("db_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.UniqueConstraint("entity", "local_id"),
    )


def downgrade() -> None:
    op.drop_table("checkout_base")
    op.drop_table("checkout")

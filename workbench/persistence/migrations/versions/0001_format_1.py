"""Format 1: the schema of the project files made by Quote Workbench before migrations existed (baseline).

Frozen: it must keep creating exactly the format-1 tables, whatever schema.py becomes later.
Files made before Alembic have no alembic_version table; their PRAGMA user_version 1 means this
revision, and opening them stamps it (see workbench/persistence/migrations/__init__.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analysts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('first_seen', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('authors', sa.Text(), nullable=False),
    sa.Column('published', sa.String(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('imported_at', sa.String(), nullable=False),
    sa.Column('removed_lines', sa.Text(), nullable=False),
    sa.Column('paragraph_lines', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_articles_content_hash'), 'articles', ['content_hash'], unique=False)
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('analyst', sa.Text(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('project',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('created', sa.String(), nullable=False),
    sa.Column('modified', sa.String(), nullable=False),
    sa.Column('app_version', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('signoffs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.Text(), nullable=False),
    sa.Column('decision', sa.String(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('fingerprint', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('speakers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('spans', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.Column('mention_start', sa.Integer(), nullable=True),
    sa.Column('mention_end', sa.Integer(), nullable=True),
    sa.Column('mention_text', sa.Text(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('proposed_speaker', sa.Text(), nullable=True),
    sa.Column('speaker_confirmed_by', sa.Text(), nullable=True),
    sa.Column('speaker_confirmed_at', sa.String(), nullable=True),
    sa.Column('date_value', sa.String(), nullable=True),
    sa.Column('date_precision', sa.String(), nullable=False),
    sa.Column('proposed_date_value', sa.String(), nullable=True),
    sa.Column('proposed_date_precision', sa.String(), nullable=False),
    sa.Column('date_evidence', sa.Text(), nullable=False),
    sa.Column('date_confirmed_by', sa.Text(), nullable=True),
    sa.Column('date_confirmed_at', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('proposed_status', sa.String(), nullable=False),
    sa.Column('status_confirmed_by', sa.Text(), nullable=True),
    sa.Column('status_confirmed_at', sa.String(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_quotes_article_id'), 'quotes', ['article_id'], unique=False)
    op.create_index(op.f('ix_quotes_speaker_id'), 'quotes', ['speaker_id'], unique=False)
    op.create_index(op.f('ix_quotes_status'), 'quotes', ['status'], unique=False)
    op.create_table('speaker_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('speaker_id', 'alias')
    )
    op.create_index(op.f('ix_speaker_aliases_speaker_id'), 'speaker_aliases', ['speaker_id'], unique=False)
    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('file_path', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('excerpt', sa.Text(), nullable=False),
    sa.Column('accessed', sa.String(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('added_by', sa.Text(), nullable=True),
    sa.Column('added_at', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_evidence_quote_id'), 'evidence', ['quote_id'], unique=False)
    op.create_table('quote_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.Text(), nullable=False),
    sa.Column('verdict', sa.String(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_by', sa.Text(), nullable=True),
    sa.Column('answered_at', sa.String(), nullable=True),
    sa.Column('resolved', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_quote_reviews_quote_id'), 'quote_reviews', ['quote_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_quote_reviews_quote_id'), table_name='quote_reviews')
    op.drop_table('quote_reviews')
    op.drop_index(op.f('ix_evidence_quote_id'), table_name='evidence')
    op.drop_table('evidence')
    op.drop_index(op.f('ix_speaker_aliases_speaker_id'), table_name='speaker_aliases')
    op.drop_table('speaker_aliases')
    op.drop_index(op.f('ix_quotes_status'), table_name='quotes')
    op.drop_index(op.f('ix_quotes_speaker_id'), table_name='quotes')
    op.drop_index(op.f('ix_quotes_article_id'), table_name='quotes')
    op.drop_table('quotes')
    op.drop_table('speakers')
    op.drop_table('signoffs')
    op.drop_table('project')
    op.drop_table('audit_log')
    op.drop_index(op.f('ix_articles_content_hash'), table_name='articles')
    op.drop_table('articles')
    op.drop_table('analysts')

"""Issue #14 item 15: format-1 files open and upgrade with Alembic; a newer file is refused in words."""

import hashlib
import json
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.cli.helpers import cli
from workbench.persistence import migrations, project_file, store as store_module
from workbench.persistence.schema import Base
from workbench.services.session import ProjectSession

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "format1"
NAMES = ["empty", "reviewed", "two-articles"]

# The format a test's own later revision makes, after the newest real one.
LATER = project_file.FORMAT_VERSION + 1

# What a later revision looks like: one file in versions/, op calls only, batch mode for SQLite.
LATER_REVISION = f'''"""Format {LATER} (a test's own): speakers get a 'source_url' column."""

import sqlalchemy as sa
from alembic import op

revision = "{LATER:04d}"
down_revision = "{LATER - 1:04d}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("speakers") as batch:
        batch.add_column(sa.Column("source_url", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("speakers") as batch:
        batch.drop_column("source_url")
'''


def same_quotes(out: str, name: str) -> bool:
    """``quotes --json`` gives what the format-1 fixture's own version printed (keys added since aside)."""
    expected = json.loads((FIXTURES / f"{name}.quotes.json").read_text(encoding="utf-8"))
    shown = json.loads(out)
    return [{key: quote[key] for key in old} for quote, old in zip(shown, expected)] == expected \
        and len(shown) == len(expected)


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def fixture_copy(tmp_path):
    def copy(name):
        target = tmp_path / f"{name}.qwb"
        shutil.copyfile(FIXTURES / f"{name}.qwb", target)
        return target
    return copy


@pytest.fixture
def later_format(tmp_path, monkeypatch):
    """The code as it would be with one more revision added: one more file, FORMAT_VERSION one higher."""
    versions = tmp_path / "versions"
    shutil.copytree(migrations.VERSIONS, versions, ignore=shutil.ignore_patterns("__pycache__"))
    (versions / f"{LATER:04d}_speaker_source.py").write_text(LATER_REVISION, encoding="utf-8")
    monkeypatch.setattr(migrations, "VERSIONS", versions)
    monkeypatch.setattr(project_file, "FORMAT_VERSION", LATER)
    monkeypatch.setattr(store_module, "FORMAT_VERSION", LATER)
    assert migrations.head_format() == LATER


def test_the_newest_revision_is_the_format_version():
    assert migrations.head_format() == project_file.FORMAT_VERSION


def test_the_revisions_build_exactly_the_schema_the_code_uses(tmp_path):
    """Every revision, run on an empty database, gives what Base.metadata describes (no differences)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    path = tmp_path / "fresh.db"
    sqlite3.connect(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        migrations.upgrade_connection(connection, 0)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


@pytest.mark.parametrize("name", NAMES)
def test_every_format_1_fixture_opens_and_shows_the_same_quotes(fixture_copy, capsys, name):
    path = fixture_copy(name)
    code, out, err = cli(capsys, "quotes", path, "--json")
    assert code == 0 and not err
    assert same_quotes(out, name)
    if name != "empty":
        code, out, err = cli(capsys, "reviews", path, "--json")
        assert json.loads(out) == json.loads((FIXTURES / f"{name}.reviews.json").read_text(encoding="utf-8"))
    # a writing command upgrades the file to the current format (the empty one has no article 1 to retitle)
    assert cli(capsys, "article", path, 1, "--title", "T")[0] == (0 if name != "empty" else 1)
    assert migrations.file_format(path) == project_file.FORMAT_VERSION


@pytest.mark.parametrize("name", NAMES)
def test_a_later_revision_upgrades_each_fixture_after_keeping_the_original(fixture_copy, capsys, later_format, name):
    path = fixture_copy(name)
    original = digest(path)
    # reading does not change the file: the upgrade happens in a temporary copy
    code, out, err = cli(capsys, "quotes", path, "--json")
    assert code == 0 and digest(path) == original
    assert same_quotes(out, name)
    # writing upgrades in place, after keeping the original beside it, and says so
    code, out, err = cli(capsys, "signoff", path, "--approved", "--reviewer", "Rita")
    backup = path.with_name(f"{name}.qwb.v1-backup")
    assert f"upgraded from file format 1 to {LATER}; the original is kept as “{name}.qwb.v1-backup”" in err
    assert backup.exists() and digest(backup) == original
    assert migrations.file_format(path) == LATER
    with sqlite3.connect(path) as db:
        assert "source_url" in {row[1] for row in db.execute("PRAGMA table_info(speakers)")}
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(f"{LATER:04d}",)]
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    code, out, err = cli(capsys, "quotes", path, "--json")
    assert code == 0 and not err
    assert same_quotes(out, name)


def test_the_window_keeps_the_original_and_saves_the_upgrade(fixture_copy, later_format):
    path = fixture_copy("reviewed")
    original = digest(path)
    session = ProjectSession.open(path)
    try:
        assert "the original is kept as “reviewed.qwb.v1-backup”" in session.upgrade_note
        assert digest(path) == original  # untouched until Save
        session.save()
    finally:
        session.close()
    assert migrations.file_format(path) == LATER and digest(path.with_name("reviewed.qwb.v1-backup")) == original


def test_a_new_project_is_stamped_with_the_newest_revision(tmp_path, capsys):
    path = tmp_path / "new.qwb"
    assert cli(capsys, "new", path)[0] == 0
    with sqlite3.connect(path) as db:
        newest = project_file.FORMAT_VERSION
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(f"{newest:04d}",)]
        assert db.execute("PRAGMA user_version").fetchone() == (newest,)


def test_a_file_from_a_newer_version_is_refused_in_words(fixture_copy, capsys):
    path = fixture_copy("reviewed")
    data = bytearray(path.read_bytes())
    data[60:64] = struct.pack(">i", project_file.FORMAT_VERSION + 1)
    path.write_bytes(bytes(data))
    before = digest(path)
    for args in (("quotes", path), ("set", path, 1, "--status", "verified")):
        code, out, err = cli(capsys, *args)
        assert code == 1 and "saved by a newer version of Quote Workbench" in err and "Traceback" not in err
    assert digest(path) == before


def test_a_review_saved_into_an_older_file_keeps_the_original(fixture_copy, later_format):
    from workbench.services.review import ReviewSession

    path = fixture_copy("reviewed")
    original = digest(path)
    session = ReviewSession.open_for_review(path)
    try:
        assert digest(path) == original
        session.save()
    finally:
        session.close()
    assert migrations.file_format(path) == LATER
    assert digest(path.with_name("reviewed.qwb.v1-backup")) == original

"""Shared fixtures. Qt runs offscreen; the app's data folder (settings, recovery) lives in tmp_path."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"
SAMPLE_ARTICLE = SAMPLES / "bbc-ukraine-blinken.txt"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("QUOTE_WORKBENCH_DATA_DIR", str(folder))
    monkeypatch.setenv("QUOTE_WORKBENCH_ANALYST", "Test Analyst")
    return folder


@pytest.fixture
def sample_article(tmp_path) -> Path:
    target = tmp_path / SAMPLE_ARTICLE.name
    shutil.copyfile(SAMPLE_ARTICLE, target)
    return target


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for this test session (tests/postgres_server.py)."""
    from tests.postgres_server import remove_server, start_server

    server = start_server()
    yield server
    remove_server(server)


@pytest.fixture
def pg_database(pg_server):
    """A fresh, empty database on the session's server; dropped after the test."""
    name = pg_server.create_database()
    yield name
    pg_server.drop_database(name)

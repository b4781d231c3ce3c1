"""Team-project fixtures: a database owned by an analyst's own role with a password we can look for."""

import uuid

import pytest

from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService

ANALYST_PASSWORD = "Desk-Pw-7f3a9q"  # searched for in every output: it must never appear


@pytest.fixture
def desk_role(pg_server):
    name = f"ana_{uuid.uuid4().hex[:8]}"
    pg_server.create_role(name, ANALYST_PASSWORD)
    return name


@pytest.fixture
def desk_db(pg_server, pg_database, desk_role):
    """(database, role): an empty database its analyst role owns."""
    pg_server.admin_sql(f'ALTER DATABASE "{pg_database}" OWNER TO "{desk_role}"')
    return pg_database, desk_role


@pytest.fixture
def desk_url(pg_server, desk_db):
    """The team project's URL, password included (the hardest case for keeping it secret)."""
    database, role = desk_db
    return pg_server.url(database, role, ANALYST_PASSWORD)


@pytest.fixture
def desk(desk_url, sample_article):
    """A team project holding the sample article, opened as its owner (tests may define their own)."""
    store = ProjectStore.create(desk_url, title="Desk", analyst="Ana")
    ProjectService(store, "Ana").import_source(str(sample_article))
    yield store
    store.close()

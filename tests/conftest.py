from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"


def shared_data(name: str) -> Path:
    """A folder of ../shared/data, or a clean skip when it is absent."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"../shared/data/{name} is absent: this test needs the development data beside the repository")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now, for a server a test starts."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_CREATED: list[str] = []  # PostgreSQL databases made for this session, dropped at its end


def store_url(folder: Path, name: str = "test") -> str:
    """A fresh, empty store for a test: a new database on the $SITREP_TEST_DB PostgreSQL server
    when that is set (so the whole suite runs on PostgreSQL too), else a SQLite file in ``folder``.
    Each call gives a separate store, so tests that need several never share one."""
    base = os.environ.get("SITREP_TEST_DB")
    if not base:
        return f"sqlite:///{folder / (name + '.db')}"
    import uuid

    import sqlalchemy as sa

    from sitrep.store import normalise_url

    url = sa.engine.make_url(normalise_url(base))
    database = f"{url.database}_{name.lower()[:20]}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    _CREATED.append(database)
    return url.set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session", autouse=True)
def _drop_test_databases():
    yield
    base = os.environ.get("SITREP_TEST_DB")
    if not base or not _CREATED:
        return
    import sqlalchemy as sa

    from sitrep.store import normalise_url

    admin = sa.create_engine(sa.engine.make_url(normalise_url(base)), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for database in _CREATED:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The store under test: a fresh database on $SITREP_TEST_DB (PostgreSQL) or a SQLite file."""
    return store_url(tmp_path)

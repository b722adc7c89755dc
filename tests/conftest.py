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


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The store under test: $SITREP_TEST_DB (e.g. a PostgreSQL URL) or a fresh SQLite file."""
    url = os.environ.get("SITREP_TEST_DB")
    if url:
        from sitrep.store import normalise_url
        import sqlalchemy as sa

        engine = sa.create_engine(normalise_url(url))
        from sitrep.store.schema import metadata

        with engine.begin() as conn:
            metadata.drop_all(conn)
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
        return url
    return f"sqlite:///{tmp_path / 'test.db'}"

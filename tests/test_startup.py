"""Start-up: the schema check that needs no Alembic, and the first frame before the database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from kiosk.storage import schema_versions
from kiosk.storage.database import create_kiosk_engine, head_revision, upgrade_schema

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_migrations_read_without_alembic_are_alembics() -> None:
    script = ScriptDirectory(str(schema_versions.MIGRATIONS_DIR))
    walked = [(s.revision, (s.doc or "").strip().splitlines()[0]) for s in script.walk_revisions()]
    assert schema_versions._migrations() == tuple(reversed(walked))
    assert schema_versions.head() == head_revision()


def test_a_migration_outside_the_chain_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a.py").write_text('"""first"""\nrevision = "a"\ndown_revision = None\n')
    (versions / "b.py").write_text('"""second"""\nrevision: str = "b"\ndown_revision = "a"\n')
    monkeypatch.setattr(schema_versions, "MIGRATIONS_DIR", tmp_path)
    schema_versions._migrations.cache_clear()
    try:
        assert schema_versions._migrations() == (("a", "first"), ("b", "second"))
        (versions / "c.py").write_text('revision = "c"\ndown_revision = "a"\n')  # a branch
        schema_versions._migrations.cache_clear()
        with pytest.raises(RuntimeError, match="two migrations follow a"):
            schema_versions._migrations()
        (versions / "c.py").write_text('revision = "c"\ndown_revision = "x"\n')  # an orphan
        schema_versions._migrations.cache_clear()
        with pytest.raises(RuntimeError, match=r"outside the chain.*\['x'\]"):
            schema_versions._migrations()
    finally:
        schema_versions._migrations.cache_clear()


def test_a_database_at_the_head_is_checked_without_loading_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    engine = create_kiosk_engine(url)
    try:
        assert upgrade_schema(engine) == head_revision()  # a new database: Alembic migrates
    finally:
        engine.dispose()
    check = (
        "import sys\n"
        "from kiosk.storage.database import create_kiosk_engine, upgrade_schema\n"
        f"engine = create_kiosk_engine({url!r})\n"
        "print(upgrade_schema(engine))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.splitlines()
    assert out == [head_revision(), "[]"]


@pytest.mark.parametrize(
    "url",
    [  # the settings refuse relative paths and in-memory databases themselves
        "sqlite:////tmp/a b/kiosk.sqlite3",
        "sqlite:////tmp/ngày/x@y:1/kiosk.sqlite3",
        "sqlite:////tmp/%41.db",  # percent-escapes: SQLAlchemy reads them
        "sqlite:////tmp/x.db?mode=ro",
        "sqlite+pysqlite:////tmp/x.db",
        "postgresql://kiosk@127.0.0.1/kiosk",
    ],
)
def test_the_sqlite_file_read_without_sqlalchemy_is_sqlalchemys(
    url: str, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    from kiosk.settings import load_settings

    monkeypatch.setenv("KIOSK_DATABASE_URL", url)
    parsed = make_url(url)
    expected = (
        Path(parsed.database)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
        else None
    )
    assert load_settings().sqlite_file == expected

"""One unit of work per use case: a session that commits once or rolls back.

Driver errors leave the block as :class:`kiosk.errors.KioskError` with a Vietnamese
message, so callers never see a traceback from the database layer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.storage.database import database_errors, describe, translate_error


class UnitOfWork:
    """``with uow_factory() as uow: ...; uow.commit()`` — anything not committed is rolled back."""

    def __init__(self, factory: sessionmaker[Session], engine: Engine) -> None:
        self._factory = factory
        self._engine = engine
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The session of this unit of work (only inside the ``with`` block)."""
        if self._session is None:
            raise RuntimeError("unit of work used outside its with-block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        if isinstance(exc, DBAPIError) and not isinstance(exc, IntegrityError):
            raise translate_error(exc, describe(self._engine)) from exc

    def commit(self) -> None:
        """Commit everything done in this unit of work."""
        try:
            self.session.commit()
        except IntegrityError:
            raise  # a conflict the use case handles, not an infrastructure failure
        except DBAPIError as exc:
            raise translate_error(exc, describe(self._engine)) from exc


class Database:
    """The engine plus a factory of units of work; built once by the composition root."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)

    def before_flush(self, listener: Callable[[Session, Any, Any], None]) -> None:
        """Run ``listener(session, flush_context, instances)`` before each flush of a session."""
        event.listen(self._factory, "before_flush", listener)

    def unit_of_work(self) -> UnitOfWork:
        """A fresh unit of work."""
        return UnitOfWork(self._factory, self.engine)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read-only transaction on one snapshot that never takes the write lock.

        A unit of work begins ``BEGIN IMMEDIATE`` on SQLite, so a long read in one makes every
        writer wait. Here SQLite begins ``DEFERRED`` (in WAL mode a reader and the writer do
        not wait for each other) and PostgreSQL reads ``REPEATABLE READ READ ONLY``: the
        statements of the read see one state, whatever commits meanwhile. Rolled back at the
        end; driver errors leave as :class:`kiosk.errors.KioskError`.
        """
        with database_errors(self.engine), self.engine.connect() as connection:
            if self.dialect == "sqlite":
                connection.execution_options(sqlite_begin="DEFERRED")
            else:
                connection.execution_options(
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                )
            with connection.begin() as transaction:
                try:
                    yield connection
                finally:
                    transaction.rollback()

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()

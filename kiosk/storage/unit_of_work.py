"""One unit of work per use case: a session that commits once or rolls back.

Driver errors leave the block as :class:`kiosk.errors.KioskError` with a Vietnamese
message, so callers never see a traceback from the database layer. The few use cases whose
ORM flush cost more than their SQL (recording a visit, bench/VISITS.md) write through Core
statements on a plain connection instead: :meth:`Database.writing`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import RootTransaction
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


ChangeHook = Callable[[Connection, str, str], None]
"""``hook(connection, kind, key)``: queue a change written by Core statements."""


class Writing:
    """A unit of work on a plain connection: Core statements, committed once or rolled back.

    No flush hook sees a Core statement, so a writer says what it changed for the centre
    (:meth:`changed`, each kind and key queued once); ``with db.writing() as w: …; w.commit()``.
    """

    def __init__(
        self, connection: Connection, transaction: RootTransaction, hooks: list[ChangeHook]
    ) -> None:
        self.connection = connection
        self._transaction = transaction
        self._hooks = hooks
        self._queued: set[tuple[str, str]] = set()

    def changed(self, kind: str, key: str) -> None:
        """Queue ``kind``/``key`` for the centre in this transaction (once; nothing without
        a centre)."""
        if (kind, key) not in self._queued:
            self._queued.add((kind, key))
            for hook in self._hooks:
                hook(self.connection, kind, key)

    def commit(self) -> None:
        """Commit everything written in this unit of work."""
        self._transaction.commit()


class Database:
    """The engine plus a factory of units of work; built once by the composition root."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._change_hooks: list[ChangeHook] = []

    def before_flush(self, listener: Callable[[Session, Any, Any], None]) -> None:
        """Run ``listener(session, flush_context, instances)`` before each flush of a session."""
        event.listen(self._factory, "before_flush", listener)

    def on_core_change(self, hook: ChangeHook) -> None:
        """Run ``hook`` for each change a :meth:`writing` unit declares."""
        self._change_hooks.append(hook)

    def unit_of_work(self) -> UnitOfWork:
        """A fresh unit of work."""
        return UnitOfWork(self._factory, self.engine)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Writing]:
        """A unit of work on a plain connection (SQLite: ``BEGIN IMMEDIATE``, as a session's),
        rolled back unless committed; driver errors leave as in :meth:`unit_of_work`, an
        :class:`~sqlalchemy.exc.IntegrityError` as itself for the use case to handle."""
        try:
            with self.engine.connect() as connection:
                transaction = connection.begin()
                try:
                    yield Writing(connection, transaction, self._change_hooks)
                finally:
                    if transaction.is_active:
                        transaction.rollback()
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise translate_error(exc, describe(self.engine)) from exc

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


Executor = Session | Connection
"""What a statement helper shared by ORM and Core use cases runs on."""


def dialect_of(executor: Executor) -> str:
    """``sqlite`` or ``postgresql``: the database of a session or a connection."""
    if isinstance(executor, Connection):
        return executor.dialect.name
    return executor.get_bind().dialect.name

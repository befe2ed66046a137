"""The audit log: who did what and when. Callers pass no personal data in ``details``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.orm import Session

from kiosk.storage.models import AuditEntry, Helper, table_of
from kiosk.storage.unit_of_work import Executor

# built once, for the use cases that write through Core (kiosk.storage.unit_of_work.Writing)
_INSERT = insert(table_of(AuditEntry))
_USERNAME = select(Helper.username).where(Helper.id == bindparam("helper_id"))


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in helper, or a named system actor (``cli``, ``kiosk``…)."""

    label: str
    helper_id: int | None = None

    @classmethod
    def system(cls, label: str) -> Actor:
        """A non-human actor such as the CLI or a scheduled purge."""
        return cls(label=label)


@dataclass(frozen=True)
class AuditRecord:
    """One audit line as read back."""

    at: datetime
    actor: str
    action: str
    subject: str | None
    details: dict[str, Any]


def record(
    session: Executor,
    at: datetime,
    actor: Actor,
    action: str,
    subject: str | None = None,
    **details: Any,
) -> None:
    """Add an audit line to the current unit of work (committed with it): flushed with the
    session's other objects, or inserted at once on a Core unit's connection."""
    line = {
        "at": at,
        "helper_id": actor.helper_id,
        "actor": actor.label,
        "action": action,
        "subject": subject,
        "details": details,
    }
    if isinstance(session, Connection):
        session.execute(_INSERT, line)
    else:
        session.add(AuditEntry(**line))


def actor_for(session: Executor, helper_id: int | None, fallback: str) -> Actor:
    """An :class:`Actor` for ``helper_id`` (by username), or a system actor."""
    if helper_id is None:
        return Actor.system(fallback)
    username = session.scalar(_USERNAME, {"helper_id": helper_id})
    return Actor(label=username or fallback, helper_id=helper_id)


def read(session: Session, action: str | None = None, limit: int = 1000) -> list[AuditRecord]:
    """The newest audit lines first, optionally of one action."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEntry.action == action)
    return [
        AuditRecord(e.at, e.actor, e.action, e.subject, dict(e.details))
        for e in session.scalars(query)
    ]

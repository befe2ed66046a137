"""The centre's schema against this counter's: a counter sends only when they are the same.

A counter never migrates the centre (``kiosk centre upgrade`` does, for an administrator).
A centre older than the counter (or without a schema yet) waits for that command; a
centre newer than the counter waits for this counter to be updated. Either way the
counter keeps every visit in its queue and sends them once the versions agree.
"""

from __future__ import annotations

from sqlalchemy import Connection

from kiosk.errors import SchemaVersionError
from kiosk.services.sync import messages
from kiosk.storage.schema_versions import CURRENT, EMPTY, NEWER, compare, head, read_revision

CENTRE_OUTDATED = "centre_outdated"  # the centre's schema is older: update the centre
COUNTER_OUTDATED = "counter_outdated"  # the centre's schema is newer: update this counter


class SchemaMismatchError(SchemaVersionError):
    """The centre's schema is not this counter's; ``refusal`` says which one to update."""

    def __init__(self, message: str, *, refusal: str, detail: str) -> None:
        super().__init__(message, detail=detail)
        self.refusal = refusal


def check_centre_schema(connection: Connection, *, lock: bool = False) -> None:
    """Raise :class:`SchemaMismatchError` unless the centre is at this counter's schema.

    ``lock``: keep the stamp share-locked for the rest of the transaction (before sending).
    """
    revision = read_revision(connection, lock=lock)
    verdict = compare(revision)
    if verdict == CURRENT:
        return
    detail = f"centre schema {revision} ({verdict}), this counter's {head()}"
    if verdict == NEWER:
        message = messages.CENTRE_NEWER.format(revision=revision, head=head())
        raise SchemaMismatchError(message, refusal=COUNTER_OUTDATED, detail=detail)
    if verdict == EMPTY:
        raise SchemaMismatchError(messages.CENTRE_EMPTY, refusal=CENTRE_OUTDATED, detail=detail)
    message = messages.CENTRE_OLDER.format(revision=revision, head=head())
    raise SchemaMismatchError(message, refusal=CENTRE_OUTDATED, detail=detail)

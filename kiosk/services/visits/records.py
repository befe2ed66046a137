"""The ORM queries of a visit that a use case edits (its values are read by :mod:`.listing`)."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from kiosk.storage.models import Transaction


def visit_query() -> Select[Transaction]:
    """Transactions with their service lines and barriers loaded in the same round trips."""
    return select(Transaction).options(
        selectinload(Transaction.services), selectinload(Transaction.barriers)
    )


def editable_query() -> Select[Transaction]:
    """A transaction with its service lines in the same SELECT, for a use case that edits
    it: its barriers load only if asked for (recording an outcome never does)."""
    return select(Transaction).options(joinedload(Transaction.services))

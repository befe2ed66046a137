"""A light composition root for a one-shot ``kiosk export``: only what an export reads.

:func:`kiosk.app.build_kiosk` builds every service of the counter (helpers, visits, day
book, retention, guides, sync) and imports them all; an export needs the database, the
privacy key (masked exports decrypt the follow-up phone to mask it), the catalogue and the
counter's id. :func:`open_export` builds only those, with the same checks read-only: the
database that vanished is refused, the schema is brought to the head (nothing to do in
the usual case), and the key must be the one the database is bound to.

Whenever the full root would do more than check (a database not bound to a key yet, a
counter row still missing, a binding not recorded) or more is needed (a centre's database:
the export's audit line is then captured for the centre by the full root), it yields
``None`` and the caller builds the full kiosk instead: the outcome, messages included, is
the full root's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import Clock, SystemClock
from kiosk.services.people.privacy import PrivacyVault
from kiosk.settings import Settings
from kiosk.storage.unit_of_work import Database


@dataclass(frozen=True)
class ExportRoot:
    """What an export reads: the database, the privacy key, the catalogue, the counter."""

    db: Database
    vault: PrivacyVault
    catalogue: Catalogue
    clock: Clock
    counter_id: int


@contextmanager
def open_export(settings: Settings) -> Iterator[ExportRoot | None]:
    """The export's root, closed afterwards; ``None``: build the full kiosk instead."""
    from sqlalchemy import select

    from kiosk.services.guides.packs import active_source
    from kiosk.services.people.key_bindings import bound_fingerprint, refuse_vanished_database
    from kiosk.services.people.privacy import load_or_create_key
    from kiosk.storage.database import create_kiosk_engine, upgrade_schema
    from kiosk.storage.models import FINGERPRINT_KEY, Counter, Meta

    if settings.central_database_url:
        yield None
        return
    url = settings.effective_database_url
    db = Database(create_kiosk_engine(url))  # kiosk.app.engine_for(url) of a counter
    try:
        refuse_vanished_database(db.engine, settings.key_file, url)
        upgrade_schema(db.engine)  # at the head already: one read
        with db.reading() as connection:
            stored = connection.scalar(select(Meta.value).where(Meta.key == FINGERPRINT_KEY))
            counter_id = connection.scalar(
                select(Counter.id).where(Counter.code == settings.counter_code)
            )
        if (
            stored is None
            or counter_id is None
            or bound_fingerprint(settings.key_file, url) != stored
        ):
            yield None
            return
        vault = PrivacyVault(load_or_create_key(settings.key_file, bound_to=stored))
        if vault.fingerprint != stored:  # the full root says which key file is wrong
            yield None
            return
        catalogue = active_source(settings.data_dir).catalogue()
        yield ExportRoot(db, vault, catalogue, SystemClock(), counter_id)
    finally:
        db.dispose()

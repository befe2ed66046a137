"""A counter's link to the centre's shared database: queue locally, send in order, once."""

from kiosk.services.sync.central import SyncConflict
from kiosk.services.sync.refusals import CENTRE_ERROR, KEY_REFUSED
from kiosk.services.sync.replicator import DrainResult, OutboxItem, Replicator, SyncStatus
from kiosk.services.sync.versions import CENTRE_OUTDATED, COUNTER_OUTDATED, SchemaMismatchError

__all__ = [
    "CENTRE_ERROR",
    "CENTRE_OUTDATED",
    "COUNTER_OUTDATED",
    "KEY_REFUSED",
    "DrainResult",
    "OutboxItem",
    "Replicator",
    "SchemaMismatchError",
    "SyncConflict",
    "SyncStatus",
]

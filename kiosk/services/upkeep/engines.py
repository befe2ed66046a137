"""What upkeep asks of the composition root: an engine for a database URL.

The doctor and a restore open databases named in the settings, but services never build
engines (nor import :mod:`kiosk.app`, which sits above them): the caller hands them a
factory, :func:`kiosk.app.engine_for` in the kiosk and its tests.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Engine


class EngineFactory(Protocol):
    """``engines(url, ...)``: an engine with the kiosk's settings for ``url``."""

    def __call__(
        self,
        url: str,
        *,
        central: bool = False,
        read_only: bool = False,
        connect_timeout: int | None = None,
    ) -> Engine:
        """``central``: the centre's shared database; ``read_only``: reads that never hold
        up a writer; ``connect_timeout``: seconds, for a PostgreSQL server."""
        ...

"""Rotating log files in the data dir. Log lines never carry personal data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


def configure_logging(log_dir: Path, *, verbose: bool = False) -> None:
    """Log to ``log_dir/kiosk.log`` (rotated, 5 × 2 MB); never to the screen."""
    root = logging.getLogger()
    if any(getattr(h, "_kiosk", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_dir / "kiosk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:  # read-only or full disk: keep going without a log file
        file_handler = None
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if file_handler is not None:
        file_handler.setFormatter(formatter)
        file_handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
    else:
        root.addHandler(logging.NullHandler())
    for noisy in ("alembic", "sqlalchemy"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

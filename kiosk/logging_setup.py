"""Rotating log files in the data dir. Log lines never carry personal data."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
from pathlib import Path

from kiosk.private_files import make_private, private_folder

LOG_FILE = "kiosk.log"


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A log file that drops a record it cannot write (full disk) instead of printing a
    traceback on the counter's screen: the kiosk must keep working without its log."""

    def handleError(self, record: logging.LogRecord) -> None:
        return


def configure_logging(log_dir: Path, *, verbose: bool = False) -> None:
    """Log to ``log_dir/kiosk.log`` (rotated, 5 × 2 MB); never to the screen.

    Calling it again with another directory moves the log there (tests, a second kiosk).
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    target = (log_dir / LOG_FILE).resolve()
    for old in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        if getattr(old, "baseFilename", None) == str(target):
            return
        root.removeHandler(old)
        with contextlib.suppress(OSError):
            old.close()
    handler: logging.Handler
    try:
        private_folder(log_dir)
        handler = _QuietRotatingFileHandler(
            target, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        make_private(target)  # a log of an older version may be 0644
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    except OSError:  # read-only or full disk: keep going without a log file
        handler = logging.NullHandler()
    setattr(handler, "_kiosk", True)  # noqa: B010 - marks the handler this module owns
    root.addHandler(handler)
    for noisy in ("alembic", "sqlalchemy"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

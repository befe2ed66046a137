"""Every doctor check, in the order ``kiosk doctor`` prints them; none of them raises."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.services.upkeep.doctor.centre import CENTRE, check_centre
from kiosk.services.upkeep.doctor.centre_access import CENTRE_ACCESS, check_centre_access
from kiosk.services.upkeep.doctor.centre_schema import CENTRE_SCHEMA, check_centre_schema
from kiosk.services.upkeep.doctor.chip import CHIP, check_chip_readers
from kiosk.services.upkeep.doctor.database import KEY, check_key, inspect_database
from kiosk.services.upkeep.doctor.devices import (
    CAMERA,
    FONTS,
    OPENCV,
    ZBAR,
    ZXING,
    check_camera,
    check_fonts,
    check_opencv,
    check_zbar,
    check_zxing,
)
from kiosk.services.upkeep.doctor.guides import GUIDES, check_guides_age
from kiosk.services.upkeep.doctor.integrity import INTEGRITY, check_integrity
from kiosk.services.upkeep.doctor.permissions import PERMISSIONS, check_permissions
from kiosk.services.upkeep.doctor.printers import PRINTER, check_configured_printer
from kiosk.services.upkeep.doctor.qt import QT, check_qt
from kiosk.services.upkeep.doctor.report import Check, guard
from kiosk.services.upkeep.doctor.storage import (
    BACKUP,
    BACKUP_DIR,
    DISK,
    LOGS,
    check_backup_age,
    check_backup_dir,
    check_disk,
    check_log_dir,
)
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings


def run_checks(settings: Settings, engines: EngineFactory) -> list[Check]:
    """Run every check, opening databases with ``engines``; each reports its own failure."""
    database = inspect_database(settings, engines)
    checks = [database.check]
    # One line per check, in the order they are printed: (name, required, check).
    guarded: list[tuple[str, bool, Callable[[], Check]]] = [
        (INTEGRITY, True, lambda: check_integrity(settings, engines)),
        (KEY, True, lambda: check_key(settings, database)),
        (DISK, True, lambda: check_disk(settings)),
        (BACKUP, False, lambda: check_backup_age(settings)),
        (BACKUP_DIR, False, lambda: check_backup_dir(settings)),
        (LOGS, False, lambda: check_log_dir(settings)),
        (PERMISSIONS, False, lambda: check_permissions(settings)),
        (ZXING, False, check_zxing),
        (ZBAR, False, check_zbar),
        (OPENCV, False, check_opencv),
        (FONTS, False, check_fonts),
        (CAMERA, False, lambda: check_camera(settings.camera)),
        (CHIP, False, lambda: check_chip_readers(settings)),
        (PRINTER, False, lambda: check_configured_printer(settings)),
        (CENTRE, False, lambda: check_centre(settings, engines)),
        (CENTRE_SCHEMA, False, lambda: check_centre_schema(settings, engines)),
        (CENTRE_ACCESS, False, lambda: check_centre_access(settings, engines)),
        (GUIDES, False, lambda: check_guides_age(settings)),
        (QT, True, check_qt),
    ]
    checks.extend(guard(name, required, run) for name, required, run in guarded)
    return checks

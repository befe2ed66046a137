"""``kiosk doctor``: one line per thing the kiosk depends on, and how to fix what fails.

Every check only reads: a missing SQLite file or key file is reported, never created.
Native libraries (QR decoders, OpenCV, Qt, cryptography) are imported inside their
own check, and each check runs guarded, so one broken library never hides the others.
``required`` marks what the kiosk cannot work without; the command exits 1 only
when such a check fails. A warning is a failed check that is not required.

One module for each kind of thing checked: :mod:`.database` (the database and the privacy
key), :mod:`.integrity` (``quick_check``, a database gone missing), :mod:`.storage` (disk,
backups, logs), :mod:`.devices` (QR decoders, OpenCV, camera, fonts), :mod:`.printers`,
:mod:`.qt`, :mod:`.centre` (the link to the centre's database), :mod:`.centre_access`
(the counter's role there), :mod:`.guides` (their age,
the imported pack's files); :mod:`.report` is the line
they all return and :mod:`.runner` runs them in order. The databases are opened on engines
from the factory the caller hands over
(:class:`~kiosk.services.upkeep.engines.EngineFactory`). :mod:`.chip` checks the PC/SC readers.
"""

from __future__ import annotations

from kiosk.services.upkeep.doctor.centre import CENTRE, check_centre
from kiosk.services.upkeep.doctor.centre_access import CENTRE_ACCESS, check_centre_access
from kiosk.services.upkeep.doctor.centre_schema import CENTRE_SCHEMA, check_centre_schema
from kiosk.services.upkeep.doctor.chip import CHIP, check_chip_readers
from kiosk.services.upkeep.doctor.database import (
    DATABASE,
    KEY,
    DatabaseFacts,
    check_key,
    inspect_database,
)
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
from kiosk.services.upkeep.doctor.printers import (
    PRINTER,
    check_configured_printer,
    check_escpos_printer,
    check_printer,
    check_qt_printer,
)
from kiosk.services.upkeep.doctor.qt import QT, check_qt, debian_package, missing_libraries
from kiosk.services.upkeep.doctor.report import Check, database_place
from kiosk.services.upkeep.doctor.runner import run_checks
from kiosk.services.upkeep.doctor.storage import (
    BACKUP,
    BACKUP_DIR,
    DISK,
    LOGS,
    check_backup_age,
    check_backup_dir,
    check_disk,
    check_log_dir,
    disk_verdict,
)

__all__ = [
    "BACKUP",
    "BACKUP_DIR",
    "CAMERA",
    "CENTRE",
    "CENTRE_ACCESS",
    "CENTRE_SCHEMA",
    "CHIP",
    "DATABASE",
    "DISK",
    "FONTS",
    "GUIDES",
    "INTEGRITY",
    "KEY",
    "LOGS",
    "OPENCV",
    "PERMISSIONS",
    "PRINTER",
    "QT",
    "ZBAR",
    "ZXING",
    "Check",
    "DatabaseFacts",
    "check_backup_age",
    "check_backup_dir",
    "check_camera",
    "check_centre",
    "check_centre_access",
    "check_centre_schema",
    "check_chip_readers",
    "check_configured_printer",
    "check_disk",
    "check_escpos_printer",
    "check_fonts",
    "check_guides_age",
    "check_integrity",
    "check_key",
    "check_log_dir",
    "check_opencv",
    "check_permissions",
    "check_printer",
    "check_qt",
    "check_qt_printer",
    "check_zbar",
    "check_zxing",
    "database_place",
    "debian_package",
    "disk_verdict",
    "inspect_database",
    "missing_libraries",
    "run_checks",
]

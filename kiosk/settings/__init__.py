"""Immutable kiosk settings: a TOML file in the platform config dir plus environment overrides.

Loaded once by the composition root and passed down; nothing else reads the file or
the environment. Every error names the key that is wrong.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import argon2
import platformdirs

from kiosk.domain.centre import CentreInfo
from kiosk.errors import QT_TRANSLATE_NOOP, SettingsError
from kiosk.settings import values as v
from kiosk.settings.document import read_document

APP_NAME = "quay-so"
SETTINGS_FILE = "settings.toml"
KEY_FILE = "privacy.key"

PAPERS = ("80mm", "58mm", "a5")
PRINT_BACKENDS = ("cups", "qt", "escpos")
LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class Settings:
    """Everything the kiosk is configured with; build it with :func:`load_settings`."""

    config_dir: Path
    data_dir: Path
    centre_name: str = "Trung tâm Phục vụ hành chính công"
    centre_address: str = ""
    counter_code: str = "Q01"
    counter_name: str = "Quầy hỗ trợ số"
    language: str = "vi"
    idle_timeout_seconds: int = 120
    idle_countdown_seconds: int = 20
    kiosk_mode: bool = True  # full screen, no window frame, Alt+F4/Ctrl+Q need an admin PIN
    receipt_paper: str = "80mm"
    printer_name: str = ""
    print_backend: str = "cups"  # cups (lp), qt (Qt print support: Windows spooler), escpos
    print_device: str = ""  # ESC/POS target: tcp://host:9100, /dev/usb/lp0, serial:/dev/ttyUSB0
    camera: str = "0"
    scanner_port: str = ""  # a handheld scanner in USB-COM mode: /dev/ttyACM0, COM3…; "" = none
    scanner_baudrate: int = 9600
    # chip.csca_store: trusted country signing certificates for chip reads, a folder of
    # PEM/DER files or an ICAO master list; relative to the config dir; "" = none.
    csca_store: str = ""
    speech_enabled: bool = True  # the "Đọc to" (read aloud) buttons
    speech_rate: int = 150  # words per minute; calm for elderly listeners
    speech_command: str = "espeak-ng"
    retention_days: int = 365
    backup_keep_days: int = 14  # daily backups of the embedded database kept this many days
    backup_location: str = ""  # backup.dir: "" = <data dir>/backups; another disk, a USB stick
    database_url: str = ""
    # The centre's shared database (PostgreSQL). When set, the counter works on its own
    # database (database.url) and sends every change there, queueing while it is away.
    central_database_url: str = ""
    # TLS toward the centre, added to central_database_url's query (libpq's sslmode and
    # sslrootcert): "verify-full" and the centre's CA certificate check who answers.
    central_sslmode: str = ""
    central_sslrootcert: str = ""
    sync_interval_seconds: int = 10
    pin_max_attempts: int = 5
    pin_lockout_minutes: int = 240  # the longest wait after wrong PINs (1, 5, 15, 60, 240…)
    # argon2id cost of a PIN hash: argon2-cffi's defaults (its RFC 9106 low-memory profile).
    # The tests lower them to stay fast; a lower cost never re-hashes stored PINs down.
    pin_hash_time_cost: int = argon2.DEFAULT_TIME_COST
    pin_hash_memory_kib: int = argon2.DEFAULT_MEMORY_COST
    guides_max_age_months: int = 6  # guides checked longer ago are reported (guides check)
    targets: Mapping[str, float] = field(default_factory=dict)

    @property
    def key_file(self) -> Path:
        """The privacy key (encryption and keyed hashing), kept outside the database."""
        return self.config_dir / KEY_FILE

    @property
    def log_dir(self) -> Path:
        """Where rotating log files go."""
        return self.data_dir / LOG_FOLDER

    @property
    def reports_root(self) -> Path:
        """Where helper mode writes the reports of closed days, a folder a day."""
        return self.data_dir / REPORTS_FOLDER

    @property
    def settings_file(self) -> Path:
        """The settings file (it may not exist)."""
        return self.config_dir / SETTINGS_FILE

    @property
    def sqlite_file(self) -> Path | None:
        """The embedded database's file, or ``None`` when the database is PostgreSQL."""
        text = self.effective_database_url
        plain = text.removeprefix("sqlite:///")
        if plain != text and not any(mark in plain for mark in "%?#"):
            # the default URL: no need to load SQLAlchemy (a third of a second) to read it
            return None if plain in ("", ":memory:") else Path(plain)
        from sqlalchemy.engine import make_url

        url = make_url(text)
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        return Path(url.database)

    @property
    def backup_dir(self) -> Path:
        """Where backups of the embedded database go; a relative ``backup.dir`` is in the
        data dir."""
        if not self.backup_location:
            return self.data_dir / "backups"
        path = Path(self.backup_location).expanduser()
        return path if path.is_absolute() else self.data_dir / path

    @property
    def csca_store_path(self) -> Path | None:
        """The CSCA store for passive authentication of chip reads, or ``None``."""
        if not self.csca_store:
            return None
        path = Path(self.csca_store).expanduser()
        return path if path.is_absolute() else self.config_dir / path

    @property
    def centre(self) -> CentreInfo:
        """The centre and counter as the documents name them."""
        return CentreInfo(
            name=self.centre_name,
            address=self.centre_address,
            counter_code=self.counter_code,
            counter_name=self.counter_name,
        )

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or the embedded SQLite database in the data dir."""
        return self.database_url or f"sqlite:///{self.data_dir / 'kiosk.sqlite3'}"


_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "centre.name": ("centre_name", v.plain_text),
    "centre.address": ("centre_address", v.plain_text),
    "counter.code": ("counter_code", v.counter_code),
    "counter.name": ("counter_name", v.plain_text),
    "ui.language": ("language", v.choice(LANGUAGES)),
    "ui.idle_timeout_seconds": ("idle_timeout_seconds", v.int_between(15, 3600)),
    "ui.idle_countdown_seconds": ("idle_countdown_seconds", v.int_between(5, 120)),
    "ui.kiosk_mode": ("kiosk_mode", v.boolean),
    "printing.paper": ("receipt_paper", v.choice(PAPERS)),
    "printing.printer": ("printer_name", v.plain_text),
    "printing.backend": ("print_backend", v.choice(PRINT_BACKENDS)),
    "printing.device": ("print_device", v.print_device),
    "camera.device": ("camera", v.camera),
    "scanner.port": ("scanner_port", v.plain_text),
    "scanner.baudrate": ("scanner_baudrate", v.int_between(1200, 921_600)),
    "chip.csca_store": ("csca_store", v.plain_text),
    "speech.enabled": ("speech_enabled", v.boolean),
    "speech.rate": ("speech_rate", v.int_between(80, 300)),
    "speech.command": ("speech_command", v.plain_text),
    "privacy.retention_days": ("retention_days", v.int_between(1, 3650)),
    "backup.keep_days": ("backup_keep_days", v.int_between(1, 3650)),
    "backup.dir": ("backup_location", v.plain_text),
    "database.url": ("database_url", v.database_url),
    "database.central_url": ("central_database_url", v.database_url),
    "database.central_sslmode": ("central_sslmode", v.ssl_mode),
    "database.central_sslrootcert": ("central_sslrootcert", v.certificate_file),
    "sync.interval_seconds": ("sync_interval_seconds", v.int_between(2, 3600)),
    "security.pin_max_attempts": ("pin_max_attempts", v.int_between(3, 20)),
    "security.pin_lockout_minutes": ("pin_lockout_minutes", v.int_between(1, 1440)),
    "security.pin_hash_time_cost": ("pin_hash_time_cost", v.int_between(1, 20)),
    "security.pin_hash_memory_kib": ("pin_hash_memory_kib", v.int_between(1024, 4_194_304)),
    "guides.max_age_months": ("guides_max_age_months", v.int_between(1, 120)),
}

ENV_OVERRIDES: dict[str, str] = {
    "KIOSK_DATABASE_URL": "database.url",
    "KIOSK_CENTRAL_DATABASE_URL": "database.central_url",
    "KIOSK_CENTRAL_SSLMODE": "database.central_sslmode",
    "KIOSK_CENTRAL_SSLROOTCERT": "database.central_sslrootcert",
    "KIOSK_COUNTER_CODE": "counter.code",
    "KIOSK_CENTRE_NAME": "centre.name",
    "KIOSK_LANGUAGE": "ui.language",
    "KIOSK_IDLE_TIMEOUT": "ui.idle_timeout_seconds",
    "KIOSK_MODE": "ui.kiosk_mode",
    "KIOSK_PAPER": "printing.paper",
    "KIOSK_PRINTER": "printing.printer",
    "KIOSK_PRINT_BACKEND": "printing.backend",
    "KIOSK_PRINT_DEVICE": "printing.device",
    "KIOSK_CAMERA": "camera.device",
    "KIOSK_SCANNER_PORT": "scanner.port",
    "KIOSK_CSCA_STORE": "chip.csca_store",
    "KIOSK_RETENTION_DAYS": "privacy.retention_days",
    "KIOSK_BACKUP_DIR": "backup.dir",
    "KIOSK_PIN_HASH_TIME_COST": "security.pin_hash_time_cost",
    "KIOSK_PIN_HASH_MEMORY_KIB": "security.pin_hash_memory_kib",
}


def default_config_dir(env: Mapping[str, str]) -> Path:
    """``KIOSK_CONFIG_DIR`` or the platform's per-user config directory."""
    return Path(env.get("KIOSK_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def default_data_dir(env: Mapping[str, str]) -> Path:
    """``KIOSK_DATA_DIR`` or the platform's per-user data directory."""
    return Path(env.get("KIOSK_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


LOG_FOLDER = "logs"
REPORTS_FOLDER = "reports"

BAD_KEY_VALUE = QT_TRANSLATE_NOOP("settings", "Khóa cấu hình '{key}' {reason} (giá trị: {value}).")
UNKNOWN_KEY = QT_TRANSLATE_NOOP("settings", "Khóa cấu hình '{key}' không được hỗ trợ (tệp {path}).")
NOT_A_TABLE = QT_TRANSLATE_NOOP("settings", "Mục [{section}] trong tệp cấu hình phải là một bảng.")
BAD_TARGET = QT_TRANSLATE_NOOP(
    "settings",
    "Khóa cấu hình 'targets.{key}' phải là tỉ lệ từ 0 đến 1, hoặc một số lượng (số nguyên lớn "
    "hơn 1) nếu tên khóa không kết thúc bằng _share (giá trị: {value}).",
)


def default_log_dir(env: Mapping[str, str]) -> Path:
    """Where the log goes (``Settings.log_dir``), known before the settings are read, so that
    a settings error is logged to the file like any other."""
    return default_data_dir(env) / LOG_FOLDER


def _shown(value: Any) -> str:
    """A value as a message quotes it: its repr (escapes control characters), cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _flatten(document: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for section, table in document.items():
        if section == "targets":
            continue
        if not isinstance(table, dict):
            problems.append(NOT_A_TABLE.format(section=section))
            continue
        for key, value in table.items():
            flat[f"{section}.{key}"] = value
    return flat


def _targets(document: Mapping[str, Any], problems: list[str]) -> dict[str, float]:
    raw = document.get("targets", {})
    if not isinstance(raw, dict):
        problems.append(NOT_A_TABLE.format(section="targets"))
        return {}
    targets: dict[str, float] = {}
    for key, value in raw.items():
        if _target_value(key, value):
            targets[key] = float(value)
        else:
            problems.append(BAD_TARGET.format(key=key, value=_shown(value)))  # nan, inf too
    return targets


def _target_value(key: str, value: Any) -> bool:
    """A share from 0 to 1, or a count: a whole number above 1 (never for a ``*_share`` key).

    A count target (e.g. people the commune asks the centre to help) gets a progress bar on
    the dashboard; a share's denominator is the province's (README, "Figures").
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if 0 <= value <= 1:
        return True
    return isinstance(value, int) and value > 1 and not key.endswith("_share")


def load_settings(
    env: Mapping[str, str] | None = None, *, config_file: Path | None = None
) -> Settings:
    """Read the settings file (if any) and the environment into a validated :class:`Settings`.

    Raises one :class:`SettingsError` that names every wrong key and its value.
    """
    env = os.environ if env is None else env
    config_dir = default_config_dir(env)
    path = config_file or config_dir / SETTINGS_FILE
    document = read_document(path)
    problems: list[str] = []  # every wrong value, so that one run names them all
    values = _flatten(document, problems)
    for variable, key in ENV_OVERRIDES.items():
        if variable in env:
            values[key] = env[variable]
    converted: dict[str, Any] = {}
    wrong: list[str] = []
    for key, value in values.items():
        if key not in _KEYS:
            problems.append(UNKNOWN_KEY.format(key=key, path=path))
            wrong.append(key)
            continue
        attribute, convert = _KEYS[key]
        try:
            converted[attribute] = convert(value)
        except ValueError as exc:
            problems.append(BAD_KEY_VALUE.format(key=key, reason=exc, value=_shown(value)))
            wrong.append(key)
    targets = _targets(document, problems)
    converted["central_database_url"] = v.with_tls(
        converted.get("central_database_url", ""),
        converted.get("central_sslmode", ""),
        converted.get("central_sslrootcert", ""),
    )
    if problems:
        raise SettingsError(
            " ".join(problems), detail=f"bad settings: {', '.join(wrong) or 'sections'}"
        )
    return Settings(
        config_dir=config_dir, data_dir=default_data_dir(env), targets=targets, **converted
    )


def settings_template() -> str:
    """A commented settings file with the defaults, for administrators to start from."""
    defaults = {f.name: f.default for f in fields(Settings) if f.name in _ATTRIBUTES}
    lines = ["# Cấu hình Quầy Số. Xem README.md, mục Cấu hình.", ""]
    section = ""
    for key, (attribute, _convert) in _KEYS.items():
        head, name = key.split(".")
        if head != section:
            lines.append(f"[{head}]")
            section = head
        value = defaults[attribute]
        rendered = f'"{value}"' if isinstance(value, str) else str(value)
        if isinstance(value, bool):
            rendered = str(value).lower()  # TOML booleans
        lines.append(f"{name} = {rendered}")
    lines += ["", "[targets]", "online_filing_share = 0.8", "adults_with_signature = 0.5", ""]
    return "\n".join(lines)


_ATTRIBUTES = {attribute for attribute, _ in _KEYS.values()}

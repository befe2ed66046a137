"""The converters of the settings: each turns a TOML or environment value into the kiosk's,
or raises ``ValueError`` with a Vietnamese reason (the loader adds the key and the value)."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from typing import Any

from kiosk.errors import QT_TRANSLATE_NOOP

_COUNTER_CODE = re.compile(r"^[A-Z0-9]{1,8}$")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,18}")

MUST_BE_TEXT = QT_TRANSLATE_NOOP("settings", "phải là một chuỗi chữ")
MUST_BE_INTEGER = QT_TRANSLATE_NOOP("settings", "phải là số nguyên")
MUST_BE_FINITE = QT_TRANSLATE_NOOP(
    "settings", "phải là một số nguyên hữu hạn, không phải inf hay nan"
)
MUST_BE_BETWEEN = QT_TRANSLATE_NOOP("settings", "phải nằm trong khoảng {low}–{high}")
MUST_BE_ONE_OF = QT_TRANSLATE_NOOP("settings", "phải là một trong: {options}")
MUST_BE_BOOLEAN = QT_TRANSLATE_NOOP("settings", "phải là true hoặc false")
BAD_COUNTER_CODE = QT_TRANSLATE_NOOP(
    "settings", "phải gồm 1–8 chữ cái in hoa hoặc chữ số, ví dụ Q01"
)
BAD_CHARACTERS = QT_TRANSLATE_NOOP(
    "settings", "có ký tự không hợp lệ (ký tự rỗng hoặc mã Unicode lẻ); hãy gõ lại giá trị"
)
DATABASE_URL_FORMS = QT_TRANSLATE_NOOP(
    "settings",
    "chỉ hỗ trợ sqlite:////đường/dẫn/tuyệt/đối/kiosk.sqlite3 hoặc "
    "postgresql+psycopg://người_dùng@máy/tên_csdl",
)
SQLITE_NEEDS_ABSOLUTE_PATH = QT_TRANSLATE_NOOP(
    "settings",
    "phải chỉ tới một tệp bằng đường dẫn tuyệt đối, ví dụ "
    "sqlite:////var/lib/quay-so/kiosk.sqlite3 (bốn dấu /)",
)
_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
NEEDS_ABSOLUTE_PATH = QT_TRANSLATE_NOOP(
    "settings", "phải là đường dẫn tuyệt đối tới tệp chứng chỉ, ví dụ /etc/quay-so/centre-ca.crt"
)


def plain_text(value: Any) -> str:
    """A string, stripped; no NUL and no lone surrogate (an undecodable environment byte)."""
    if not isinstance(value, str):
        raise ValueError(MUST_BE_TEXT)
    if "\x00" in value or any("\ud800" <= char <= "\udfff" for char in value):
        raise ValueError(BAD_CHARACTERS)  # a NUL or a lone surrogate (undecodable bytes)
    return value.strip()


def whole_number(value: Any) -> int:
    """An int from TOML (an int, or a float that is whole) or from the environment (text)."""
    if isinstance(value, bool):
        raise ValueError(MUST_BE_INTEGER)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(MUST_BE_FINITE)
        if not value.is_integer():
            raise ValueError(MUST_BE_INTEGER)
        return int(value)
    text = plain_text(value)
    if text.lower().lstrip("+-") in ("inf", "infinity", "nan"):
        raise ValueError(MUST_BE_FINITE)
    # ASCII digits only (int() also takes "٣٠"), at most 18: far past every range below.
    if not _WHOLE_NUMBER.fullmatch(text):
        raise ValueError(MUST_BE_INTEGER)
    return int(text)


def int_between(low: int, high: int) -> Callable[[Any], int]:
    """A converter to a whole number from ``low`` to ``high``."""

    def convert(value: Any) -> int:
        number = whole_number(value)
        if not low <= number <= high:
            raise ValueError(MUST_BE_BETWEEN.format(low=low, high=high))
        return number

    return convert


def choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    """A converter to one of ``options`` (case-insensitive)."""

    def convert(value: Any) -> str:
        text = plain_text(value).lower()
        if text not in options:
            raise ValueError(MUST_BE_ONE_OF.format(options=", ".join(options)))
        return text

    return convert


def counter_code(value: Any) -> str:
    """A counter code: 1–8 capital letters or digits."""
    text = plain_text(value).upper()
    if not _COUNTER_CODE.match(text):
        raise ValueError(BAD_COUNTER_CODE)
    return text


def database_url(value: Any) -> str:
    """A SQLAlchemy URL SQLAlchemy can parse: SQLite at an absolute path, or PostgreSQL through
    psycopg (``postgresql://`` is taken to mean that)."""
    text = plain_text(value)
    if not text:
        return text
    if text.startswith("postgresql://"):
        text = "postgresql+psycopg://" + text.removeprefix("postgresql://")
    from sqlalchemy.engine import make_url  # only when a URL is set: --help stays light
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)  # "sqlite:relative.db" (ArgumentError), a port that is no number
    except (ArgumentError, ValueError):
        raise ValueError(DATABASE_URL_FORMS) from None
    if url.drivername not in _DRIVERS:  # mysql://, postgresql+psycopg2:// (not installed)
        raise ValueError(DATABASE_URL_FORMS)
    if url.get_backend_name() == "sqlite" and not os.path.isabs(url.database or ""):
        raise ValueError(SQLITE_NEEDS_ABSOLUTE_PATH)  # relative: a new file wherever we start
    return text


def boolean(value: Any) -> bool:
    """A TOML boolean, or true/false, 1/0, yes/no as text."""
    if isinstance(value, bool):
        return value
    text = plain_text(value).lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError(MUST_BE_BOOLEAN)


def print_device(value: Any) -> str:
    """An ESC/POS target that :func:`~kiosk.devices.printers.targets.parse_target` takes."""
    text = plain_text(value)
    if text:
        from kiosk.devices.printers.targets import parse_target

        parse_target(text)  # a ValueError says what is wrong with the address
    return text


def camera(value: Any) -> str:
    """A camera index (TOML int) or device name."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return plain_text(value)


def ssl_mode(value: Any) -> str:
    """A libpq ``sslmode`` (``verify-full`` checks the centre's certificate and name), or ""
    for what the URL says (libpq's default: ``prefer``)."""
    text = plain_text(value).lower()
    if text and text not in SSL_MODES:
        raise ValueError(MUST_BE_ONE_OF.format(options=", ".join(SSL_MODES)))
    return text


def certificate_file(value: Any) -> str:
    """An absolute path to a certificate file, or ""."""
    text = plain_text(value)
    if text and not os.path.isabs(text):
        raise ValueError(NEEDS_ABSOLUTE_PATH)
    return text


def with_tls(url: str, sslmode: str, sslrootcert: str) -> str:
    """A PostgreSQL ``url`` with ``sslmode`` and ``sslrootcert`` (when given) in its query,
    replacing the URL's own; a SQLite or empty URL as it is."""
    if not url or not (sslmode or sslrootcert):
        return url
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    tls = {"sslmode": sslmode, "sslrootcert": sslrootcert}
    query = {name: value for name, value in tls.items() if value}
    return parsed.update_query_dict(query).render_as_string(hide_password=False)

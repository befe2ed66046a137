"""Errors a person can meet, each with one clear Vietnamese message.

The message is the Vietnamese source text; the UI translates it through Qt
(the ``QT_TRANSLATE_NOOP`` marker lets ``pyside6-lupdate`` find it without this
module importing Qt). Log lines carry the English ``detail``, never personal data.
"""

from __future__ import annotations

#: (context, text) of every marked message with ``{placeholders}``, in marking order: a
#: message formatted before it was shown (a printer's name, a number of tries) is matched
#: against these to be translated (kiosk.ui.i18n.translate_message).
TEMPLATES: dict[tuple[str, str], None] = {}  # an ordered set


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for extraction by Qt's lupdate; returns it unchanged."""
    if "{" in text:
        TEMPLATES.setdefault((context, text))  # marked again at each call inside a function
    return text


class KioskError(Exception):
    """Base of every error that is shown to a person rather than a traceback."""

    exit_code = 1

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message

    def __str__(self) -> str:
        return self.message


class SettingsError(KioskError):
    """The settings file or an environment override is invalid."""

    exit_code = 2


class InputError(KioskError):
    """A command or form received a value it cannot use."""

    exit_code = 2


class DatabaseUnavailableError(KioskError):
    """The database cannot be reached or opened."""

    exit_code = 3


class DatabaseCorruptError(KioskError):
    """The database file is damaged or belongs to another program."""

    exit_code = 3


class StorageFullError(KioskError):
    """The disk holding the database is full."""

    exit_code = 4


class DayClosedError(KioskError):
    """An edit touched a day that has already been closed."""


class NotFoundError(KioskError):
    """A receipt, transaction or helper does not exist."""


class AuthenticationError(KioskError):
    """A wrong PIN, a locked account or a missing permission."""

    exit_code = 5


class KeyMismatchError(KioskError):
    """The privacy key file does not belong to this database."""

    exit_code = 6


class PermissionRefusedError(KioskError):
    """The database server refuses what the connected account tried (SQLSTATE 42501): at a
    centre, a counter's role writing what is not its own (kiosk.services.sync.roles)."""

    exit_code = 5


class SchemaVersionError(KioskError):
    """A database's schema is not the one this version of the kiosk works with: newer (made
    by a newer kiosk), or a centre's older or newer than this counter."""

    exit_code = 7

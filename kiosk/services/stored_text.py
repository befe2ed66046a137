"""Text a person typed, made fit for the database before any use case stores it.

Every text field that reaches a table is normalised here (NFC, spaces trimmed and, on one
line, collapsed; dossier codes upper-cased and normalised again), then checked in that
final form: its length against the column that holds it (``ß`` becomes ``SS``, so a code
checked before upper-casing could be twice the column's length), and its characters:
control characters (NUL above all: PostgreSQL refuses it in text), invisible format
characters and lone surrogates are refused. The local SQLite database would take all of
them, but the centre's PostgreSQL would not, and one such row would stop a counter's
sending. Limits come from the models' column lengths; encrypted and ``Text`` columns have
none, so their fields name one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import String
from sqlalchemy.orm import InstrumentedAttribute

from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.storage.models import AssistedService, Consent, GuideStuckPoint, Helper

# Refused wherever they appear: control (Cc, except the whitespace a field allows),
# format (Cf: zero-width and direction marks, soft hyphen) and surrogates (Cs).
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_ONE_LINE_SPACES = frozenset("\t\n\r\u2028\u2029")  # become one space on a one-line field
_MULTILINE_SPACES = frozenset("\t\n\r")


class TextFieldError(InputError):
    """A typed text the database cannot hold; ``template``/``params`` for translation."""

    translation_context = "Errors"

    def __init__(self, template: str, *, detail: str, **params: str) -> None:
        super().__init__(template.format(**params), detail=detail)
        self.template = template
        self.params = params


@dataclass(frozen=True)
class TextField:
    """One kind of typed text: how it is normalised, how long it may be, what it says."""

    name: str  # English, for the log
    limit: int  # characters, after normalisation
    too_long: str  # message template with {limit} and {length}
    bad_character: str  # message template with {position}
    upper: bool = False
    multiline: bool = False


def column_length(attribute: InstrumentedAttribute[str] | InstrumentedAttribute[str | None]) -> int:
    """The length of a model's ``String(n)`` column, in characters."""
    column_type = attribute.property.columns[0].type
    assert isinstance(column_type, String) and column_type.length, attribute
    return int(column_type.length)


HELPER_NAME = TextField(
    "helper name",
    column_length(Helper.full_name),
    QT_TRANSLATE_NOOP("Errors", "Họ tên người hỗ trợ dài quá {limit} ký tự (đang có {length})."),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Họ tên người hỗ trợ có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); "
        "hãy gõ lại họ tên.",
    ),
)
DOSSIER_CODE = TextField(
    "dossier code",
    column_length(AssistedService.dossier_code),
    QT_TRANSLATE_NOOP("Errors", "Mã hồ sơ dài quá {limit} ký tự (viết hoa thành {length} ký tự)."),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Mã hồ sơ có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại mã.",
    ),
    upper=True,
)
PROCEDURE_NAME = TextField(
    "procedure name",
    column_length(AssistedService.procedure_name),
    QT_TRANSLATE_NOOP("Errors", "Tên thủ tục dài quá {limit} ký tự (đang có {length})."),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Tên thủ tục có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.",
    ),
)
VISIT_NOTES = TextField(
    "visit notes",
    1000,  # stored encrypted: no column length; a page of notes is plenty
    QT_TRANSLATE_NOOP("Errors", "Ghi chú dài quá {limit} ký tự (đang có {length})."),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Ghi chú có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.",
    ),
    multiline=True,
)
CORRECTION_REASON = TextField(
    "correction reason",
    500,  # a Text column: no length of its own
    QT_TRANSLATE_NOOP("Errors", "Lý do điều chỉnh dài quá {limit} ký tự (đang có {length})."),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Lý do điều chỉnh có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.",
    ),
)
FOLLOW_UP_PHONE = TextField(
    "follow-up phone",
    20,  # stored encrypted; an international number with spaces fits
    QT_TRANSLATE_NOOP("Errors", "Số điện thoại dài quá {limit} ký tự (đang có {length})."),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Số điện thoại có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.",
    ),
)
CITIZEN_NAME = TextField(
    "citizen name",
    100,  # stored encrypted; the ID-card rules' limit (identity.rules.MAX_NAME_CHARS)
    QT_TRANSLATE_NOOP("Errors", "Họ tên người dân dài quá {limit} ký tự (đang có {length})."),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Họ tên người dân có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy nhập lại.",
    ),
)
# Written from the guides and the consent notice, not typed; checked all the same, since
# a data file with a long or broken value must not reach the centre either.
GUIDE_STEP_ID = TextField(
    "guide step id",
    column_length(GuideStuckPoint.step_id),
    QT_TRANSLATE_NOOP(
        "Errors", "Mã bước hướng dẫn dài quá {limit} ký tự (đang có {length}); báo cán bộ CNTT."
    ),
    QT_TRANSLATE_NOOP(
        "Errors", "Mã bước hướng dẫn có ký tự không hợp lệ (ở vị trí {position}); báo cán bộ CNTT."
    ),
)
NOTICE_VERSION = TextField(
    "consent notice version",
    column_length(Consent.notice_version),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Phiên bản thông báo đồng ý dài quá {limit} ký tự (đang có {length}); báo cán bộ CNTT.",
    ),
    QT_TRANSLATE_NOOP(
        "Errors",
        "Phiên bản thông báo đồng ý có ký tự không hợp lệ (ở vị trí {position}); báo cán bộ CNTT.",
    ),
)


def clean_text(field: TextField, value: str) -> str:
    """``value`` as it will be stored ("" when blank), or :class:`TextFieldError`."""
    text = unicodedata.normalize("NFC", value)
    allowed = _MULTILINE_SPACES if field.multiline else _ONE_LINE_SPACES
    for index, char in enumerate(text):
        if char not in allowed and unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise TextFieldError(
                field.bad_character,
                detail=f"{field.name}: refused character U+{ord(char):04X} at {index + 1}",
                position=str(index + 1),
            )
    if field.multiline:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines).strip()
    else:
        text = " ".join(text.split())
    if field.upper:
        text = unicodedata.normalize("NFC", text.upper())
    if len(text) > field.limit:
        raise TextFieldError(
            field.too_long,
            detail=f"{field.name}: {len(text)} characters, at most {field.limit}",
            limit=str(field.limit),
            length=str(len(text)),
        )
    return text


def clean_optional(field: TextField, value: str | None) -> str | None:
    """:func:`clean_text`, with ``None`` for a missing or blank value."""
    if value is None:
        return None
    return clean_text(field, value) or None

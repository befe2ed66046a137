"""What can be wrong in a guide file: every kind of problem, and the error naming file and line.

Each message is Vietnamese (marked for Qt's lupdate, context "guides") with an English text
for the log.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError
from kiosk.resources import resources_dir

# Problem kind → (Vietnamese message, marked for Qt's lupdate; English text for the log).
PROBLEMS: dict[str, tuple[str, str]] = {
    "unreadable": (
        QT_TRANSLATE_NOOP("guides", "không đọc được tệp ({detail})"),
        "cannot read the file ({detail})",
    ),
    "encoding": (
        QT_TRANSLATE_NOOP("guides", "tệp không phải văn bản UTF-8"),
        "the file is not UTF-8 text",
    ),
    "syntax": (
        QT_TRANSLATE_NOOP("guides", "sai cú pháp TOML ở cột {column} ({detail})"),
        "TOML syntax error at column {column} ({detail})",
    ),
    "missing_key": (
        QT_TRANSLATE_NOOP("guides", 'thiếu trường "{key}"'),
        'missing field "{key}"',
    ),
    "missing_key_step": (
        QT_TRANSLATE_NOOP("guides", 'thiếu trường "{key}" trong bước {step}'),
        'missing field "{key}" in step {step}',
    ),
    "unknown_key": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" không được hỗ trợ'),
        'unsupported field "{key}"',
    ),
    "unknown_key_step": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" trong bước {step} không được hỗ trợ'),
        'unsupported field "{key}" in step {step}',
    ),
    "wrong_type": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" phải là {expected}'),
        'field "{key}" must be {expected_en}',
    ),
    "wrong_type_step": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" trong bước {step} phải là {expected}'),
        'field "{key}" in step {step} must be {expected_en}',
    ),
    "empty": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" đang để trống'),
        'field "{key}" is empty',
    ),
    "empty_step": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" trong bước {step} đang để trống'),
        'field "{key}" in step {step} is empty',
    ),
    "not_nfc": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" chưa ở dạng Unicode dựng sẵn (NFC): gõ lại chữ có dấu'
            " hoặc lưu tệp ở dạng NFC",
        ),
        'field "{key}" is not in Unicode NFC',
    ),
    "not_nfc_step": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" trong bước {step} chưa ở dạng Unicode dựng sẵn (NFC):'
            " gõ lại chữ có dấu hoặc lưu tệp ở dạng NFC",
        ),
        'field "{key}" in step {step} is not in Unicode NFC',
    ),
    "too_long": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" dài {length} ký tự, tối đa {limit}'),
        'field "{key}" has {length} characters, at most {limit}',
    ),
    "too_long_step": (
        QT_TRANSLATE_NOOP(
            "guides", 'trường "{key}" trong bước {step} dài {length} ký tự, tối đa {limit}'
        ),
        'field "{key}" in step {step} has {length} characters, at most {limit}',
    ),
    "item_wrong_type": (
        QT_TRANSLATE_NOOP("guides", 'mục thứ {item} của "{key}" phải là chuỗi văn bản'),
        'item {item} of "{key}" must be text',
    ),
    "item_empty": (
        QT_TRANSLATE_NOOP("guides", 'mục thứ {item} của "{key}" đang để trống'),
        'item {item} of "{key}" is empty',
    ),
    "item_not_nfc": (
        QT_TRANSLATE_NOOP(
            "guides", 'mục thứ {item} của "{key}" chưa ở dạng Unicode dựng sẵn (NFC)'
        ),
        'item {item} of "{key}" is not in Unicode NFC',
    ),
    "item_too_long": (
        QT_TRANSLATE_NOOP(
            "guides", 'mục thứ {item} của "{key}" dài {length} ký tự, tối đa {limit}'
        ),
        'item {item} of "{key}" has {length} characters, at most {limit}',
    ),
    # How a text addresses the citizen (wording.py): {allowed} is "{you}, {You}".
    "unknown_token": (
        QT_TRANSLATE_NOOP(
            "guides", 'trường "{key}" có "{token}": chỉ được dùng {allowed} để xưng hô'
        ),
        'field "{key}" holds "{token}": only {allowed} may be used, for the form of address',
    ),
    "unknown_token_step": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" trong bước {step} có "{token}": chỉ được dùng {allowed} để xưng hô',
        ),
        'field "{key}" in step {step} holds "{token}": only {allowed} may be used,'
        " for the form of address",
    ),
    "item_unknown_token": (
        QT_TRANSLATE_NOOP(
            "guides", 'mục thứ {item} của "{key}" có "{token}": chỉ được dùng {allowed} để xưng hô'
        ),
        'item {item} of "{key}" holds "{token}": only {allowed} may be used,'
        " for the form of address",
    ),
    "misplaced_token": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" không được có "{token}": chỉ chữ tiếng Việt người dân đọc'
            " (tiêu đề, tóm tắt, cần chuẩn bị, nội dung bước) mới có chữ xưng hô",
        ),
        'field "{key}" may not hold "{token}": only the Vietnamese texts the citizen reads'
        " (titles, summary, needs, step texts) address them",
    ),
    "misplaced_token_step": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" trong bước {step} không được có "{token}": chỉ chữ tiếng Việt'
            " người dân đọc (tiêu đề, tóm tắt, cần chuẩn bị, nội dung bước) mới có chữ xưng hô",
        ),
        'field "{key}" in step {step} may not hold "{token}": only the Vietnamese texts the'
        " citizen reads (titles, summary, needs, step texts) address them",
    ),
    "item_misplaced_token": (
        QT_TRANSLATE_NOOP(
            "guides",
            'mục thứ {item} của "{key}" không được có "{token}": chỉ chữ tiếng Việt người dân'
            " đọc (tiêu đề, tóm tắt, cần chuẩn bị, nội dung bước) mới có chữ xưng hô",
        ),
        'item {item} of "{key}" may not hold "{token}": only the Vietnamese texts the citizen'
        " reads (titles, summary, needs, step texts) address them",
    ),
    "third_person": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" nói về "{phrase}" ở ngôi thứ ba: người dân đọc chữ này trên màn'
            " hình, hãy nói với họ bằng {allowed} hoặc câu không cần chủ ngữ",
        ),
        'field "{key}" speaks of "{phrase}" in the third person: the citizen reads it on the'
        " screen, address them with {allowed} or a sentence without a subject",
    ),
    "third_person_step": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" trong bước {step} nói về "{phrase}" ở ngôi thứ ba: người dân đọc'
            " chữ này trên màn hình, hãy nói với họ bằng {allowed} hoặc câu không cần chủ ngữ",
        ),
        'field "{key}" in step {step} speaks of "{phrase}" in the third person: the citizen'
        " reads it on the screen, address them with {allowed} or a sentence without a subject",
    ),
    "item_third_person": (
        QT_TRANSLATE_NOOP(
            "guides",
            'mục thứ {item} của "{key}" nói về "{phrase}" ở ngôi thứ ba: người dân đọc chữ này'
            " trên màn hình, hãy nói với họ bằng {allowed} hoặc câu không cần chủ ngữ",
        ),
        'item {item} of "{key}" speaks of "{phrase}" in the third person: the citizen reads it'
        " on the screen, address them with {allowed} or a sentence without a subject",
    ),
    "schema": (
        QT_TRANSLATE_NOOP(
            "guides", "phiên bản định dạng {value} không được hỗ trợ (chỉ hỗ trợ {supported})"
        ),
        "schema version {value} is not supported (only {supported})",
    ),
    "unknown_service": (
        QT_TRANSLATE_NOOP("guides", 'mã dịch vụ "{code}" không có trong danh mục dịch vụ'),
        'service code "{code}" is not in the catalogue',
    ),
    "file_name": (
        QT_TRANSLATE_NOOP(
            "guides", 'hướng dẫn của dịch vụ "{code}" phải nằm trong tệp "{expected}"'
        ),
        'the guide of service "{code}" must be in the file "{expected}"',
    ),
    "needs_length": (
        QT_TRANSLATE_NOOP(
            "guides",
            '"needs_vi" có {vi} mục nhưng "needs_en" có {en} mục: hai danh sách phải dài bằng nhau',
        ),
        '"needs_vi" has {vi} items but "needs_en" has {en}: they must be the same length',
    ),
    "checked_format": (
        QT_TRANSLATE_NOOP("guides", 'trường "checked" phải có dạng "NĂM-THÁNG", ví dụ "2026-11"'),
        'field "checked" must look like "YEAR-MONTH", e.g. "2026-11"',
    ),
    "checked_format_step": (
        QT_TRANSLATE_NOOP(
            "guides", 'trường "checked" trong bước {step} phải có dạng "NĂM-THÁNG", ví dụ "2026-12"'
        ),
        'field "checked" in step {step} must look like "YEAR-MONTH", e.g. "2026-12"',
    ),
    "too_many_steps": (
        QT_TRANSLATE_NOOP("guides", "hướng dẫn có {count} bước, tối đa {limit} bước"),
        "the guide has {count} steps, at most {limit}",
    ),
    "too_few_steps": (
        QT_TRANSLATE_NOOP("guides", "hướng dẫn có {count} bước, cần ít nhất {limit} bước"),
        "the guide has {count} steps, at least {limit} are needed",
    ),
    "bad_step_id": (
        QT_TRANSLATE_NOOP(
            "guides",
            'mã bước "{value}" trong bước {step} chỉ được gồm chữ thường không dấu,'
            " chữ số và dấu gạch dưới",
        ),
        'step id "{value}" in step {step} may hold only a-z, 0-9 and _',
    ),
    "duplicate_step_id": (
        QT_TRANSLATE_NOOP(
            "guides", 'mã bước "{value}" trong bước {step} bị trùng với bước {first}'
        ),
        'step id "{value}" in step {step} repeats step {first}',
    ),
    "bad_image_name": (
        QT_TRANSLATE_NOOP(
            "guides",
            'ảnh "{value}" trong bước {step} phải là tên một tệp .svg trong thư mục images/',
        ),
        'image "{value}" in step {step} must name an .svg file in images/',
    ),
    "missing_image": (
        QT_TRANSLATE_NOOP("guides", 'không có tệp ảnh "images/{value}" dùng ở bước {step}'),
        'no image file "images/{value}" used in step {step}',
    ),
    "bad_svg": (
        QT_TRANSLATE_NOOP("guides", "ảnh SVG bị hỏng ({detail})"),
        "broken SVG image ({detail})",
    ),
    "not_svg": (
        QT_TRANSLATE_NOOP("guides", "tệp không phải ảnh SVG có thuộc tính viewBox"),
        "the file is not an SVG image with a viewBox",
    ),
    "unknown_link": (
        QT_TRANSLATE_NOOP(
            "guides", 'bước {step} trỏ tới hướng dẫn "{code}" không có trong danh mục dịch vụ'
        ),
        'step {step} points to the guide "{code}", which is not in the catalogue',
    ),
    "self_link": (
        QT_TRANSLATE_NOOP("guides", 'bước {step} trỏ tới chính hướng dẫn "{code}" này'),
        'step {step} points to its own guide "{code}"',
    ),
    "missing_link_guide": (
        QT_TRANSLATE_NOOP(
            "guides", 'bước {step} trỏ tới hướng dẫn "{code}" nhưng thư mục không có tệp đó'
        ),
        'step {step} points to the guide "{code}", which has no file in this directory',
    ),
    "missing_guide": (
        QT_TRANSLATE_NOOP("guides", 'dịch vụ "{code}" trong danh mục chưa có hướng dẫn'),
        'catalogue service "{code}" has no guide',
    ),
    "missing_directory": (
        QT_TRANSLATE_NOOP("guides", "không tìm thấy thư mục hướng dẫn"),
        "the guides directory does not exist",
    ),
}
_AT_LINE = QT_TRANSLATE_NOOP("guides", "{file}, dòng {line}: {problem}")
_AT_FILE = QT_TRANSLATE_NOOP("guides", "{file}: {problem}")

# Kinds of value a field may hold, named for the message (Vietnamese, English).
TEXT = (QT_TRANSLATE_NOOP("guides", "chuỗi văn bản"), "text")
INTEGER = (QT_TRANSLATE_NOOP("guides", "số nguyên"), "an integer")
TEXT_LIST = (QT_TRANSLATE_NOOP("guides", "danh sách chuỗi văn bản"), "a list of text")
STEP_LIST = (QT_TRANSLATE_NOOP("guides", "danh sách các bước [[steps]]"), "a list of [[steps]]")
STEP_TABLE = (QT_TRANSLATE_NOOP("guides", "một bảng [[steps]]"), "a [[steps]] table")


def _display(path: Path) -> str:
    """``guides/vssid.toml`` for a shipped file, the path as given for any other."""
    try:
        return path.resolve().relative_to(resources_dir()).as_posix()
    except (ValueError, OSError):
        return str(path)


class GuideError(KioskError):
    """A guide file (or an image it names) is malformed; names the file and the line.

    ``line`` is 1-based; it is ``None`` only when a whole file or directory is missing.
    ``kind`` says which rule was broken (``missing_key``, ``not_nfc``…), ``problem`` is the
    Vietnamese sentence without the place.
    """

    exit_code = 2

    def __init__(self, path: Path, line: int | None, kind: str, **values: object) -> None:
        vi, en = PROBLEMS[kind]
        self.path = path
        self.line = line
        self.kind = kind
        self.problem = vi.format(**values)
        where = _display(path)
        if line is None:
            message = _AT_FILE.format(file=where, problem=self.problem)
        else:
            message = _AT_LINE.format(file=where, line=line, problem=self.problem)
        super().__init__(message, detail=f"{self.location}: {en.format(**values)}")

    @property
    def location(self) -> str:
        """``path:line`` as editors and compilers print it (just the path without a line)."""
        return str(self.path) if self.line is None else f"{self.path}:{self.line}"

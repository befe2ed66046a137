"""The settings file read as TOML; every way reading it can fail is one Vietnamese message."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from kiosk.errors import QT_TRANSLATE_NOOP, SettingsError

NOT_TOML = QT_TRANSLATE_NOOP(
    "settings", "Tệp cấu hình {path} không đúng định dạng TOML (dòng {line}, cột {column})."
)
NOT_UTF8 = QT_TRANSLATE_NOOP(
    "settings", "Tệp cấu hình {path} không phải văn bản UTF-8; hãy lưu lại tệp với mã UTF-8."
)
IS_A_FOLDER = QT_TRANSLATE_NOOP(
    "settings",
    "{path} là một thư mục, không phải tệp cấu hình; hãy xóa thư mục đó hoặc chạy "
    "kiosk config init để tạo tệp.",
)
UNREADABLE = QT_TRANSLATE_NOOP(
    "settings", "Không đọc được tệp cấu hình {path} ({reason}); hãy kiểm tra quyền của tệp."
)
NO_PERMISSION = QT_TRANSLATE_NOOP("settings", "không có quyền đọc")
_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_document(path: Path) -> dict[str, Any]:
    """The settings file as TOML (``{}`` when there is none).

    Raises :class:`SettingsError` for a folder in its place, a file that cannot be read, is
    not UTF-8 or is not TOML (with the line and column of the mistake).
    """
    try:
        if not path.exists():
            return {}
        text = path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise SettingsError(
            IS_A_FOLDER.format(path=path), detail="settings file is a folder"
        ) from None
    except UnicodeDecodeError as exc:
        raise SettingsError(NOT_UTF8.format(path=path), detail=f"settings file: {exc}") from None
    except OSError as exc:
        reason = NO_PERMISSION if isinstance(exc, PermissionError) else exc.strerror
        raise SettingsError(
            UNREADABLE.format(path=path, reason=reason or type(exc).__name__),
            detail=f"settings file unreadable: {exc}",
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_WHERE.search(str(exc))
        line, column = where.groups() if where else ("?", "?")
        raise SettingsError(
            NOT_TOML.format(path=path, line=line, column=column), detail=f"settings file: {exc}"
        ) from None

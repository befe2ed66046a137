"""The file an export writes: a hidden temporary beside it, and one clear message per failure.

Rows go to a hidden temporary file beside ``out`` (mode 0600), which replaces ``out`` only
once complete and audited, so a failure never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kiosk.errors import InputError, KioskError, StorageFullError

_OS_REASONS = {
    errno.EACCES: "không có quyền ghi vào đó, hoặc tệp đang mở trong chương trình khác (Excel)",
    errno.EPERM: "không có quyền ghi vào đó, hoặc tệp đang mở trong chương trình khác (Excel)",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "một phần của đường dẫn không phải thư mục",  # mkdir over a file
    errno.EISDIR: "đường dẫn là một thư mục",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}


def file_error(out: Path, exc: OSError) -> KioskError:
    """One clear message for a failed write of ``out``."""
    detail = f"{type(exc).__name__}: {exc}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFullError(
            f"Ổ đĩa chứa {out.parent} đã đầy nên chưa xuất được dữ liệu; không có tệp dở dang "
            "nào được để lại. Hãy giải phóng dung lượng hoặc chọn ổ đĩa khác rồi thử lại.",
            detail=detail,
        )
    reason = _OS_REASONS.get(exc.errno or 0, "lỗi hệ điều hành khi ghi tệp")
    return InputError(
        f"Không ghi được tệp {out}: {reason}. Hãy chọn thư mục khác "
        "(ví dụ thư mục Tài liệu) rồi thử lại.",
        detail=detail,
    )


@contextlib.contextmanager
def file_errors(out: Path) -> Iterator[None]:
    """An :class:`OSError` inside becomes the :func:`file_error` of ``out``."""
    try:
        yield
    except OSError as exc:
        raise file_error(out, exc) from exc


def temporary_beside(out: Path) -> Path:
    """An empty hidden file in ``out``'s folder (mode 0600), to be renamed onto ``out``."""
    if out.is_dir():
        raise InputError(f"{out} là một thư mục; hãy ghi cả tên tệp, ví dụ {out / 'xuat.csv'}.")
    with file_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(descriptor)
    return Path(name)

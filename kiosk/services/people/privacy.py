"""Personal-data protection: keyed hashing, masking and encryption at rest.

One random master key lives in a file outside the database (mode 0600). Two
sub-keys are derived from it: one for AES-GCM encryption of names, phone numbers
and notes, one for the HMAC that lets the kiosk recognise a returning citizen
without storing the ID number. Losing the file makes encrypted fields unreadable
and breaks the link between earlier and later visits; counts stay intact.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.errors import QT_TRANSLATE_NOOP, InputError, KioskError

_TOKEN_VERSION = b"\x01"
_NONCE_BYTES = 12
_ID_NUMBER = re.compile(r"^\d{12}$")


class PrivacyKeyError(KioskError):
    """The key file is missing, unreadable or malformed."""

    exit_code = 6


KEY_MISSING = QT_TRANSLATE_NOOP(
    "Errors",
    "Không có tệp khóa bảo vệ dữ liệu {path}, mà dữ liệu của máy này đã gắn với khóa mã "
    "{fingerprint}. Quầy Số không tạo khóa mới, vì họ tên và ghi chú đã mã hóa sẽ không đọc "
    "được nữa. Hãy chép lại đúng tệp khóa đó (bản sao để riêng, ví dụ trên USB cất trong két) "
    "vào {path} rồi khởi động lại.",
)

KEY_WRONG_LENGTH = QT_TRANSLATE_NOOP("Errors", "Khóa bảo vệ dữ liệu phải dài 32 byte.")
UNKNOWN_TOKEN = QT_TRANSLATE_NOOP("Errors", "Dữ liệu mã hóa có định dạng không xác định.")
CANNOT_DECRYPT = QT_TRANSLATE_NOOP(
    "Errors", "Không giải mã được dữ liệu: tệp khóa không khớp với cơ sở dữ liệu."
)
ID_NUMBER_SHAPE = QT_TRANSLATE_NOOP("Errors", "Số định danh cá nhân phải gồm đúng 12 chữ số.")
KEY_FILE_UNREADABLE = QT_TRANSLATE_NOOP("Errors", "Tệp khóa {path} bị hỏng hoặc không đọc được.")
KEY_FILE_WRONG_LENGTH = QT_TRANSLATE_NOOP("Errors", "Tệp khóa {path} bị hỏng (độ dài sai).")


class PrivacyKeyMissingError(PrivacyKeyError):
    """The key file is gone although data was bound to it; ``template``/``params`` for
    translation."""

    translation_context = "Errors"

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.template = KEY_MISSING
        self.params = {"path": str(path), "fingerprint": fingerprint}
        super().__init__(
            KEY_MISSING.format(**self.params),
            detail=f"privacy key file missing; data bound to key {fingerprint}",
        )


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


class PrivacyVault:
    """Encrypts, decrypts and hashes personal fields with keys derived from one master key."""

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise PrivacyKeyError(KEY_WRONG_LENGTH)
        self._aead = AESGCM(_derive(master_key, b"quay-so/encrypt/v1"))
        self._hash_key = _derive(master_key, b"quay-so/id-hash/v1")
        self.fingerprint = _derive(master_key, b"quay-so/fingerprint/v1")[:8].hex()

    def encrypt(self, text: str) -> bytes:
        """Encrypt ``text`` (NFC-normalised) into a self-describing token."""
        nonce = os.urandom(_NONCE_BYTES)
        plain = unicodedata.normalize("NFC", text).encode("utf-8")
        return _TOKEN_VERSION + nonce + self._aead.encrypt(nonce, plain, None)

    def decrypt(self, token: bytes) -> str:
        """Decrypt a token made by :meth:`encrypt` with the same key."""
        if not token or token[:1] != _TOKEN_VERSION:
            raise PrivacyKeyError(UNKNOWN_TOKEN)
        nonce, body = token[1 : 1 + _NONCE_BYTES], token[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, body, None).decode("utf-8")
        except InvalidTag:
            raise PrivacyKeyError(CANNOT_DECRYPT) from None

    def encrypt_optional(self, text: str | None) -> bytes | None:
        """Encrypt ``text`` unless it is empty or ``None``."""
        return self.encrypt(text) if text else None

    def decrypt_optional(self, token: bytes | None) -> str | None:
        """Decrypt ``token`` unless it is ``None``."""
        return self.decrypt(token) if token else None

    def id_hash(self, id_number: str) -> str:
        """Keyed hash of a 12-digit personal ID number (hex)."""
        number = normalise_id_number(id_number)
        return hmac.new(self._hash_key, number.encode("ascii"), hashlib.sha256).hexdigest()


def normalise_id_number(id_number: str) -> str:
    """Strip spaces and check the 12-digit shape; raise :class:`InputError` otherwise."""
    number = re.sub(r"\s+", "", id_number)
    if not _ID_NUMBER.match(number):
        raise InputError(ID_NUMBER_SHAPE)
    return number


def mask_id_number(id_number: str) -> str:
    """``001098012345`` → ``001******345``: province code and last three digits only."""
    number = normalise_id_number(id_number)
    return number[:3] + "*" * 6 + number[-3:]


def mask_phone(phone: str) -> str:
    """``0912345678`` → ``091****678``."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 6) + digits[-3:]


def load_or_create_key(path: Path, *, bound_to: str | None = None) -> bytes:
    """Read the master key, creating it (mode 0600) on first run.

    ``bound_to`` is the fingerprint of the key that data is already bound to (the
    database's, or the key's bindings file): then a missing key file is not a first run, and
    :class:`PrivacyKeyMissingError` says so instead of a new key being made.
    """
    if path.exists():
        try:
            raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
        except (ValueError, UnicodeDecodeError, OSError) as exc:
            raise PrivacyKeyError(KEY_FILE_UNREADABLE.format(path=path)) from exc
        if len(raw) != 32:
            raise PrivacyKeyError(KEY_FILE_WRONG_LENGTH.format(path=path))
        return raw
    if bound_to is not None:
        raise PrivacyKeyMissingError(path, bound_to)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = os.urandom(32)
    # Write a private temporary file, then link it into place: the key appears whole or not at
    # all, and when two processes start together the loser reads the winner's key.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(base64.b64encode(key).decode("ascii") + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)
    except FileExistsError:
        return load_or_create_key(path, bound_to=bound_to)
    finally:
        temporary.unlink(missing_ok=True)
    return key

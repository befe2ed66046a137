"""A guide pack's files: the manifest, the zip archive, the hashes and the allowed names.

A pack is a zip file holding ``manifest.json`` (format, version, date, the sha256 of every
other file), ``catalogue/services.toml``, ``guides/*.toml`` and ``guides/images/*.svg``.
Reading one refuses any other name, a path that climbs out (``../``), an oversized file,
and any file whose bytes do not match the manifest, before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

PACK_FORMAT = 1
MANIFEST = "manifest.json"
CATALOGUE_FILE = "catalogue/services.toml"
GUIDES_FOLDER = "guides"
MAX_FILES = 1000
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_PACK_BYTES = 50 * 1024 * 1024
VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
_NAME = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_MEMBER = re.compile(rf"catalogue/services\.toml|guides/{_NAME}\.toml|guides/images/{_NAME}\.svg")
_FOLDERS = ("catalogue/", "guides/", "guides/images/")

NOT_A_PACK = QT_TRANSLATE_NOOP("guides", "Tệp {file} không phải gói hướng dẫn (tệp zip) đọc được.")
BAD_MANIFEST = QT_TRANSLATE_NOOP(
    "guides", "Gói hướng dẫn có tệp manifest.json không hợp lệ: {why}."
)
BAD_MEMBER = QT_TRANSLATE_NOOP("guides", "Gói hướng dẫn có tệp không được phép: {name}.")
TOO_BIG = QT_TRANSLATE_NOOP("guides", "Gói hướng dẫn quá lớn ({name}).")
NOT_LISTED = QT_TRANSLATE_NOOP("guides", "Tệp {name} trong gói không có trong manifest.json.")
MISSING_MEMBER = QT_TRANSLATE_NOOP(
    "guides", "Gói hướng dẫn thiếu tệp {name} có trong manifest.json."
)
BAD_HASH = QT_TRANSLATE_NOOP("guides", "Tệp {name} trong gói đã bị sửa hoặc hỏng (sai mã sha256).")
BAD_VERSION = QT_TRANSLATE_NOOP(
    "guides",
    "Phiên bản gói hướng dẫn '{version}' không hợp lệ: tối đa 40 chữ cái không dấu, chữ số, "
    "'.', '_' hoặc '-'.",
)


class GuidePackError(KioskError):
    """A guide pack that cannot be exported, imported or rolled back; ``problems`` lists
    every reason (the message names the first)."""

    exit_code = 2

    def __init__(self, message: str, *, detail: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message, detail=detail)
        self.problems = problems or (message,)


@dataclass(frozen=True)
class Manifest:
    """What a pack says about itself."""

    version: str
    created: str  # ISO 8601, UTC
    files: Mapping[str, str]  # name in the pack → sha256 (hex)

    def to_json(self) -> bytes:
        """The manifest file's bytes."""
        document = {
            "format": PACK_FORMAT,
            "version": self.version,
            "created": self.created,
            "files": dict(sorted(self.files.items())),
        }
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def sha256(data: bytes) -> str:
    """The hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def check_version(version: str) -> str:
    """``version`` if it may name a pack; :class:`GuidePackError` otherwise."""
    if not VERSION.fullmatch(version):
        raise GuidePackError(BAD_VERSION.format(version=version), detail="bad guide pack version")
    return version


def is_member_name(name: str) -> bool:
    """Whether ``name`` may be a file of a pack (manifest aside)."""
    return _MEMBER.fullmatch(name) is not None


def parse_manifest(data: bytes) -> Manifest:
    """The manifest of a pack; :class:`GuidePackError` saying what is wrong with it."""

    def bad(why: str) -> GuidePackError:
        return GuidePackError(BAD_MANIFEST.format(why=why), detail=f"bad manifest: {why}")

    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise bad(f"JSON: {exc}") from None
    if not isinstance(document, dict):
        raise bad("not an object")
    if document.get("format") != PACK_FORMAT:
        raise bad(f"format {document.get('format')!r}, expected {PACK_FORMAT}")
    version, created, files = (document.get(k) for k in ("version", "created", "files"))
    if not isinstance(version, str):
        raise bad("version")
    check_version(version)
    if not isinstance(created, str) or not created:
        raise bad("created")
    if not isinstance(files, dict) or not files:
        raise bad("files")
    for name, digest in files.items():
        if not is_member_name(name):
            raise GuidePackError(BAD_MEMBER.format(name=name), detail="bad name in manifest")
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise bad(f"sha256 of {name}")
    return Manifest(version, created, dict(files))


def write_pack(out: Path, manifest: Manifest, contents: Mapping[str, bytes]) -> None:
    """Write the pack to ``out`` (through a temporary file: a half-written pack never has
    the final name)."""
    temporary = out.with_name(out.name + ".part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest.to_json())
        for name in sorted(contents):
            archive.writestr(name, contents[name])
    temporary.replace(out)


def read_pack(pack: Path) -> tuple[Manifest, dict[str, bytes]]:
    """The manifest and every file of ``pack``, each checked against its sha256.

    Raises :class:`GuidePackError` for a file that is not a zip, a name outside the layout,
    an oversized pack, a file the manifest does not list (or lists but is missing) and a
    hash that does not match.
    """
    try:
        with zipfile.ZipFile(pack) as archive:
            return _read_members(archive)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise GuidePackError(
            NOT_A_PACK.format(file=pack), detail=f"guide pack unreadable: {type(exc).__name__}"
        ) from None


def _read_members(archive: zipfile.ZipFile) -> tuple[Manifest, dict[str, bytes]]:
    infos = [info for info in archive.infolist() if info.filename not in _FOLDERS]
    if len(infos) > MAX_FILES or sum(info.file_size for info in infos) > MAX_PACK_BYTES:
        raise GuidePackError(TOO_BIG.format(name=len(infos)), detail="guide pack too big")
    names = [info.filename for info in infos]
    if MANIFEST not in names:
        raise GuidePackError(
            BAD_MANIFEST.format(why="missing"), detail="guide pack without manifest"
        )
    contents: dict[str, bytes] = {}
    for info in infos:
        if info.filename != MANIFEST and not is_member_name(info.filename):
            raise GuidePackError(
                BAD_MEMBER.format(name=info.filename), detail="guide pack member not allowed"
            )
        if info.file_size > MAX_FILE_BYTES or info.filename in contents:
            raise GuidePackError(TOO_BIG.format(name=info.filename), detail="member too big")
        with archive.open(info) as member:
            data = member.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise GuidePackError(TOO_BIG.format(name=info.filename), detail="member too big")
        contents[info.filename] = data
    manifest = parse_manifest(contents.pop(MANIFEST))
    for name in contents:
        if name not in manifest.files:
            raise GuidePackError(NOT_LISTED.format(name=name), detail="member not in manifest")
    for name, digest in manifest.files.items():
        if name not in contents:
            raise GuidePackError(MISSING_MEMBER.format(name=name), detail="member missing")
        if sha256(contents[name]) != digest:
            raise GuidePackError(BAD_HASH.format(name=name), detail="member sha256 mismatch")
    return manifest, contents

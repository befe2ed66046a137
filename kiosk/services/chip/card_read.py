"""One chip read, as the kiosk does it: open with the MRZ key, read, verify, decode.

The face image is returned for the confirm screen only; nothing here is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.services.chip import active_auth
from kiosk.services.chip.active_auth import ChipCheck
from kiosk.services.chip.bac import AccessKey
from kiosk.services.chip.datagroups import Mrz, face_image, parse_dg1, parse_dg13
from kiosk.services.chip.passive_auth import Verification, verify
from kiosk.services.chip.session import (
    READ_FAILED,
    SHORT_CHUNK,
    ChipError,
    ReadStats,
    Transport,
    read_chip,
)
from kiosk.services.chip.trust import CscaStore


@dataclass(frozen=True)
class ChipResult:
    """What the chip says about its holder, and how far it can be trusted."""

    mrz: Mrz
    personal: dict[str, str | list[str]]  # DG13 by field name; empty when the chip has none
    face: tuple[str, bytes] | None  # ("jpeg" | "jp2", image) for the volunteer's eyes only
    verification: Verification
    groups_read: tuple[int, ...]
    stats: ReadStats
    chip_check: ChipCheck = ChipCheck.ABSENT  # active authentication (DG15)


def load_store(path: Path | None) -> CscaStore | None:
    """The CSCA store at ``path`` (a folder or a master list), or None when none is set."""
    return CscaStore.load(path) if path is not None else None


def read_card(
    transport: Transport,
    key: AccessKey,
    store: CscaStore | None,
    *,
    chunk: int = SHORT_CHUNK,
) -> ChipResult:
    """Read the chip on ``transport`` with ``key`` and check it against ``store``."""
    read = read_chip(transport, key, chunk=chunk)
    if 1 not in read.groups:
        raise ChipError(READ_FAILED, detail="the chip lists no DG1")
    verification = verify(read.sod, read.groups, store)
    try:
        mrz = parse_dg1(read.groups[1])
        personal = parse_dg13(read.groups[13]) if 13 in read.groups else {}
        face = face_image(read.groups[2]) if 2 in read.groups else None
    except ValueError as exc:
        raise ChipError(READ_FAILED, detail=f"data group does not decode: {exc}") from exc
    chip_check = ChipCheck.ABSENT
    if read.internal_auth is not None:
        challenge, signature = read.internal_auth
        chip_check = active_auth.check(read.groups[15], challenge, signature, read.groups.get(14))
    groups = tuple(sorted(read.groups))
    return ChipResult(mrz, personal, face, verification, groups, read.stats, chip_check)

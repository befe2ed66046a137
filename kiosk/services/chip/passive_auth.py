"""Passive authentication of a chip read (ICAO Doc 9303 part 11, section 5.1), in plain words.

Four checks, in order: the security object decodes; every data group read hashes to what
it says; its signature verifies with the document signer's certificate; that certificate
was issued by a CSCA in the store and is within its validity period.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from dataclasses import dataclass

from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.services.chip.sod import SodError, parse_sod
from kiosk.services.chip.trust import CscaStore, valid_at

log = logging.getLogger(__name__)


class Outcome(enum.Enum):
    """What the volunteer is told about the chip's data."""

    VERIFIED = "verified"
    DATA_ALTERED = "data_altered"
    UNKNOWN_SIGNER = "unknown_signer"
    SIGNER_EXPIRED = "signer_expired"
    NOT_VERIFIED = "not_verified"


WORDS = {
    Outcome.VERIFIED: QT_TRANSLATE_NOOP(
        "chip", "Đã xác thực: dữ liệu chip do cơ quan cấp thẻ ký và không bị sửa."
    ),
    Outcome.DATA_ALTERED: QT_TRANSLATE_NOOP(
        "chip", "Dữ liệu chip đã bị thay đổi sau khi ký: không dùng được để xác minh."
    ),
    Outcome.UNKNOWN_SIGNER: QT_TRANSLATE_NOOP(
        "chip",
        "Không rõ nơi ký: chữ ký của chip không thuộc cơ quan cấp thẻ nào trong kho tin cậy.",
    ),
    Outcome.SIGNER_EXPIRED: QT_TRANSLATE_NOOP(
        "chip", "Chứng thư ký của chip đã hết hạn hoặc chưa có hiệu lực: chưa xác thực được."
    ),
    Outcome.NOT_VERIFIED: QT_TRANSLATE_NOOP(
        "chip", "Chưa xác thực: máy chưa được cài kho chứng thư gốc (CSCA)."
    ),
}


@dataclass(frozen=True)
class Verification:
    """The outcome, the data groups to blame, and an English detail for the log."""

    outcome: Outcome
    altered_groups: tuple[int, ...] = ()
    detail: str = ""

    @property
    def words(self) -> str:
        """The outcome in Vietnamese (translated by the UI)."""
        return WORDS[self.outcome]


def verify(
    ef_sod: bytes,
    groups: dict[int, bytes],
    store: CscaStore | None,
    now: dt.datetime | None = None,
) -> Verification:
    """Passive authentication of the data groups read, against EF.SOD and the CSCA store."""
    moment = now or dt.datetime.now(dt.UTC)
    try:
        security = parse_sod(ef_sod)
    except SodError as exc:
        return _logged(Verification(Outcome.DATA_ALTERED, detail=str(exc)))
    altered = security.altered_groups(groups)
    if altered:
        detail = "hash mismatch in DG" + ",".join(map(str, altered))
        return _logged(Verification(Outcome.DATA_ALTERED, tuple(altered), detail))
    if not security.signature_valid():
        return _logged(Verification(Outcome.DATA_ALTERED, detail="SOD signature invalid"))
    if store is None:
        return _logged(Verification(Outcome.NOT_VERIFIED, detail="no CSCA store configured"))
    csca = store.issuer_of(security.signer)
    if csca is None:
        return _logged(Verification(Outcome.UNKNOWN_SIGNER, detail="no CSCA issued the signer"))
    if not valid_at(security.signer, moment) or not valid_at(csca, moment):
        return _logged(Verification(Outcome.SIGNER_EXPIRED, detail="signer or CSCA not valid now"))
    return _logged(Verification(Outcome.VERIFIED, detail="hashes, signature and chain good"))


def _logged(result: Verification) -> Verification:
    log.info("passive authentication: %s (%s)", result.outcome.value, result.detail)
    return result

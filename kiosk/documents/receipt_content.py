"""What a receipt says, in order, independent of paper size and drawing.

:func:`receipt_blocks` turns a finished :class:`TransactionRecord` into a list of
:class:`Block` values (text lines, rules and the QR code); :mod:`kiosk.documents.receipt`
lays them out on a page. Keeping the words here lets tests read them without a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.centre import CentreInfo
from kiosk.domain.clock import format_day, format_local
from kiosk.domain.values import TransactionRecord
from kiosk.errors import InputError
from kiosk.text.address import NEUTRAL, FormOfAddress, form_of_address

PORTAL = "dichvucong.gov.vn"
BULLET = "• "
Style = Literal["title", "heading", "body", "small", "banner"]
Kind = Literal["text", "rule", "qr", "gap"]


@dataclass(frozen=True)
class Block:
    """One element of a receipt: a (wrappable) text line, a rule, a gap or the QR code."""

    kind: Kind
    text: str = ""
    style: Style = "body"
    centred: bool = False


def _text(text: str, style: Style = "body", *, centred: bool = False) -> Block:
    return Block("text", text, style, centred)


RULE = Block("rule")
GAP = Block("gap")


def qr_payload(record: TransactionRecord) -> str:
    """``Q01-20261123-0007`` followed by each dossier code: ``…|H01.23-261123-0001``."""
    if not record.receipt_no:
        raise InputError("Lượt hỗ trợ chưa kết thúc nên chưa có biên nhận.")
    dossiers = [s.dossier_code for s in record.services if s.dossier_code]
    return "|".join([record.receipt_no, *dossiers])


def receipt_address(record: TransactionRecord) -> FormOfAddress:
    """How the receipt addresses the citizen: as the screens did, from the stored gender
    and birth year (the age reached in the visit's year); neutral for an anonymous visit."""
    if record.citizen_birth_year is None:
        return NEUTRAL
    age = record.business_day.year - record.citizen_birth_year
    return form_of_address(record.citizen_gender, age)


def next_steps(record: TransactionRecord, catalogue: Catalogue) -> list[str]:
    """What the citizen should do next, in plain Vietnamese, one sentence per item."""
    outcomes = {s.outcome for s in record.services}
    you = receipt_address(record).word
    steps: list[str] = []
    if record.referral:
        steps.append(f"Đề nghị {you} đến: {catalogue.label('referrals', record.referral)}.")
    elif outcomes & {"partial", "not_possible"}:
        steps.append(f"Phần chưa xong: {you} có thể quay lại quầy để được hỗ trợ tiếp.")
    if record.follow_up_on:
        steps.append(f"Hẹn quay lại ngày {format_day(record.follow_up_on)}.")
    if any(s.dossier_code for s in record.services):
        steps.append(f"Theo dõi kết quả hồ sơ bằng mã hồ sơ trên {PORTAL}.")
    if steps:
        steps.append("Vui lòng mang theo biên nhận này khi quay lại.")
    elif outcomes <= {"done"}:
        steps.append("Không cần làm gì thêm.")
    return steps


def _service_blocks(record: TransactionRecord, catalogue: Catalogue) -> list[Block]:
    blocks: list[Block] = []
    for number, service in enumerate(record.services, start=1):
        name = catalogue.label("services", service.service_code)
        if service.procedure_name:
            name = f"{name}: {service.procedure_name}"
        outcome = catalogue.label("outcomes", service.outcome) or "Đang xử lý"
        blocks.append(_text(f"{number}. {name}", "heading"))
        blocks.append(_text(f"Kết quả: {outcome}"))
        if service.reason_code:
            blocks.append(_text(f"Lý do: {catalogue.label('reasons', service.reason_code)}"))
        if service.dossier_code:
            blocks.append(_text(f"Mã hồ sơ: {service.dossier_code}"))
            blocks.append(_text(f"Tra cứu hồ sơ tại: {PORTAL}"))
    return blocks


def receipt_blocks(
    record: TransactionRecord,
    centre: CentreInfo,
    catalogue: Catalogue,
    *,
    reprint_at: datetime | None = None,
) -> list[Block]:
    """Every element of the receipt of ``record``, top to bottom."""
    payload = qr_payload(record)  # refuses an unfinished visit before anything else
    blocks = [_text(centre.name, "title", centred=True)]
    if centre.address:
        blocks.append(_text(centre.address, "small", centred=True))
    if centre.counter_line:
        blocks.append(_text(centre.counter_line, "small", centred=True))
    blocks += [RULE, _text("BIÊN NHẬN HỖ TRỢ", "title", centred=True)]
    if reprint_at is not None:
        blocks.append(_text("BẢN IN LẠI", "banner", centred=True))
        blocks.append(_text(f"In lại lúc: {format_local(reprint_at)}", "small", centred=True))
    blocks.append(GAP)
    blocks.append(_text(f"Số biên nhận: {record.receipt_no}"))
    blocks.append(_text(f"Thời gian: {format_local(record.finished_at or record.started_at)}"))
    if record.citizen_name:
        blocks.append(_text(f"Người dân: {record.citizen_name}"))
    if record.citizen_id_masked:
        blocks.append(_text(f"Số định danh: {record.citizen_id_masked}"))
    blocks += [RULE, *_service_blocks(record, catalogue), RULE]
    steps = next_steps(record, catalogue)
    blocks.append(_text("Việc cần làm tiếp:", "heading"))
    blocks += [_text(BULLET + step) for step in steps]
    if record.helper_name:
        blocks += [GAP, _text(f"Người hỗ trợ: {record.helper_name}")]
    blocks += [GAP, Block("qr", payload), _text(payload, "small", centred=True)]
    thanks = f"Cảm ơn {receipt_address(record).word} đã đến Quầy hỗ trợ số."
    blocks.append(_text(thanks, "small", centred=True))
    return blocks

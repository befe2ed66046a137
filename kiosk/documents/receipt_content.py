"""What a receipt says, in order, independent of paper size and drawing.

:func:`receipt_blocks` turns a finished :class:`TransactionRecord` into a list of
:class:`Block` values (text lines, rules and the QR code); :mod:`kiosk.documents.receipt`
lays them out on a page. Keeping the words here lets tests read them without a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kiosk.documents.receipt_texts import receipt_text
from kiosk.domain.catalogue import Catalogue
from kiosk.domain.centre import CentreInfo
from kiosk.domain.clock import format_day, format_local
from kiosk.domain.values import TransactionRecord
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.text.address import NEUTRAL, FormOfAddress, form_for_birth_year

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


NO_RECEIPT_YET = QT_TRANSLATE_NOOP("Errors", "Lượt hỗ trợ chưa kết thúc nên chưa có biên nhận.")
RULE = Block("rule")
GAP = Block("gap")


def qr_payload(record: TransactionRecord) -> str:
    """``Q01-20261123-0007`` followed by each dossier code: ``…|H01.23-261123-0001``."""
    if not record.receipt_no:
        raise InputError(NO_RECEIPT_YET)
    dossiers = [s.dossier_code for s in record.services if s.dossier_code]
    return "|".join([record.receipt_no, *dossiers])


def receipt_address(record: TransactionRecord) -> FormOfAddress:
    """How the receipt addresses the citizen: as the screens did, from the stored gender
    and birth year (the age reached in the visit's year); neutral for an anonymous visit."""
    if record.citizen_birth_year is None:
        return NEUTRAL
    return form_for_birth_year(
        record.citizen_gender, record.citizen_birth_year, record.business_day.year
    )


def next_steps(record: TransactionRecord, catalogue: Catalogue, language: str = "vi") -> list[str]:
    """What the citizen should do next, in plain words, one sentence per item."""
    outcomes = {s.outcome for s in record.services}
    you = receipt_address(record).word

    def text(key: str, **values: object) -> str:
        return receipt_text(language, key, you=you, **values)

    steps: list[str] = []
    if record.referral:
        steps.append(text("go_to", place=catalogue.label("referrals", record.referral, language)))
    elif outcomes & {"partial", "not_possible"}:
        steps.append(text("come_back_for_more"))
    if record.follow_up_on:
        steps.append(text("come_back_on", day=format_day(record.follow_up_on)))
    if any(s.dossier_code for s in record.services):
        steps.append(text("follow_dossier", portal=PORTAL))
    if steps:
        steps.append(text("bring_receipt"))
    elif outcomes <= {"done"}:
        steps.append(text("nothing_more"))
    return steps


def _service_blocks(record: TransactionRecord, catalogue: Catalogue, language: str) -> list[Block]:
    blocks: list[Block] = []
    for number, service in enumerate(record.services, start=1):
        name = catalogue.label("services", service.service_code, language)
        if service.procedure_name:
            name = f"{name}: {service.procedure_name}"
        outcome = catalogue.label("outcomes", service.outcome, language) or receipt_text(
            language, "in_progress"
        )
        blocks.append(_text(f"{number}. {name}", "heading"))
        blocks.append(_text(receipt_text(language, "result", outcome=outcome)))
        if service.reason_code:
            reason = catalogue.label("reasons", service.reason_code, language)
            blocks.append(_text(receipt_text(language, "reason", reason=reason)))
        if service.dossier_code:
            blocks.append(_text(receipt_text(language, "dossier", code=service.dossier_code)))
            blocks.append(_text(receipt_text(language, "look_up", portal=PORTAL)))
    return blocks


def receipt_blocks(
    record: TransactionRecord,
    centre: CentreInfo,
    catalogue: Catalogue,
    *,
    reprint_at: datetime | None = None,
    language: str = "vi",
) -> list[Block]:
    """Every element of the receipt of ``record``, top to bottom, in ``language``."""
    payload = qr_payload(record)  # refuses an unfinished visit before anything else

    def text(key: str, **values: object) -> str:
        return receipt_text(language, key, **values)

    blocks = [_text(centre.name, "title", centred=True)]
    if centre.address:
        blocks.append(_text(centre.address, "small", centred=True))
    if centre.counter_line:
        blocks.append(_text(centre.counter_line, "small", centred=True))
    blocks += [RULE, _text(text("title"), "title", centred=True)]
    if reprint_at is not None:
        blocks.append(_text(text("reprint"), "banner", centred=True))
        blocks.append(
            _text(text("reprinted_at", time=format_local(reprint_at)), "small", centred=True)
        )
    blocks.append(GAP)
    blocks.append(_text(text("receipt_no", number=record.receipt_no)))
    blocks.append(_text(text("time", time=format_local(record.finished_at or record.started_at))))
    if record.citizen_name:
        blocks.append(_text(text("citizen", name=record.citizen_name)))
    if record.citizen_id_masked:
        blocks.append(_text(text("id_number", number=record.citizen_id_masked)))
    blocks += [RULE, *_service_blocks(record, catalogue, language), RULE]
    blocks.append(_text(text("next_steps"), "heading"))
    blocks += [_text(BULLET + step) for step in next_steps(record, catalogue, language)]
    if record.helper_name:
        blocks += [GAP, _text(text("helper", name=record.helper_name))]
    blocks += [GAP, Block("qr", payload), _text(payload, "small", centred=True)]
    thanks = text("thanks", you=receipt_address(record).word)
    blocks.append(_text(thanks, "small", centred=True))
    return blocks

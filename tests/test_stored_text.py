"""Typed text is made fit for the database at the service boundary (issue 14, item 5).

Every ``String`` column of the models is either guarded by a :class:`TextField` (checked
here through the use case that writes it, on SQLite and PostgreSQL) or written only from
values the kiosk makes or a list it checks (named below with where they come from). A new
column fails the walk until it is given one or the other.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from sqlalchemy import String, select

from kiosk.app import Kiosk
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.errors import InputError
from kiosk.services.stored_text import (
    CITIZEN_NAME,
    CORRECTION_REASON,
    DOSSIER_CODE,
    FOLLOW_UP_PHONE,
    GUIDE_STEP_ID,
    HELPER_NAME,
    NOTICE_VERSION,
    PROCEDURE_NAME,
    VISIT_NOTES,
    TextField,
    TextFieldError,
    clean_text,
)
from kiosk.storage.models import AssistedService, Base, Helper
from tests.conftest import AdminCommand
from tests.factories import NHUNG, finished_visit

NHUNG_NOTICE = NHUNG.consent_notice_version

GUARDED: dict[str, TextField] = {
    "helpers.full_name": HELPER_NAME,
    "transaction_services.dossier_code": DOSSIER_CODE,
    "transaction_services.procedure_name": PROCEDURE_NAME,
    "transactions.correction_reason": CORRECTION_REASON,
    "guide_stuck_points.step_id": GUIDE_STEP_ID,
    "consents.notice_version": NOTICE_VERSION,
}
# Columns written only from what the kiosk makes or checks against a closed list.
NOT_TYPED = {
    "kiosk_meta.key": "fixed keys of the kiosk",
    "kiosk_meta.value": "the key's fingerprint and facts the kiosk writes",
    "counters.code": "settings counter.code (checked by settings)",
    "counters.name": "settings counter.name",
    "helpers.username": "HelperAccounts: the pattern [a-z0-9._-]{2,40}",
    "helpers.kind": "HelperAccounts: volunteer | staff",
    "helpers.role": "HelperAccounts: helper | admin",
    "helpers.pin_hash": "argon2id's encoded hash",
    "citizens.id_hash": "keyed SHA-256, hex",
    "citizens.id_masked": "mask of a checked 12-digit number",
    "citizens.gender": "check_citizen: Nam | Nữ",
    "transactions.status": "open | finished | abandoned",
    "transactions.receipt_no": "format_receipt_no",
    "transactions.referral": "the catalogue's referrals",
    "transaction_services.service_code": "the catalogue's services",
    "transaction_services.outcome": "the catalogue's outcomes",
    "transaction_services.reason_code": "the catalogue's reasons",
    "transaction_barriers.barrier_code": "the catalogue's barriers",
    "guide_stuck_points.service_code": "the guide's catalogue service",
    "audit_log.actor": "a username or a fixed actor",
    "audit_log.action": "fixed action names",
    "audit_log.subject": "a username, receipt number or id",
    "print_jobs.receipt_no": "format_receipt_no (never sent to the centre)",
    "print_jobs.paper": "settings printing.paper",
    "print_jobs.printer": "settings printing.printer (never sent to the centre)",
    "print_jobs.status": "fixed states",
    "print_jobs.last_error": "the kiosk's own message (never sent to the centre)",
    "sync_outbox.kind": "fixed kinds",
    "sync_outbox.key": "a UUID, a closure key or a keyed hash",
    "sync_outbox.state": "pending | conflict",
    "sync_outbox.last_error": "the kiosk's own message (never sent to the centre)",
    "guide_marks.service_code": "GuideMarks.record: [a-z0-9_]{1,40}, the guide's service",
    "guide_marks.step_id": "GuideMarks.record: [a-z0-9_]{1,40}, the guide's step",
    "guide_marks.note": "guides.marks.clean_note: NFC, no control character, 3-200, no ID",
    "guide_marks.guide_checked": "the step's checked month (else the guide's), YYYY-MM",
    "guide_marks.guide_pack": "the installed pack's manifest version (validated at import)",
    "transactions.guide_pack": "the installed pack's manifest version (validated at import)",
}


def test_every_string_column_is_guarded_or_never_typed() -> None:
    seen = set()
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, String):
                continue
            name = f"{table.name}.{column.name}"
            seen.add(name)
            assert name in GUARDED or name in NOT_TYPED, f"{name}: who checks what it holds?"
            if name in GUARDED and column.type.length:
                assert GUARDED[name].limit == column.type.length, name
    assert seen >= set(GUARDED) | set(NOT_TYPED)  # no stale names either
    assert seen == set(GUARDED) | set(NOT_TYPED)


def test_text_is_checked_in_the_form_it_is_stored() -> None:
    assert clean_text(DOSSIER_CODE, "  g22.99-261123-0001 ") == "G22.99-261123-0001"
    assert clean_text(HELPER_NAME, "Nguye\u0302\u0303n  Văn\tAn") == "Nguyễn Văn An"  # NFC
    assert clean_text(VISIT_NOTES, " dòng 1 \r\n  dòng   2 ") == "dòng 1\ndòng 2"
    with pytest.raises(TextFieldError) as long_code:
        clean_text(DOSSIER_CODE, "ß" * 40)  # 40 before upper-casing, 80 after
    assert long_code.value.message == "Mã hồ sơ dài quá 40 ký tự (viết hoa thành 80 ký tự)."
    assert long_code.value.params == {"limit": "40", "length": "80"}
    for bad in ("A\x00B", "A\x1bB", "A\u200bB", "A\ud800B", "A\x85B", "A\u202eB"):
        with pytest.raises(TextFieldError, match="ký tự điều khiển hoặc ký tự ẩn") as caught:
            clean_text(DOSSIER_CODE, bad)
        assert caught.value.params == {"position": "2"}
        # the log hears which character, never the text around it
        assert caught.value.detail == f"dossier code: refused character U+{ord(bad[1]):04X} at 2"
    assert clean_text(HELPER_NAME, "Trần\nBình") == "Trần Bình"  # lines only where a field has them


Write = Callable[[Kiosk, str], None]


def _visit(kiosk: Kiosk) -> uuid.UUID:
    return kiosk.transactions.start(helper_id=None, services=["online_filing"])


def _outcome(kiosk: Kiosk, code: str | None = None, procedure: str | None = None) -> None:
    outcome = ServiceOutcome("online_filing", "done", dossier_code=code, procedure_name=procedure)
    kiosk.transactions.record_outcome(_visit(kiosk), outcome)


def _details(kiosk: Kiosk, notes: str | None = None, phone: str | None = None) -> None:
    details = VisitDetails(follow_up_on=date(2026, 11, 23), follow_up_phone=phone, notes=notes)
    kiosk.transactions.record_details(_visit(kiosk), details)


def _correct(kiosk: Kiosk, reason: str) -> None:
    original = finished_visit(kiosk)
    kiosk.transactions.correct(
        original.id,
        helper_id=None,
        reason=reason,
        outcomes=[ServiceOutcome("portal_account", "partial", reason_code="otp_not_received")],
    )


def _helper(kiosk: Kiosk, name: str) -> None:
    kiosk.helpers.add("an", name, "2468")


def _citizen(kiosk: Kiosk, name: str = NHUNG.full_name, notice: str = NHUNG_NOTICE) -> None:
    citizen = replace(NHUNG, full_name=name, consent_notice_version=notice)
    kiosk.transactions.start(helper_id=None, citizen=citizen)


def _stuck(kiosk: Kiosk, step_id: str) -> None:
    kiosk.stuck_points.record(_visit(kiosk), "online_filing", step_id, 1)


WRITERS: dict[str, tuple[TextField, Write]] = {
    "helper name": (HELPER_NAME, _helper),
    "dossier code": (DOSSIER_CODE, lambda k, v: _outcome(k, code=v)),
    "procedure name": (PROCEDURE_NAME, lambda k, v: _outcome(k, procedure=v)),
    "notes": (VISIT_NOTES, lambda k, v: _details(k, notes=v)),
    "phone": (FOLLOW_UP_PHONE, lambda k, v: _details(k, phone=v)),
    "correction reason": (CORRECTION_REASON, _correct),
    "citizen name": (CITIZEN_NAME, lambda k, v: _citizen(k, name=v)),
    "notice version": (NOTICE_VERSION, lambda k, v: _citizen(k, notice=v)),
    "guide step": (GUIDE_STEP_ID, _stuck),
}


def _filler(field: TextField, count: int) -> str:
    return ("0" if field is FOLLOW_UP_PHONE else "Ư") * count


@pytest.mark.parametrize("what", WRITERS)
def test_each_typed_field_takes_its_limit_and_refuses_more_or_a_nul(
    kiosk: Kiosk, what: str
) -> None:
    field, write = WRITERS[what]
    write(kiosk, _filler(field, field.limit))  # the longest value is stored (PostgreSQL too)
    with pytest.raises(TextFieldError, match=f"dài quá {field.limit} ký tự"):
        write(kiosk, _filler(field, field.limit + 1))
    with pytest.raises(TextFieldError, match=r"ký tự điều khiển hoặc ký tự ẩn|không hợp lệ"):
        write(kiosk, "A\x00B")


def test_a_dossier_code_of_40_sharp_s_is_refused_and_nothing_is_stored(kiosk: Kiosk) -> None:
    visit = _visit(kiosk)
    with pytest.raises(InputError, match="viết hoa thành 80 ký tự"):
        kiosk.transactions.record_outcome(
            visit, ServiceOutcome("online_filing", "done", dossier_code="ß" * 40)
        )
    kiosk.transactions.record_outcome(
        visit, ServiceOutcome("online_filing", "done", dossier_code="ß" * 20)
    )
    with kiosk.db.unit_of_work() as uow:
        codes = list(uow.session.scalars(select(AssistedService.dossier_code)))
    assert codes == ["SS" * 20]


def test_kiosk_helper_add_refuses_a_name_longer_than_its_column(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str], as_admin: AdminCommand
) -> None:
    from kiosk.cli import main

    name = "Nguyễn " + "A" * 114  # 121 characters: the column holds 120
    assert main(as_admin("helper", "add", "an", "--name", name, "--pin", "2468")) == 2
    assert "Họ tên người hỗ trợ dài quá 120 ký tự (đang có 121)." in capsys.readouterr().err
    assert main(as_admin("helper", "add", "an", "--name", name[:120], "--pin", "2468")) == 0
    with kiosk.db.unit_of_work() as uow:
        names = uow.session.scalars(select(Helper.full_name).where(Helper.username == "an"))
        assert list(names) == [name[:120]]


def test_the_screen_shows_the_message_in_the_current_language(qapp: QApplication) -> None:
    from kiosk.ui.i18n import LanguageManager, translate_error

    with pytest.raises(TextFieldError) as caught:
        clean_text(DOSSIER_CODE, "ß" * 40)
    languages = LanguageManager(qapp)
    languages.set_language("en")
    try:
        shown = translate_error(caught.value)
    finally:
        languages.set_language("vi")
    assert shown != caught.value.message  # translated before the numbers are filled in
    assert "40" in shown and "80" in shown and "{" not in shown


# Any code point (surrogates too), and a mix of those that change length or form when
# upper-cased or normalised: ß → SS, ǰ → J + caron, ﬁ → FI, ŉ → ʼN, combining marks.
TRICKY = "ßǰﬁŉİıAaĐđ \t\n\r\x00\x1b\u0301\u0302\u0303\u200b\u00a0"
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=90) | st.text(TRICKY, max_size=90)


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT, rule=st.sampled_from([rule for rule, _ in WRITERS.values()]))
def test_any_text_is_refused_or_stored_in_a_form_the_centre_takes(
    text: str, rule: TextField
) -> None:
    try:
        cleaned = clean_text(rule, text)
    except TextFieldError as refused:
        assert refused.message  # a message for a person, whatever the text
        return
    assert unicodedata.is_normalized("NFC", cleaned)
    assert len(cleaned) <= rule.limit
    assert not any(unicodedata.category(c) in {"Cc", "Cf", "Cs"} for c in cleaned if c != "\n")
    assert clean_text(rule, cleaned) == cleaned  # checking the stored form changes nothing

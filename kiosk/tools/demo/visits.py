"""What happens at the counter: the services, outcomes and details of synthetic visits."""

from __future__ import annotations

import random
import uuid
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from kiosk.domain.catalogue import Catalogue
from kiosk.services.visits.transactions import FINISHED, OPEN
from kiosk.tools.demo import population
from kiosk.tools.demo.picks import Pick
from kiosk.tools.demo.population import (
    ANONYMOUS_SHARE,
    RECENT_PEOPLE,
    RETURNING_SHARE,
    Person,
    provinces,
)

# Invented proportions, not measured. The first twelve are the counter's long-standing mix; the
# ten services issue 15 added follow its list "most requested first" (VNeID on a new phone,
# forgotten password, lost phone; the bank's biometric check; documents in VNeID; the linked
# birth registration, a child's Căn cước; residence; the judicial record; a signature in VNeID),
# with smaller weights so the portal and VNeID level 2 stay the two most frequent services.
SERVICE_WEIGHTS = {
    "portal_account": 22, "vneid_level2": 20, "online_filing": 14, "vneid_level1": 8,
    "vssid": 7, "online_payment": 6, "signature_vnpt_smartca": 6,
    "signature_viettel_mysign": 4, "e_health_book": 4, "cashless_account": 4,
    "signature_other": 1, "other": 4,
    "vneid_new_phone": 6, "vneid_forgot_password": 5, "vneid_lock_account": 2,
    "bank_biometrics": 4, "vneid_documents": 3, "birth_registration_linked": 2,
    "child_identity_card": 2, "residence_registration": 2, "judicial_record_vneid": 1,
    "signature_vneid": 1,
}  # fmt: skip
SERVICES_PER_VISIT = ((1, 55), (2, 33), (3, 12))
REASONS = {
    "portal_account": ("otp_not_received", "forgot_password", "system_error"),
    "vneid_level1": ("chip_read_failed", "face_not_recognised", "approval_pending",
                     "incompatible_phone"),
    "vneid_level2": ("otp_not_received", "phone_not_own_name", "level2_not_registered",
                     "forgot_password"),
    "signature_vnpt_smartca": ("face_not_recognised", "phone_not_own_name", "incompatible_phone"),
    "signature_viettel_mysign": ("face_not_recognised", "phone_not_own_name"),
    "signature_other": ("face_not_recognised", "system_error"),
    "online_filing": ("missing_documents", "needs_in_person", "system_error", "no_network"),
    "online_payment": ("payment_failed", "no_network"),
    "vssid": ("otp_not_received", "forgot_password", "system_error"),
    "e_health_book": ("system_error", "approval_pending"),
    "cashless_account": ("phone_not_own_name", "citizen_declined"),
    "vneid_new_phone": ("otp_not_received", "phone_not_own_name", "chip_read_failed",
                        "incompatible_phone"),
    "vneid_forgot_password": ("otp_not_received", "phone_not_own_name", "face_not_recognised"),
    "vneid_lock_account": ("otp_not_received", "needs_in_person"),
    "vneid_documents": ("approval_pending", "system_error", "missing_documents"),
    "bank_biometrics": ("chip_read_failed", "face_not_recognised", "incompatible_phone"),
    "signature_vneid": ("face_not_recognised", "approval_pending", "system_error"),
    "judicial_record_vneid": ("payment_failed", "system_error", "approval_pending"),
    "birth_registration_linked": ("missing_documents", "needs_in_person", "system_error"),
    "child_identity_card": ("missing_documents", "needs_in_person", "payment_failed"),
    "residence_registration": ("missing_documents", "needs_in_person", "system_error"),
}  # fmt: skip
REFERRAL_FOR_REASON = {
    "level2_not_registered": "commune_police",
    "phone_not_own_name": "carrier_store",
    "face_not_recognised": "signature_provider",
    "needs_in_person": "specialist_counter",
    "payment_failed": "bank_branch",
}
BARRIER_WEIGHTS = {
    "new_to_smartphones": 30, "cannot_read_small_text": 20, "forgot_password": 14,
    "no_email": 10, "no_smartphone": 8, "no_nfc": 6, "no_mobile_data": 5,
    "hearing_or_vision": 5, "no_bank_account": 4, "language_or_literacy": 3, "no_chip_card": 2,
}  # fmt: skip
PROCEDURES = (
    "Đăng ký khai sinh", "Đăng ký thường trú", "Đăng ký tạm trú", "Đăng ký kết hôn",
    "Đăng ký khai tử", "Cấp bản sao trích lục hộ tịch", "Xác nhận tình trạng hôn nhân",
    "Chứng thực bản sao từ bản chính", "Cấp phiếu lý lịch tư pháp",
    "Đăng ký hộ kinh doanh", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Giải quyết trợ cấp xã hội hằng tháng",
)  # fmt: skip
# The procedure a dedicated filing service files (online_filing draws from PROCEDURES).
PROCEDURES_OF = {
    "judicial_record_vneid": ("Cấp phiếu lý lịch tư pháp",),
    "birth_registration_linked": (
        "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
        "dưới 6 tuổi",
    ),
    "child_identity_card": ("Cấp thẻ căn cước cho người dưới 14 tuổi",),
    "residence_registration": ("Đăng ký thường trú", "Đăng ký tạm trú"),
}
PAYMENT = "online_payment"
NOTES = (
    "Con trai đi cùng, hướng dẫn lại cách đăng nhập.",
    "Người dân cần mang theo thẻ bảo hiểm y tế lần sau.",
    "Đã hướng dẫn đổi mật khẩu và ghi nhớ mật mã.",
    "Người dân nhờ in hướng dẫn các bước bằng chữ to.",
    "Hẹn quay lại khi đã chuẩn hóa thuê bao chính chủ.",
)
CORRECTION_REASONS = (
    "Người dân quay lại bổ sung giấy tờ, đã hoàn thành.",
    "Đã nhận được mã OTP sau khi chuẩn hóa thuê bao.",
    "Ghi nhầm kết quả lúc kết thúc, sửa lại.",
)
CORRECTION_SHARE = 0.008
RATINGS = ((5, 55), (4, 30), (3, 10), (2, 3), (1, 2))


@dataclass
class Line:
    """One service of a visit and how it ended (``None`` while the visit is open)."""

    service_code: str
    outcome: str | None
    reason_code: str | None = None
    dossier_code: str | None = None
    procedure_name: str | None = None


@dataclass(eq=False)
class Visit:
    """One synthetic visit (or correction), before it is written."""

    id: uuid.UUID
    day: date
    started_at: datetime
    finished_at: datetime | None
    helper_id: int
    person: Person | None
    lines: list[Line]
    barriers: list[str] = field(default_factory=list)
    satisfaction: int | None = None
    referral: str | None = None
    follow_up_on: date | None = None
    follow_up_phone: str | None = None
    note: str | None = None
    corrects: Visit | None = None
    correction_reason: str | None = None
    receipt_seq: int | None = None

    @property
    def status(self) -> str:
        return FINISHED if self.finished_at else OPEN


_SERVICE_COUNT = Pick(SERVICES_PER_VISIT)
_RATING = Pick(RATINGS)


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class Generator:
    """Draws people and visits from one seeded random stream."""

    def __init__(
        self,
        rng: random.Random,
        catalogue: Catalogue,
        helpers: Sequence[tuple[int, int]],
        reference_year: int,
    ) -> None:
        self.rng = rng
        self.catalogue = catalogue
        self.helpers = Pick(helpers)
        self.reference_year = reference_year
        services = _known(catalogue, "services", SERVICE_WEIGHTS)
        self.services = Pick(services or ((s.code, 1.0) for s in catalogue.services))
        self.service_codes = set(self.services.items)
        self.barriers = Pick(_known(catalogue, "barriers", BARRIER_WEIGHTS))
        self.all_reasons = tuple(r.code for r in catalogue.reasons)
        self.dossier_kinds = {s.code for s in catalogue.services if s.takes_dossier_code}
        self.home = rng.choice(provinces())
        self.agency = f"H{rng.randrange(1, 64):02d}"
        self.issued: set[str] = set()
        self.recent: deque[Person] = deque(maxlen=RECENT_PEOPLE)
        self.correctable: deque[Visit] = deque(maxlen=300)
        self.dossiers_today = 0

    # -- people ---------------------------------------------------------------------------------

    def person(self) -> Person | None:
        """A citizen for the next visit: anonymous, returning or new."""
        rng = self.rng
        if rng.random() < ANONYMOUS_SHARE:
            return None
        if self.recent and rng.random() < RETURNING_SHARE:
            return rng.choice(self.recent)
        person = self._new_person()
        self.recent.append(person)
        return person

    def _new_person(self) -> Person:
        while True:  # serials are random: draw again on the rare repeat
            citizen = population.synthetic_citizen(self.rng, self.reference_year, self.home)
            if citizen.id_number not in self.issued:
                break
        self.issued.add(citizen.id_number)
        assert citizen.birth_year is not None and citizen.gender is not None
        return Person(citizen.id_number, citizen.full_name, citizen.birth_year, citizen.gender)

    # -- visits ---------------------------------------------------------------------------------

    def visit(self, day: date, start: datetime, end: datetime, *, finished: bool) -> Visit:
        """A visit from ``start`` to ``end``; an open one has outcomes still missing."""
        rng = self.rng
        person = self.person()
        age = self.reference_year - person.birth_year if person else 50
        lines = [self._line(code, age) for code in self._service_codes()]
        self._link_dossiers(day, lines)
        visit = Visit(
            uuid.uuid4(), day, start, end if finished else None, self._helper(), person, lines
        )
        if not finished:
            for line in lines[rng.randrange(len(lines)) :]:
                line.outcome = line.reason_code = line.dossier_code = None
            return visit
        self._details(visit, age)
        if any(line.outcome != "done" for line in lines):
            self.correctable.append(visit)
        return visit

    def correction(self, day: date, at: datetime) -> Visit | None:
        """A correction of an earlier visit that ended partly, or ``None`` if none is due."""
        rng = self.rng
        if not self.correctable or rng.random() >= CORRECTION_SHARE:
            return None
        finished_at = self.correctable[0].finished_at
        if finished_at is None or finished_at >= at:
            return None
        original = self.correctable.popleft()
        lines = []
        for old in original.lines:
            if old.outcome == "done":
                continue
            line = Line(old.service_code, "done", procedure_name=old.procedure_name)
            if rng.random() < 0.2:
                line.outcome, line.reason_code = "not_possible", self._reason(old.service_code)
            elif old.service_code in self.dossier_kinds:
                line.dossier_code = old.dossier_code or self._dossier_code(day)
            lines.append(line)
        return Visit(
            uuid.uuid4(),
            day,
            at,
            at,
            self._helper(),
            original.person,
            lines,
            corrects=original,
            correction_reason=rng.choice(CORRECTION_REASONS),
        )

    def _helper(self) -> int:
        return self.helpers(self.rng)

    def _service_codes(self) -> list[str]:
        rng = self.rng
        count = min(_SERVICE_COUNT(rng), len(self.services))
        codes: list[str] = []
        while len(codes) < count:
            code = self.services(rng)
            if code not in codes:
                codes.append(code)
        pays_too = "online_payment" in self.service_codes and "online_payment" not in codes
        if "online_filing" in codes and pays_too and rng.random() < 0.35:
            codes.append("online_payment")
        return codes

    def _line(self, code: str, age: int) -> Line:
        draw = self.rng.random() + (0.04 if age >= 70 else 0.0)
        outcome = "done" if draw < 0.82 else "partial" if draw < 0.91 else "not_possible"
        reason = self._reason(code) if outcome != "done" else None
        return Line(code, outcome, reason)

    def _reason(self, code: str) -> str:
        known = [r for r in REASONS.get(code, ("other",)) if r in self.all_reasons]
        return self.rng.choice(known or list(self.all_reasons))

    def _link_dossiers(self, day: date, lines: list[Line]) -> None:
        """Each filing gets its own dossier code; a payment pays for the visit's first filing
        (or, alone, for a dossier filed earlier: a code of its own)."""
        kinds = self.dossier_kinds
        live = [x for x in lines if x.service_code in kinds and x.outcome != "not_possible"]
        filings = [line for line in live if line.service_code != PAYMENT]
        for line in filings:
            line.dossier_code = self._dossier_code(day)
            line.procedure_name = self.rng.choice(PROCEDURES_OF.get(line.service_code, PROCEDURES))
        for line in live:
            if line.service_code != PAYMENT:
                continue
            if filings:
                line.dossier_code = filings[0].dossier_code
                line.procedure_name = filings[0].procedure_name
            else:
                line.dossier_code = self._dossier_code(day)
                line.procedure_name = self.rng.choice(PROCEDURES)

    def _dossier_code(self, day: date) -> str:
        """``H01.23-261123-0001``: agency, unit, day and the day's running number."""
        self.dossiers_today += 1
        unit = self.rng.randrange(10, 100)
        return f"{self.agency}.{unit}-{day:%y%m%d}-{self.dossiers_today:04d}"

    def _details(self, visit: Visit, age: int) -> None:
        rng = self.rng
        reasons = {line.reason_code for line in visit.lines if line.reason_code}
        barriers = {"phone_not_own_name"} if "phone_not_own_name" in reasons else set()
        if self.barriers and rng.random() < 0.25 + (0.3 if age >= 60 else 0.0):
            barriers.update(self.barriers(rng) for _ in range(rng.randint(1, 2)))
        visit.barriers = sorted(b for b in barriers if self.catalogue.has("barriers", b))
        if rng.random() >= 0.1:
            visit.satisfaction = _RATING(rng)
        referrals = [REFERRAL_FOR_REASON[r] for r in sorted(reasons) if r in REFERRAL_FOR_REASON]
        referrals = [r for r in referrals if self.catalogue.has("referrals", r)]
        if referrals and rng.random() < 0.6:
            visit.referral = referrals[0]
        if reasons and rng.random() < 0.3:
            visit.follow_up_on = _next_weekday(visit.day) + timedelta(days=rng.randrange(7))
            if rng.random() < 0.7:
                prefix = rng.choice(("09", "03", "08", "07"))
                visit.follow_up_phone = f"{prefix}{rng.randrange(10**8):08d}"
        if rng.random() < 0.04:
            visit.note = rng.choice(NOTES)


def _known(
    catalogue: Catalogue, section: str, weights: Mapping[str, float]
) -> list[tuple[str, float]]:
    """The weights of codes the (editable) catalogue still has."""
    return [(code, w) for code, w in weights.items() if catalogue.has(section, code)]

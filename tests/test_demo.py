"""Demo data: deterministic, consistent with the ID rules, and safe to add to a live database."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.app import Kiosk
from kiosk.domain.catalogue import province_codes
from kiosk.domain.clock import LOCAL_TZ, FixedClock
from kiosk.domain.values import CitizenDetails, ServiceOutcome
from kiosk.errors import InputError
from kiosk.storage.models import (
    AssistedService,
    Citizen,
    Consent,
    Helper,
    ReceiptSequence,
    Transaction,
    TransactionBarrier,
)
from kiosk.storage.models import Counter as CounterRow
from kiosk.tools import demo
from kiosk.tools.demo import DemoResult, population, seed_demo, synthetic_citizen
from kiosk.tools.demo.visits import PROCEDURES_OF
from tests.conftest import AdminCommand

END = date(2026, 11, 23)  # the clock fixture's day, a Monday
RECEIPT = re.compile(r"^Q01-(\d{8})-(\d{4,})$")


def seed(kiosk: Kiosk, transactions: int = 300, *, days: int = 10, **kwargs: Any) -> DemoResult:
    options: dict[str, Any] = {"seed": 7, "end_day": END, **kwargs}
    return seed_demo(
        kiosk.db, kiosk.vault, kiosk.catalogue, transactions=transactions, days=days, **options
    )


def snapshot(kiosk: Kiosk, counter_code: str) -> list[tuple[Any, ...]]:
    """Everything a person could see of a counter's transactions, ids and ciphertext aside."""
    vault = kiosk.vault
    with kiosk.db.unit_of_work() as uow:
        session = uow.session
        usernames: dict[int | None, str] = {
            h.id: h.username for h in session.scalars(select(Helper))
        }
        query = (
            select(Transaction)
            .join(CounterRow)
            .where(CounterRow.code == counter_code)
            .options(selectinload(Transaction.services), selectinload(Transaction.barriers))
            .order_by(Transaction.started_at, Transaction.receipt_seq)
        )
        rows = []
        for t in session.scalars(query):
            citizen = session.get(Citizen, t.citizen_id) if t.citizen_id else None
            original = session.get(Transaction, t.corrects_id) if t.corrects_id else None
            rows.append((
                t.business_day, t.started_at, t.finished_at, t.status, t.receipt_seq,
                usernames.get(t.helper_id),
                citizen and (citizen.id_masked, vault.decrypt(citizen.name_enc or b""),
                             citizen.birth_year, citizen.gender),
                t.satisfaction, t.referral, t.follow_up_on,
                vault.decrypt_optional(t.follow_up_phone_enc), vault.decrypt_optional(t.notes_enc),
                original.receipt_seq if original else None, t.correction_reason,
                tuple((s.service_code, s.outcome, s.reason_code, s.dossier_code, s.procedure_name)
                      for s in t.services),
                tuple(sorted(b.barrier_code for b in t.barriers)),
            ))  # fmt: skip
        return rows


def test_same_seed_same_data(make_kiosk: Callable[..., Kiosk]) -> None:
    first, second = make_kiosk(), make_kiosk("Q02")
    one = seed(first, 250, counter_code="Q01")
    two = seed(second, 250, counter_code="Q02")  # same database: citizens are found again
    assert one == two and one.transactions == 250
    assert snapshot(first, "Q01") == snapshot(second, "Q02")
    third = make_kiosk("Q03")
    seed(third, 250, counter_code="Q03", seed=8)
    assert snapshot(third, "Q03") != snapshot(first, "Q01")


def _check_id(citizen: CitizenDetails, reference_year: int) -> None:
    number = citizen.id_number
    assert re.fullmatch(r"\d{12}", number)
    assert number[:3] in province_codes()
    century, female = divmod(int(number[3]), 2)
    assert citizen.gender == ("Nữ" if female else "Nam")
    assert citizen.birth_year is not None
    assert 1900 + 100 * century <= citizen.birth_year < 2000 + 100 * century
    assert number[4:6] == f"{citizen.birth_year % 100:02d}"
    assert 18 <= reference_year - citizen.birth_year <= 85


def test_synthetic_citizens_obey_the_id_rules() -> None:
    rng = random.Random(3)
    people = [synthetic_citizen(rng, 2026, "001") for _ in range(3000)]
    for person in people:
        _check_id(person, 2026)
        family, *_ = person.full_name.split()
        assert family in {name for name, _ in demo.FAMILY_NAMES}
        assert len(person.full_name.split()) == 3
    ages = [2026 - (p.birth_year or 0) for p in people]
    assert sum(55 <= age <= 80 for age in ages) / len(ages) > 0.5  # skewed older
    assert any(p.id_number[3] in "23" for p in people)  # some born in the 2000s
    assert Counter(p.id_number[:3] for p in people).most_common(1)[0][0] == "001"
    assert sum(p.full_name.startswith("Nguyễn") for p in people) / len(people) > 0.3


def test_stored_citizens_match_their_id_numbers(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[CitizenDetails] = []

    def recording(rng: random.Random, year: int, home: str) -> CitizenDetails:
        made.append(synthetic_citizen(rng, year, home))
        return made[-1]

    monkeypatch.setattr(population, "synthetic_citizen", recording)
    result = seed(kiosk, 400)
    with kiosk.db.unit_of_work() as uow:
        session = uow.session
        stored = {
            c.id_hash: (c.birth_year, c.gender, c.id_masked, kiosk.vault.decrypt(c.name_enc or b""))
            for c in session.scalars(select(Citizen))
        }
        consents = session.scalar(select(func.count()).select_from(Consent))
        identified = session.scalar(
            select(func.count()).where(
                Transaction.citizen_id.is_not(None), Transaction.corrects_id.is_(None)
            )
        )
    assert len(made) == len(stored) == result.citizens
    for details in made:
        _check_id(details, END.year)
        masked = details.id_number[:3] + "******" + details.id_number[-3:]
        assert stored[kiosk.vault.id_hash(details.id_number)] == (
            details.birth_year,
            details.gender,
            masked,
            details.full_name,
        )
    assert identified and result.citizens < identified  # some came back, under the same row
    assert consents == identified  # one consent per identified visit, as in the real flow


def test_the_shape_of_a_counter_day(kiosk: Kiosk) -> None:
    result = seed(kiosk, 1500, days=15)
    assert result.transactions == 1500
    assert result.first_day == date(2026, 11, 9) and result.last_day == END
    with kiosk.db.unit_of_work() as uow:  # ORM objects are checked inside their unit of work
        session = uow.session
        _check_helpers(list(session.scalars(select(Helper))))
        visits = list(session.scalars(select(Transaction)))
        assert len(visits) == 1500
        _check_visits(visits)
        _check_lines(kiosk, list(session.scalars(select(AssistedService))))
        assert session.scalar(select(func.count()).select_from(TransactionBarrier))


def _check_helpers(helpers: list[Helper]) -> None:
    assert {h.kind for h in helpers} == {"volunteer", "staff"}
    assert [h.role for h in helpers].count("admin") == 1
    assert all(h.pin_hash.startswith("$argon2") for h in helpers)


def _check_visits(visits: list[Transaction]) -> None:
    for visit in visits:
        started = visit.started_at.astimezone(LOCAL_TZ)
        assert visit.business_day.weekday() < 5 and started.date() == visit.business_day
        assert time(7, 30) <= started.time() < time(17, 0)
        if visit.finished_at and visit.corrects_id is None:
            minutes = (visit.finished_at - visit.started_at).total_seconds() / 60
            assert 5 <= minutes <= 40
            assert visit.finished_at.astimezone(LOCAL_TZ).time() <= time(17, 0)
        if visit.status == "open":
            assert visit.business_day == END and visit.receipt_no is None
    ratings = Counter(v.satisfaction for v in visits if v.satisfaction)
    assert (ratings[4] + ratings[5]) / sum(ratings.values()) > 0.7
    assert any(v.referral for v in visits) and any(v.follow_up_on for v in visits)
    assert any(v.corrects_id for v in visits) and any(v.status == "open" for v in visits)


def _check_lines(kiosk: Kiosk, lines: list[AssistedService]) -> None:
    services = Counter(line.service_code for line in lines)
    assert {code for code, _ in services.most_common(2)} == {"portal_account", "vneid_level2"}
    assert set(services) == {s.code for s in kiosk.catalogue.services}  # issue 15's ten too
    filings: Counter[str] = Counter()
    outcomes = Counter(line.outcome for line in lines if line.outcome)
    assert outcomes["done"] / sum(outcomes.values()) > 0.7
    assert outcomes["partial"] and outcomes["not_possible"]
    for line in lines:
        if line.outcome in ("partial", "not_possible"):
            assert kiosk.catalogue.has("reasons", line.reason_code or "")
        if line.dossier_code:
            assert re.fullmatch(r"H\d{2}\.\d{2}-\d{6}-\d{4}", line.dossier_code)
            if line.service_code in PROCEDURES_OF:  # a dedicated service files its procedure
                assert line.procedure_name in PROCEDURES_OF[line.service_code]
            if line.service_code != "online_payment" and not line.transaction.corrects_id:
                filings[line.dossier_code] += 1
    assert filings and set(filings.values()) == {1}  # one filing, one dossier code


def test_receipts_in_finishing_order_and_sequences_left_at_the_last(kiosk: Kiosk) -> None:
    seed(kiosk, 400)
    with kiosk.db.unit_of_work() as uow:
        session = uow.session
        order = (Transaction.business_day, Transaction.finished_at, Transaction.receipt_seq)
        finished = [
            (t.business_day, t.receipt_no, t.receipt_seq)
            for t in session.scalars(
                select(Transaction).where(Transaction.status == "finished").order_by(*order)
            )
        ]
        sequences = {
            s.business_day: s.last_number for s in session.scalars(select(ReceiptSequence))
        }
    by_day: dict[date, list[int]] = {}
    for day, receipt_no, sequence in finished:
        match = RECEIPT.match(receipt_no or "")
        assert match and match.group(1) == f"{day:%Y%m%d}"
        assert int(match.group(2)) == sequence
        by_day.setdefault(day, []).append(sequence or 0)
    for day, numbers in by_day.items():
        assert numbers == list(range(1, len(numbers) + 1))  # 1, 2, 3… in finishing order
        assert sequences[day] == len(numbers)


def test_a_real_finish_continues_the_numbering(kiosk: Kiosk, clock: FixedClock) -> None:
    clock.at = datetime(2026, 11, 23, 17, 30, tzinfo=LOCAL_TZ)  # after the seeded day
    seed(kiosk, 200, days=3)
    with kiosk.db.unit_of_work() as uow:
        last = uow.session.scalar(
            select(func.max(Transaction.receipt_seq)).where(Transaction.business_day == END)
        )
    assert last
    (resumed, *_) = kiosk.transactions.list_unfinished()  # a seeded visit still open
    for line in resumed.services:
        if line.outcome is None:
            kiosk.transactions.record_outcome(resumed.id, ServiceOutcome(line.service_code, "done"))
    assert kiosk.transactions.finish(resumed.id).receipt_no == f"Q01-20261123-{last + 1:04d}"
    new = kiosk.transactions.start(helper_id=None, services=["vssid"])
    kiosk.transactions.record_outcome(new, ServiceOutcome("vssid", "done"))
    assert kiosk.transactions.finish(new).receipt_no == f"Q01-20261123-{last + 2:04d}"


def test_seeding_again_continues_and_finds_the_same_people(kiosk: Kiosk) -> None:
    first = seed(kiosk, 150, days=5)
    second = seed(kiosk, 150, days=5)  # same seed: the same citizens come back
    assert second.citizens == first.citizens
    with kiosk.db.unit_of_work() as uow:
        session = uow.session
        citizens = session.scalar(select(func.count()).select_from(Citizen))
        receipts = list(
            session.scalars(
                select(Transaction.receipt_no).where(Transaction.receipt_no.is_not(None))
            )
        )
        helpers = session.scalar(select(func.count()).select_from(Helper))
    assert citizens == first.citizens and helpers == len(demo.DEMO_HELPERS)
    assert len(receipts) == len(set(receipts))  # no receipt number used twice


def test_closed_days_are_skipped(kiosk: Kiosk) -> None:
    friday = date(2026, 11, 20)
    kiosk.days.close(friday)
    result = seed(kiosk, 100, days=7)
    with kiosk.db.unit_of_work() as uow:
        days = set(uow.session.scalars(select(Transaction.business_day)))
    assert friday not in days and result.first_day == date(2026, 11, 17)
    kiosk.days.close(END)
    with pytest.raises(InputError, match="chưa chốt sổ"):
        seed(kiosk, 10, days=1)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"transactions": 0}, "lớn hơn 0"),
        ({"days": 0}, "Số ngày"),
        ({"counter_code": "q 1"}, "Mã quầy"),
    ],
)
def test_bad_arguments_are_refused(kiosk: Kiosk, arguments: dict[str, Any], message: str) -> None:
    options = {"transactions": 10, "days": 5, **arguments}
    with pytest.raises(InputError, match=message):
        seed(kiosk, **options)


def test_weekend_end_day_ends_on_friday(kiosk: Kiosk) -> None:
    result = seed(kiosk, 30, days=3, end_day=date(2026, 11, 22))
    assert result.first_day == result.last_day == date(2026, 11, 20)


def test_demo_refuses_to_mix_into_a_real_log(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str], as_admin: AdminCommand
) -> None:
    from kiosk.cli import main
    from tests.factories import finished_visit

    finished_visit(kiosk)
    assert main(["seed-demo", "--transactions", "5", "--days", "7"]) == 2
    assert "nhật ký hỗ trợ thật" in capsys.readouterr().err
    assert main(["seed-demo", "--transactions", "5", "--days", "7", "--force"]) == 5
    assert "--admin" in capsys.readouterr().err  # mixing into real figures: an admin's
    assert main(as_admin("seed-demo", "--transactions", "5", "--days", "7", "--force")) == 0
    assert main(["seed-demo", "--transactions", "5", "--days", "7"]) == 0  # marked as demo now

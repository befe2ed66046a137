"""Sending that never poisons itself (issue 14, item 5), against the real PostgreSQL server.

Rows are written past the service boundary straight into the counter's SQLite file (as an
older kiosk or a hand edit could have): the centre refuses them for what they hold, each
becomes a conflict for a person, and the rest of the queue is sent. A counter whose privacy
key the centre refuses is told apart from one that cannot reach it.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.app import Kiosk, engine_for
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.errors import InputError
from kiosk.services.sync import CENTRE_ERROR, KEY_REFUSED, SyncStatus
from kiosk.services.sync.central import transaction_ids
from kiosk.services.upkeep.doctor.centre import check_centre
from kiosk.storage.models import AssistedService, Helper
from kiosk.ui.widgets.top_bar import TopBar
from tests.conftest import CounterFactory, sync_of
from tests.factories import finished_visit

FILING = "online_filing"


def filed(
    kiosk: Kiosk, code: str = "G22.99-261123-0001", helper_id: int | None = None
) -> uuid.UUID:
    outcome = ServiceOutcome(FILING, "done", dossier_code=code)
    return finished_visit(kiosk, outcome, citizen=None, helper_id=helper_id).id


def write_dossier_code(kiosk: Kiosk, visit: uuid.UUID, code: str) -> None:
    """Past every check: straight into the counter's own database (SQLite takes anything)."""
    with kiosk.db.unit_of_work() as uow:
        uow.session.execute(
            update(AssistedService)
            .where(AssistedService.transaction_id == visit)
            .values(dossier_code=code)
        )
        uow.commit()


def on_centre(kiosk: Kiosk) -> set[uuid.UUID]:
    with sync_of(kiosk).central.unit_of_work() as uow:
        return set(transaction_ids(uow.session, kiosk.settings.counter_code))


def conflict_reasons(kiosk: Kiosk) -> dict[str, str]:
    return {item.key: item.last_error or "" for item in sync_of(kiosk).items("conflict")}


@pytest.mark.postgres
def test_rows_the_centre_cannot_hold_become_conflicts_and_the_rest_is_sent(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    first = finished_visit(q01).id
    too_long, with_nul = filed(q01), filed(q01)
    last = finished_visit(q01).id
    write_dossier_code(q01, too_long, "SS" * 40)  # 40 "ß" upper-cased, as stored before
    write_dossier_code(q01, with_nul, "G\x0022")

    result = sync_of(q01).drain()

    assert (result.sent, result.conflicts) == (2, 2)
    status = result.status
    assert (status.online, status.refusal, status.pending, status.conflicts) == (True, None, 0, 2)
    assert on_centre(q01) == {first, last}
    reasons = conflict_reasons(q01)
    assert "mã hồ sơ dài 80 ký tự, máy chủ chỉ nhận 40" in reasons[str(too_long)]
    assert "mã hồ sơ có ký tự điều khiển U+0000 ở vị trí 2" in reasons[str(with_nul)]
    assert "Q01-20261123-0002" in reasons[str(too_long)]  # the visit, named for a person
    # the queue keeps flowing after them
    later = finished_visit(q01).id
    assert sync_of(q01).drain().sent == 1
    assert later in on_centre(q01)
    # once a person has put the rows right, they go too
    write_dossier_code(q01, too_long, "G22.99-261123-0002")
    write_dossier_code(q01, with_nul, "G22.99-261123-0003")
    assert sync_of(q01).retry_conflicts() == 2
    again = sync_of(q01).drain()
    assert (again.sent, again.conflicts, again.status.conflicts) == (2, 0, 0)
    assert on_centre(q01) == {first, too_long, with_nul, last, later}


@pytest.mark.postgres
def test_a_refused_visit_does_not_take_the_helper_the_next_one_needs(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    binh = q01.helpers.add("binh", "Trần Văn Bình", "1357")  # not yet on the centre
    an = q01.helpers.add("an", "Nguyễn Văn An", "2468")
    refused = filed(q01, helper_id=binh.id)  # inserts binh on the centre, then is rolled back
    sent = finished_visit(q01, citizen=None, helper_id=binh.id).id  # needs binh's row too
    by_long_name = finished_visit(q01, citizen=None, helper_id=an.id).id
    write_dossier_code(q01, refused, "SS" * 40)
    with q01.db.unit_of_work() as uow:  # a name of 121 characters, stored before the check
        uow.session.execute(update(Helper).where(Helper.id == an.id).values(full_name="A" * 121))
        uow.commit()

    result = sync_of(q01).drain()

    assert (result.sent, result.conflicts) == (1, 2)
    assert on_centre(q01) == {sent}
    reasons = conflict_reasons(q01)
    assert "họ tên người hỗ trợ dài 121 ký tự, máy chủ chỉ nhận 120" in reasons[str(by_long_name)]
    assert result.status.online is True


@pytest.mark.postgres
def test_a_key_the_centre_refuses_is_not_called_offline(
    make_counter: CounterFactory,
    pg_schema_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
) -> None:
    from kiosk.cli import main

    q01 = make_counter("Q01", pg_schema_url)
    assert sync_of(q01).drain().status.online  # the centre now holds Q01's key
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "other-pc"))  # a key of its own
    q02 = make_counter("Q02", pg_schema_url)
    finished_visit(q02)

    status = sync_of(q02).drain().status

    assert (status.online, status.refusal, status.pending) == (True, KEY_REFUSED, 1)
    assert status.last_error and "không khớp" in status.last_error
    bar = TopBar("Trung tâm · Q02")
    qtbot.addWidget(bar)
    bar.show_sync(status)
    assert bar.sync_state.text() == "Sai khóa bảo mật · 1 chờ gửi"
    doctor = check_centre(q02.settings, engine_for)  # the doctor no longer says all is well
    assert not doctor.ok and "dùng khóa bảo mật khác" in doctor.message
    assert str(q02.settings.key_file) in doctor.fix
    monkeypatch.setenv("KIOSK_DATABASE_URL", q02.settings.effective_database_url)
    monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", pg_schema_url)
    monkeypatch.setenv("KIOSK_COUNTER_CODE", "Q02")
    assert main(["sync", "send"]) == 6
    captured = capsys.readouterr()
    assert "không nhận khóa bảo mật của quầy này" in captured.out
    assert "dùng khóa bảo mật khác với quầy này" in captured.err


@pytest.mark.postgres
def test_kiosk_sync_status_points_at_the_conflicts(
    make_counter: CounterFactory,
    pg_schema_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kiosk.cli import main

    q01 = make_counter("Q01", pg_schema_url)
    write_dossier_code(q01, filed(q01), "SS" * 40)
    monkeypatch.setenv("KIOSK_DATABASE_URL", q01.settings.effective_database_url)
    monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", pg_schema_url)

    assert main(["sync", "send"]) == 1
    out = capsys.readouterr().out
    assert "xung đột cần xem xét: 1 mục" in out
    assert "'kiosk sync conflicts'" in out
    assert main(["sync", "conflicts"]) == 1
    assert "mã hồ sơ dài 80 ký tự" in capsys.readouterr().out


def _status(**changes: object) -> SyncStatus:
    values: dict[str, object] = {
        "online": True,
        "pending": 0,
        "conflicts": 0,
        "last_sent_at": None,
        "last_error": None,
    }
    values.update(changes)
    return SyncStatus(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (_status(), ""),
        (_status(online=False, pending=3), "Ngoại tuyến · 3 chờ gửi"),
        (
            _status(online=False, pending=3, conflicts=1),
            "Ngoại tuyến · 3 chờ gửi · 1 mục chờ cán bộ xử lý",
        ),
        (_status(refusal=KEY_REFUSED, pending=2), "Sai khóa bảo mật · 2 chờ gửi"),
        (_status(refusal=KEY_REFUSED), "Sai khóa bảo mật"),
        (_status(refusal=CENTRE_ERROR, pending=2), "Máy chủ báo lỗi · 2 chờ gửi"),
        (_status(conflicts=2), "2 mục chờ cán bộ xử lý"),
    ],
)
def test_the_top_bar_tells_offline_key_refused_and_conflicts_apart(
    qtbot: QtBot, status: SyncStatus, text: str
) -> None:
    bar = TopBar("Trung tâm · Q01")
    qtbot.addWidget(bar)
    bar.show()
    bar.show_sync(status)
    assert bar.sync_state.text() == text
    assert bar.sync_state.isVisible() == bool(text)


def _random_text(rng: random.Random) -> str:
    """Text from every corner: any code point now and then, letters that grow when
    upper-cased, combining marks, odd spaces, Vietnamese; often around the columns' lengths;
    one text in four with a control character, a surrogate or an invisible one."""
    growing = "ßǰﬁŉİıĐđ\u0301\u0302\u0303\u031b\u00a0\u2028\t\n\r"
    plain = "Nguyễn Thị Hồng Nhung Trần Văn Bình Phường Bến Thành G22.99-261123-0001"
    length = rng.choice([rng.randint(0, 12), rng.randint(35, 45), rng.randint(115, 125)])
    chars = []
    for _ in range(length):
        pick = rng.random()
        if pick < 0.05:
            chars.append(chr(rng.randint(0, 0x10FFFF)))
        else:
            chars.append(rng.choice(growing if pick < 0.2 else plain))
    if chars and rng.random() < 0.25:
        chars.insert(rng.randrange(len(chars)), rng.choice("\x00\x1b\x7f\u200b\ud800\u202e"))
    return "".join(chars)


@pytest.mark.postgres
def test_whatever_the_services_accept_the_centre_takes(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    rng = random.Random(20261123)
    tries: list[bool] = []

    def tried(write: Callable[..., Any], *args: object) -> Any:
        """``write(*args)``, or ``None`` when the boundary refuses the text."""
        try:
            value = write(*args)
        except InputError:  # TextFieldError, or an empty name
            tries.append(False)
            return None
        tries.append(True)
        return value

    log = q01.transactions
    helper_ids: list[int | None] = [None]
    for number in range(80):
        helper = tried(q01.helpers.add, f"tnv{number}", _random_text(rng), "2468")
        helper_ids.append(helper.id if helper else None)
        visit = log.start(helper_id=rng.choice(helper_ids), services=[FILING])
        code, procedure, notes = (_random_text(rng) for _ in range(3))
        outcome = ServiceOutcome(FILING, "done", dossier_code=code, procedure_name=procedure)
        tried(log.record_outcome, visit, outcome)
        if not tries[-1]:
            log.record_outcome(visit, ServiceOutcome(FILING, "done"))
        tried(log.record_details, visit, VisitDetails(notes=notes))
        log.finish(visit)

    result = sync_of(q01).drain()

    assert tries.count(False) > 30 and tries.count(True) > 60  # both sides were tried
    assert (result.sent, result.conflicts, result.status.pending) == (80, 0, 0)

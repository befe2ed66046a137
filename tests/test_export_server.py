"""A masked CSV formatted by PostgreSQL (server_csv) is byte for byte the Python path's file.

The Python path (RowMaker and CsvSink) is what every CSV export wrote before; on PostgreSQL a
masked CSV now comes from COPY of a select that formats the cells. Both are run on the same
awkward visits (formula-looking, quoted, multi-line and empty text, codes the catalogue no
longer knows, several services with and without reasons, a correction, an open visit, a
follow-up phone, no services at all) and their files compared; on SQLite the file is checked
cell by cell against the same expectations. The CLI's light composition root is checked to
write the same file as the full one.
"""

from __future__ import annotations

import csv
import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, update

from kiosk.app import Kiosk
from kiosk.cli import main
from kiosk.domain.clock import FixedClock, local_day
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.services.people.audit import Actor
from kiosk.services.reporting.export import export_transactions, server_csv, use_case
from kiosk.storage.models import AssistedService, Transaction, TransactionBarrier
from kiosk.tools.demo import seed_demo
from tests.factories import NHUNG, finished_visit

END = date(2026, 11, 23)  # the clock fixture's day
START = END - timedelta(days=6)
FORMULA_HELPER = '=HYPERLINK("http://x.example","Bấm, vào")'
DOSSIER = 'HS,"01"\nB'  # a comma, quotes and a line break: quoted, quotes doubled
PROCEDURE = "-Cấp lại; thẻ"


def _visit(kiosk: Kiosk, *outcomes: ServiceOutcome, **options: Any) -> uuid.UUID:
    record = finished_visit(kiosk, *outcomes, **options)
    return record.id


def _awkward_visits(kiosk: Kiosk, clock: FixedClock) -> dict[str, uuid.UUID]:
    """Visits whose cells test every rule of the format; their ids by what they test."""
    helper = kiosk.helpers.add("congthuc", FORMULA_HELPER, "482916")
    ids = {
        "quoted": _visit(
            kiosk,
            ServiceOutcome("online_filing", "partial", "otp_not_received", "HS01", "Cấp lại"),
            ServiceOutcome("portal_account", "done"),
            ServiceOutcome("vneid_level2", "not_possible", "approval_pending"),
            helper_id=helper.id,
            details=VisitDetails(
                barriers=("new_to_smartphones", "no_smartphone", "no_nfc"),
                satisfaction=5,
                referral="carrier_store",
                follow_up_on=END + timedelta(days=400),
                follow_up_phone="+84 912 345 678",
            ),
        ),
        "plain": _visit(kiosk, ServiceOutcome("vneid_level1", "done"), citizen=None),
    }
    clock.advance(minutes=7)
    ids["correction"] = kiosk.transactions.correct(
        ids["plain"], helper_id=helper.id, reason="=nhầm", outcomes=[
            ServiceOutcome("vneid_level1", "partial", "chip_read_failed")
        ],
    ).id  # fmt: skip
    ids["open"] = kiosk.transactions.start(
        helper_id=None, citizen=NHUNG, services=["portal_account", "vneid_level2"]
    )
    clock.advance(minutes=3)
    ids["bare"] = kiosk.transactions.start(helper_id=helper.id, services=["portal_account"])
    ids["unknown"] = _visit(kiosk, ServiceOutcome("vneid_level2", "done"))
    ids["only_unknown"] = _visit(kiosk, ServiceOutcome("portal_account", "done"))
    with kiosk.db.unit_of_work() as uow:
        session = uow.session
        # codes a newer catalogue dropped, text an import could bring: shown as stored
        session.execute(
            update(AssistedService)
            .where(AssistedService.transaction_id == ids["quoted"])
            .where(AssistedService.service_code == "online_filing")
            .values(dossier_code=DOSSIER, procedure_name=PROCEDURE)
        )
        session.execute(
            update(AssistedService)
            .where(AssistedService.transaction_id == ids["unknown"])
            .values(service_code="@old_service", outcome="gone", reason_code="+old_reason")
        )
        session.execute(
            update(Transaction)
            .where(Transaction.id == ids["unknown"])
            .values(referral="-old_referral", guide_pack="@pack 2", status="\tlạ")
        )
        session.execute(
            insert(TransactionBarrier),
            [
                {"transaction_id": ids["unknown"], "barrier_code": code}
                for code in ("zz_old", "no_email", "Ab_old", "no_nfc")
            ]
            + [{"transaction_id": ids["only_unknown"], "barrier_code": "b_old"}],
        )
        session.execute(
            delete(AssistedService).where(AssistedService.transaction_id == ids["bare"])
        )
        uow.commit()
    return ids


@pytest.fixture
def awkward(kiosk: Kiosk, clock: FixedClock) -> dict[str, uuid.UUID]:
    seed_demo(kiosk.db, kiosk.vault, kiosk.catalogue, transactions=150, days=5, seed=5,
              end_day=END)  # fmt: skip
    return _awkward_visits(kiosk, clock)


def _export(kiosk: Kiosk, out: Path, *, counter_id: int | None = None) -> bytes:
    export_transactions(
        kiosk.db, kiosk.vault, kiosk.catalogue, start=START, end=END, out=out, fmt="csv",
        unmasked=False, counter_id=counter_id or kiosk.counter_id,
        actor=Actor.system("test"), clock=kiosk.clock,
    )  # fmt: skip
    return out.read_bytes()


def _python_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(use_case, "server_formats", lambda *args, **kwargs: False)


def test_server_formatted_csv_is_the_python_one_byte_for_byte(
    kiosk: Kiosk,
    awkward: dict[str, uuid.UUID],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert use_case.server_formats(kiosk.db, "csv", unmasked=False) == (
        kiosk.db.dialect == "postgresql"
    )
    served = _export(kiosk, tmp_path / "served.csv")
    with monkeypatch.context() as patch:
        _python_path(patch)
        python = _export(kiosk, tmp_path / "python.csv")
    assert served == python
    rows = list(csv.DictReader(served.decode("utf-8-sig").splitlines(keepends=True)))
    assert len(rows) == 150 + 7 and served.count(b"\r\n") == len(rows) + 1  # CRLF a row
    label = {e.code: e.name_vi for e in (*kiosk.catalogue.outcomes, *kiosk.catalogue.reasons,
                                         *kiosk.catalogue.barriers)}  # fmt: skip
    quoted = next(r for r in rows if r["Mã hồ sơ"].startswith("HS"))
    assert quoted["Người hỗ trợ"] == "'" + FORMULA_HELPER
    assert quoted["Mã hồ sơ"] == DOSSIER + "; —; —"
    assert quoted["Thủ tục"] == "'" + PROCEDURE + "; —; —"
    assert quoted["Lý do"] == f"{label['otp_not_received']}; —; {label['approval_pending']}"
    assert quoted["Kết quả"] == "; ".join(label[c] for c in ("partial", "done", "not_possible"))
    assert quoted["Khó khăn gặp phải"] == "; ".join(
        label[c] for c in ("no_smartphone", "no_nfc", "new_to_smartphones")
    )  # catalogue order
    assert quoted["Điện thoại hẹn lại"] == "849*****678"
    assert quoted["Ngày hẹn lại"] == (END + timedelta(days=400)).strftime("%d/%m/%Y")
    assert quoted["Mức hài lòng"] == "5"
    assert b'"HS,""01""\nB; \xe2\x80\x94; \xe2\x80\x94"' in served  # a line break, quoted
    odd = next(r for r in rows if r["Gói hướng dẫn"] == "'@pack 2")
    assert (odd["Dịch vụ"], odd["Kết quả"], odd["Lý do"]) == (
        "'@old_service",
        "gone",
        "'+old_reason",
    )
    assert (odd["Trạng thái"], odd["Nơi chuyển tiếp"]) == ("'\tlạ", "'-old_referral")
    assert odd["Khó khăn gặp phải"] == f"{label['no_nfc']}; {label['no_email']}; Ab_old; zz_old"
    assert sum(r["Khó khăn gặp phải"] == "b_old" for r in rows) == 1
    mine = [r for r in rows if r["Người hỗ trợ"] == "'" + FORMULA_HELPER]
    (bare,) = [r for r in mine if r["Dịch vụ"] == ""]  # no services: no outcome either
    assert bare["Kết quả"] == bare["Giờ kết thúc"] == bare["Số biên nhận"] == ""
    assert bare["Trạng thái"] == "Đang thực hiện"
    (fix,) = [r for r in mine if r["Điều chỉnh cho"]]
    assert fix["Lý do"] == label["chip_read_failed"] and "Lý do điều chỉnh" not in fix


@pytest.mark.postgres
def test_slices_and_every_counter_give_the_same_file(
    kiosk: Kiosk,
    awkward: dict[str, uuid.UUID],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if kiosk.db.dialect != "postgresql":
        pytest.skip("the COPY path is PostgreSQL's")
    whole = _export(kiosk, tmp_path / "whole.csv")
    monkeypatch.setattr(server_csv, "SLICE_ROWS", 40)
    monkeypatch.setattr(server_csv, "BATCH", 7)
    with kiosk.db.reading() as connection:
        cut = server_csv.slices(connection, START, END, kiosk.counter_id)
    assert len(cut) >= 3 and cut[0][0] >= START and cut[-1][1] <= END
    assert all(a[1] < b[0] for a, b in itertools.pairwise(cut))
    assert all(rows <= 40 or first == last for first, last, rows in cut)  # a day is whole
    assert sum(rows for *_, rows in cut) == 157
    assert _export(kiosk, tmp_path / "sliced.csv") == whole
    _python_path(monkeypatch)
    everyone = tmp_path / "all.csv"
    export_transactions(
        kiosk.db, kiosk.vault, kiosk.catalogue, start=START, end=END, out=everyone, fmt="csv",
        unmasked=False, counter_id=None, actor=Actor.system("test"),
    )  # fmt: skip
    monkeypatch.undo()
    served = tmp_path / "all-served.csv"
    export_transactions(
        kiosk.db, kiosk.vault, kiosk.catalogue, start=START, end=END, out=served, fmt="csv",
        unmasked=False, counter_id=None, actor=Actor.system("test"),
    )  # fmt: skip
    assert served.read_bytes() == everyone.read_bytes()


@pytest.mark.postgres
@pytest.mark.parametrize("unmasked", [False, True])
def test_a_failing_server_read_is_the_kiosk_s_message_and_leaves_nothing(
    kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unmasked: bool
) -> None:
    """The COPY (masked) and the named cursor (unmasked) read with psycopg itself: a failure
    there is one clear message, like any other database error, and no file is left."""
    if kiosk.db.dialect != "postgresql":
        pytest.skip("the raw psycopg cursors are PostgreSQL's")
    from kiosk.errors import DatabaseUnavailableError
    from kiosk.services.reporting.export import queries

    finished_visit(kiosk, ServiceOutcome("portal_account", "done"))
    monkeypatch.setattr(server_csv, "copy_statement", lambda *a: "COPY (SELECT 1/0) TO STDOUT")
    monkeypatch.setattr(queries, "_joined", lambda *a, **k: _Compiled("SELECT 1/0"))
    out = tmp_path / "out" / "x.csv"
    with pytest.raises(DatabaseUnavailableError) as failure:
        export_transactions(
            kiosk.db, kiosk.vault, kiosk.catalogue, start=END, end=END, out=out, fmt="csv",
            unmasked=unmasked, counter_id=kiosk.counter_id, actor=Actor.system("test"),
        )  # fmt: skip
    assert "DivisionByZero" in failure.value.detail and not list(out.parent.iterdir())


class _Compiled:
    """A stand-in for a compiled select: its SQL text and no parameters."""

    def __init__(self, sql: str) -> None:
        self.sql = sql
        self.params: dict[str, Any] = {}

    def __str__(self) -> str:
        return self.sql


def test_the_cli_export_needs_no_full_kiosk(
    kiosk: Kiosk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A masked ``kiosk export`` opens only the database, key and catalogue: same file."""
    from kiosk import app as composition
    from kiosk.cli import export_root

    today = local_day(datetime.now().astimezone())  # the CLI runs on the system clock
    assert main(["seed-demo", "--transactions", "60", "--days", "3"]) == 0
    argv = ["export", "--from", (today - timedelta(days=5)).isoformat(),
            "--to", (today + timedelta(days=1)).isoformat()]  # fmt: skip

    @contextmanager
    def no_light_root(settings: object) -> Iterator[None]:
        yield None

    with monkeypatch.context() as patch:
        patch.setattr(export_root, "open_export", no_light_root)
        assert main([*argv, "--out", str(tmp_path / "full.csv")]) == 0

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("build_kiosk called for a masked export")

    with monkeypatch.context() as patch:
        patch.setattr(composition, "build_kiosk", refused)
        assert main([*argv, "--out", str(tmp_path / "light.csv")]) == 0
    assert capsys.readouterr().out.count("Đã xuất 60 lượt hỗ trợ") == 2
    assert (tmp_path / "light.csv").read_bytes() == (tmp_path / "full.csv").read_bytes()
    # a counter without its row yet: the light root hands over, the full one creates it
    monkeypatch.setenv("KIOSK_COUNTER_CODE", "Q09")
    assert main([*argv, "--out", str(tmp_path / "q09.csv")]) == 0
    assert "Đã xuất 0 lượt hỗ trợ" in capsys.readouterr().out

"""Report figures: definitions, corrections, groups, agreement with plain SQL, and one number
for each figure in the README, the dashboard, the Z-report and both exports."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from kiosk.app import Kiosk
from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import CitizenDetails, ServiceOutcome, VisitDetails
from kiosk.services.identity import CitizenIdentity
from kiosk.services.people.audit import Actor
from kiosk.services.reporting.definitions import SIGNATURES, ReportLine
from kiosk.services.reporting.export import export_transactions
from kiosk.services.reporting.figures import compute_figures, helper_hours
from kiosk.services.reporting.z_report import gather_z_report
from kiosk.storage.models import Transaction
from kiosk.tools.demo import seed_demo
from kiosk.ui.screens.dashboard import MONTH, TILE_FIGURES, DashboardData, DashboardScreen
from kiosk.ui.screens.dashboard_parts import format_count
from tests.factories import BA_TU, BINH, NHUNG, NOTICE, finished_visit

DAY = date(2026, 11, 23)


def figures(kiosk: Kiosk, **kwargs):  # type: ignore[no-untyped-def]
    with kiosk.db.unit_of_work() as uow:
        return compute_figures(uow.session, kiosk.catalogue, DAY, DAY, **kwargs)


def test_figures_of_a_day(kiosk: Kiosk, clock: FixedClock) -> None:
    lan = kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    finished_visit(
        kiosk,
        ServiceOutcome("portal_account", "done"),
        ServiceOutcome("signature_vnpt_smartca", "done"),
        citizen=NHUNG,
        helper_id=lan.id,
        details=VisitDetails(satisfaction=5),
    )
    clock.advance(minutes=30)
    finished_visit(
        kiosk,
        ServiceOutcome("signature_viettel_mysign", "done"),
        ServiceOutcome("vneid_level2", "partial", "approval_pending"),
        citizen=NHUNG,
        helper_id=lan.id,
        details=VisitDetails(satisfaction=4),
    )
    clock.advance(minutes=30)
    finished_visit(kiosk, ServiceOutcome("online_filing", "done"), citizen=BINH)
    finished_visit(kiosk, ServiceOutcome("vssid", "not_possible", "no_network"), citizen=None)
    kiosk.transactions.start(helper_id=None, citizen=BA_TU, services=["vneid_level2"])
    total = figures(kiosk)[None]
    assert total.transactions == 5 and total.finished == 4 and total.unfinished == 1
    assert total.people_helped == 4  # Nhung twice, Bình, Bà Tư, one anonymous
    assert total.by_figure["portal_accounts"] == 1
    assert total.by_figure["digital_signatures"] == 2
    assert total.by_figure["dossiers_filed_online"] == 1
    assert total.by_figure["vneid_level2_activations"] == 0
    assert total.by_figure["vssid_accounts"] == 0
    assert total.reasons == {"approval_pending": 1, "no_network": 1}
    assert total.satisfaction_avg == 4.5 and total.rated == 2
    by_helper = figures(kiosk, group_by="helper")
    assert by_helper[lan.id].transactions == 2 and by_helper[None].transactions == 3
    with kiosk.db.unit_of_work() as uow:
        hours = {h.username: h for h in helper_hours(uow.session, DAY, DAY)}
    assert hours["lan"].days == 1 and hours["lan"].hours == 0.5


def test_latest_correction_wins(kiosk: Kiosk, clock: FixedClock) -> None:
    original = finished_visit(
        kiosk,
        ServiceOutcome("vneid_level2", "not_possible", "otp_not_received"),
        ServiceOutcome("portal_account", "done"),
    )
    clock.advance(hours=1)
    kiosk.transactions.correct(
        original.id,
        helper_id=None,
        reason="OTP về muộn",
        outcomes=[ServiceOutcome("vneid_level2", "done")],
    )
    assert figures(kiosk)[None].by_figure["vneid_level2_activations"] == 1
    clock.advance(hours=1)
    kiosk.transactions.correct(
        original.id,
        helper_id=None,
        reason="Bấm nhầm",
        outcomes=[ServiceOutcome("vneid_level2", "partial", "approval_pending")],
    )
    total = figures(kiosk)[None]
    assert total.transactions == 1  # corrections are not visits
    assert total.by_figure["vneid_level2_activations"] == 0
    assert total.by_figure["portal_accounts"] == 1
    assert total.by_service["vneid_level2"] == {"partial": 1}


def test_figures_equal_plain_sql(kiosk: Kiosk, clock: FixedClock) -> None:
    for index in range(12):
        clock.advance(minutes=7)
        outcome = ("done", "partial", "not_possible")[index % 3]
        reason = None if outcome == "done" else "system_error"
        finished_visit(
            kiosk,
            ServiceOutcome("portal_account", outcome, reason),
            ServiceOutcome("signature_other", "done"),
            citizen=(NHUNG, BINH, BA_TU, None)[index % 4],
        )
    total = figures(kiosk)[None]
    with kiosk.db.engine.connect() as connection:

        def count(sql: str) -> int:
            return int(connection.execute(text(sql)).scalar_one())

        assert total.transactions == count("SELECT count(*) FROM transactions")
        assert total.by_figure["portal_accounts"] == count(
            "SELECT count(*) FROM transaction_services "
            "WHERE service_code = 'portal_account' AND outcome = 'done'"
        )
        assert total.by_figure["digital_signatures"] == count(
            "SELECT count(*) FROM transaction_services WHERE service_code LIKE 'signature%' "
            "AND outcome = 'done'"
        )
        assert total.people_helped == count(
            "SELECT count(DISTINCT citizen_id) FROM transactions"
        ) + count("SELECT count(*) FROM transactions WHERE citizen_id IS NULL")


def _card_details(id_number: str, name: str, born: date, gender: str) -> CitizenDetails:
    return CitizenIdentity(id_number, None, name, born, gender).to_details(NOTICE)


# Synthetic people around the adult line, by birth year (2026 - 18 = 2008).
TURNS_18 = _card_details("079208123456", "Phạm Minh Khang", date(2008, 12, 30), "Nam")
IS_17 = _card_details("038309654321", "Đỗ Thị Mai", date(2009, 1, 2), "Nữ")


def test_a_dossier_with_a_code_counts_whatever_its_outcome(kiosk: Kiosk, clock: FixedClock) -> None:
    """Issue 15: a partial-process filing with a code was left out of "Hồ sơ nộp trực tuyến"."""
    filing = "online_filing"
    finished_visit(kiosk, ServiceOutcome(filing, "done", dossier_code="H01.1-261123-0001"))
    partial = finished_visit(
        kiosk,
        ServiceOutcome(filing, "partial", "needs_in_person", dossier_code="H01.1-261123-0002"),
        citizen=BINH,
    )
    finished_visit(kiosk, ServiceOutcome(filing, "done"), citizen=BA_TU)  # code not typed in
    finished_visit(kiosk, ServiceOutcome(filing, "partial", "missing_documents"), citizen=None)
    finished_visit(kiosk, ServiceOutcome(filing, "not_possible", "system_error"), citizen=None)
    finished_visit(  # a payment's code is the dossier paid for, not another dossier
        kiosk, ServiceOutcome("online_payment", "done", dossier_code="H01.1-261123-0001")
    )
    total = figures(kiosk)[None]
    assert total.by_figure["dossiers_filed_online"] == 3
    assert total.dossiers == {"full_process": 2, "partial_process": 1}
    assert total.people_by_figure["dossiers_filed_online"] == 3  # Nhung, Bình, Bà Tư
    assert total.by_figure["online_payments"] == 1
    clock.advance(days=2)  # the citizen came back: the partial one is done, on its own day
    kiosk.transactions.correct(
        partial.id,
        helper_id=None,
        reason="Đã nộp bản gốc",
        outcomes=[ServiceOutcome(filing, "done", dossier_code="H01.1-261123-0002")],
    )
    total = figures(kiosk)[None]
    assert total.by_figure["dossiers_filed_online"] == 3
    assert total.dossiers == {"full_process": 3, "partial_process": 0}


def test_services_done_and_distinct_people_and_adults(kiosk: Kiosk, clock: FixedClock) -> None:
    """Lượt and người apart (a returning citizen is one person); adults by birth year."""
    signature = ServiceOutcome("signature_vnpt_smartca", "done")
    for citizen in (NHUNG, NHUNG, TURNS_18, IS_17, None, None):
        finished_visit(kiosk, signature, ServiceOutcome("portal_account", "done"), citizen=citizen)
        clock.advance(minutes=10)
    finished_visit(kiosk, ServiceOutcome("signature_viettel_mysign", "done"), citizen=NHUNG)
    finished_visit(kiosk, ServiceOutcome("vneid_level2", "partial", "approval_pending"))
    total = figures(kiosk)[None]
    assert total.by_figure["digital_signatures"] == 7
    assert total.people_by_figure["digital_signatures"] == 5  # Nhung, Khang, Mai, 2 anonymous
    assert total.adults_by_figure["digital_signatures"] == 2  # Nhung, Khang (18 in 2026)
    assert total.by_figure["portal_accounts"] == 6
    assert total.people_by_figure["portal_accounts"] == 5
    assert total.by_figure["vneid_level2_activations"] == 0
    assert total.people_by_figure["vneid_level2_activations"] == 0
    by_day = figures(kiosk, group_by="day")[DAY]
    assert by_day.people_by_figure == total.people_by_figure
    assert by_day.adults_by_figure == total.adults_by_figure


# -- one figure, one number everywhere ---------------------------------------------------------


def _csv_recount(path: Path, catalogue: Catalogue) -> dict[str, int]:
    """Services done per figure and the dossier split, counted back from a CSV export alone.

    The latest correction of a visit ("Điều chỉnh cho" its receipt) replaces the services it
    names; rows come in time order.
    """
    figure_of = {s.name_vi: s.figure for s in catalogue.services}
    visits: dict[str, dict[str, tuple[str, str | None]]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            if not row["Dịch vụ"]:
                continue
            services = row["Dịch vụ"].split("; ")
            outcomes = row["Kết quả"].split("; ")
            codes = row["Mã hồ sơ"].split("; ") if row["Mã hồ sơ"] else [""] * len(services)
            key = row["Điều chỉnh cho"] or row["Số biên nhận"] or f"row {index}"
            lines = visits.setdefault(key, {})
            for service, outcome, code in zip(services, outcomes, codes, strict=True):
                lines[service] = (outcome, None if code in ("", "—") else code)
    counts: dict[str, int] = defaultdict(int)
    for lines in visits.values():
        for service, (outcome, code) in lines.items():
            figure = figure_of.get(service)
            done = outcome == "Đã hoàn thành"
            if figure == "dossiers_filed_online" and (done or code):
                counts[figure] += 1
                counts[f"{figure}.{'full_process' if done else 'partial_process'}"] += 1
            elif figure and done:
                counts[figure] += 1
    return counts


def _readme_figures() -> str:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Figures\n", 1)[1].split("\n## ", 1)[0]


def test_readme_dashboard_z_report_and_exports_agree_on_demo_data(
    kiosk: Kiosk, qtbot: QtBot, tmp_path: Path
) -> None:
    seed_demo(kiosk.db, kiosk.vault, kiosk.catalogue, transactions=400, days=7, seed=5,
              end_day=DAY)  # fmt: skip
    with kiosk.db.unit_of_work() as uow:
        days = sorted(set(uow.session.scalars(select(Transaction.business_day))))
    for day in days:
        kiosk.days.close(day)
    first, last = days[0], days[-1]
    keys = kiosk.catalogue.figures()
    with kiosk.db.unit_of_work() as uow:
        total = compute_figures(uow.session, kiosk.catalogue, first, last)[None]
        per_day = compute_figures(uow.session, kiosk.catalogue, first, last, group_by="day")
    lines = total.lines(keys)
    expected = [(line.label, line.services, line.people) for line in lines]
    assert total.dossiers["partial_process"] > 0 and total.adults_by_figure[SIGNATURES] > 0

    # Z-reports: each closed day shows that day's rows; lượt add up to the period's
    summed: dict[str, int] = defaultdict(int)
    for day in days:
        facts = gather_z_report(kiosk.db, kiosk.catalogue, kiosk.counter_id, day)
        day_lines = per_day[day].lines(keys)
        assert [(r.label, r.services, r.people) for r in facts.figures] == [
            (line.label, *(_or_blank(v, s) for v, s in _numbers(line))) for line in day_lines
        ]
        for line in day_lines:
            summed[line.key] += line.services or 0
    assert all(summed[line.key] == (line.services or 0) for line in lines)

    # XLSX: the "Kết quả theo loại dịch vụ" table is the same rows, "Theo ngày" each day's
    options: dict[str, Any] = {"unmasked": False, "actor": Actor.system("test")}
    period: dict[str, Any] = {"start": first, "end": last, "counter_id": kiosk.counter_id}
    for fmt in ("csv", "xlsx"):
        export_transactions(kiosk.db, kiosk.vault, kiosk.catalogue, out=tmp_path / f"x.{fmt}",
                            fmt=fmt, **period, **options)  # fmt: skip
    tables = _sheet_tables(load_workbook(tmp_path / "x.xlsx")["Tổng hợp"])
    rows = tables["Kết quả theo loại dịch vụ"][1:]
    assert [(*row, *[None] * (3 - len(row))) for row in rows] == expected
    by_day = tables["Theo ngày"]
    headers = by_day[0][3:]
    assert headers == [h for line in lines for h, _ in line.columns()]
    for row in by_day[1:]:
        day_figures = per_day[row[0].date()]
        assert row[3:] == [v for line in day_figures.lines(keys) for _, v in line.columns()]

    # CSV: the rows alone give the same services done and dossiers
    recount = _csv_recount(tmp_path / "x.csv", kiosk.catalogue)
    assert {line.key: line.services for line in lines if line.services_shown} == {
        line.key: recount.get(line.key, 0) for line in lines if line.services_shown
    }

    # the dashboard: the same numbers under the same names
    screen = DashboardScreen(kiosk.catalogue)
    qtbot.addWidget(screen)
    screen.show_data(DashboardData(MONTH, first, last, total))
    for name in TILE_FIGURES:
        assert screen.tiles[name].value.text() == format_count(total.by_figure[name])
    bars = [(bar.label.removeprefix("– "), bar.text) for bar in screen.figures_chart.bars]
    assert [label for label, _ in bars] == [line.label for line in lines]
    for (_, said), line in zip(bars, lines, strict=True):
        numbers = [int(n.replace(".", "")) for n in re.findall(r"[\d.]+", said)]
        assert numbers == [v for v in (line.services, line.people) if v is not None], line.key
    signatures = screen.tiles[SIGNATURES].detail.text()
    assert f"{total.adults_by_figure[SIGNATURES]} người trưởng thành" in signatures

    # the README's "Figures" names every row and how the lines are counted
    readme = " ".join(_readme_figures().split())
    for line in lines:
        assert line.label in readme, line.label


def _numbers(line: ReportLine) -> list[tuple[int | None, bool]]:
    return [(line.services, line.services_shown), (line.people, line.people_shown)]


def _or_blank(value: int | None, shown: bool) -> int | str:
    return ("—" if value is None else value) if shown else ""


def _sheet_tables(sheet: Any) -> dict[str, list[list[Any]]]:
    """The summary sheet's tables: title → rows (header first), split at blank rows."""
    tables: dict[str, list[list[Any]]] = {}
    current: list[list[Any]] | None = None
    for row in sheet.iter_rows(values_only=True):
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        if not cells:
            current = None
        elif current is None:
            current = tables.setdefault(str(cells[0]), [])
        else:
            current.append(cells)
    return tables


def test_the_filing_guide_records_a_partial_procedure_as_the_figures_count_it() -> None:
    """The figures split full / partial process by the recorded outcome: the guide's tip must
    tell volunteers to record a partial-process filing "Hoàn thành một phần" with its code
    (it said to record it "Đã hoàn thành", which would count it as full-process)."""
    import tomllib

    guide = Path(__file__).parent.parent / "resources" / "guides" / "online_filing.toml"
    steps = {s["id"]: s for s in tomllib.loads(guide.read_text(encoding="utf-8"))["steps"]}
    tip = steps["level"]["tip_vi"]
    assert "Một phần: ghi “Hoàn thành một phần”" in tip and "kèm mã" in tip
    assert "không ghi “Hoàn thành một phần”" not in tip
    assert "Partly online: “Partly done”" in steps["level"]["tip_en"]

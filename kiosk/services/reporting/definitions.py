"""What each report figure means, its Vietnamese label, and where the definition comes from.

One table for every place a figure is shown (dashboard, Z-report, the XLSX "Tổng hợp" sheet,
README "Figures"), so they cannot drift apart. Labels are Vietnamese (reports are), marked for
the dashboard's translation in the ``figures`` context.

Sources. Decision 06/QĐ-TTg (2022, "Đề án 06") sets the VNeID, portal and digital-signature
goals; Decision 766/QĐ-TTg (2022) defines the province's online-filing share as online dossiers
÷ all dossiers the locality received; Decree 42/2022/NĐ-CP, Art. 11 defines full-process
(toàn trình) and partial-process (một phần) online services; Decree 69/2024/NĐ-CP, Art. 40 ended
separate portal accounts (from 1 July 2024 one logs in with VNeID; the sources are in
resources/guides/portal_account.toml). An adult is a person of full 18 years (Civil Code
91/2015/QH13, Art. 20; "người dân trưởng thành (người đủ 18 tuổi trở lên)" in provincial
campaigns, ../shared/seeds/000); the kiosk keeps only the birth year, so a person born in year
Y counts as an adult for the whole of year Y + 18, at most a year early. *Not verified against
the original texts here* (taken from ../shared/DOMAIN.md, §4 and §6): the exact wording of
those articles, and any official definition of "people helped", "services done" or the
per-figure people counts: the names follow common practice at support counters.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.errors import QT_TRANSLATE_NOOP

CONTEXT = "figures"
DEFINITIONS_VERSION = 2  # stored with a day's closure; 1 = before issue 15 (no people counts)
ADULT_AGE = 18  # an adult by birth year: the visit's year minus the birth year is 18 or more
# Figures counted by the dossier code (a filed dossier), not by the outcome "done".
DOSSIER_FIGURES = frozenset({"dossiers_filed_online"})
SIGNATURES = "digital_signatures"
DOSSIERS = "dossiers_filed_online"

# figure id (services.toml `figure`, stored in closures: never renamed) → label
FIGURE_LABELS = {
    "portal_accounts": QT_TRANSLATE_NOOP(
        "figures", "Đăng nhập lần đầu Cổng Dịch vụ công quốc gia bằng VNeID"
    ),
    "vneid_level1_registrations": QT_TRANSLATE_NOOP("figures", "Đăng ký tài khoản VNeID mức 1"),
    "vneid_level2_activations": QT_TRANSLATE_NOOP(
        "figures", "Kích hoạt định danh điện tử VNeID mức 2"
    ),
    "digital_signatures": QT_TRANSLATE_NOOP("figures", "Chữ ký số cá nhân"),
    "dossiers_filed_online": QT_TRANSLATE_NOOP("figures", "Hồ sơ nộp trực tuyến (có mã hồ sơ)"),
    "online_payments": QT_TRANSLATE_NOOP("figures", "Thanh toán phí, lệ phí trực tuyến"),
    "vssid_accounts": QT_TRANSLATE_NOOP("figures", "Tài khoản VssID"),
    "e_health_books": QT_TRANSLATE_NOOP("figures", "Sổ sức khỏe điện tử"),
    "cashless_accounts": QT_TRANSLATE_NOOP("figures", "Tài khoản thanh toán không dùng tiền mặt"),
}
FULL_PROCESS = QT_TRANSLATE_NOOP("figures", "trong đó thủ tục toàn trình")
PARTIAL_PROCESS = QT_TRANSLATE_NOOP("figures", "trong đó thủ tục một phần")
ADULTS = QT_TRANSLATE_NOOP("figures", "trong đó người trưởng thành (đủ 18 tuổi theo năm sinh)")
UNRECORDED = "—"  # a figure the closure of an older version did not store


@dataclass(frozen=True)
class ReportLine:
    """One row of the figures: lượt (services done, or dossiers) and distinct people.

    ``None`` means the row has no such number (a sub-row) or, for a day closed by an
    older version, that it was not recorded then.
    """

    key: str
    label: str
    services: int | None
    people: int | None
    sub: bool = False  # a "trong đó" row under the figure above

    @property
    def unit(self) -> str:
        """What ``services`` counts: "hồ sơ" (dossiers) or "lượt" (services done)."""
        return "hồ sơ" if self.key.split(".")[0] in DOSSIER_FIGURES else "lượt"

    def columns(self) -> list[tuple[str, int | None]]:
        """(header, value) of the numbers this row has, for tables with a column per figure."""
        pairs = [(f"{self.label} ({self.unit})", self.services)] if self.services_shown else []
        if self.people_shown:
            pairs.append((f"{self.label} (người)", self.people))
        return pairs

    @property
    def services_shown(self) -> bool:
        """Whether the row has a services number (even if not recorded)."""
        return not (self.sub and self.key.endswith(".adults"))

    @property
    def people_shown(self) -> bool:
        """Whether the row has a people number (even if not recorded)."""
        return not self.sub or self.key.endswith(".adults")


def report_lines(
    figure_ids: tuple[str, ...],
    by_figure: dict[str, int],
    people_by_figure: dict[str, int] | None,
    adults_by_figure: dict[str, int] | None,
    dossiers: dict[str, int] | None,
) -> list[ReportLine]:
    """The rows of every figure, in catalogue order, with their sub-rows.

    ``people_by_figure``, ``adults_by_figure`` and ``dossiers`` are ``None`` for a day
    closed before they were recorded (definitions version 1).
    """
    lines = []
    for key in figure_ids:
        people = None if people_by_figure is None else people_by_figure.get(key, 0)
        label = FIGURE_LABELS.get(key, key)
        lines.append(ReportLine(key, label, by_figure.get(key, 0), people))
        if key in DOSSIER_FIGURES:
            parts = (("full_process", FULL_PROCESS), ("partial_process", PARTIAL_PROCESS))
            for part, text in parts:
                count = None if dossiers is None else dossiers.get(part, 0)
                lines.append(ReportLine(f"{key}.{part}", text, count, None, sub=True))
        if key == SIGNATURES:
            adults = None if adults_by_figure is None else adults_by_figure.get(key, 0)
            lines.append(ReportLine(f"{key}.adults", ADULTS, None, adults, sub=True))
    return lines

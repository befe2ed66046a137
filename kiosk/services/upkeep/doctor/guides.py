"""Doctor check of the guides in use: they load, their pack is intact, none is too old."""

from __future__ import annotations

from datetime import date

from kiosk.domain.clock import Clock, SystemClock, local_day
from kiosk.services.guides.age import checked_label, stale_guides
from kiosk.services.guides.pack_files import sha256
from kiosk.services.guides.packs import CURRENT, GuideSource, active_source, packs_root
from kiosk.services.upkeep.doctor.report import Check
from kiosk.settings import Settings

GUIDES = "Hướng dẫn từng bước"


def check_guides_age(settings: Settings, clock: Clock | None = None) -> Check:
    """The guides in use (the imported pack, else the shipped ones): a warning names those
    checked longer ago than ``guides.max_age_months``, and a pack whose files were changed."""
    source = active_source(settings.data_dir)
    library = source.guides()
    where = "gói có sẵn" if source.shipped else f"gói {source.version}"
    changed = _changed_files(settings, source)
    if changed:
        return Check(
            GUIDES,
            False,
            f"{len(changed)} tệp của {where} đã bị sửa sau khi nhập: {', '.join(changed[:3])}",
            "nhập lại gói (kiosk guides import GÓI.zip) hoặc quay lại gói trước "
            "(kiosk guides rollback)",
            required=False,
        )
    today: date = local_day((clock or SystemClock()).now())
    limit = settings.guides_max_age_months
    stale = stale_guides(library, today, limit)
    if not stale:
        return Check(
            GUIDES, True, f"{len(library)} hướng dẫn ({where}), kiểm tra trong {limit} tháng qua"
        )
    names = ", ".join(
        f"{item.guide.service_code} ({checked_label(item.guide.checked)})" for item in stale
    )
    return Check(
        GUIDES,
        False,
        f"{len(stale)}/{len(library)} hướng dẫn ({where}) kiểm tra lần cuối đã quá {limit} "
        f"tháng: {names}",
        "đối chiếu lại với nguồn chính thức, sửa trường checked rồi chạy kiosk guides check, "
        "hoặc nhập gói mới (kiosk guides import GÓI.zip)",
        required=False,
    )


def _changed_files(settings: Settings, source: GuideSource) -> list[str]:
    """Files of the imported pack whose bytes no longer match its manifest."""
    if source.shipped:
        return []
    from kiosk.services.guides.pack_files import MANIFEST, parse_manifest

    folder = packs_root(settings.data_dir) / CURRENT
    manifest = parse_manifest((folder / MANIFEST).read_bytes())
    changed = []
    for name, digest in sorted(manifest.files.items()):
        path = folder.joinpath(*name.split("/"))
        if not path.is_file() or sha256(path.read_bytes()) != digest:
            changed.append(name)
    return changed

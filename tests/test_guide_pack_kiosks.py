"""A guide pack exported from one kiosk imports into another and rolls back (issue 15, "Done
when"): two kiosk homes, the real CLI (`kiosk guides export`, `import --admin`, `rollback
--admin`), and the pack version each visit records."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.app import build_kiosk
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome
from kiosk.resources import resource_path
from kiosk.services.guides.pack_files import MANIFEST, parse_manifest, sha256
from kiosk.services.guides.packs import SHIPPED_VERSION, active_source, previous_source
from kiosk.services.sync.snapshot import read_transaction
from kiosk.settings import load_settings
from kiosk.storage.models import Transaction
from tests.test_guide_packs import add_admin, as_admin, editable_copy, run, use_home


def visit_records(title_of: str = "vssid") -> tuple[str | None, str]:
    """A whole visit at the kiosk of the current home (started, done, finished, as its
    window makes one): the pack version stored on it, and the title its guide shows."""
    kiosk = build_kiosk(load_settings(), clock=FixedClock(datetime(2027, 1, 5, 2, 0, tzinfo=UTC)))
    try:
        guide = kiosk.guide_source.guides(kiosk.catalogue).get(title_of)
        assert guide is not None
        visit = kiosk.transactions.start(helper_id=None, services=[title_of])
        kiosk.transactions.record_outcome(visit, ServiceOutcome(title_of, "done"))
        receipt = kiosk.transactions.finish(visit).receipt_no
        with kiosk.db.unit_of_work() as uow:
            stored = uow.session.get(Transaction, visit)
            assert stored is not None and stored.receipt_no == receipt
            snapshot = read_transaction(uow.session, visit)
            assert (
                snapshot is not None and snapshot.guide_pack == stored.guide_pack
            )  # to the centre
            return stored.guide_pack, guide.title.vi
    finally:
        kiosk.close()


def test_a_pack_from_one_kiosk_imports_into_another_and_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two kiosk homes and the real CLI: A exports the shipped guides, then a pack with an
    edited guide that A imported and uses; B imports both, and each visit B makes records
    the pack in use, after each import and after each rollback."""
    # kiosk A exports what it uses: the shipped guides, every picture, the catalogue
    data_a = use_home(monkeypatch, tmp_path / "a")
    add_admin(capsys)
    first = tmp_path / "first.zip"
    code, out, err = run(capsys, "guides", "export", str(first))
    assert code == 0, err
    with zipfile.ZipFile(first) as archive:
        manifest = parse_manifest(archive.read(MANIFEST))
        for name, digest in manifest.files.items():
            assert sha256(archive.read(name)) == digest
    shipped = resource_path("guides")
    expected = {f"guides/{p.name}" for p in shipped.glob("*.toml")}
    expected |= {f"guides/images/{p.name}" for p in (shipped / "images").glob("*.svg")}
    assert set(manifest.files) == expected | {"catalogue/services.toml"}
    assert manifest.version in out and manifest.created.startswith(str(date.today().year))

    # a maintainer edits a guide at A and packs it as "2027.01"; A imports it, and exports
    # the guides it now uses for the other counters
    folder = editable_copy(tmp_path)
    vssid = folder / "guides" / "vssid.toml"
    text = vssid.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title_vi = "))
    edited_title = "VssID, bản sửa tháng 1"
    vssid.write_text(text.replace(title, f'title_vi = "{edited_title}"', 1), "utf-8")
    edited = tmp_path / "edited.zip"
    code, _, err = run(
        capsys, "guides", "export", str(edited), "--from", str(folder), "--version", "2027.01"
    )
    assert code == 0, err
    assert as_admin(capsys, monkeypatch, "guides", "import", str(edited))[0] == 0
    assert active_source(data_a).version == "2027.01"
    from_a = tmp_path / "from_a.zip"
    code, out, err = run(capsys, "guides", "export", str(from_a), "--version", "2027.01")
    assert code == 0 and "2027.01" in out, err
    with zipfile.ZipFile(from_a) as archive:
        assert f'title_vi = "{edited_title}"' in archive.read("guides/vssid.toml").decode()

    # kiosk B: the shipped guides, then A's first pack, then A's edited one
    data_b = use_home(monkeypatch, tmp_path / "b")
    add_admin(capsys)
    assert active_source(data_b).version == SHIPPED_VERSION
    shipped_title = visit_records()[1]
    assert visit_records() == (SHIPPED_VERSION, shipped_title)
    code, out, err = as_admin(capsys, monkeypatch, "guides", "import", str(first))
    assert code == 0, err
    assert active_source(data_b).version == manifest.version
    previous = previous_source(data_b)
    assert previous is not None and previous.version == SHIPPED_VERSION
    code, out, _ = run(capsys, "guides", "check")
    assert (
        code == 0
        and f"{len(expected) - len(list((shipped / 'images').glob('*.svg')))} hướng dẫn hợp lệ"
        in out
    )
    assert visit_records() == (manifest.version, shipped_title)
    code, _, err = as_admin(capsys, monkeypatch, "guides", "import", str(from_a))
    assert code == 0, err
    assert visit_records() == ("2027.01", edited_title)  # the new text, and its version

    # rollback: the first pack again, on the guide and on the next visit; a second
    # rollback undoes the first
    code, out, err = as_admin(capsys, monkeypatch, "guides", "rollback")
    assert code == 0 and manifest.version in out, err
    assert active_source(data_b).version == manifest.version
    assert visit_records() == (manifest.version, shipped_title)
    code, _, _ = as_admin(capsys, monkeypatch, "guides", "rollback")
    assert code == 0 and active_source(data_b).version == "2027.01"
    assert visit_records() == ("2027.01", edited_title)
    assert active_source(data_a).version == "2027.01"  # A's pack: B's rollbacks are B's own

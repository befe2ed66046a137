"""Guide packs (issue 15, item 4): export, import after complete validation, rollback, the
pack's version on every visit, and how old the guides' checks are."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.domain.clock import FixedClock
from kiosk.errors import SettingsError
from kiosk.resources import resource_path
from kiosk.services.guides.age import checked_label, months_old, stale_guides
from kiosk.services.guides.pack_files import MANIFEST, Manifest, sha256, write_pack
from kiosk.services.guides.packs import (
    SHIPPED_VERSION,
    active_source,
    packs_root,
    shipped_source,
)
from kiosk.services.upkeep.doctor import GUIDES, check_guides_age
from kiosk.settings import load_settings
from kiosk.storage.models import Transaction
from tests.conftest import CounterFactory, sync_of
from tests.factories import finished_visit

ADMIN_PIN = "482916"


def use_home(monkeypatch: pytest.MonkeyPatch, home: Path) -> Path:
    """Point the kiosk at its own config and data folders (one "kiosk home")."""
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(home / "data"))
    return home / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_admin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str
) -> tuple[int, str, str]:
    """An admin command, its PIN on standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PIN}\n"))
    return run(capsys, *argv, "--admin", "boss")


def add_admin(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "helper", "add", "boss", "--name", "Trần Văn Bảo", "--role", "admin",
        "--pin", ADMIN_PIN,
    )  # fmt: skip
    assert code == 0, err


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its sha256 (to see that nothing was replaced)."""
    return {
        str(path.relative_to(folder)): sha256(path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def editable_copy(tmp_path: Path) -> Path:
    """A copy of the shipped guides and catalogue laid out like resources/."""
    folder = tmp_path / "editing"
    shutil.copytree(resource_path("guides"), folder / "guides")
    (folder / "catalogue").mkdir()
    shutil.copy(resource_path("catalogue", "services.toml"), folder / "catalogue")
    return folder


def test_the_first_import_rolls_back_to_the_shipped_guides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = use_home(monkeypatch, tmp_path / "home")
    add_admin(capsys)
    pack = tmp_path / "pack.zip"
    assert run(capsys, "guides", "export", str(pack), "--version", "v1")[0] == 0
    code, _, err = as_admin(capsys, monkeypatch, "guides", "rollback")
    assert code == 2 and "Chưa có gói hướng dẫn trước đó" in err  # nothing imported yet
    assert as_admin(capsys, monkeypatch, "guides", "import", str(pack))[0] == 0
    assert active_source(data).version == "v1"
    code, out, _ = as_admin(capsys, monkeypatch, "guides", "rollback")
    assert code == 0 and active_source(data) == shipped_source() and SHIPPED_VERSION in out


def _valid_contents(good: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(good) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != MANIFEST}


def _repacked(out: Path, contents: dict[str, bytes], version: str = "broken") -> Path:
    """A pack of ``contents`` with a manifest that matches them."""
    files = {name: sha256(data) for name, data in contents.items()}
    write_pack(out, Manifest(version, "2026-12-06T10:00:00+00:00", files), contents)
    return out


def _replace_in(contents: dict[str, bytes], name: str, old: str, new: str) -> None:
    text = contents[name].decode("utf-8")
    assert old in text, (name, old)
    contents[name] = text.replace(old, new, 1).encode("utf-8")


def _bad_guide(good: Path, out: Path) -> Path:
    contents = _valid_contents(good)
    _replace_in(contents, "guides/vssid.toml", "text_vi = ", "texte_vi = ")
    return _repacked(out, contents)


def _missing_picture(good: Path, out: Path) -> Path:
    contents = _valid_contents(good)
    del contents["guides/images/phone-install.svg"]  # the first step of several guides
    return _repacked(out, contents)


def _broken_picture(good: Path, out: Path) -> Path:
    contents = _valid_contents(good)
    contents["guides/images/unused-extra.svg"] = b"<svg xmlns='http://www.w3.org/2000/svg'"
    return _repacked(out, contents)


def _catalogue_loses_a_service(good: Path, out: Path) -> Path:
    contents = _valid_contents(good)
    _replace_in(contents, "catalogue/services.toml", 'code = "vssid"', 'code = "vssid_old"')
    del contents["guides/vssid.toml"]
    return _repacked(out, contents)


def _tampered_file(good: Path, out: Path) -> Path:
    contents = _valid_contents(good)
    files = {name: sha256(data) for name, data in contents.items()}
    _replace_in(contents, "guides/vssid.toml", "VssID", "VsslD")  # after the hashes
    write_pack(out, Manifest("tampered", "2026-12-06T10:00:00+00:00", files), contents)
    return out


def _climbing_name(good: Path, out: Path) -> Path:
    contents = _valid_contents(good)
    contents["guides/../../evil.toml"] = b"schema = 1\n"
    files = {name: sha256(data) for name, data in contents.items()}
    with zipfile.ZipFile(out, "w") as archive:
        manifest = Manifest("climb", "2026-12-06T10:00:00+00:00", files)
        archive.writestr(MANIFEST, manifest.to_json())
        for name, data in contents.items():
            archive.writestr(name, data)
    return out


def _unlisted_file(good: Path, out: Path) -> Path:
    contents = _valid_contents(good)
    files = {name: sha256(data) for name, data in contents.items()}
    contents["guides/extra.toml"] = b"schema = 1\n"
    write_pack(out, Manifest("unlisted", "2026-12-06T10:00:00+00:00", files), contents)
    return out


def _not_a_zip(_good: Path, out: Path) -> Path:
    out.write_bytes(b"PK\x03\x04 this is not really a zip file")
    return out


BROKEN: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "a guide with a misspelt field": (_bad_guide, "texte_vi"),
    "a picture a step names is missing": (_missing_picture, "không có tệp ảnh"),
    "a picture that is not SVG": (_broken_picture, "unused-extra.svg"),
    "the catalogue drops a service in use": (_catalogue_loses_a_service, "'vssid'"),
    "a file changed after the manifest": (_tampered_file, "sai mã sha256"),
    "a name that climbs out of the folder": (_climbing_name, "không được phép"),
    "a file the manifest does not list": (_unlisted_file, "không có trong manifest"),
    "not a zip file": (_not_a_zip, "không phải gói hướng dẫn"),
}


@pytest.mark.parametrize("broken", list(BROKEN), ids=list(BROKEN))
def test_a_broken_pack_is_refused_with_nothing_replaced(
    broken: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = use_home(monkeypatch, tmp_path / "home")
    add_admin(capsys)
    good = tmp_path / "good.zip"
    assert run(capsys, "guides", "export", str(good), "--version", "good")[0] == 0
    assert as_admin(capsys, monkeypatch, "guides", "import", str(good))[0] == 0
    before = tree_digest(packs_root(data))

    make, said = BROKEN[broken]
    code, _, err = as_admin(
        capsys, monkeypatch, "guides", "import", str(make(good, tmp_path / "b.zip"))
    )

    assert code == 2 and said in err and "Traceback" not in err
    assert tree_digest(packs_root(data)) == before  # nothing replaced, no staging left
    assert sorted(p.name for p in packs_root(data).iterdir()) == ["current", "previous"]
    assert active_source(data).version == "good"


def test_a_broken_set_of_guides_is_never_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = editable_copy(tmp_path)
    (folder / "guides" / "vssid.toml").unlink()  # a service of the catalogue without guide
    code, _, err = run(capsys, "guides", "export", str(tmp_path / "p.zip"), "--from", str(folder))
    assert code == 2 and "vssid" in err
    assert not (tmp_path / "p.zip").exists() and not (tmp_path / "p.zip.part").exists()


def test_import_and_rollback_need_an_admin_and_the_right_pin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = use_home(monkeypatch, tmp_path / "home")
    add_admin(capsys)
    pack = tmp_path / "pack.zip"
    assert run(capsys, "guides", "export", str(pack))[0] == 0
    code, _, _ = run(capsys, "guides", "import", str(pack))
    assert code == 5
    monkeypatch.setattr("sys.stdin", io.StringIO("000999\n"))
    code, _, _ = run(capsys, "guides", "import", str(pack), "--admin", "boss")
    assert code == 5
    assert not packs_root(data).exists()  # nothing imported


# -- how old the checks are -------------------------------------------------------------------


def test_months_old_counts_calendar_months() -> None:
    assert months_old("2026-06", date(2026, 12, 31)) == 6
    assert months_old("2026-12", date(2026, 12, 1)) == 0
    assert months_old("2025-11", date(2026, 2, 1)) == 3
    assert checked_label("2026-03") == "03/2026"


def test_guides_older_than_the_setting_are_named(tmp_path: Path) -> None:
    library = shipped_source().guides()
    newest = max(guide.checked for guide in library)
    year, month = (int(part) for part in newest.split("-"))
    soon = date(year, month, 15)
    assert stale_guides(library, soon, 6) == []
    later = date(year + 1, month, 1)  # twelve months after the newest check
    stale = stale_guides(library, later, 6)
    assert {item.guide.service_code for item in stale} == set(library.codes)
    assert all(item.months >= 12 for item in stale)


def test_guides_check_warns_about_an_old_guide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = editable_copy(tmp_path) / "guides"
    vssid = folder / "vssid.toml"
    text = vssid.read_text(encoding="utf-8")
    checked = next(line for line in text.splitlines() if line.startswith("checked = "))
    vssid.write_text(text.replace(checked, 'checked = "2020-01"'), encoding="utf-8")
    code, out, _ = run(capsys, "guides", "check", str(folder))
    assert code == 0
    (warning,) = [line for line in out.splitlines() if line.startswith("Cảnh báo")]
    assert "vssid.toml" in warning and "01/2020" in warning and "quá 6 tháng" in warning

    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.toml").write_text("[guides]\nmax_age_months = 120\n")
    code, out, _ = run(capsys, "guides", "check", str(folder))
    assert code == 0 and "Cảnh báo" not in out  # 2020-01 is within ten years


@pytest.mark.parametrize("value", ["0", "121", "six", "6.5"])
def test_max_age_months_is_validated(tmp_path: Path, value: str) -> None:
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.toml").write_text(f"[guides]\nmax_age_months = {value!r}\n")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert "guides.max_age_months" in raised.value.message


def test_max_age_months_defaults_to_six_and_is_read() -> None:
    assert load_settings().guides_max_age_months == 6


def test_the_doctor_warns_about_old_guides_and_a_changed_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings()
    library = shipped_source().guides()
    newest = max(guide.checked for guide in library)
    year, month = (int(part) for part in newest.split("-"))
    fresh = check_guides_age(settings, FixedClock(datetime(year, month, 10, 3, tzinfo=UTC)))
    assert fresh.name == GUIDES and fresh.ok
    late = FixedClock(datetime(year + 2, month, 10, 3, tzinfo=UTC))
    old = check_guides_age(settings, late)
    assert (
        not old.ok and not old.required and "vssid" in old.message and "quá 6 tháng" in old.message
    )

    data = use_home(monkeypatch, tmp_path / "home")
    add_admin(capsys)
    pack = tmp_path / "pack.zip"
    assert run(capsys, "guides", "export", str(pack), "--version", "v9")[0] == 0
    assert as_admin(capsys, monkeypatch, "guides", "import", str(pack))[0] == 0
    settings = load_settings()
    assert check_guides_age(settings, FixedClock(datetime(year, month, 10, tzinfo=UTC))).ok
    edited = packs_root(data) / "current" / "guides" / "vssid.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# sửa tay\n", encoding="utf-8")
    changed = check_guides_age(settings, FixedClock(datetime(year, month, 10, tzinfo=UTC)))
    assert not changed.ok and "guides/vssid.toml" in changed.message


def test_the_pack_version_of_a_visit_reaches_the_centre(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    visit = finished_visit(q01)
    assert sync_of(q01).drain().sent == 1
    with sync_of(q01).central.unit_of_work() as uow:
        row = uow.session.get(Transaction, visit.id)
        assert row is not None and row.guide_pack == q01.guide_source.version == SHIPPED_VERSION

"""Settings: defaults, TOML file, environment overrides, errors that name the key."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from kiosk.errors import SettingsError
from kiosk.settings import Settings, load_settings, settings_template
from tests.conftest import CHEAP_PIN_HASH


def write(config_dir: Path, text: str) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text(text, encoding="utf-8")


def test_defaults_without_a_file(isolated_dirs: Path) -> None:
    settings = load_settings()
    assert settings.counter_code == "Q01"
    assert settings.language == "vi"
    assert settings.effective_database_url.startswith("sqlite:///")
    assert str(isolated_dirs / "data") in settings.effective_database_url
    assert settings.key_file == isolated_dirs / "config" / "privacy.key"


def test_file_and_environment(isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        isolated_dirs / "config",
        '[centre]\nname = "Trung tâm Phục vụ hành chính công xã Tân Thạnh Đông"\n'
        '[counter]\ncode = "q02"\n[printing]\npaper = "A5"\n[targets]\nonline_filing_share = 0.8\n',
    )
    monkeypatch.setenv("KIOSK_DATABASE_URL", "postgresql://postgres@db/kiosk")
    monkeypatch.setenv("KIOSK_IDLE_TIMEOUT", "90")
    settings = load_settings()
    assert settings.centre_name.endswith("Tân Thạnh Đông")
    assert settings.counter_code == "Q02"
    assert settings.receipt_paper == "a5"
    assert settings.idle_timeout_seconds == 90
    assert settings.database_url == "postgresql+psycopg://postgres@db/kiosk"
    assert settings.targets == {"online_filing_share": 0.8}


def test_settings_are_immutable(isolated_dirs: Path) -> None:
    settings = load_settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.counter_code = "X"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[printing]\npaper = "A4"\n', "printing.paper"),
        ("[ui]\nidle_timeout_seconds = 2\n", "ui.idle_timeout_seconds"),
        ('[ui]\nidle_timeout_seconds = "soon"\n', "ui.idle_timeout_seconds"),
        ('[counter]\ncode = "Quầy 1"\n', "counter.code"),
        ('[database]\nurl = "mysql://x"\n', "database.url"),
        ('[ui]\ncolour = "red"\n', "ui.colour"),
        ("[privacy]\nretention_days = true\n", "privacy.retention_days"),
    ],
)
def test_errors_name_the_key(isolated_dirs: Path, text: str, key: str) -> None:
    write(isolated_dirs / "config", text)
    with pytest.raises(SettingsError, match=key.replace(".", r"\.")):
        load_settings()


def test_bad_environment_value_names_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_RETENTION_DAYS", "forever")
    with pytest.raises(SettingsError, match=r"privacy\.retention_days"):
        load_settings()


def test_pin_hash_cost_from_file_and_environment(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in CHEAP_PIN_HASH:
        monkeypatch.delenv(name)
    write(
        isolated_dirs / "config", "[security]\npin_hash_time_cost = 2\npin_hash_memory_kib = 8192\n"
    )
    loaded = load_settings()
    assert (loaded.pin_hash_time_cost, loaded.pin_hash_memory_kib) == (2, 8192)
    monkeypatch.setenv("KIOSK_PIN_HASH_MEMORY_KIB", "512")  # under the 1024 KiB minimum
    with pytest.raises(SettingsError, match=r"security\.pin_hash_memory_kib"):
        load_settings()


def test_broken_toml_is_reported(isolated_dirs: Path) -> None:
    write(isolated_dirs / "config", "[centre\nname = 1")
    with pytest.raises(SettingsError, match="TOML"):
        load_settings()


def test_template_round_trips(isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CHEAP_PIN_HASH:  # conftest's cheap argon2 would override the file's defaults
        monkeypatch.delenv(name)
    text = settings_template()
    tomllib.loads(text)
    write(isolated_dirs / "config", text)
    loaded = load_settings()
    defaults = Settings(config_dir=loaded.config_dir, data_dir=loaded.data_dir)
    assert dataclasses.replace(loaded, targets={}) == dataclasses.replace(defaults, targets={})


def test_scanner_port_from_file_and_environment(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(isolated_dirs / "config", '[scanner]\nport = "/dev/ttyACM0"\nbaudrate = 115200\n')
    assert (load_settings().scanner_port, load_settings().scanner_baudrate) == (
        "/dev/ttyACM0",
        115200,
    )
    monkeypatch.setenv("KIOSK_SCANNER_PORT", "COM3")
    assert load_settings().scanner_port == "COM3"


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ("[ui]\nidle_timeout_seconds = inf\n", "ui.idle_timeout_seconds", "hữu hạn"),
        ("[ui]\nidle_timeout_seconds = -inf\n", "ui.idle_timeout_seconds", "hữu hạn"),
        ("[speech]\nrate = nan\n", "speech.rate", "hữu hạn"),
        ("[sync]\ninterval_seconds = 2.5\n", "sync.interval_seconds", "số nguyên"),
        ('[database]\nurl = "sqlite:relative.db"\n', "database.url", "sqlite:////"),
        ('[database]\nurl = "sqlite:///relative.db"\n', "database.url", "tuyệt đối"),
        ('[database]\nurl = "sqlite://"\n', "database.url", "tuyệt đối"),
        ('[database]\nurl = "postgresql://db:port/kiosk"\n', "database.url", "postgresql+psycopg"),
        (
            '[database]\ncentral_url = "postgresql+psycopg2://db/k"\n',
            "database.central_url",
            "psycopg",
        ),
        ('[printing]\ndevice = "tcp://10.0.0.9:²"\n', "printing.device", "cổng TCP"),
        ('[printing]\ndevice = "serial:/dev/ttyUSB0?baud=¹⁹²⁰⁰"\n', "printing.device", "baud"),
    ],
)
def test_inf_nan_and_unparsable_values_are_named_in_vietnamese(
    isolated_dirs: Path, text: str, key: str, reason: str
) -> None:
    write(isolated_dirs / "config", text)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    message = refused.value.message
    assert f"'{key}'" in message and reason in message
    assert "invalid literal" not in message and "Error" not in message


@pytest.mark.parametrize("value", ["inf", "nan", "-Infinity", "1e3", "٣٠", "\udcff"])
def test_an_environment_value_that_is_no_whole_number_is_named(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("KIOSK_IDLE_TIMEOUT", value)
    with pytest.raises(SettingsError, match=r"'ui\.idle_timeout_seconds' (phải|có ký tự)"):
        load_settings()


def test_a_lone_surrogate_in_a_text_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # An undecodable byte in the environment (KIOSK_CENTRE_NAME=$'\xff') becomes a lone
    # surrogate, which no database and no receipt can store.
    monkeypatch.setenv("KIOSK_CENTRE_NAME", "Trung tâm \udcff")
    with pytest.raises(SettingsError, match=r"'centre\.name' có ký tự không hợp lệ"):
        load_settings()


def test_every_wrong_value_is_named_at_once(isolated_dirs: Path) -> None:
    write(
        isolated_dirs / "config",
        '[ui]\nidle_timeout_seconds = inf\n[printing]\npaper = "A4"\n[targets]\nshare = nan\n',
    )
    with pytest.raises(SettingsError) as refused:
        load_settings()
    for key in ("ui.idle_timeout_seconds", "printing.paper", "targets.share"):
        assert f"'{key}'" in refused.value.message


def test_a_folder_in_place_of_the_settings_file_is_named(isolated_dirs: Path) -> None:
    (isolated_dirs / "config" / "settings.toml").mkdir(parents=True)
    with pytest.raises(SettingsError, match="là một thư mục, không phải tệp cấu hình"):
        load_settings()


def test_a_settings_file_that_is_not_utf8_is_named(isolated_dirs: Path) -> None:
    (isolated_dirs / "config").mkdir()
    (isolated_dirs / "config" / "settings.toml").write_bytes(b'[centre]\nname = "\xff"\n')
    with pytest.raises(SettingsError, match="UTF-8"):
        load_settings()


def test_broken_toml_names_the_line_in_vietnamese(isolated_dirs: Path) -> None:
    write(isolated_dirs / "config", '[centre]\nname = "a"\ncode Q01\n')
    with pytest.raises(SettingsError, match=r"dòng 3, cột \d+") as refused:
        load_settings()
    assert "Expected" not in refused.value.message


def test_a_target_is_a_share_or_a_count(isolated_dirs: Path) -> None:
    """A count target (a whole number above 1) is taken; a share key keeps 0..1 (issue 15)."""
    write(
        isolated_dirs / "config",
        "[targets]\nonline_filing_share = 0.8\nadults_with_signature = 57500\n",
    )
    assert load_settings().targets == {"online_filing_share": 0.8, "adults_with_signature": 57500}
    for wrong in ("online_filing_share = 80", "adults_with_signature = 12.5"):
        write(isolated_dirs / "config", f"[targets]\n{wrong}\n")
        with pytest.raises(SettingsError, match="số nguyên lớn hơn 1"):
            load_settings()


@pytest.mark.parametrize(("value", "seconds"), [("90", 90), (" +90 ", 90), ("0090", 90)])
def test_an_environment_whole_number_is_taken(
    monkeypatch: pytest.MonkeyPatch, value: str, seconds: int
) -> None:
    monkeypatch.setenv("KIOSK_IDLE_TIMEOUT", value)
    assert load_settings().idle_timeout_seconds == seconds

"""The English translation: current with the code, complete, faithful to placeholders, and live.

The .ts is refreshed with ``.venv/bin/python scripts/translations.py update``; these tests
say so when a string was added to the code without it.
"""

from __future__ import annotations

import ast
import errno
import functools
import importlib
import importlib.util
import os
import re
import sqlite3
import sys
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.devices.camera import CAMERA_LOST
from kiosk.devices.speech import (
    SPEECH_FAILED,
    SPEECH_MISSING,
    SpeechError,
    SpeechUnavailableError,
)
from kiosk.errors import QT_TRANSLATE_NOOP, TEMPLATES, KioskError
from kiosk.services.identity import parse_id_payload
from kiosk.services.identity.errors import IdentityError
from kiosk.services.upkeep.backup import failures
from kiosk.storage import database
from kiosk.text.address import SENTENCE_TOKEN, TOKEN
from kiosk.ui.i18n import (
    NOOP_CONTEXTS,
    LanguageManager,
    TranslationMissingError,
    translate_error,
    translate_message,
)

ROOT = Path(__file__).resolve().parent.parent
UPDATE_HINT = "run: .venv/bin/python scripts/translations.py update"
ADDRESS_TOKENS = {TOKEN, SENTENCE_TOKEN}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
PLACEHOLDER_NAME = re.compile(r"\{(\w+)\}")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "kiosk_translations_script", ROOT / "scripts" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


translations = _load_script()


def describe(entries: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"  [{context}] {source}" for context, source in sorted(entries))


# --- the committed .ts ---------------------------------------------------------------------


def test_ts_is_current_with_the_code() -> None:
    missing, dead = translations.stale()
    assert not missing, f"strings in the code but not in the .ts ({UPDATE_HINT}):\n" + describe(
        missing
    )
    assert not dead, f"strings in the .ts no longer in the code ({UPDATE_HINT}):\n" + describe(dead)


def test_every_string_is_translated() -> None:
    left = translations.untranslated()
    assert not left, (
        f"{len(left)} string(s) without an English translation in "
        f"resources/translations/quayso_en.ts (translate them there or in Qt Linguist):\n"
        + describe((m.context, m.source) for m in left)
    )


def _placeholders(text: str) -> list[str]:
    """The ``{name}`` fields a translation must keep; the form-of-address tokens are not
    among them (English says "you": kiosk.text.address)."""
    return sorted(name for name in PLACEHOLDER.findall(text) if name not in ADDRESS_TOKENS)


def test_translations_keep_the_placeholders() -> None:
    broken = [
        (m.context, f"{m.source}  →  {m.translation}")
        for m in translations.messages()
        if m.translation and _placeholders(m.source) != _placeholders(m.translation)
    ]
    assert not broken, "translations whose {placeholders} differ from the source:\n" + describe(
        broken
    )


def test_texts_are_nfc() -> None:
    # A decomposed "ệ" looks the same on screen but is a different source string to Qt.
    messages = translations.messages()
    assert len(messages) > 50
    decomposed = [
        (m.context, m.source)
        for m in messages
        for text in (m.source, m.translation)
        if unicodedata.normalize("NFC", text) != text
    ]
    assert not decomposed, "texts not in Unicode NFC form:\n" + describe(decomposed)


def test_noop_contexts_are_known_to_translate_error() -> None:
    marker = re.compile(r"QT_TRANSLATE_NOOP\(\s*\"([^\"]+)\"")
    used = {
        context
        for path in (ROOT / "kiosk").rglob("*.py")
        for context in marker.findall(path.read_text(encoding="utf-8"))
    }
    assert used <= set(NOOP_CONTEXTS), (
        "add these QT_TRANSLATE_NOOP contexts to kiosk.ui.i18n.NOOP_CONTEXTS: "
        f"{sorted(used - set(NOOP_CONTEXTS))}"
    )


# --- the compiled .qm at run time ----------------------------------------------------------


class SpeechNotice(QWidget):
    """A widget written like the kiosk's: texts set in retranslate(), again on LanguageChange."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel()
        QVBoxLayout(self).addWidget(self.label)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(QCoreApplication.translate("speech", SPEECH_FAILED))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("translations")
    translations.build(translations.TS, directory / "quayso_en.qm")
    assert (directory / "quayso_en.qm").stat().st_size > 1000
    return directory


@pytest.fixture
def languages(qapp: QApplication, qm_dir: Path) -> Iterator[LanguageManager]:
    manager = LanguageManager(qapp, translations_dir=qm_dir)
    yield manager
    manager.set_language("vi")  # the QApplication is shared by the whole run


def english(context: str, source: str) -> str:
    """The committed English for ``source`` (tests must not repeat the translator's words)."""
    found: dict[tuple[str, str], str] = {
        (m.context, m.source): m.translation for m in translations.messages()
    }
    return found[(context, source)]


def test_switching_language_retranslates_widgets(qtbot: QtBot, languages: LanguageManager) -> None:
    widget = SpeechNotice()
    qtbot.addWidget(widget)
    assert languages.language == "vi"
    assert widget.label.text() == SPEECH_FAILED
    with qtbot.waitSignal(languages.language_changed) as switched:
        languages.set_language("en")
    assert switched.args == ["en"] and languages.language == "en"
    in_english = english("speech", SPEECH_FAILED)
    assert in_english and in_english != SPEECH_FAILED
    qtbot.waitUntil(lambda: widget.label.text() == in_english)
    with qtbot.assertNotEmitted(languages.language_changed):
        languages.set_language("en")
    languages.set_language("vi")
    qtbot.waitUntil(lambda: widget.label.text() == SPEECH_FAILED)
    with pytest.raises(ValueError):
        languages.set_language("fr")


def test_messages_formatted_before_they_are_shown_are_translated(
    languages: LanguageManager,
) -> None:
    """A printer's cause stored with its job, a PIN error built in a service: the values are
    already in the text, which is matched against the marked templates."""
    from kiosk.devices.printers.base import MSG_PRINTER_OFF

    stored = MSG_PRINTER_OFF.format(name="quay-so")
    with pytest.raises(KioskError) as wrong_pin:
        raise KioskError(QT_TRANSLATE_NOOP("Errors", "Mã PIN không đúng. Còn {left} lần thử."))
    formatted = wrong_pin.value.message.format(left=3)
    assert translate_message(stored) == stored  # Vietnamese: as it is
    languages.set_language("en")
    assert translate_message(stored) == english("Errors", MSG_PRINTER_OFF).format(name="quay-so")
    assert translate_message(formatted) == english(
        "Errors", "Mã PIN không đúng. Còn {left} lần thử."
    ).format(left=3)
    assert translate_message("Máy in 'x' chưa có bản dịch.") == "Máy in 'x' chưa có bản dịch."
    from kiosk.services.visits import messages

    closed = messages.DAY_CLOSED.format(day="06/12/2026")  # what a helper meets after close-day
    assert translate_message(closed) == english("Errors", messages.DAY_CLOSED).format(
        day="06/12/2026"
    )


def test_translate_error_fills_translated_templates(languages: LanguageManager) -> None:
    missing = SpeechUnavailableError(SPEECH_MISSING, detail="test", command="espeak-ng")
    with pytest.raises(IdentityError) as identity:
        parse_id_payload("001099012345|Nguyễn Văn An", today=date(2026, 11, 23))
    untranslated = KioskError("Một lỗi chưa có bản dịch.")
    assert translate_error(missing) == missing.message  # Vietnamese: the source itself
    languages.set_language("en")
    assert translate_error(missing) == english("speech", SPEECH_MISSING).format(command="espeak-ng")
    assert translate_error(identity.value) == english("identity", identity.value.template).format(
        **identity.value.params
    )
    assert translate_error(SpeechError(SPEECH_FAILED, detail="test")) == english(
        "speech", SPEECH_FAILED
    )
    assert translate_error(untranslated) == untranslated.message
    # a marked message that is not kept as a template is found in its context all the same
    assert translate_error(KioskError(CAMERA_LOST)) == english("camera", CAMERA_LOST)


def test_a_missing_qm_keeps_vietnamese(qapp: QApplication, tmp_path: Path) -> None:
    manager = LanguageManager(qapp, translations_dir=tmp_path)
    with pytest.raises(TranslationMissingError) as error:
        manager.set_language("en")
    assert "quayso_en.qm" in error.value.message
    assert manager.language == "vi"


# --- every template, formatted, found again --------------------------------------------------


@functools.cache
def _modules() -> dict[str, ast.Module]:
    """Every module of kiosk/ by its dotted name, parsed."""
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): (
            ast.parse(path.read_text(encoding="utf-8"))
        )
        for path in sorted((ROOT / "kiosk").rglob("*.py"))
    }


def _marked_templates() -> Iterator[tuple[str, str, str, bool]]:
    """(module, context, text, inside a function) of every ``QT_TRANSLATE_NOOP`` in kiosk/
    with a ``{field}``, as lupdate reads them (adjacent literals joined)."""
    for module, tree in _modules().items():
        functions = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        in_functions = {id(inner) for function in functions for inner in ast.walk(function)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "QT_TRANSLATE_NOOP"):
                continue
            context, text = (getattr(arg, "value", None) for arg in node.args[:2])
            if isinstance(context, str) and isinstance(text, str) and "{" in text:
                yield module, context, text, id(node) in in_functions


MARKED_TEMPLATES = sorted(set(_marked_templates()))


def _sample(name: str) -> str:
    # Spaces, a quote and a full stop: a value as a path, a reason or an error message has.
    return f"«{name}: C:\\tệp 'số 7'.»"


@pytest.mark.parametrize(
    ("module", "context", "template", "inside_function"),
    MARKED_TEMPLATES,
    ids=[f"{context}:{text[:40]}" for _, context, text, _ in MARKED_TEMPLATES],
)
def test_a_formatted_template_is_translated_back(
    languages: LanguageManager, module: str, context: str, template: str, inside_function: bool
) -> None:
    """A message built from a marked template (a path, a reason in it) comes back to that
    template in English, with its values: none is taken for another, and each is marked at
    module level, so importing its module is enough (a message stored and shown later too)."""
    # Marked inside a function, a template is registered only once that runs: a message
    # stored before (a print job's cause, a refusal in the sync queue) would stay Vietnamese.
    assert not inside_function, (
        f"{module}: mark {template!r} at module level (a constant), not inside a function"
    )
    importlib.import_module(module)
    assert (context, template) in TEMPLATES
    values = {name: _sample(name) for name in PLACEHOLDER_NAME.findall(template)}
    formatted = template.format(**values)
    assert translate_message(formatted) == formatted  # Vietnamese: as it is
    languages.set_language("en")
    # The same text marked in two contexts may read differently in each: either will do.
    expected = {
        m.translation.format(**values)
        for m in translations.messages()
        if m.source == template and m.context in NOOP_CONTEXTS
    }
    assert translate_message(formatted) in expected


# --- messages written out in place, and Vietnamese left inside English --------------------


def _error_classes(trees: Iterable[ast.Module]) -> set[str]:
    """The names of kiosk/'s classes that derive from KioskError (through their bases' names)."""
    bases = {
        node.name: {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    names = {"KioskError"}
    while grown := {name for name, of in bases.items() if name not in names and of & names}:
        names |= grown
    return names


def _written_out(node: ast.expr) -> bool:
    """A message written in place: an f-string, a "…".format(…), a string, or a sum of them."""
    if isinstance(node, ast.IfExp):
        return _written_out(node.body) or _written_out(node.orelse)
    if isinstance(node, ast.BinOp):
        return _written_out(node.left) or _written_out(node.right)
    if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(".format"):
        return _written_out(node.func.value)  # type: ignore[attr-defined]
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value != ""
    return isinstance(node, ast.JoinedStr)


def test_errors_are_built_from_marked_templates() -> None:
    """A KioskError whose message is written out where it is raised stays Vietnamese in
    English: lupdate never sees it (a string marked elsewhere, in the .ts, is let through)."""
    trees = _modules()
    errors = _error_classes(trees.values())
    marked = {m.source for m in translations.messages()}
    found = []
    for module, tree in trees.items():
        for node in ast.walk(tree):
            named = ast.unparse(node.func).split(".")[-1] if isinstance(node, ast.Call) else ""
            if named not in errors:
                continue
            assert isinstance(node, ast.Call)
            keyword = (k.value for k in node.keywords if k.arg == "message")
            message = node.args[0] if node.args else next(keyword, None)
            if message is None or not _written_out(message):
                continue
            if getattr(message, "value", None) not in marked:
                found.append(f"  {module}:{node.lineno}: {ast.unparse(message)[:80]}")
    assert not found, "mark these messages with QT_TRANSLATE_NOOP (a module constant):\n" + (
        "\n".join(found)
    )


KEPT_IN_ENGLISH = ("Quầy Số",)  # the product's name


def _vietnamese(text: str) -> str:
    """The Vietnamese letters of ``text`` (ă, đ, ế…), the product's name aside."""
    for kept in KEPT_IN_ENGLISH:
        text = text.replace(kept, "")
    return "".join(c for c in text if c in "đĐ" or unicodedata.normalize("NFD", c) != c)


@pytest.mark.parametrize("code", sorted({*failures.WRITE_FAILURES, errno.EIO}), ids=str)
def test_a_backup_write_failure_reads_in_english(languages: LanguageManager, code: int) -> None:
    """The system's reason (no permission, a read-only disk…) is translated with the rest."""
    error = failures.write_error(Path("/media/usb/backups"), OSError(code, os.strerror(code)))
    assert translate_error(error) == error.message and _vietnamese(error.message)
    languages.set_language("en")
    shown = translate_error(error)
    assert "/media/usb/backups" in shown and not _vietnamese(shown), shown


class _Refused(Exception):
    sqlstate = "42501"  # what psycopg's InsufficientPrivilege carries


@pytest.mark.parametrize(
    "driver_error",
    [
        sqlite3.OperationalError("database or disk is full"),
        sqlite3.DatabaseError("file is not a database"),
        sqlite3.OperationalError("database is locked"),
        Exception("canceling statement due to statement timeout"),
        _Refused("permission denied for table transactions"),
        OSError("connection refused"),
        ValueError("something else"),
    ],
    ids=repr,
)
def test_a_database_error_reads_in_english(
    languages: LanguageManager, driver_error: Exception
) -> None:
    error = database.translate_error(driver_error, "/srv/kiosk/kiosk.db")
    assert translate_error(error) == error.message and _vietnamese(error.message)
    languages.set_language("en")
    shown = translate_error(error)
    assert "/srv/kiosk/kiosk.db" in shown and not _vietnamese(shown), shown


def test_a_restore_failure_reads_in_english(languages: LanguageManager) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    error = failures.restore_error(Path("/srv/kiosk/kiosk.db"), full)
    languages.set_language("en")
    assert not _vietnamese(translate_error(error))


@pytest.mark.parametrize("note", ["x" * 300, "ghi\x07chú"], ids=["too long", "control char"])
def test_a_refusal_by_the_centre_reads_in_english(languages: LanguageManager, note: str) -> None:
    from kiosk.services.sync.marks import MarkSnapshot
    from kiosk.services.sync.refusals import refused_content
    from kiosk.services.sync.snapshot import CounterRef

    mark = MarkSnapshot(
        uid=uuid.uuid4(),
        counter=CounterRef(code="Q01", name="Quầy 1"),
        service_code="vssid",
        step_id="first_login",
        step_number=2,
        note=note,
        guide_checked="2026-12",
        guide_pack="2026.12",
        recorded_at=datetime(2026, 12, 7, 3, 0, tzinfo=UTC),
    )
    refusal = refused_content(mark, RuntimeError("value too long"))
    assert "ghi chú bước đã cũ" in refusal  # stored in Vietnamese, whichever the language
    languages.set_language("en")
    shown = translate_message(refusal)
    assert "vssid/first_login" in shown and not _vietnamese(shown), shown


@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOSPC, errno.EROFS, errno.EIO], ids=str)
def test_an_export_write_failure_reads_in_english(languages: LanguageManager, code: int) -> None:
    from kiosk.services.reporting.export.files import file_error

    error = file_error(Path("/media/usb/xuat.csv"), OSError(code, os.strerror(code)))
    languages.set_language("en")
    shown = translate_error(error)
    assert "/media/usb" in shown and not _vietnamese(shown), shown

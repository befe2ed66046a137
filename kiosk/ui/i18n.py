"""The kiosk's language: Vietnamese (the source text) or English (a compiled Qt translation).

:class:`LanguageManager` owns the translators. Switching installs or removes them on the
application, which makes Qt send ``QEvent.LanguageChange`` to every widget: a widget sets
its texts in a ``retranslate()`` method that it calls from ``__init__`` and from
``changeEvent`` on that event. Services raise :class:`~kiosk.errors.KioskError`\\ s whose
message is the Vietnamese source; :func:`translate_error` turns one into the current language.

The English file is ``resources/translations/quayso_en.qm``, built from the committed .ts
by ``scripts/translations.py build`` (``scripts/setup.sh`` runs it).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from kiosk.errors import QT_TRANSLATE_NOOP, TEMPLATES, KioskError
from kiosk.resources import resource_path
from kiosk.services.identity.errors import IdentityError
from kiosk.settings import LANGUAGES

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "vi"
TRANSLATION_FILE = "quayso_{language}.qm"
# Contexts of the QT_TRANSLATE_NOOP markers in kiosk/ (self.tr() uses the class name).
# translate_error looks a message up in these when its error does not name its context;
# tests/test_translations.py keeps this list complete.
NOOP_CONTEXTS = (
    "Errors",
    "backup",
    "camera",
    "catalogue",
    "chip",
    "cli",
    "dashboard",
    "demo",
    "devices",
    "figures",
    "guides",
    "helper_home",
    "i18n",
    "identity",
    "printers",
    "reports",
    "scanner",
    "scanning",
    "settings",
    "speech",
)

TRANSLATION_MISSING = QT_TRANSLATE_NOOP(
    "i18n",
    "Chưa có bản dịch tiếng Anh ({file}). Hãy báo cán bộ CNTT chạy scripts/setup.sh.",
)


class TranslationMissingError(KioskError):
    """The compiled translation of a language is missing or unreadable."""


class LanguageManager(QObject):
    """Owns the translators of the application and switches between ``vi`` and ``en``.

    ``translations_dir`` defaults to ``resources/translations``; the application defaults
    to the running ``QCoreApplication``. The language starts as Vietnamese (no translator).
    """

    language_changed = Signal(str)

    def __init__(
        self,
        app: QCoreApplication | None = None,
        *,
        translations_dir: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        application = app or QCoreApplication.instance()
        if application is None:
            raise RuntimeError("LanguageManager needs a QApplication")
        self._app = application
        self._dir = translations_dir or resource_path("translations")
        self._language = SOURCE_LANGUAGE
        self._translators: list[QTranslator] = []

    @property
    def language(self) -> str:
        """The current language: ``vi`` or ``en``."""
        return self._language

    def set_language(self, language: str) -> None:
        """Switch every widget to ``language``; emits :attr:`language_changed` when it changes.

        Raises :class:`TranslationMissingError` (and keeps the current language) when the
        compiled translation is missing.
        """
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; known: {LANGUAGES}")
        if language == self._language:
            return
        translators = self._load(language)  # before removing anything: a failure changes nothing
        for old in self._translators:
            self._app.removeTranslator(old)
            old.deleteLater()
        # Qt's own strings first: the translator installed last is asked first.
        for translator in reversed(translators):
            self._app.installTranslator(translator)
        self._translators = translators
        self._language = language
        log.info("language switched to %s", language)
        self.language_changed.emit(language)

    def _load(self, language: str) -> list[QTranslator]:
        if language == SOURCE_LANGUAGE:
            return []
        path = self._dir / TRANSLATION_FILE.format(language=language)
        ours = QTranslator(self)
        if not ours.load(str(path)):
            ours.deleteLater()
            raise TranslationMissingError(
                TRANSLATION_MISSING.format(file=path.name),
                detail=f"cannot load {path} (run scripts/translations.py build)",
            )
        translators = [ours]
        # Qt's own texts (context menus, stock buttons). PySide6 ships qtbase_en but no
        # qtbase_vi, so in Vietnamese those few texts stay in Qt's English.
        qt = QTranslator(self)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QLocale(language), "qtbase", "_", qt_dir):
            translators.append(qt)
        else:
            qt.deleteLater()
        return translators


def _context_of(exc: KioskError) -> str | None:
    context = getattr(exc, "translation_context", None)
    if isinstance(context, str):
        return context
    if isinstance(exc, IdentityError):
        return "identity"
    return None


def translate_error(exc: KioskError) -> str:
    """``exc``'s message in the current language (its Vietnamese message when untranslated).

    An error that keeps its ``template`` and ``params`` (identity and speech errors) is
    translated before the values are filled in; any other error's message is looked up as
    it is in the contexts of :data:`NOOP_CONTEXTS`.
    """
    template = getattr(exc, "template", None)
    params = getattr(exc, "params", None)
    context = _context_of(exc)
    if isinstance(template, str) and context is not None:
        values: Mapping[str, object] = params if isinstance(params, Mapping) else {}
        translated = QCoreApplication.translate(context, template)
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            log.warning("translation of %r in %s has broken placeholders", template, context)
            return exc.message
    return translate_message(exc.message)


def translate_message(message: str) -> str:
    """A message marked with ``QT_TRANSLATE_NOOP`` in one of :data:`NOOP_CONTEXTS` (a
    device's status, an error's text), in the current language; unchanged when untranslated.

    A message that was formatted before it got here ("Máy in 'quay-so' đang tắt…", stored
    with its print job) is matched against the marked templates and translated with the
    values it holds."""
    for candidate in NOOP_CONTEXTS:
        translated = QCoreApplication.translate(candidate, message)
        if translated != message:
            return translated
    return _translate_formatted(message)


_FIELD = re.compile(r"\{(\w+)\}")


@functools.cache
def _pattern(template: str) -> re.Pattern[str] | None:
    """A regular expression that matches ``template`` once formatted (simple ``{name}``
    fields only, a repeated one holding the same value; a template with format specs or
    positional fields is not matched)."""
    names = _FIELD.findall(template)
    if not names or len(names) != template.count("{"):
        return None
    parts = _FIELD.split(template)  # literal, name, literal, name, …, literal
    seen: set[str] = set()
    regex = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            regex.append(re.escape(part))
        elif part in seen:
            regex.append(f"(?P={part})")
        else:
            seen.add(part)
            regex.append(f"(?P<{part}>.+?)")
    return re.compile("".join(regex), re.DOTALL)


@functools.cache
def _literal_length(template: str) -> int:
    """How much of ``template`` is its own text rather than ``{fields}``."""
    return len(_FIELD.sub("", template))


def _translate_formatted(message: str) -> str:
    # The most specific template that matches: "{file}: {problem}" matches every message
    # with a ": " in it, "Không ghi được tệp {path}: {reason}." only its own.
    best: tuple[str, str, re.Match[str]] | None = None
    for context, template in TEMPLATES:
        pattern = _pattern(template)
        match = pattern.fullmatch(message) if pattern is not None else None
        if match is not None and (
            best is None or _literal_length(template) > _literal_length(best[1])
        ):
            best = (context, template, match)
    if best is None:
        return message
    context, template, match = best
    translated = QCoreApplication.translate(context, template)
    if translated == template:
        return message
    # a value may be a marked message itself ("{reason}" filled with a printer's status):
    # each is shorter than the message, so this ends
    values = {name: translate_message(value) for name, value in match.groupdict().items()}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %r in %s has broken placeholders", template, context)
        return message

"""The service catalogue (services, outcomes, reasons, barriers, referrals) loaded from resources/.

Validated on load; a mistake names the file and the entry so an administrator can fix it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError
from kiosk.resources import resource_path


class CatalogueError(KioskError):
    """The catalogue file is malformed."""

    exit_code = 2


NO_LIST = QT_TRANSLATE_NOOP("catalogue", "{path}: thiếu danh sách [[{section}]].")
# Where a wrong entry is, put before the messages below.
ITEM = QT_TRANSLATE_NOOP("catalogue", "{path}: [[{section}]] mục thứ {index}")
MISSING_KEYS = QT_TRANSLATE_NOOP("catalogue", "{where} thiếu khóa {keys}.")
UNKNOWN_KEYS = QT_TRANSLATE_NOOP("catalogue", "{where} có khóa không hỗ trợ: {keys}.")
DUPLICATE_CODE = QT_TRANSLATE_NOOP("catalogue", "{where}: mã '{code}' bị trùng.")
UNREADABLE = QT_TRANSLATE_NOOP("catalogue", "{path}: không đọc được danh mục dịch vụ ({reason}).")


@dataclass(frozen=True)
class Entry:
    """A coded item with a Vietnamese and an English name."""

    code: str
    name_vi: str
    name_en: str

    def name(self, language: str = "vi") -> str:
        """The name in ``language`` (``vi`` or ``en``)."""
        return self.name_en if language == "en" else self.name_vi


@dataclass(frozen=True)
class ServiceKind(Entry):
    """A service the counter helps with."""

    figure: str | None = None
    takes_dossier_code: bool = False


@dataclass(frozen=True)
class Outcome(Entry):
    """How a service ended."""

    needs_reason: bool = False


@dataclass(frozen=True)
class Catalogue:
    """Every list the counter records codes from."""

    services: tuple[ServiceKind, ...]
    outcomes: tuple[Outcome, ...]
    reasons: tuple[Entry, ...]
    barriers: tuple[Entry, ...]
    referrals: tuple[Entry, ...]

    def service(self, code: str) -> ServiceKind:
        """The service with ``code``; :class:`KeyError` if unknown."""
        return _find(self.services, code)

    def outcome(self, code: str) -> Outcome:
        """The outcome with ``code``; :class:`KeyError` if unknown."""
        return _find(self.outcomes, code)

    def has(self, section: str, code: str) -> bool:
        """Whether ``code`` exists in ``section`` (``services``, ``reasons``…)."""
        return any(entry.code == code for entry in getattr(self, section))

    def label(self, section: str, code: str | None, language: str = "vi") -> str:
        """The display name of ``code`` in ``section``, or the code itself if unknown."""
        if not code:
            return ""
        for entry in getattr(self, section):
            if entry.code == code:
                return str(entry.name(language))
        return code

    def figures(self) -> tuple[str, ...]:
        """The report figures services count towards, in catalogue order, without repeats."""
        return tuple(dict.fromkeys(s.figure for s in self.services if s.figure))


E = TypeVar("E", bound=Entry)


def _find(entries: tuple[E, ...], code: str) -> E:
    for entry in entries:
        if entry.code == code:
            return entry
    raise KeyError(code)


_SECTIONS: dict[str, tuple[type[Entry], frozenset[str]]] = {
    "services": (ServiceKind, frozenset({"figure", "takes_dossier_code"})),
    "outcomes": (Outcome, frozenset({"needs_reason"})),
    "reasons": (Entry, frozenset()),
    "barriers": (Entry, frozenset()),
    "referrals": (Entry, frozenset()),
}


def _entries(path: Path, section: str, raw: Any) -> tuple[Entry, ...]:
    cls, optional = _SECTIONS[section]
    if not isinstance(raw, list) or not raw:
        raise CatalogueError(NO_LIST.format(path=path, section=section))
    seen: set[str] = set()
    entries = []
    for index, item in enumerate(raw, start=1):
        where = ITEM.format(path=path, section=section, index=index)
        missing = {"code", "name_vi", "name_en"} - item.keys()
        if missing:
            raise CatalogueError(MISSING_KEYS.format(where=where, keys=", ".join(sorted(missing))))
        unknown = item.keys() - {"code", "name_vi", "name_en"} - optional
        if unknown:
            raise CatalogueError(UNKNOWN_KEYS.format(where=where, keys=", ".join(sorted(unknown))))
        if item["code"] in seen:
            raise CatalogueError(DUPLICATE_CODE.format(where=where, code=item["code"]))
        seen.add(item["code"])
        entries.append(cls(**item))
    return tuple(entries)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and validate the catalogue file (default: resources/catalogue/services.toml)."""
    path = path or resource_path("catalogue", "services.toml")
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(UNREADABLE.format(path=path, reason=exc)) from exc
    sections = {name: _entries(path, name, document.get(name)) for name in _SECTIONS}
    return Catalogue(**sections)  # type: ignore[arg-type]


@cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped in resources/, loaded once."""
    return load_catalogue()


@cache
def province_codes() -> dict[str, str]:
    """Province/country code → name, from resources/catalogue/provinces.toml."""
    path = resource_path("catalogue", "provinces.toml")
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    return dict(document["codes"])

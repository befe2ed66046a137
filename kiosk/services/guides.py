"""Step-by-step guides kept as data: one TOML file a service in resources/guides/.

Every file is validated when it is loaded, and every problem names the file and the line
so that an administrator can fix it without reading code (docs/GUIDES.md describes the
format). No Qt here: the GUI, the CLI (``kiosk guides check``) and the tests read the
same values.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.domain.catalogue import Catalogue, default_catalogue
from kiosk.errors import QT_TRANSLATE_NOOP, KioskError
from kiosk.resources import resource_path, resources_dir

SCHEMA_VERSION = 1
MIN_STEPS = 3
MAX_STEPS = 9
IMAGES_DIR = "images"

# Longest text (in characters, after joining lines) each kind of field may hold: a step is
# read aloud to a 70-year-old on a touch screen, so it stays short.
LIMITS = {"title": 80, "summary": 240, "need": 120, "text": 300, "tip": 400, "source": 300}

_TOP_KEYS = (
    "schema",
    "service",
    "title_vi",
    "title_en",
    "summary_vi",
    "summary_en",
    "needs_vi",
    "needs_en",
    "checked",
    "sources",
    "steps",
)
_STEP_KEYS = ("id", "title_vi", "title_en", "text_vi", "text_en", "image")
_TIP_KEYS = ("tip_vi", "tip_en")
_STEP_ID = re.compile(r"[a-z0-9_]+")
_IMAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.svg")
_CHECKED = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_SVG_NS = "{http://www.w3.org/2000/svg}"

# Problem kind → (Vietnamese message, marked for Qt's lupdate; English text for the log).
_PROBLEMS: dict[str, tuple[str, str]] = {
    "unreadable": (
        QT_TRANSLATE_NOOP("guides", "không đọc được tệp ({detail})"),
        "cannot read the file ({detail})",
    ),
    "encoding": (
        QT_TRANSLATE_NOOP("guides", "tệp không phải văn bản UTF-8"),
        "the file is not UTF-8 text",
    ),
    "syntax": (
        QT_TRANSLATE_NOOP("guides", "sai cú pháp TOML ở cột {column} ({detail})"),
        "TOML syntax error at column {column} ({detail})",
    ),
    "missing_key": (
        QT_TRANSLATE_NOOP("guides", 'thiếu trường "{key}"'),
        'missing field "{key}"',
    ),
    "missing_key_step": (
        QT_TRANSLATE_NOOP("guides", 'thiếu trường "{key}" trong bước {step}'),
        'missing field "{key}" in step {step}',
    ),
    "unknown_key": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" không được hỗ trợ'),
        'unsupported field "{key}"',
    ),
    "unknown_key_step": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" trong bước {step} không được hỗ trợ'),
        'unsupported field "{key}" in step {step}',
    ),
    "wrong_type": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" phải là {expected}'),
        'field "{key}" must be {expected_en}',
    ),
    "wrong_type_step": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" trong bước {step} phải là {expected}'),
        'field "{key}" in step {step} must be {expected_en}',
    ),
    "empty": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" đang để trống'),
        'field "{key}" is empty',
    ),
    "empty_step": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" trong bước {step} đang để trống'),
        'field "{key}" in step {step} is empty',
    ),
    "not_nfc": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" chưa ở dạng Unicode dựng sẵn (NFC): gõ lại chữ có dấu'
            " hoặc lưu tệp ở dạng NFC",
        ),
        'field "{key}" is not in Unicode NFC',
    ),
    "not_nfc_step": (
        QT_TRANSLATE_NOOP(
            "guides",
            'trường "{key}" trong bước {step} chưa ở dạng Unicode dựng sẵn (NFC):'
            " gõ lại chữ có dấu hoặc lưu tệp ở dạng NFC",
        ),
        'field "{key}" in step {step} is not in Unicode NFC',
    ),
    "too_long": (
        QT_TRANSLATE_NOOP("guides", 'trường "{key}" dài {length} ký tự, tối đa {limit}'),
        'field "{key}" has {length} characters, at most {limit}',
    ),
    "too_long_step": (
        QT_TRANSLATE_NOOP(
            "guides", 'trường "{key}" trong bước {step} dài {length} ký tự, tối đa {limit}'
        ),
        'field "{key}" in step {step} has {length} characters, at most {limit}',
    ),
    "item_wrong_type": (
        QT_TRANSLATE_NOOP("guides", 'mục thứ {item} của "{key}" phải là chuỗi văn bản'),
        'item {item} of "{key}" must be text',
    ),
    "item_empty": (
        QT_TRANSLATE_NOOP("guides", 'mục thứ {item} của "{key}" đang để trống'),
        'item {item} of "{key}" is empty',
    ),
    "item_not_nfc": (
        QT_TRANSLATE_NOOP(
            "guides", 'mục thứ {item} của "{key}" chưa ở dạng Unicode dựng sẵn (NFC)'
        ),
        'item {item} of "{key}" is not in Unicode NFC',
    ),
    "item_too_long": (
        QT_TRANSLATE_NOOP(
            "guides", 'mục thứ {item} của "{key}" dài {length} ký tự, tối đa {limit}'
        ),
        'item {item} of "{key}" has {length} characters, at most {limit}',
    ),
    "schema": (
        QT_TRANSLATE_NOOP(
            "guides", "phiên bản định dạng {value} không được hỗ trợ (chỉ hỗ trợ {supported})"
        ),
        "schema version {value} is not supported (only {supported})",
    ),
    "unknown_service": (
        QT_TRANSLATE_NOOP("guides", 'mã dịch vụ "{code}" không có trong danh mục dịch vụ'),
        'service code "{code}" is not in the catalogue',
    ),
    "file_name": (
        QT_TRANSLATE_NOOP(
            "guides", 'hướng dẫn của dịch vụ "{code}" phải nằm trong tệp "{expected}"'
        ),
        'the guide of service "{code}" must be in the file "{expected}"',
    ),
    "needs_length": (
        QT_TRANSLATE_NOOP(
            "guides",
            '"needs_vi" có {vi} mục nhưng "needs_en" có {en} mục: hai danh sách phải dài bằng nhau',
        ),
        '"needs_vi" has {vi} items but "needs_en" has {en}: they must be the same length',
    ),
    "checked_format": (
        QT_TRANSLATE_NOOP("guides", 'trường "checked" phải có dạng "NĂM-THÁNG", ví dụ "2026-11"'),
        'field "checked" must look like "YEAR-MONTH", e.g. "2026-11"',
    ),
    "too_many_steps": (
        QT_TRANSLATE_NOOP("guides", "hướng dẫn có {count} bước, tối đa {limit} bước"),
        "the guide has {count} steps, at most {limit}",
    ),
    "too_few_steps": (
        QT_TRANSLATE_NOOP("guides", "hướng dẫn có {count} bước, cần ít nhất {limit} bước"),
        "the guide has {count} steps, at least {limit} are needed",
    ),
    "bad_step_id": (
        QT_TRANSLATE_NOOP(
            "guides",
            'mã bước "{value}" trong bước {step} chỉ được gồm chữ thường không dấu,'
            " chữ số và dấu gạch dưới",
        ),
        'step id "{value}" in step {step} may hold only a-z, 0-9 and _',
    ),
    "duplicate_step_id": (
        QT_TRANSLATE_NOOP(
            "guides", 'mã bước "{value}" trong bước {step} bị trùng với bước {first}'
        ),
        'step id "{value}" in step {step} repeats step {first}',
    ),
    "bad_image_name": (
        QT_TRANSLATE_NOOP(
            "guides",
            'ảnh "{value}" trong bước {step} phải là tên một tệp .svg trong thư mục images/',
        ),
        'image "{value}" in step {step} must name an .svg file in images/',
    ),
    "missing_image": (
        QT_TRANSLATE_NOOP("guides", 'không có tệp ảnh "images/{value}" dùng ở bước {step}'),
        'no image file "images/{value}" used in step {step}',
    ),
    "bad_svg": (
        QT_TRANSLATE_NOOP("guides", "ảnh SVG bị hỏng ({detail})"),
        "broken SVG image ({detail})",
    ),
    "not_svg": (
        QT_TRANSLATE_NOOP("guides", "tệp không phải ảnh SVG có thuộc tính viewBox"),
        "the file is not an SVG image with a viewBox",
    ),
    "missing_guide": (
        QT_TRANSLATE_NOOP("guides", 'dịch vụ "{code}" trong danh mục chưa có hướng dẫn'),
        'catalogue service "{code}" has no guide',
    ),
    "missing_directory": (
        QT_TRANSLATE_NOOP("guides", "không tìm thấy thư mục hướng dẫn"),
        "the guides directory does not exist",
    ),
}
_AT_LINE = QT_TRANSLATE_NOOP("guides", "{file}, dòng {line}: {problem}")
_AT_FILE = QT_TRANSLATE_NOOP("guides", "{file}: {problem}")

# Kinds of value a field may hold, named for the message (Vietnamese, English).
_TEXT = (QT_TRANSLATE_NOOP("guides", "chuỗi văn bản"), "text")
_INTEGER = (QT_TRANSLATE_NOOP("guides", "số nguyên"), "an integer")
_TEXT_LIST = (QT_TRANSLATE_NOOP("guides", "danh sách chuỗi văn bản"), "a list of text")
_STEP_LIST = (QT_TRANSLATE_NOOP("guides", "danh sách các bước [[steps]]"), "a list of [[steps]]")
_STEP_TABLE = (QT_TRANSLATE_NOOP("guides", "một bảng [[steps]]"), "a [[steps]] table")


def _display(path: Path) -> str:
    """``guides/vssid.toml`` for a shipped file, the path as given for any other."""
    try:
        return path.resolve().relative_to(resources_dir()).as_posix()
    except (ValueError, OSError):
        return str(path)


class GuideError(KioskError):
    """A guide file (or an image it names) is malformed; names the file and the line.

    ``line`` is 1-based; it is ``None`` only when a whole file or directory is missing.
    ``kind`` says which rule was broken (``missing_key``, ``not_nfc``…), ``problem`` is the
    Vietnamese sentence without the place.
    """

    exit_code = 2

    def __init__(self, path: Path, line: int | None, kind: str, **values: object) -> None:
        vi, en = _PROBLEMS[kind]
        self.path = path
        self.line = line
        self.kind = kind
        self.problem = vi.format(**values)
        where = _display(path)
        if line is None:
            message = _AT_FILE.format(file=where, problem=self.problem)
        else:
            message = _AT_LINE.format(file=where, line=line, problem=self.problem)
        super().__init__(message, detail=f"{self.location}: {en.format(**values)}")

    @property
    def location(self) -> str:
        """``path:line`` as editors and compilers print it (just the path without a line)."""
        return str(self.path) if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Text:
    """One piece of text in Vietnamese and English."""

    vi: str
    en: str

    def get(self, language: str = "vi") -> str:
        """The text in ``language``; Vietnamese for any language other than English."""
        if language.lower().startswith("en") and self.en:
            return self.en
        return self.vi


@dataclass(frozen=True)
class GuideStep:
    """One step: what the citizen sees, a pictogram, and an optional tip for the helper."""

    id: str
    title: Text
    text: Text
    image: Path
    tip: Text | None = None


@dataclass(frozen=True)
class Guide:
    """The step-by-step guide of one catalogue service."""

    service_code: str
    title: Text
    summary: Text
    needs: tuple[Text, ...]
    steps: tuple[GuideStep, ...]
    checked: str
    sources: tuple[str, ...]
    path: Path

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: int) -> GuideStep:
        return self.steps[index]

    def __iter__(self) -> Iterator[GuideStep]:
        return iter(self.steps)

    def index_of(self, step_id: str) -> int:
        """The position of the step ``step_id``; :class:`KeyError` if there is none."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)

    def step(self, step_id: str) -> GuideStep:
        """The step ``step_id``; :class:`KeyError` if there is none."""
        return self.steps[self.index_of(step_id)]


@dataclass(frozen=True)
class GuideLibrary:
    """Every guide of a directory, in catalogue order."""

    guides: tuple[Guide, ...]
    directory: Path

    @property
    def codes(self) -> tuple[str, ...]:
        """The service codes that have a guide."""
        return tuple(guide.service_code for guide in self.guides)

    def get(self, code: str) -> Guide | None:
        """The guide of service ``code``, or ``None`` if it has none."""
        for guide in self.guides:
            if guide.service_code == code:
                return guide
        return None

    def __contains__(self, code: object) -> bool:
        return any(guide.service_code == code for guide in self.guides)

    def __len__(self) -> int:
        return len(self.guides)

    def __iter__(self) -> Iterator[Guide]:
        return iter(self.guides)


# -- where things are in the raw text ---------------------------------------------------------

_ARRAY_HEADER = re.compile(r"""\s*\[\[\s*([A-Za-z0-9_."' -]+?)\s*\]\]\s*(#.*)?""")
_TABLE_HEADER = re.compile(r"""\s*\[\s*([A-Za-z0-9_."' -]+?)\s*\]\s*(#.*)?""")
_KEY_LINE = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.]""")


@dataclass
class _StepLines:
    header: int
    keys: dict[str, int] = field(default_factory=dict)


@dataclass
class _Layout:
    """Line numbers of the top-level keys, of each ``[[steps]]`` header and its keys.

    tomllib gives no positions for values, so the raw text is scanned. The scan skips
    multi-line strings but is not a TOML parser: it only ever chooses a line to show.
    """

    lines: list[str]
    top: dict[str, int] = field(default_factory=dict)
    steps: list[_StepLines] = field(default_factory=list)

    @classmethod
    def scan(cls, text: str) -> _Layout:
        layout = cls(text.splitlines())
        section: str | None = None  # None: top level; "steps"; "other"
        closing: str | None = None  # the delimiter of an open multi-line string
        for number, line in enumerate(layout.lines, start=1):
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            header = _ARRAY_HEADER.fullmatch(line) or _TABLE_HEADER.fullmatch(line)
            if header:
                name = _bare(header.group(1))
                if header.re is _ARRAY_HEADER and name == "steps":
                    layout.steps.append(_StepLines(number))
                    section = "steps"
                else:
                    layout.top.setdefault(name.split(".")[0], number)
                    section = "other"
                continue
            key = _KEY_LINE.match(line)
            if key and section != "other":
                name = next(group for group in key.groups() if group is not None)
                keys = layout.steps[-1].keys if section == "steps" else layout.top
                keys.setdefault(name, number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    closing = quote
                    break
        return layout

    def top_line(self, key: str) -> int:
        return self.top.get(key, 1)

    def step_line(self, index: int, key: str | None = None) -> int:
        if index < len(self.steps):
            step = self.steps[index]
            return step.keys.get(key, step.header) if key else step.header
        return self.top_line("steps")

    def item_line(self, key_line: int, value: object) -> int:
        """The line of a list item (the first at or after ``key_line`` holding its text)."""
        if isinstance(value, str) and value:
            for number in range(key_line, min(key_line + 50, len(self.lines)) + 1):
                if value in self.lines[number - 1]:
                    return number
        return key_line


def _bare(name: str) -> str:
    return name.strip().strip("\"'")


# -- validation ---------------------------------------------------------------------------------


class _Checker:
    """Collects every problem of one guide file; builds the guide when there are none."""

    def __init__(
        self,
        path: Path,
        catalogue: Catalogue,
        svg_results: dict[Path, list[GuideError]],
    ) -> None:
        self.path = path
        self.catalogue = catalogue
        self.svg_results = svg_results
        self.problems: list[GuideError] = []
        self.layout = _Layout([])

    def report(self, line: int | None, kind: str, **values: object) -> None:
        self.problems.append(GuideError(self.path, line, kind, **values))

    def run(self) -> Guide | None:
        data = self._parse()
        if data is None:
            return None
        guide = self._guide(data)
        # this file's own problems first, by line; then those of the pictures it names
        self.problems.sort(
            key=lambda problem: (problem.path != self.path, str(problem.path), problem.line or 0)
        )
        return guide if not self.problems else None

    def _parse(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            self.report(None, "unreadable", detail=exc.strerror or exc)
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.report(raw.count(b"\n", 0, exc.start) + 1, "encoding")
            return None
        self.layout = _Layout.scan(text)
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            place = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
            if place:
                line, column = int(place.group(1)), int(place.group(2))
                message = message[: place.start()]
            else:  # "(at end of document)"
                line, column = max(len(self.layout.lines), 1), 1
                message = re.sub(r"\s*\(at end of document\)$", "", message)
            self.report(line, "syntax", column=column, detail=message)
            return None

    # top level

    def _guide(self, data: dict[str, Any]) -> Guide | None:
        layout = self.layout
        for key in data:
            if key not in _TOP_KEYS:
                self.report(layout.top_line(key), "unknown_key", key=key)
        for key in _TOP_KEYS:
            if key not in data:
                self.report(1, "missing_key", key=key)

        self._schema(data.get("schema"))
        code = self._service(data.get("service"))
        title = self._pair(data, "title", LIMITS["title"])
        summary = self._pair(data, "summary", LIMITS["summary"])
        needs = self._needs(data)
        checked = self._checked(data.get("checked"))
        sources = self._text_list(data, "sources", LIMITS["source"], required=True)
        steps = self._steps(data.get("steps")) if "steps" in data else None

        if self.problems or None in (code, title, summary, needs, checked, sources, steps):
            return None
        assert code and title and summary and needs is not None and checked and sources and steps
        return Guide(
            service_code=code,
            title=title,
            summary=summary,
            needs=needs,
            steps=steps,
            checked=checked,
            sources=sources,
            path=self.path,
        )

    def _checked(self, value: object) -> str | None:
        if value is None:
            return None
        line = self.layout.top_line("checked")
        if not self._is_text(value, "checked", line):
            return None
        assert isinstance(value, str)
        if not _CHECKED.fullmatch(value):
            self.report(line, "checked_format")
            return None
        return value

    def _schema(self, value: object) -> None:
        if value is None:
            return
        line = self.layout.top_line("schema")
        if not isinstance(value, int) or isinstance(value, bool):
            self.report(
                line, "wrong_type", key="schema", expected=_INTEGER[0], expected_en=_INTEGER[1]
            )
        elif value != SCHEMA_VERSION:
            self.report(line, "schema", value=value, supported=SCHEMA_VERSION)

    def _service(self, value: object) -> str | None:
        if value is None:
            return None
        line = self.layout.top_line("service")
        code = self._text(value, "service", line, 60)
        if code is None:
            return None
        if not self.catalogue.has("services", code):
            self.report(line, "unknown_service", code=code)
            return None
        if self.path.name != f"{code}.toml":
            self.report(line, "file_name", code=code, expected=f"{code}.toml")
        return code

    def _pair(
        self, data: dict[str, Any], stem: str, limit: int, step: int | None = None
    ) -> Text | None:
        values: list[str | None] = []
        for language in ("vi", "en"):
            key = f"{stem}_{language}"
            if key not in data:
                values.append(None)
                continue
            if step is None:
                line = self.layout.top_line(key)
            else:
                line = self.layout.step_line(step - 1, key)
            values.append(self._text(data[key], key, line, limit, step))
        vi, en = values
        return Text(vi, en) if vi is not None and en is not None else None

    def _needs(self, data: dict[str, Any]) -> tuple[Text, ...] | None:
        vi = self._text_list(data, "needs_vi", LIMITS["need"])
        en = self._text_list(data, "needs_en", LIMITS["need"])
        if vi is None or en is None:
            return None
        if len(vi) != len(en):
            self.report(self.layout.top_line("needs_en"), "needs_length", vi=len(vi), en=len(en))
            return None
        return tuple(Text(a, b) for a, b in zip(vi, en, strict=True))

    def _text_list(
        self, data: dict[str, Any], key: str, limit: int, *, required: bool = False
    ) -> tuple[str, ...] | None:
        if key not in data:
            return None
        value = data[key]
        line = self.layout.top_line(key)
        if not isinstance(value, list):
            self.report(
                line, "wrong_type", key=key, expected=_TEXT_LIST[0], expected_en=_TEXT_LIST[1]
            )
            return None
        if required and not value:
            self.report(line, "empty", key=key)
            return None
        items: list[str] = []
        for number, item in enumerate(value, start=1):
            where = self.layout.item_line(line, item)
            kind = _text_problem(item, limit)
            if kind is None:
                items.append(_joined(item))
            else:
                self.report(
                    where, f"item_{kind}", key=key, item=number, length=_length(item), limit=limit
                )
        return tuple(items) if len(items) == len(value) else None

    # steps

    def _steps(self, value: object) -> tuple[GuideStep, ...] | None:
        layout = self.layout
        if not isinstance(value, list):
            self.report(
                layout.top_line("steps"),
                "wrong_type",
                key="steps",
                expected=_STEP_LIST[0],
                expected_en=_STEP_LIST[1],
            )
            return None
        if len(value) > MAX_STEPS:
            self.report(
                layout.step_line(MAX_STEPS), "too_many_steps", count=len(value), limit=MAX_STEPS
            )
        elif len(value) < MIN_STEPS:
            self.report(
                layout.step_line(len(value) - 1) if value else layout.top_line("steps"),
                "too_few_steps",
                count=len(value),
                limit=MIN_STEPS,
            )
        steps: list[GuideStep | None] = []
        first_seen: dict[str, int] = {}
        for index, raw in enumerate(value):
            steps.append(self._step(index + 1, raw, first_seen))
        if not steps or any(step is None for step in steps):
            return None
        return tuple(step for step in steps if step is not None)

    def _step(self, number: int, raw: object, first_seen: dict[str, int]) -> GuideStep | None:
        index = number - 1
        layout = self.layout
        if not isinstance(raw, dict):
            self.report(
                layout.step_line(index),
                "wrong_type_step",
                key="steps",
                step=number,
                expected=_STEP_TABLE[0],
                expected_en=_STEP_TABLE[1],
            )
            return None
        for key in raw:
            if key not in _STEP_KEYS and key not in _TIP_KEYS:
                self.report(layout.step_line(index, key), "unknown_key_step", key=key, step=number)
        for key in _STEP_KEYS:
            if key not in raw:
                self.report(layout.step_line(index), "missing_key_step", key=key, step=number)
        for have, other in (_TIP_KEYS, _TIP_KEYS[::-1]):
            if have in raw and other not in raw:
                line = layout.step_line(index, have)
                self.report(line, "missing_key_step", key=other, step=number)

        step_id = self._step_id(number, raw.get("id"), first_seen)
        title = self._pair(raw, "title", LIMITS["title"], number)
        text = self._pair(raw, "text", LIMITS["text"], number)
        image = self._image(number, raw.get("image"))
        tip = None
        if any(key in raw for key in _TIP_KEYS):
            tip = self._pair(raw, "tip", LIMITS["tip"], number)
            if tip is None:
                return None
        if step_id is None or title is None or text is None or image is None:
            return None
        return GuideStep(id=step_id, title=title, text=text, image=image, tip=tip)

    def _step_id(self, number: int, value: object, first_seen: dict[str, int]) -> str | None:
        if value is None:
            return None
        line = self.layout.step_line(number - 1, "id")
        step_id = self._text(value, "id", line, 40, number)
        if step_id is None:
            return None
        if not _STEP_ID.fullmatch(step_id):
            self.report(line, "bad_step_id", value=step_id, step=number)
            return None
        if step_id in first_seen:
            self.report(
                line, "duplicate_step_id", value=step_id, step=number, first=first_seen[step_id]
            )
            return None
        first_seen[step_id] = number
        return step_id

    def _image(self, number: int, value: object) -> Path | None:
        if value is None:
            return None
        line = self.layout.step_line(number - 1, "image")
        name = self._text(value, "image", line, 120, number)
        if name is None:
            return None
        if not _IMAGE_NAME.fullmatch(name):
            self.report(line, "bad_image_name", value=name, step=number)
            return None
        path = self.path.parent / IMAGES_DIR / name
        if not path.is_file():
            self.report(line, "missing_image", value=name, step=number)
            return None
        if path not in self.svg_results:
            self.svg_results[path] = _svg_problems(path)
            self.problems.extend(self.svg_results[path])
        return None if self.svg_results[path] else path

    # values

    def _is_text(self, value: object, key: str, line: int, step: int | None = None) -> bool:
        if isinstance(value, str):
            return True
        kind = "wrong_type" if step is None else "wrong_type_step"
        self.report(line, kind, key=key, step=step, expected=_TEXT[0], expected_en=_TEXT[1])
        return False

    def _text(
        self, value: object, key: str, line: int, limit: int, step: int | None = None
    ) -> str | None:
        if not self._is_text(value, key, line, step):
            return None
        kind = _text_problem(value, limit)
        if kind is None:
            return _joined(str(value))
        if step is not None:
            kind += "_step"
        self.report(line, kind, key=key, step=step, length=_length(value), limit=limit)
        return None


def _joined(text: str) -> str:
    """Line breaks and runs of spaces become one space: a text is one paragraph."""
    return " ".join(text.split())


def _length(value: object) -> int:
    return len(_joined(value)) if isinstance(value, str) else 0


def _text_problem(value: object, limit: int) -> str | None:
    """The kind of problem of one piece of text (without the ``item_``/``_step`` affix)."""
    if not isinstance(value, str):
        return "wrong_type"
    if not value.strip():
        return "empty"
    if not unicodedata.is_normalized("NFC", value):
        return "not_nfc"
    if len(_joined(value)) > limit:
        return "too_long"
    return None


def _svg_problems(path: Path) -> list[GuideError]:
    """A well-formed SVG document with a viewBox, or the problem with its line."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else 1
        return [GuideError(path, line, "bad_svg", detail=str(exc))]
    except OSError as exc:
        return [GuideError(path, None, "unreadable", detail=exc.strerror or exc)]
    if root.tag != f"{_SVG_NS}svg" or not root.get("viewBox"):
        text = path.read_text(encoding="utf-8", errors="replace")
        line = next((n for n, row in enumerate(text.splitlines(), start=1) if "<svg" in row), 1)
        return [GuideError(path, line, "not_svg")]
    return []


# -- public API ---------------------------------------------------------------------------------


def _check_file(
    path: Path, catalogue: Catalogue, svg_results: dict[Path, list[GuideError]]
) -> tuple[Guide | None, list[GuideError]]:
    checker = _Checker(path, catalogue, svg_results)
    guide = checker.run()
    return guide, checker.problems


def load_guide(path: Path, catalogue: Catalogue | None = None) -> Guide:
    """Read and validate one guide file; :class:`GuideError` names its first problem."""
    guide, problems = _check_file(path, catalogue or default_catalogue(), {})
    if problems:
        raise problems[0]
    assert guide is not None
    return guide


def _directory(directory: Path | None) -> Path:
    return directory if directory is not None else resource_path("guides")


def _guide_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.glob("*.toml") if path.is_file())


def load_guides(directory: Path | None = None, catalogue: Catalogue | None = None) -> GuideLibrary:
    """Load every guide of ``directory`` (default: resources/guides) in catalogue order.

    The first problem is raised as :class:`GuideError`; a service without a guide is not an
    error here (:func:`check_guides` reports it), its :meth:`GuideLibrary.get` is ``None``.
    """
    directory = _directory(directory)
    catalogue = catalogue or default_catalogue()
    if not directory.is_dir():
        raise GuideError(directory, None, "missing_directory")
    svg_results: dict[Path, list[GuideError]] = {}
    guides = []
    for path in _guide_files(directory):
        guide, problems = _check_file(path, catalogue, svg_results)
        if problems:
            raise problems[0]
        assert guide is not None
        guides.append(guide)
    order = {service.code: index for index, service in enumerate(catalogue.services)}
    guides.sort(key=lambda guide: order[guide.service_code])
    return GuideLibrary(tuple(guides), directory)


def check_guides(
    directory: Path | None = None, catalogue: Catalogue | None = None
) -> list[GuideError]:
    """Every problem of every guide in ``directory``, and every catalogue service without one.

    For ``kiosk guides check``: nothing is raised, all problems are returned by file and line.
    """
    directory = _directory(directory)
    catalogue = catalogue or default_catalogue()
    if not directory.is_dir():
        return [GuideError(directory, None, "missing_directory")]
    svg_results: dict[Path, list[GuideError]] = {}
    problems: list[GuideError] = []
    for path in _guide_files(directory):
        problems.extend(_check_file(path, catalogue, svg_results)[1])
    for service in catalogue.services:
        expected = directory / f"{service.code}.toml"
        if not expected.is_file():
            problems.append(GuideError(expected, None, "missing_guide", code=service.code))
    return problems


@cache
def default_guides() -> GuideLibrary:
    """The guides shipped in resources/guides, loaded once."""
    return load_guides()

"""Reading one guide file: every problem with its line, and the guide when there are none."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from kiosk.domain.catalogue import Catalogue
from kiosk.services.guides.fields import FieldChecks
from kiosk.services.guides.images import svg_problems
from kiosk.services.guides.layout import Layout
from kiosk.services.guides.model import (
    IMAGES_DIR,
    LIMITS,
    MAX_STEPS,
    MIN_STEPS,
    SCHEMA_VERSION,
    Guide,
    GuideStep,
    Text,
)
from kiosk.services.guides.problems import (
    INTEGER,
    STEP_LIST,
    STEP_TABLE,
    GuideError,
)

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
_LINK_KEY = "see_also"  # with a tip: the service code of the guide the tip points to
_MARK_KEYS = ("checked", "source")  # a step changed because of a finding: when, and from what
_STEP_ID = re.compile(r"[a-z0-9_]+")
_IMAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.svg")
_CHECKED = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


class GuideFile(FieldChecks):
    """Collects every problem of one guide file; builds the guide when there are none."""

    def __init__(
        self,
        path: Path,
        catalogue: Catalogue,
        svg_results: dict[Path, list[GuideError]],
        available: frozenset[str] | None = None,
    ) -> None:
        super().__init__(path)
        self.catalogue = catalogue
        self.svg_results = svg_results
        self.available = available

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
        self.layout = Layout.scan(text)
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
                line, "wrong_type", key="schema", expected=INTEGER[0], expected_en=INTEGER[1]
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

    def _needs(self, data: dict[str, Any]) -> tuple[Text, ...] | None:
        vi = self._text_list(data, "needs_vi", LIMITS["need"])
        en = self._text_list(data, "needs_en", LIMITS["need"])
        if vi is None or en is None:
            return None
        if len(vi) != len(en):
            self.report(self.layout.top_line("needs_en"), "needs_length", vi=len(vi), en=len(en))
            return None
        return tuple(Text(a, b) for a, b in zip(vi, en, strict=True))

    # steps

    def _steps(self, value: object) -> tuple[GuideStep, ...] | None:
        layout = self.layout
        if not isinstance(value, list):
            self.report(
                layout.top_line("steps"),
                "wrong_type",
                key="steps",
                expected=STEP_LIST[0],
                expected_en=STEP_LIST[1],
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
                expected=STEP_TABLE[0],
                expected_en=STEP_TABLE[1],
            )
            return None
        for key in raw:
            if key not in (*_STEP_KEYS, *_TIP_KEYS, *_MARK_KEYS, _LINK_KEY):
                self.report(layout.step_line(index, key), "unknown_key_step", key=key, step=number)
        for key in _STEP_KEYS:
            if key not in raw:
                self.report(layout.step_line(index), "missing_key_step", key=key, step=number)
        for have, other in (_TIP_KEYS, _TIP_KEYS[::-1], _MARK_KEYS, _MARK_KEYS[::-1]):
            if have in raw and other not in raw:
                line = layout.step_line(index, have)
                self.report(line, "missing_key_step", key=other, step=number)

        step_id = self._step_id(number, raw.get("id"), first_seen)
        title = self._pair(raw, "title", LIMITS["title"], number)
        text = self._pair(raw, "text", LIMITS["text"], number)
        image = self._image(number, raw.get("image"))
        checked, source = self._step_checked(number, raw), self._step_source(number, raw)
        if any(key in raw for key in _MARK_KEYS) and (checked is None or source is None):
            return None
        tip = None
        if any(key in raw for key in _TIP_KEYS):
            tip = self._pair(raw, "tip", LIMITS["tip"], number)
            if tip is None:
                return None
        see_also = None
        if _LINK_KEY in raw:
            see_also = self._see_also(
                number, raw[_LINK_KEY], has_tip=any(k in raw for k in _TIP_KEYS)
            )
            if see_also is None:
                return None
        if step_id is None or title is None or text is None or image is None:
            return None
        return GuideStep(
            id=step_id,
            title=title,
            text=text,
            image=image,
            tip=tip,
            see_also=see_also,
            checked=checked,
            source=source,
        )

    def _step_checked(self, number: int, raw: dict[str, Any]) -> str | None:
        """The month a step changed because of a finding was checked ("YYYY-MM")."""
        if "checked" not in raw:
            return None
        line = self.layout.step_line(number - 1, "checked")
        value = raw["checked"]
        if not self._is_text(value, "checked", line, number):
            return None
        assert isinstance(value, str)
        if not _CHECKED.fullmatch(value):
            self.report(line, "checked_format_step", step=number)
            return None
        return value

    def _step_source(self, number: int, raw: dict[str, Any]) -> str | None:
        """Where a step changed because of a finding comes from: issuer, title, date."""
        if "source" not in raw:
            return None
        line = self.layout.step_line(number - 1, "source")
        source = self._text(raw["source"], "source", line, LIMITS["step_source"], number)
        if source is not None:
            self._wording("source", source, line, step=number)
        return source

    def _see_also(self, number: int, value: object, *, has_tip: bool) -> str | None:
        """The guide a step's tip points to: a catalogue service other than this one, with a
        guide beside this file (when the directory is known), named in a tip."""
        line = self.layout.step_line(number - 1, _LINK_KEY)
        code = self._text(value, _LINK_KEY, line, 60, number)
        if code is None:
            return None
        if not has_tip:
            self.report(line, "missing_key_step", key=_TIP_KEYS[0], step=number)
        elif not self.catalogue.has("services", code):
            self.report(line, "unknown_link", code=code, step=number)
        elif self.path.name == f"{code}.toml":
            self.report(line, "self_link", code=code, step=number)
        elif self.available is not None and code not in self.available:
            self.report(line, "missing_link_guide", code=code, step=number)
        else:
            return code
        return None

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
            self.svg_results[path] = svg_problems(path)
            self.problems.extend(self.svg_results[path])
        return None if self.svg_results[path] else path


def check_file(
    path: Path,
    catalogue: Catalogue,
    svg_results: dict[Path, list[GuideError]],
    available: frozenset[str] | None = None,
) -> tuple[Guide | None, list[GuideError]]:
    """The guide of ``path`` (``None`` if it has a problem) and every problem, by line.

    ``svg_results`` remembers the pictograms already checked (several guides share some);
    ``available``, the service codes with a guide file beside this one, is where a step's
    ``see_also`` may point (``None``: not checked, for a file read alone).
    """
    checker = GuideFile(path, catalogue, svg_results, available)
    guide = checker.run()
    return guide, checker.problems

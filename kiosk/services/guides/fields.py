"""The checks every field of a guide file goes through: text, pairs, lists and wording.

:class:`FieldChecks` collects the problems with their lines; :mod:`.validation` builds on it
with the guide's own fields and steps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.services.guides.layout import Layout
from kiosk.services.guides.model import Text
from kiosk.services.guides.problems import TEXT, TEXT_LIST, GuideError
from kiosk.services.guides.texts import joined, text_length, text_problem
from kiosk.services.guides.wording import wording_problem


class FieldChecks:
    """Every problem of one file, each placed at its line by :attr:`layout`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[GuideError] = []
        self.layout = Layout([])

    def report(self, line: int | None, kind: str, **values: object) -> None:
        """Record one problem of this file."""
        self.problems.append(GuideError(self.path, line, kind, **values))

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
            value = self._text(data[key], key, line, limit, step)
            if value is not None:
                self._wording(key, value, line, step=step)
            values.append(value)
        vi, en = values
        return Text(vi, en) if vi is not None and en is not None else None

    def _text_list(
        self, data: dict[str, Any], key: str, limit: int, *, required: bool = False
    ) -> tuple[str, ...] | None:
        if key not in data:
            return None
        value = data[key]
        line = self.layout.top_line(key)
        if not isinstance(value, list):
            self.report(
                line, "wrong_type", key=key, expected=TEXT_LIST[0], expected_en=TEXT_LIST[1]
            )
            return None
        if required and not value:
            self.report(line, "empty", key=key)
            return None
        items: list[str] = []
        for number, item in enumerate(value, start=1):
            where = self.layout.item_line(line, item)
            kind = text_problem(item, limit)
            if kind is None:
                items.append(joined(item))
                self._wording(key, item, where, item=number)
            else:
                self.report(
                    where,
                    f"item_{kind}",
                    key=key,
                    item=number,
                    length=text_length(item),
                    limit=limit,
                )
        return tuple(items) if len(items) == len(value) else None

    def _wording(
        self, key: str, text: str, line: int, *, step: int | None = None, item: int | None = None
    ) -> None:
        """Report a token, or "người dân" in the third person, where it does not belong."""
        found = wording_problem(key, text)
        if found is not None:
            kind, values = found
            kind = f"item_{kind}" if item else f"{kind}_step" if step else kind
            self.report(line, kind, key=key, step=step, item=item, **values)

    def _is_text(self, value: object, key: str, line: int, step: int | None = None) -> bool:
        if isinstance(value, str):
            return True
        kind = "wrong_type" if step is None else "wrong_type_step"
        self.report(line, kind, key=key, step=step, expected=TEXT[0], expected_en=TEXT[1])
        return False

    def _text(
        self, value: object, key: str, line: int, limit: int, step: int | None = None
    ) -> str | None:
        if not self._is_text(value, key, line, step):
            return None
        kind = text_problem(value, limit)
        if kind is None:
            return joined(str(value))
        if step is not None:
            kind += "_step"
        self.report(line, kind, key=key, step=step, length=text_length(value), limit=limit)
        return None

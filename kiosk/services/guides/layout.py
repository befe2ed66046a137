"""Where things are in a guide's raw text: line numbers for the messages.

tomllib gives no positions for values, so :class:`Layout` scans the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ARRAY_HEADER = re.compile(r"""\s*\[\[\s*([A-Za-z0-9_."' -]+?)\s*\]\]\s*(#.*)?""")
_TABLE_HEADER = re.compile(r"""\s*\[\s*([A-Za-z0-9_."' -]+?)\s*\]\s*(#.*)?""")
_KEY_LINE = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.]""")


@dataclass
class StepLines:
    header: int
    keys: dict[str, int] = field(default_factory=dict)


@dataclass
class Layout:
    """Line numbers of the top-level keys, of each ``[[steps]]`` header and its keys.

    tomllib gives no positions for values, so the raw text is scanned. The scan skips
    multi-line strings but is not a TOML parser: it only ever chooses a line to show.
    """

    lines: list[str]
    top: dict[str, int] = field(default_factory=dict)
    steps: list[StepLines] = field(default_factory=list)

    @classmethod
    def scan(cls, text: str) -> Layout:
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
                    layout.steps.append(StepLines(number))
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

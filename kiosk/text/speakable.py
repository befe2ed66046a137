"""Screen text as it should sound when read aloud (espeak-ng reads what it is given).

Read literally, "Bước 1/8" is "bước một tám", a date is a string of digits and a masked ID
number is a run of "sao". :func:`speakable` rewrites those few forms for the listener; the
rest of the text is left as it is.
"""

from __future__ import annotations

import re

_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_FRACTION = re.compile(r"(?<![\d/])(\d{1,3})/(\d{1,3})(?![\d/])")  # not part of a date
_MASKED = re.compile(r"\b(\d{2,4})\*{3,}(\d{2,4})\b")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def speakable(text: str, language: str) -> str:
    """``text`` with dates, step counts ("1/8") and masked ID numbers in spoken form."""
    english = language == "en"

    def date(match: re.Match[str]) -> str:
        day, month, year = (int(part) for part in match.groups())
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return match.group(0)
        if english:
            return f"{day} {_MONTHS_EN[month - 1]} {year}"
        return f"ngày {day} tháng {month} năm {year}"

    def fraction(match: re.Match[str]) -> str:
        done, total = match.groups()
        return f"{done} of {total}" if english else f"{done} trên {total}"

    def masked(match: re.Match[str]) -> str:
        head, tail = match.groups()
        spelled_head, spelled_tail = " ".join(head), " ".join(tail)
        if english:
            return f"{spelled_head}, hidden digits, {spelled_tail}"
        return f"{spelled_head}, các số giữa được che, {spelled_tail}"

    text = _DATE.sub(date, text)
    text = _FRACTION.sub(fraction, text)
    return _MASKED.sub(masked, text)

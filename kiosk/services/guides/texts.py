"""One piece of guide text: a paragraph in Unicode NFC, within the limit of its field."""

from __future__ import annotations

import unicodedata

from kiosk.services.guides.wording import as_shown


def joined(text: str) -> str:
    """Line breaks and runs of spaces become one space: a text is one paragraph."""
    return " ".join(text.split())


def text_length(value: object) -> int:
    """The length of a text as shown: joined into one paragraph, its ``{you}`` tokens filled
    with the longest form of address (0 for what is not text)."""
    return len(joined(as_shown(value))) if isinstance(value, str) else 0


def text_problem(value: object, limit: int) -> str | None:
    """The kind of problem of one piece of text (without the ``item_``/``_step`` affix)."""
    if not isinstance(value, str):
        return "wrong_type"
    if not value.strip():
        return "empty"
    if not unicodedata.is_normalized("NFC", value):
        return "not_nfc"
    if text_length(value) > limit:
        return "too_long"
    return None

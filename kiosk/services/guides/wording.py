"""Who a guide's words speak to: the citizen reads the screen, the helper reads the tips.

The texts the citizen reads (titles, summary, needs, step texts) speak to them. Vietnamese
writes ``{you}`` (``{You}`` at the start of a sentence) where the form of address goes; the
screen fills it in (:mod:`kiosk.text.address`). English just says "you" and has no token.
Tips are for the helper and speak of the citizen in the third person, without tokens.
"""

from __future__ import annotations

import re

from kiosk.text.address import NEUTRAL, SENTENCE_TOKEN, TOKEN

# The fields (without their language) that the citizen reads on the screen.
CITIZEN_STEMS = ("title", "summary", "needs", "text")
TOKENS = (TOKEN, SENTENCE_TOKEN)
TOKEN_NAMES = f"{TOKEN}, {SENTENCE_TOKEN}"
# The longest form a token becomes: a text's length is counted with it filled in.
LONGEST_FORM = NEUTRAL
_BRACED = re.compile(r"\{[^{}]*\}|[{}]")
_THIRD_PERSON = re.compile(r"\bngười dân\b", re.IGNORECASE)


def speaks_to_citizen(key: str) -> bool:
    """Whether field ``key`` ("text_vi", "needs_vi"…) is Vietnamese text the citizen reads."""
    stem, _, language = key.rpartition("_")
    return language == "vi" and stem in CITIZEN_STEMS


def wording_problem(key: str, text: str) -> tuple[str, dict[str, str]] | None:
    """The kind of wording problem of ``text`` in field ``key``, with the message's values.

    ``unknown_token``: a ``{…}`` (or a lone brace) that is neither ``{you}`` nor ``{You}``;
    ``misplaced_token``: a token outside the Vietnamese texts the citizen reads;
    ``third_person``: such a text still speaks of "người dân" instead of to them.
    """
    citizen = speaks_to_citizen(key)
    for match in _BRACED.finditer(text):
        token = match.group()
        if token not in TOKENS:
            return "unknown_token", {"token": token, "allowed": TOKEN_NAMES}
        if not citizen:
            return "misplaced_token", {"token": token}
    found = _THIRD_PERSON.search(text) if citizen else None
    if found:
        return "third_person", {"phrase": found.group(), "allowed": TOKEN_NAMES}
    return None


def as_shown(text: str) -> str:
    """``text`` with its tokens filled by the longest form of address (for length limits)."""
    return LONGEST_FORM.fill(text)

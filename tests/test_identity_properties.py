"""Property tests of the ID-card parser: outside input never escapes as anything but an
IdentityError, and every valid card survives every wrapper a scanner puts around it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.catalogue import province_codes
from kiosk.services.identity import (
    FEMALE,
    MALE,
    CitizenIdentity,
    IdentityError,
    parse_id_payload,
    validate_manual_entry,
)
from tests.factories import qr_fields

TODAY = date(2026, 11, 23)
# Drawing a consistent card costs hypothesis ~6 ms; fewer examples keep the file under 2 s.
CARD_SETTINGS = settings(max_examples=60)

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = "bcdđghklmnpqrstvx" + "".join(
    unicodedata.normalize("NFC", vowel + tone) for vowel in _VOWELS for tone in _TONES
)


def _syllable() -> st.SearchStrategy[str]:
    return st.text(VIETNAMESE_LETTERS, min_size=1, max_size=7).map(str.capitalize)


names = st.lists(_syllable(), min_size=2, max_size=5).map(" ".join)
addresses = st.lists(
    st.one_of(_syllable(), st.integers(1, 999).map(str)), min_size=1, max_size=10
).map(", ".join)
digits = st.text("0123456789", min_size=9, max_size=9)


@dataclass(frozen=True)
class Card:
    """A consistent synthetic card and the identity its QR code must parse to."""

    identity: CitizenIdentity

    @property
    def fields(self) -> list[str]:
        return qr_fields(self.identity)

    @property
    def payload(self) -> str:
        return "|".join(self.fields)


@st.composite
def cards(draw: st.DrawFn) -> Card:
    """A card whose number agrees with its province table, gender and date of birth."""
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    gender = draw(st.sampled_from([MALE, FEMALE]))
    g = 2 * ((birth.year - 1900) // 100) + (1 if gender == FEMALE else 0)
    code = draw(st.sampled_from(sorted(province_codes())))
    serial = draw(st.integers(0, 999_999))
    return Card(
        CitizenIdentity(
            id_number=f"{code}{g}{birth.year % 100:02d}{serial:06d}",
            old_id_number=draw(st.one_of(st.none(), digits)),
            full_name=draw(names),
            birth_date=birth,
            gender=gender,
            address=draw(addresses),
            issue_date=draw(st.dates(min_value=birth, max_value=TODAY)),
        )
    )


@st.composite
def wrapped(draw: st.DrawFn, card: Card) -> str | bytes:
    """``card``'s payload as some scanner may deliver it."""
    padding = st.text(" \t\u00a0", max_size=2)
    fields = [draw(padding) + f + draw(padding) for f in card.fields]
    text = "|".join(fields)
    if draw(st.booleans()):
        text += "||||"  # the 2024 card's 11 fields
    text = draw(st.text(" \n", max_size=2)) + text + draw(st.sampled_from(["", "\n", "\r\n", "\r"]))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text.encode("utf-8") if draw(st.booleans()) else text


def refused_cleanly(call: object) -> None:
    """Run ``call``; it may succeed or raise IdentityError, nothing else."""
    try:
        call()  # type: ignore[operator]
    except IdentityError as exc:
        assert exc.message == unicodedata.normalize("NFC", exc.message)
        assert exc.detail


@given(st.text(st.one_of(st.characters(), st.characters(categories=["Cs"]))))
def test_any_text_is_parsed_or_refused(text: str) -> None:
    refused_cleanly(lambda: parse_id_payload(text, today=TODAY))


@given(st.binary())
def test_any_bytes_are_parsed_or_refused(data: bytes) -> None:
    refused_cleanly(lambda: parse_id_payload(data, today=TODAY))


@given(st.lists(st.text(max_size=14), min_size=1, max_size=12).map("|".join))
def test_any_pipe_separated_text_is_parsed_or_refused(text: str) -> None:
    refused_cleanly(lambda: parse_id_payload(text, today=TODAY))


@CARD_SETTINGS
@given(cards(), st.integers(0, 6), st.text(max_size=20))
def test_a_card_with_one_field_replaced_is_parsed_or_refused(
    card: Card, index: int, value: str
) -> None:
    fields = card.fields
    fields[index] = value
    refused_cleanly(lambda: parse_id_payload("|".join(fields), today=TODAY))


@CARD_SETTINGS
@given(st.data())
def test_a_valid_card_parses_back_in_every_wrapper(data: st.DataObject) -> None:
    card = data.draw(cards())
    assert parse_id_payload(data.draw(wrapped(card)), today=TODAY) == card.identity


@CARD_SETTINGS
@given(cards())
def test_names_survive_bytes_and_decoder_mojibake(card: Card) -> None:
    raw = card.payload.encode("utf-8")
    assert parse_id_payload(raw, today=TODAY).full_name == card.identity.full_name
    # zxing-cpp's .text reads UTF-8 as ISO-8859-1; zbar guesses Shift-JIS for short codes.
    assert parse_id_payload(raw.decode("latin-1"), today=TODAY) == card.identity
    try:
        zbar_text = raw.decode("shift_jis")
    except UnicodeDecodeError:
        return  # zbar only produces Shift-JIS text that Shift-JIS can decode
    assert parse_id_payload(zbar_text, today=TODAY) == card.identity


@CARD_SETTINGS
@given(cards())
def test_manual_entry_agrees_with_the_qr_code(card: Card) -> None:
    person = card.identity
    assert person.issue_date is not None
    typed = validate_manual_entry(
        person.id_number,
        person.full_name,
        person.birth_date.strftime("%d/%m/%Y"),
        person.gender,
        today=TODAY,
        old_id_number=person.old_id_number or "",
        address=person.address,
        issue_date_text=person.issue_date.strftime("%d/%m/%Y"),
    )
    assert typed == person


@given(st.text(), st.text(), st.text(), st.text(), st.text(), st.text())
def test_any_manual_entry_is_accepted_or_refused(
    id_number: str, name: str, birth: str, gender: str, old_id: str, issue: str
) -> None:
    refused_cleanly(
        lambda: validate_manual_entry(
            id_number, name, birth, gender, today=TODAY, old_id_number=old_id, issue_date_text=issue
        )
    )

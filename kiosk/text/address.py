"""How the kiosk addresses the citizen in Vietnamese: by what the card says, or neutrally.

Vietnamese has no polite "you" for everyone: a counter calls an older citizen *ông* or
*bà*, a younger adult *anh* or *chị*, and someone it knows nothing about *quý khách*. A text
for the citizen writes ``{you}`` (``{You}`` at the start of a sentence) where the form goes;
:meth:`FormOfAddress.fill` puts it in. The same form is used on screen, in speech (which
reads the screen) and on the receipt. English texts just say "you" and carry no token.

The thresholds follow the kiosk's other age rule (large text from 60, the age Vietnam's Law
on the Elderly, 39/2009/QH12, article 2, counts as elderly) and the age of majority (18,
Civil Code 91/2015/QH13, article 20). Under 18 the kiosk says *bạn*, as a youth-union
volunteer speaks to a pupil.
"""

from __future__ import annotations

from dataclasses import dataclass

ELDER_AGE = 60
ADULT_AGE = 18
MALE, FEMALE = "Nam", "Nữ"  # as the card and the stored visit write the gender
TOKEN, SENTENCE_TOKEN = "{you}", "{You}"


@dataclass(frozen=True)
class FormOfAddress:
    """One way of saying "you" (lower case, as in the middle of a sentence)."""

    word: str

    @property
    def capitalised(self) -> str:
        """The form at the start of a sentence ("Ông", "Quý khách")."""
        return self.word[:1].upper() + self.word[1:]

    def fill(self, text: str) -> str:
        """``text`` with its ``{you}`` and ``{You}`` tokens replaced by this form."""
        return text.replace(SENTENCE_TOKEN, self.capitalised).replace(TOKEN, self.word)


NEUTRAL = FormOfAddress("quý khách")


def form_of_address(gender: str | None, age: int | None) -> FormOfAddress:
    """The form for a citizen of ``gender`` ("Nam"/"Nữ") and ``age``; neutral when
    either is unknown (no card, a citizen who declined to give their details)."""
    if age is None or gender not in (MALE, FEMALE):
        return NEUTRAL
    if age < ADULT_AGE:
        return FormOfAddress("bạn")
    male = gender == MALE
    if age >= ELDER_AGE:
        return FormOfAddress("ông" if male else "bà")
    return FormOfAddress("anh" if male else "chị")


def form_for_birth_year(gender: str | None, birth_year: int, year: int) -> FormOfAddress:
    """The form for a citizen born in ``birth_year``, by the age reached in ``year``: what
    both the screen and the receipt (which stores only the year) can know, so they agree."""
    return form_of_address(gender, year - birth_year)

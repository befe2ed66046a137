"""The expiry date of a CCCD / Căn cước card from its holder's birth date and its issue date.

The BAC key needs the expiry printed in the MRZ; the QR code gives the birth date and the
issue date but not the expiry. The law fixes it:

* Law on Identification 26/2023/QH15, art. 21 (cards issued from 1 July 2024): "1. Công dân
  Việt Nam đã được cấp thẻ căn cước phải thực hiện thủ tục cấp đổi thẻ căn cước khi đủ 14
  tuổi, 25 tuổi, 40 tuổi và 60 tuổi. 2. Thẻ căn cước đã được cấp, cấp đổi, cấp lại trong thời
  hạn 02 năm trước độ tuổi cấp đổi thẻ căn cước quy định tại khoản 1 Điều này có giá trị sử
  dụng đến tuổi cấp đổi thẻ căn cước tiếp theo." (quoted by ngoisao.vn, 30/08/2025, "Trường
  hợp duy nhất được cấp thẻ Căn cước mới vô thời hạn"; plo.vn, 01/10/2025, spells out the
  cases: issued before 12 → valid to 14, from 12 to under 14 → to 25, … from 58 → for life).
* Law on Citizen Identification 59/2014/QH13, art. 21 (CCCD cards, issued before 1 July
  2024 and still valid to their printed date, Law 26/2023 art. 46): the same rule with the
  ages 25, 40 and 60 (thuvienphapluat.vn quoting art. 21).

So a card is valid until the holder's birthday at the first renewal age more than two years
after its issue date. The day itself is the birthday: the test card (issue 17) and the cards
we have seen print the birthday's date (15/03/1992 → "Có giá trị đến 15/03/2032").

The derivation answers ``None`` when it should not guess, and the volunteer types the date:
a card issued at 58 or later (no expiry: what its MRZ then holds was not found), or issued
within a few days of the two-year line (how "within 2 years" counts its last day is not
written down), or an issue date that makes no sense.
"""

from __future__ import annotations

from datetime import date

IDENTITY_CARD_SINCE = date(2024, 7, 1)  # Law 26/2023/QH15 in force (as identity.model says)

RENEWAL_AGES = (14, 25, 40, 60)  # Law 26/2023/QH15, art. 21(1)
CCCD_RENEWAL_AGES = (25, 40, 60)  # Law 59/2014/QH13, art. 21(1)
GRACE_YEARS = 2  # art. 21(2) of both laws
UNSURE_DAYS = 3  # this close to the two-year line, ask rather than guess


def birthday(birth: date, age: int) -> date:
    """The day ``birth`` turns ``age`` (29 February → 1 March in a common year)."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return date(birth.year + age, 3, 1)


def derive_expiry(birth: date, issued: date) -> date | None:
    """The card's "Có giá trị đến" date, or ``None`` when the rule leaves it open (above)."""
    if issued <= birth:
        return None
    ages = RENEWAL_AGES if issued >= IDENTITY_CARD_SINCE else CCCD_RENEWAL_AGES
    for age in ages:
        due = birthday(birth, age)
        if due <= issued:
            continue  # that renewal age had already passed when the card was issued
        grace_starts = birthday(birth, age - GRACE_YEARS)
        if abs((issued - grace_starts).days) <= UNSURE_DAYS:
            return None  # on the line: valid to ``due`` or to the next age
        if issued < grace_starts:
            return due
    return None  # issued within two years of 60 or later: valid for life


def mrz_date(day: date) -> str:
    """``YYMMDD`` as the MRZ prints a date."""
    return day.strftime("%y%m%d")

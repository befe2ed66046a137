"""One tone-placement convention in every text the kiosk shows, prints or documents.

Vietnamese writes the tone of an open "oa", "oe" or "uy" syllable on the first vowel ("hóa",
"khỏe", "hủy") or on the second ("hoá", "khoẻ", "huỷ"). Both are read alike, but a kiosk that
mixes them looks careless and searches miss words. The kiosk uses the first, as the laws and
decrees it cites do (e.g. "hóa đơn điện tử", Decree 123/2020/NĐ-CP). "quý", "quỹ": the u of
"qu" is part of the consonant, so the tone is on the y in both conventions.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECOND_VOWEL_TONE = re.compile(
    r"(?<![qQ])(?:[oO][áàảãạ]|[oO][éèẻẽẹ]|[uU][ýỳỷỹỵ])(?!\w)"  # at the end of a syllable
)


def _texts() -> list[Path]:
    files = [*ROOT.glob("kiosk/**/*.py"), *ROOT.glob("resources/**/*.toml")]
    files += [*ROOT.glob("resources/translations/*.ts"), *ROOT.glob("docs/*.md")]
    files += [ROOT / "README.md", *ROOT.glob("tests/**/*.py")]
    return [path for path in files if path.is_file() and path != Path(__file__).resolve()]


def _word_before(text: str, end: int) -> str:
    return str(re.findall(r"\w+$", text[:end])[0])


def test_one_tone_placement_everywhere() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: "
        + _word_before(text, match.end())
        for path in _texts()
        for text in [path.read_text(encoding="utf-8")]
        for match in SECOND_VOWEL_TONE.finditer(text)
    ]
    assert not found, "write the tone on the first vowel (hóa, khỏe, hủy):\n" + "\n".join(found)


def test_the_check_sees_both_conventions() -> None:
    assert SECOND_VOWEL_TONE.findall("xoá khoẻ huỷ Xoá")
    assert not SECOND_VOWEL_TONE.findall("xóa khỏe hủy quý quỹ hoàn toàn thuyết khoảng")

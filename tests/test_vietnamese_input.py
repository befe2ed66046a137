"""The Telex and VNI engine: worked examples, then every Vietnamese syllable typed key by key."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.text.vietnamese_input import (
    Method,
    WordEdit,
    edit_for_key,
    type_key,
    type_keys,
    word_start,
)

T, V = Method.TELEX, Method.VNI

NAMES = [
    ("Nguyễn Thị Hồng Nhung", "Nguyeenx Thij Hoongf Nhung", "Nguye6n4 Thi5 Ho6ng2 Nhung"),
    ("Trần Văn Bình", "Traanf Vawn Binhf", "Tra6n2 Va8n Bi2nh"),
    ("Lê Thị Bá Tú", "Lee Thij Bas Tus", "Le6 Thi5 Ba1 Tu1"),
    ("Phạm Thị Thủy", "Phamj Thij Thuyr", "Pham5 Thi5 Thuy3"),
    ("Đặng Quốc Khánh", "DDawngj Quoocs Khanhs", "D9a8ng5 Quo6c1 Kha1nh"),
    ("Trương Thị Ngọc Ánh", "Truowng Thij Ngocj Anhs", "Tru7o7ng Thi5 Ngoc5 A1nh"),
    ("Võ Minh Tuấn", "Vox Minh Tuaans", "Vo4 Minh Tua61n"),
    ("Huỳnh Đức Lợi", "Huynhf DDuwcs Lowij", "Huynh2 D9u7c1 Lo7i5"),
    ("Bùi Thị Khuê", "Buif Thij Khuee", "Bui2 Thi5 Khue6"),
    ("Dương Quý Hiển", "Duowng Quys Hieenr", "Du7o7ng Quy1 Hie6n3"),
    ("NGUYỄN VĂN ĐẠI", "NGUYEENX VAWN DDAIJ", "NGUYE6N4 VA8N D9AI5"),
]


@pytest.mark.parametrize(("name", "telex", "vni"), NAMES)
def test_full_names(name: str, telex: str, vni: str) -> None:
    assert type_keys(telex, T) == name
    assert type_keys(vni, V) == name


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        # letters with marks
        ("aa", "â"),
        ("aw", "ă"),
        ("ee", "ê"),
        ("oo", "ô"),
        ("ow", "ơ"),
        ("uw", "ư"),
        ("w", "ư"),
        ("tw", "tư"),
        ("nhwngx", "những"),
        ("giwx", "giữ"),
        ("dd", "đ"),
        ("ddaf", "đà"),
        ("dduowngf", "đường"),
        ("duongwfd", "đường"),  # the second d may come at the end
        ("nguoiwf", "người"),
        ("nguowif", "người"),
        ("nguwowif", "người"),
        ("uow", "ươ"),
        ("uơw", "ươ"),
        ("ruouwj", "rượu"),
        ("muaw", "mưa"),
        ("cuuws", "cứu"),
        ("hoawcj", "hoặc"),
        ("thuowr", "thuở"),  # ơ alone after "th" at the end of the word
        ("thuowngf", "thường"),  # … and ươ as soon as more letters follow
        # marks and tones typed at the end of the syllable
        ("tieengs", "tiếng"),
        ("tieesng", "tiếng"),
        ("tiengse", "tiếng"),
        ("tiesnge", "tiếng"),
        ("Vieetj", "Việt"),
        # tones
        ("as", "á"),
        ("af", "à"),
        ("ar", "ả"),
        ("ax", "ã"),
        ("aj", "ạ"),
        ("asf", "à"),  # another tone replaces the first
        ("asz", "a"),  # z removes it
        # a second press undoes the first and types the key
        ("ass", "as"),
        ("aaa", "aa"),
        ("aww", "aw"),
        ("ddd", "dd"),
        ("ww", "w"),
        ("uoww", "uow"),
        ("Vieetjj", "Viêtj"),
        # keys that cannot apply are letters
        ("sao", "sao"),
        ("rau", "rau"),
        ("xa", "xa"),
        ("f", "f"),
        ("z", "z"),
        ("az", "az"),
        ("tf", "tf"),
        ("hoaa", "hoaa"),  # "hoâ" is not Vietnamese
        ("ticf", "ticf"),  # c, ch, p, t take only sắc or nặng
        ("Ana", "Ân"),
        ("Anh Hai 12", "Anh Hai 12"),
    ],
)
def test_telex(keys: str, expected: str) -> None:
    assert type_keys(keys, T) == expected


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("a6", "â"),
        ("a8", "ă"),
        ("e6", "ê"),
        ("o6", "ô"),
        ("o7", "ơ"),
        ("u7", "ư"),
        ("uo7", "ươ"),
        ("d9", "đ"),
        ("d9uong72", "đường"),
        ("duong729", "đường"),
        ("nguoi72", "người"),
        ("a1", "á"),
        ("a2", "à"),
        ("a3", "ả"),
        ("a4", "ã"),
        ("a5", "ạ"),
        ("a10", "a"),
        ("a11", "a1"),
        ("a66", "a6"),
        ("d99", "d9"),
        ("tieng61", "tiếng"),
        ("tie1ng6", "tiếng"),
        ("12", "12"),  # digits that cannot apply stay digits
        ("so61 12/3", "số 12/3"),
        ("Phuong72 3, Quan65 10", "Phường 3, Quận 10"),
        ("0", "0"),
        ("a0", "a0"),
        ("sao", "sao"),
        ("w", "w"),  # Telex keys are plain letters in VNI
        ("aa", "aa"),
    ],
)
def test_vni(keys: str, expected: str) -> None:
    assert type_keys(keys, V) == expected


@pytest.mark.parametrize(
    ("telex", "expected"),
    [
        # traditional placement, as on ID cards and Unikey's default
        ("hoaf", "hòa"),
        ("thuyr", "thủy"),
        ("khoer", "khỏe"),
        ("hoafng", "hoàng"),  # the tone moves when a final consonant follows
        ("hoangf", "hoàng"),
        ("tuyeets", "tuyết"),
        ("huyfnh", "huỳnh"),
        ("quas", "quá"),
        ("quys", "quý"),
        ("gias", "giá"),
        ("gif", "gì"),
        ("ginf", "gìn"),
        ("giuwowngf", "giường"),
        ("Nguyeenx", "Nguyễn"),
        ("chuyeenj", "chuyện"),
        ("uoongs", "uống"),
        ("mias", "mía"),
        ("muas", "múa"),
        ("ngoaif", "ngoài"),
        ("khuyur", "khuỷu"),
        ("ngoeoj", "ngoẹo"),
        ("khuaays", "khuấy"),
        ("yeeu", "yêu"),
        ("quoocs", "quốc"),
        ("hofa", "hòa"),  # the tone typed early still lands right
        ("qufa", "quà"),
        ("gifa", "già"),
    ],
)
def test_tone_placement(telex: str, expected: str) -> None:
    assert type_keys(telex, T) == expected


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("Nguyeenx", "Nguyễn"),
        ("NGUYEENX", "NGUYỄN"),
        ("DDaij", "Đại"),
        ("Ddaij", "Đại"),
        ("DDAIJ", "ĐẠI"),
        ("AAn", "Ân"),
        ("Aan", "Ân"),
        ("W", "Ư"),
        ("TRUOWNGF", "TRƯỜNG"),
    ],
)
def test_capitals_are_kept(keys: str, expected: str) -> None:
    assert type_keys(keys, T) == expected


def test_type_key_works_on_the_word_alone() -> None:
    assert type_key("Nguyên", "x", T) == "Nguyễn"
    assert type_key("", "w", T) == "ư"
    assert type_key("", " ", T) == " "
    assert type_key("đươ", "n", V) == "đươn"
    assert type_key("Việt", "s", T) == "Viết"  # another tone replaces the one there
    with pytest.raises(ValueError, match="one key"):
        type_key("a", "aa", T)


def test_method_may_be_given_as_its_value() -> None:
    assert type_key("a", "1", "vni") == "á"  # type: ignore[arg-type]
    assert str(Method.TELEX) == "telex"


def test_word_start_stops_at_non_letters() -> None:
    assert word_start("12 Nguyên", 9) == 3
    assert word_start("Nguyên", 3) == 0
    assert word_start("a, b", 3) == 3
    assert word_start("", 0) == 0


def test_edit_for_key_changes_only_the_word_before_the_cursor() -> None:
    text = "Trần Van Bình"
    edit = edit_for_key(text, 8, "w", T)
    assert edit == WordEdit(5, 8, "Văn")
    assert edit.apply(text) == "Trần Văn Bình"
    assert edit.cursor == 8
    # in the middle of a word only the letters before the cursor count
    assert edit_for_key("Nguyen", 3, "x", T).apply("Nguyen") == "Ngũyen"
    # after a non-letter the key starts a new word
    assert edit_for_key("12", 2, "3", V).apply("12") == "123"


def test_type_keys_appends_to_existing_text() -> None:
    assert type_keys("Vawn", T, text="Trần ") == "Trần Văn"


# -- every syllable, typed the ways people type it --------------------------------------

ONSETS = (
    "",
    *("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()),  # noqa: SIM905
)
# Rhymes with the vowel that takes the tone in capitals (traditional placement).
RHYMES = """
A Ac Ach Ai Am An Ang Anh Ao Ap At Au Ay Ă Ăc Ăm Ăn Ăng Ăp Ăt Âc Âm Ân Âng Âp Ât Âu Ây
E Ec Em En Eng Eo Ep Et Ê Êch Êm Ên Ênh Êp Êt Êu
I Ia Ich Im In Inh Ip It Iu iÊc iÊm iÊn iÊng iÊp iÊt iÊu
O Oc Oi Om On Ong Op Ot Oa oAc oAch oAi oAm oAn oAng oAnh oAp oAt oAy oĂc oĂm oĂn oĂng oĂt
Oe oEn oEo oEt Ô Ôc Ôi Ôm Ôn Ông Ôp Ôt Ơ Ơi Ơm Ơn Ơp Ơt
U Ua Uc Ui Um Un Ung Up Ut uÂn uÂng uÂt uÂy uÊ uÊch uÊnh Uy uYa uYch uyÊn uyÊt uYn uYnh
uYt uYu uÔc uÔi uÔm uÔn uÔng uÔt
Ư Ưa Ưc Ưi Ưm Ưn Ưng Ưt Ưu ưƠc ưƠi ưƠm ưƠn ưƠng ưƠp ưƠt ưƠu Y
""".split()  # noqa: SIM905
STOPS = ("c", "ch", "p", "t")
TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, 1 sắc … 5 nặng
MARK_OF = {"ă": "(", "â": "^", "ê": "^", "ô": "^", "ơ": "+", "ư": "+"}
BASE_OF = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}
TELEX_KEY = {"(": "w", "+": "w", "đ": "d"}
VNI_KEY = {"^": "6", "+": "7", "(": "8", "đ": "9"}
TELEX_TONES, VNI_TONES = " sfrxj", " 12345"


def _spell(onset: str, annotated: str) -> tuple[str, str, int] | None:
    """Onset, rhyme and the index in the rhyme of the toned vowel, as Vietnamese spells
    them; None for pairs the language does not have."""
    at = next(i for i, char in enumerate(annotated) if char.isupper())
    rhyme = annotated.lower()
    if onset == "qu" and rhyme[0] in "uưo":
        return None
    if onset in ("", "qu") and rhyme.startswith("iê"):
        rhyme = "y" + rhyme[1:]  # yên, quyết
    if onset == "g" and rhyme[0] == "i":  # that is "gi"
        return None
    if onset == "gi" and rhyme[0] in "iy":
        if rhyme.startswith("iê"):
            return onset, rhyme[1:], at - 1  # giêng
        if len(rhyme) > 1 and rhyme[1] in "aeiouyăâêôơư":
            return None
        return "g", rhyme, at  # gì, gìn: the i is the vowel
    return onset, rhyme, at


SPELLINGS = [s for o in ONSETS for r in RHYMES if (s := _spell(o, r)) is not None]


@dataclass(frozen=True)
class Syllable:
    onset: str
    rhyme: str
    tone_at: int
    tone: int  # 0 none, 1 sắc … 5 nặng
    case: str  # "lower", "title" or "upper"

    @property
    def text(self) -> str:
        rhyme = self.rhyme
        if self.tone:
            toned = rhyme[self.tone_at] + TONE_MARKS[self.tone]
            rhyme = rhyme[: self.tone_at] + toned + rhyme[self.tone_at + 1 :]
        word = unicodedata.normalize("NFC", self.onset + rhyme)
        return _case(word, self.case)


def _case(text: str, case: str) -> str:
    if case == "upper":
        return text.upper()
    return text[:1].upper() + text[1:] if case == "title" else text


@st.composite
def syllables(draw: st.DrawFn) -> Syllable:
    onset, rhyme, at = draw(st.sampled_from(SPELLINGS))
    tones = (1, 5) if rhyme.endswith(STOPS) else (0, 1, 2, 3, 4, 5)
    tone = draw(st.sampled_from(tones))
    case = draw(st.sampled_from(("lower", "title", "upper")))
    return Syllable(onset, rhyme, at, tone, case)


@st.composite
def keystrokes(draw: st.DrawFn, syllable: Syllable, method: Method) -> str:
    """One of the many key sequences that type ``syllable``: each mark right after its
    letter or anywhere later, the tone anywhere after the first vowel, đ as "dd" or with
    the second d later on, ư as "w" alone…"""
    word = syllable.onset + syllable.rhyme
    telex = method == Method.TELEX
    units: list[str] = []  # the keys that type each letter before any later modifier
    later: list[tuple[int, str]] = []  # (earliest position, key) of modifiers typed later
    i = 0
    while i < len(word):
        char = word[i]
        if char == "đ":
            units.append("d")
            later.append((1, "d" if telex else "9"))
        elif word[i : i + 2] == "ươ":
            hook = "w" if telex else "7"
            if draw(st.booleans()):  # one hook for both, at once or later: "uow", "uongw"
                units += ["u", "o"]
            else:  # ư first, the hook on o later: "uwow", "u7ong7"
                units += ["u" + hook, "o"]
            later.append((i + 2, hook))
            i += 2
            continue
        elif char in MARK_OF:
            mark, base = MARK_OF[char], BASE_OF[char]
            if telex and char == "ư" and i == len(syllable.onset) and draw(st.booleans()):
                units.append("w")  # "w" alone is ư
            else:
                units.append(base)
                key = (base if mark == "^" else TELEX_KEY[mark]) if telex else VNI_KEY[mark]
                later.append((i + 1, key))
        else:
            units.append(char)
        i += 1
    if syllable.tone:
        tone_key = (TELEX_TONES if telex else VNI_TONES)[syllable.tone]
        later.append((len(syllable.onset) + 1, tone_key))
    slots = [draw(st.integers(earliest, len(units))) for earliest, _ in later]
    order = draw(st.permutations(range(len(later))))
    keys = ""
    for position in range(len(units) + 1):
        keys += units[position - 1] if position else ""
        keys += "".join(later[j][1] for j in order if slots[j] == position)
    return _case(keys, syllable.case)


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    method=st.sampled_from(Method),
    words=st.lists(syllables(), min_size=1, max_size=3),
)
def test_every_syllable_types_as_written(
    data: st.DataObject, method: Method, words: list[Syllable]
) -> None:
    keys = " ".join(
        data.draw(keystrokes(word, method), label=f"keys for {word.text}") for word in words
    )
    expected = " ".join(word.text for word in words)
    assert type_keys(keys, method) == expected


@settings(max_examples=150, deadline=None)
@given(
    method=st.sampled_from(Method),
    keys=st.text(st.sampled_from("adeiouwyDSAWZngthqc0123456789 ,"), max_size=20),
)
def test_any_keys_give_nfc_text_and_never_fail(method: Method, keys: str) -> None:
    text = type_keys(keys, method)
    assert unicodedata.is_normalized("NFC", text)
    assert len(text) <= len(keys)  # a key adds at most one character


@settings(max_examples=100, deadline=None)
@given(keys=st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ ,.-/"), max_size=25))
def test_vni_leaves_plain_letters_alone(keys: str) -> None:
    assert type_keys(keys, V) == keys


@settings(max_examples=100, deadline=None)
@given(keys=st.text(st.sampled_from("0123456789 ,.-/bcghklmnpqtv"), max_size=25))
def test_telex_leaves_digits_and_consonants_alone(keys: str) -> None:
    assert type_keys(keys, T) == keys

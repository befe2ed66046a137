"""Typing Vietnamese with Telex or VNI, for the on-screen keyboard. No Qt here.

The engine is stateless: it looks only at the word before the cursor (the letters back to
the previous non-letter) and the key pressed, and returns the word's new text. So the
keyboard keeps no buffer that could drift from what the field shows, a word can be
corrected after moving the cursor back, and the rules are easy to test.

Rules, as in Unikey's defaults (free marking, traditional tone placement, spelling check):

- Telex: ``aa ee oo`` → â ê ô, ``aw ow uw`` → ă ơ ư, ``uow`` → ươ (but "thuở", "huơ":
  after "th" or "h" at the end of a word the hook goes on o only), ``w`` alone → ư,
  ``dd`` → đ (the second ``d`` may come later in the word), tones ``s f r x j``, ``z``
  removes the tone. VNI: ``6`` â ê ô, ``7`` ơ ư ươ, ``8`` ă, ``9`` đ, tones ``1``–``5``,
  ``0`` removes the tone.
- Marks and tones may be typed anywhere after the letter they change ("tieengs",
  "tiengse"). Pressing the same modifier again undoes it and types the key itself
  ("ass" → "as", "aaa" → "aa").
- A key that cannot apply, or whose result would not be a Vietnamese syllable, is typed as
  itself: "s" in "sao", "12" in an address.
- The tone sits where ID cards put it (hòa, thủy, khỏe, hoàng, người, quá, giá) and moves
  when the vowels change. Capitals are kept; the result is NFC.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import product

__all__ = ["Method", "WordEdit", "edit_for_key", "type_key", "type_keys", "word_start"]


class Method(StrEnum):
    """How keys become Vietnamese letters."""

    TELEX = "telex"
    VNI = "vni"


# Marks a vowel letter can carry (the letter itself, not the tone).
NO_MARK, CIRCUMFLEX, BREVE, HORN = "", "^", "(", "+"
_MARK_COMBINING = {CIRCUMFLEX: "\u0302", BREVE: "\u0306", HORN: "\u031b"}
_MARKS_OF = {"a": (CIRCUMFLEX, BREVE), "e": (CIRCUMFLEX,), "o": (CIRCUMFLEX, HORN), "u": (HORN,)}
# Tones numbered as VNI types them: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
_TONE_COMBINING = {1: "\u0301", 2: "\u0300", 3: "\u0309", 4: "\u0303", 5: "\u0323"}
_TONE_OF_COMBINING = {c: tone for tone, c in _TONE_COMBINING.items()}
_MARK_OF_COMBINING = {c: mark for mark, c in _MARK_COMBINING.items()}

VOWELS = frozenset("aeiouy")
ONSETS = frozenset(
    ["", *"b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()]  # noqa: SIM905
)
CODAS = frozenset(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"])
STOP_CODAS = frozenset(["c", "ch", "p", "t"])  # these take only sắc or nặng

# Every vowel group a Vietnamese syllable can have, glides included, written with the
# marks it carries (ơ as "o+"); "oo" is for loanwords such as "xoong".
_NUCLEI = """
a a( a^ e e^ i o o^ o+ u u+ y
ai ao au ay a^u a^y eo e^u ia ie^ iu oa oa( oe oi o^i o+i oo ua ua^ ue^ ui uo^ uo+ uy
u+a u+i u+u u+o+ ye^
ie^u ye^u oai oay oeo ua^y uo^i u+o+i u+o+u uya uye^ uyu
""".split()  # noqa: SIM905


@dataclass(frozen=True)
class Letter:
    """One typed letter split into base letter, mark, tone and case."""

    base: str  # "a"–"z" or "đ"; any other letter is kept whole here and is not Vietnamese
    mark: str = NO_MARK
    tone: int = 0
    upper: bool = False

    @property
    def is_vowel(self) -> bool:
        return self.base in VOWELS

    @property
    def text(self) -> str:
        if self.base not in _ASCII_AND_DD:
            return self.base
        combined = (
            self.base + _MARK_COMBINING.get(self.mark, "") + _TONE_COMBINING.get(self.tone, "")
        )
        char = unicodedata.normalize("NFC", combined)
        return char.upper() if self.upper else char


_ASCII_AND_DD = frozenset("abcdefghijklmnopqrstuvwxyzđ")


def _parse_nucleus(spec: str) -> tuple[tuple[str, str], ...]:
    letters: list[tuple[str, str]] = []
    for char in spec:
        if char in (CIRCUMFLEX, BREVE, HORN):
            letters[-1] = (letters[-1][0], char)
        else:
            letters.append((char, NO_MARK))
    return tuple(letters)


def _partial_forms(nucleus: tuple[tuple[str, str], ...]) -> Iterable[tuple[tuple[str, str], ...]]:
    """The nucleus with any of its marks not typed yet ("uo" on the way to "ươ")."""
    choices = [((b, NO_MARK), (b, mark)) if mark else ((b, mark),) for b, mark in nucleus]
    return product(*choices)


COMPLETE_NUCLEI = frozenset(_parse_nucleus(spec) for spec in _NUCLEI)
TYPABLE_NUCLEI = frozenset(form for n in COMPLETE_NUCLEI for form in _partial_forms(n))


def _letter(char: str) -> Letter:
    """Split one character; letters outside Vietnamese come back as a non-Vietnamese base."""
    lower = char.lower()
    upper = char != lower
    if lower == "đ":
        return Letter("đ", upper=upper)
    decomposed = unicodedata.normalize("NFD", lower)
    base, rest = decomposed[0], decomposed[1:]
    if base not in _ASCII_AND_DD:
        return Letter(char)
    mark, tone = NO_MARK, 0
    for combining in rest:
        if combining in _MARK_OF_COMBINING and not mark:
            mark = _MARK_OF_COMBINING[combining]
        elif combining in _TONE_OF_COMBINING and not tone:
            tone = _TONE_OF_COMBINING[combining]
        else:
            return Letter(char)
    if mark and mark not in _MARKS_OF.get(base, ()):
        return Letter(char)
    return Letter(base, mark, tone, upper)


@dataclass(frozen=True)
class _Syllable:
    """Where the parts of a word lie: letters[:vowels_start] is the onset (with the
    "u" of "qu" and the "i" of "gi"), letters[vowels_start:coda_start] the vowel group."""

    letters: tuple[Letter, ...]
    onset: str
    vowels_start: int
    coda_start: int
    coda: str

    @property
    def nucleus(self) -> tuple[Letter, ...]:
        return self.letters[self.vowels_start : self.coda_start]

    @property
    def tone(self) -> int:
        return next((letter.tone for letter in self.letters if letter.tone), 0)

    def tone_position(self) -> int:
        """Index in ``letters`` of the vowel that carries the tone (traditional style)."""
        nucleus = self.nucleus
        if len(nucleus) == 1:
            return self.vowels_start
        marked = [i for i, letter in enumerate(nucleus) if letter.mark]
        if marked:  # â ê ô ơ ư ă take it; in "ươ" the ơ does
            offset = marked[-1]
        elif len(nucleus) == 3:  # oai, oay, oeo, uya, uyu: the middle one
            offset = 1
        else:  # hòa, thủy, mía; with a final consonant the second: hoàng, tuýt
            offset = 1 if self.coda else 0
        return self.vowels_start + offset


def _parse(letters: tuple[Letter, ...]) -> _Syllable | None:
    """The word as onset + vowels + final consonant, or None if it cannot be Vietnamese."""
    if any(letter.base not in _ASCII_AND_DD for letter in letters):
        return None
    if sum(1 for letter in letters if letter.tone) > 1:
        return None
    vowels_start = 0
    while vowels_start < len(letters) and not letters[vowels_start].is_vowel:
        vowels_start += 1
    coda_start = vowels_start
    while coda_start < len(letters) and letters[coda_start].is_vowel:
        coda_start += 1
    onset = "".join(letter.base for letter in letters[:vowels_start])
    coda = "".join(letter.base for letter in letters[coda_start:])
    if any(letter.is_vowel for letter in letters[coda_start:]):
        return None
    run = letters[vowels_start:coda_start]
    if onset == "q":
        if not run or run[0].base != "u" or run[0].mark:
            return None
        # like "gi", "qu" alone keeps its u as the vowel until another one follows
        onset, vowels_start = "qu", vowels_start + (len(run) >= 2)
    elif onset == "g" and len(run) >= 2 and run[0].base == "i" and not run[0].mark:
        onset, vowels_start = "gi", vowels_start + 1
    if onset not in ONSETS or coda not in CODAS:
        return None
    if any(letter.mark for letter in letters[:vowels_start]):
        return None
    nucleus = tuple((letter.base, letter.mark) for letter in letters[vowels_start:coda_start])
    if nucleus and nucleus not in TYPABLE_NUCLEI:
        return None
    return _Syllable(letters, onset, vowels_start, coda_start, coda)


def _settle(letters: tuple[Letter, ...]) -> tuple[Letter, ...]:
    """Put the tone where it belongs after the word changed; "uơ" followed by more → "ươ"."""
    syllable = _parse(letters)
    if syllable is None:
        return letters
    nucleus = syllable.nucleus
    for i in range(len(nucleus) - 1):
        u, o = nucleus[i], nucleus[i + 1]
        followed = syllable.vowels_start + i + 2 < len(letters)
        if (u.base, u.mark, o.base, o.mark) == ("u", NO_MARK, "o", HORN) and followed:
            letters = _with(letters, syllable.vowels_start + i, mark=HORN)
            syllable = _parse(letters)
            if syllable is None:  # pragma: no cover - "ươ" is typable wherever "uơ" is
                return letters
    tone = syllable.tone
    if not tone or not syllable.nucleus:
        return letters
    return _place_tone(syllable, tone)


def _with(
    letters: tuple[Letter, ...], index: int, *, mark: str | None = None, base: str | None = None
) -> tuple[Letter, ...]:
    """``letters`` with the one at ``index`` given another mark or base letter."""
    old = letters[index]
    new = replace(old, mark=old.mark if mark is None else mark, base=base or old.base)
    return (*letters[:index], new, *letters[index + 1 :])


def _place_tone(syllable: _Syllable, tone: int) -> tuple[Letter, ...]:
    target = syllable.tone_position()
    return tuple(
        replace(letter, tone=tone if i == target else 0)
        for i, letter in enumerate(syllable.letters)
    )


def _valid(letters: tuple[Letter, ...]) -> tuple[Letter, ...] | None:
    return letters if _parse(letters) is not None else None


def _undo(
    letters: tuple[Letter, ...],
    index: int,
    key: str,
    *,
    mark: str = NO_MARK,
    base: str | None = None,
) -> tuple[Letter, ...]:
    """Take a modifier back off and type the key itself, as a second press does."""
    return (*_with(letters, index, mark=mark, base=base), _letter(key))


# -- the modifiers: each returns the new letters, or None when the key is just a letter --


def _tone(letters: tuple[Letter, ...], key: str, tone: int) -> tuple[Letter, ...] | None:
    syllable = _parse(letters)
    if syllable is None or not syllable.nucleus:
        return None
    current = syllable.tone
    if tone == 0 and current == 0:
        return None
    if tone == 0 or current == tone:
        plain = tuple(replace(letter, tone=0) for letter in letters)
        return (*plain, _letter(key)) if tone else plain
    if syllable.coda in STOP_CODAS and tone in (2, 3, 4):
        return None
    return _place_tone(syllable, tone)


def _circumflex(letters: tuple[Letter, ...], key: str, bases: str) -> tuple[Letter, ...] | None:
    syllable = _parse(letters)
    if syllable is None:
        return None
    start = syllable.vowels_start
    positions = [start + i for i, v in enumerate(syllable.nucleus) if v.base in bases]
    for index in positions:
        if letters[index].mark == CIRCUMFLEX:
            return _undo(letters, index, key, mark=NO_MARK)
    for index in reversed(positions):
        candidate = _valid(_with(letters, index, mark=CIRCUMFLEX))
        if candidate is not None:
            return candidate
    return None


def _hook(
    letters: tuple[Letter, ...], key: str, *, horn: bool, breve: bool, telex_w: bool
) -> tuple[Letter, ...] | None:
    """Telex "w" (horn or breve), VNI "7" (horn) or "8" (breve)."""
    syllable = _parse(letters)
    if syllable is None:
        return None
    start, nucleus = syllable.vowels_start, syllable.nucleus
    if horn:
        for i in range(len(nucleus) - 1):
            if nucleus[i].base == "u" and nucleus[i + 1].base == "o":
                return _hook_uo(syllable, start + i, key)
    wanted = {"a": BREVE} if breve else {}
    if horn:
        wanted.update({"o": HORN, "u": HORN})
    targets = [start + i for i, v in enumerate(nucleus) if v.base in wanted]
    for index in targets:
        if letters[index].mark == wanted[letters[index].base]:
            if telex_w and len(letters) == 1 and letters[0].base == "u":  # "ww" → "w"
                return (_letter(key),)
            return _undo(letters, index, key, mark=NO_MARK)
    for index in targets:
        candidate = _valid(_with(letters, index, mark=wanted[letters[index].base]))
        if candidate is not None:
            return candidate
    if telex_w:  # "w" alone is ư: "w" → "ư", "tw" → "tư", "giwx" → "giữ"
        return _valid((*letters, replace(_letter("u"), mark=HORN, upper=key.isupper())))
    return None


def _hook_uo(syllable: _Syllable, u_index: int, key: str) -> tuple[Letter, ...] | None:
    letters = syllable.letters
    u, o = letters[u_index], letters[u_index + 1]
    if u.mark == HORN and o.mark == HORN:  # "ươ" + w → "uow"
        return (
            *_with(_with(letters, u_index, mark=NO_MARK), u_index + 1, mark=NO_MARK),
            _letter(key),
        )
    at_end = u_index + 2 == len(letters)
    if u.mark == NO_MARK and o.mark != HORN and at_end and syllable.onset in ("th", "h"):
        # "thuở", "huơ": alone at the end the hook goes on o only; typing on turns it into ươ.
        return _valid(_with(letters, u_index + 1, mark=HORN))
    return _valid(_with(_with(letters, u_index, mark=HORN), u_index + 1, mark=HORN))


def _dd(letters: tuple[Letter, ...], key: str) -> tuple[Letter, ...] | None:
    if not letters:
        return None
    first = letters[0]
    if first.base == "d":
        return _valid(_with(letters, 0, base="đ"))
    if first.base == "đ":
        return _undo(letters, 0, key, base="d")
    return None


_TELEX_TONES = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5, "z": 0}
_VNI_TONES = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "0": 0}


def _modify(letters: tuple[Letter, ...], key: str, method: Method) -> tuple[Letter, ...] | None:
    """The word after ``key`` acted as a modifier, or None: then it is just typed."""
    k = key.lower()
    if method == Method.TELEX:
        if k in _TELEX_TONES:
            return _tone(letters, key, _TELEX_TONES[k])
        if k in "aeo":
            return _circumflex(letters, key, k)
        if k == "w":
            return _hook(letters, key, horn=True, breve=True, telex_w=True)
        return _dd(letters, key) if k == "d" else None
    if k in _VNI_TONES:
        return _tone(letters, key, _VNI_TONES[k])
    if k == "6":
        return _circumflex(letters, key, "aeo")
    if k in "78":
        return _hook(letters, key, horn=k == "7", breve=k == "8", telex_w=False)
    return _dd(letters, key) if k == "9" else None


def type_key(word: str, key: str, method: Method) -> str:
    """The new text of ``word`` (the letters before the cursor) after typing ``key``."""
    if len(key) != 1:
        raise ValueError(f"one key at a time, not {key!r}")
    word = unicodedata.normalize("NFC", word)
    letters = tuple(_letter(char) for char in word)
    result = _modify(letters, key, Method(method))
    if result is None:
        if not key.isalpha():
            return word + key
        result = (*letters, _letter(key))
    return "".join(letter.text for letter in _settle(result))


def word_start(text: str, cursor: int) -> int:
    """Where the word that ends at ``cursor`` begins (back to the previous non-letter)."""
    start = cursor
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


@dataclass(frozen=True)
class WordEdit:
    """Replace ``text[start:end]`` by ``replacement``; the cursor goes after it."""

    start: int
    end: int
    replacement: str

    @property
    def cursor(self) -> int:
        return self.start + len(self.replacement)

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]


def edit_for_key(text: str, cursor: int, key: str, method: Method) -> WordEdit:
    """What typing ``key`` with the cursor at ``cursor`` in ``text`` does."""
    start = word_start(text, cursor)
    return WordEdit(start, cursor, type_key(text[start:cursor], key, method))


def type_keys(keys: str, method: Method, text: str = "") -> str:
    """``text`` after typing ``keys`` one by one at its end ("Nguyeenx" → "Nguyễn")."""
    for key in keys:
        text = edit_for_key(text, len(text), key, method).apply(text)
    return text

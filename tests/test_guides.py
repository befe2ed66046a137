"""Step-by-step guides kept as data: the shipped guides, their pictograms, the loader's errors."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.domain.catalogue import default_catalogue
from kiosk.resources import resource_path
from kiosk.services.guides import (
    LIMITS,
    MAX_STEPS,
    MIN_STEPS,
    Guide,
    GuideError,
    GuideLibrary,
    GuideStep,
    Text,
    check_guides,
    load_guide,
    load_guides,
)
from kiosk.text.address import NEUTRAL, FormOfAddress, form_of_address

GUIDES = resource_path("guides")
IMAGES = GUIDES / "images"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="4" height="4"/></svg>'
)


@pytest.fixture(scope="module")
def library() -> GuideLibrary:
    return load_guides()


def _texts(guide: Guide) -> Iterator[tuple[str, Text]]:
    yield "title", guide.title
    yield "summary", guide.summary
    for number, need in enumerate(guide.needs, start=1):
        yield f"need {number}", need
    for step in guide.steps:
        yield f"{step.id}.title", step.title
        yield f"{step.id}.text", step.text
        if step.tip is not None:
            yield f"{step.id}.tip", step.tip


# -- the shipped guides -----------------------------------------------------------------------


def test_resources_dir_finds_the_guides() -> None:
    assert GUIDES.is_dir() and IMAGES.is_dir()
    assert GUIDES.parent == resource_path("catalogue").parent


def test_every_catalogue_service_has_a_guide_in_catalogue_order(library: GuideLibrary) -> None:
    codes = tuple(service.code for service in default_catalogue().services)
    assert len(codes) == 22 and {"vneid_level1", "vneid_new_phone", "other"} <= set(codes)
    assert library.codes == codes
    assert check_guides() == []
    for code in codes:
        guide = library.get(code)
        assert guide is not None and code in library
        assert guide.path == GUIDES / f"{code}.toml"
        assert load_guide(guide.path) == guide


def test_shipped_guides_follow_the_content_rules(library: GuideLibrary) -> None:
    this_month = f"{date.today():%Y-%m}"
    for guide in library:
        assert MIN_STEPS <= len(guide) <= MAX_STEPS, guide.service_code
        assert guide.sources and guide.needs, guide.service_code
        assert guide.checked <= this_month
        assert len({step.id for step in guide}) == len(guide)
        for where, text in _texts(guide):
            for value in (text.vi, text.en):
                assert value.strip() == value and value, (guide.service_code, where)
                assert unicodedata.is_normalized("NFC", value), (guide.service_code, where)
            assert text.vi != text.en, (guide.service_code, where)


def test_vietnamese_text_has_its_diacritics(library: GuideLibrary) -> None:
    vietnamese = re.compile(
        r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
    )
    for guide in library:
        for where, text in _texts(guide):
            assert vietnamese.search(text.vi.lower()), (guide.service_code, where, text.vi)


def test_the_citizen_types_every_secret_themselves(library: GuideLibrary) -> None:
    """A step that has someone type an OTP, password or PIN says the citizen does it ("tự")."""
    typing = re.compile(r"(?<!đăng )\bnhập\b|\bgõ\b", re.IGNORECASE)
    secret = re.compile(r"OTP|mật khẩu|mã PIN|passcode", re.IGNORECASE)
    for guide in library:
        for step in guide:
            text = step.text.vi
            if typing.search(text) and secret.search(text):
                assert re.search(r"\btự\b", text), (guide.service_code, step.id, text)
            assert not re.search(r"(đọc|cho) (mã|mật khẩu)[^.]*(người hỗ trợ|cán bộ)", text)


def test_unverified_health_book_is_phrased_carefully(library: GuideLibrary) -> None:
    guide = library.get("e_health_book")
    assert guide is not None
    assert "mục Sổ sức khỏe điện tử" in guide.step("open").text.vi
    tips = " ".join(step.tip.vi for step in guide if step.tip)
    assert "phiên bản" in tips and "chưa được" in tips


def test_key_facts_where_people_get_stuck(library: GuideLibrary) -> None:
    def tips(code: str) -> str:
        guide = library.get(code)
        assert guide is not None
        return " ".join(step.tip.vi for step in guide if step.tip)

    assert "5 lần" in tips("vssid") and "15 phút" in tips("vssid")
    assert "8–20 ký tự" in tips("vneid_level1")
    assert "bộ gõ tiếng Việt" in tips("vneid_level2")
    level2 = library.get("vneid_level2")
    assert level2 is not None and "8 đến 20 ký tự" in level2.step("password").text.vi
    filing = library.get("online_filing")
    assert filing is not None and "mã hồ sơ" in filing.step("dossier_code").text.vi
    level = filing.step("level").text.vi
    assert "toàn trình" in level.lower() and "một phần" in level
    # the second review of December 2026
    code_tip = filing.step("dossier_code").tip
    assert code_tip is not None and "kể cả khi" not in code_tip.vi  # partial stays partial
    assert "nộp trực tiếp tại Công an tỉnh" in tips("judicial_record_vneid")  # police, since 3/2025
    assert "Từ 1/8/2025" in tips("vssid")  # the ID number replaces the social insurance code


def test_the_domain_review_of_december_2026_corrections(library: GuideLibrary) -> None:
    """docs/GUIDE-REVIEW-2026-12.md: each correction, failing on the text before it."""

    def tip(code: str, step_id: str) -> str:
        guide = library.get(code)
        assert guide is not None
        step_tip = guide.step(step_id).tip
        assert step_tip is not None, (code, step_id)
        return step_tip.vi

    # Already verified, still blocked: an expired card (or old CMND) held by the bank stops
    # transactions too (Circulars 17 and 18/2024, from 1 January 2025).
    assert "hết hạn" in tip("bank_biometrics", "find")
    # E-wallets have their own rule: biometric check before opening one, from 1 January 2026.
    face = tip("cashless_account", "face")
    assert "ví điện tử" in face and "Thông tư 41/2025/TT-NHNN" in face
    # The national e-authentication centre belongs to the Ministry of Science and Technology
    # since the merger of 1 March 2025; no guide names the former ministry.
    assert "Bộ Khoa học và Công nghệ" in tip("signature_other", "choose")
    for guide in library:
        for where, text in _texts(guide):
            assert "Thông tin và Truyền thông" not in text.vi, (guide.service_code, where)


def _citizen_texts(guide: Guide) -> Iterator[tuple[str, Text]]:
    """What the citizen reads on the guide screen: everything but the helper tips."""
    return ((where, text) for where, text in _texts(guide) if not where.endswith(".tip"))


def test_shipped_guides_speak_to_the_citizen(library: GuideLibrary) -> None:
    """The citizen reads the guide: it speaks to them, filled in; the helper's tips do not."""
    addressed = 0
    for guide in library:
        for where, text in _citizen_texts(guide):
            shown = FormOfAddress("bà").fill(text.vi)
            assert "{" not in shown and "}" not in shown, (guide.service_code, where, shown)
            assert "người dân" not in shown.lower(), (guide.service_code, where, shown)
            assert not re.search(r"[{}]|\bthe citizen|\bcitizen's", text.en), (where, text.en)
            addressed += text.vi != shown
        for step in guide:
            if step.tip is not None:
                assert "{" not in step.tip.vi + step.tip.en, (guide.service_code, step.id)
    assert addressed >= 60  # the tokens are really there (not just imperatives everywhere)


def test_a_token_counts_as_the_longest_form_of_address() -> None:
    forms = {
        form_of_address(gender, age).word
        for gender in ("Nam", "Nữ", None)
        for age in (None, 10, 17, 18, 30, 59, 60, 90)
    }
    assert NEUTRAL.word in forms and all(len(word) <= len(NEUTRAL.word) for word in forms)


# -- pictograms ---------------------------------------------------------------------------------


def test_every_step_names_an_existing_image_and_every_image_is_used(
    library: GuideLibrary,
) -> None:
    used = {step.image for guide in library for step in guide}
    assert all(path.is_file() and path.parent == IMAGES for path in used)
    assert used == set(IMAGES.glob("*.svg"))


@pytest.mark.parametrize("path", sorted(IMAGES.glob("*.svg")), ids=lambda path: path.name)
def test_pictograms_render_and_hold_no_words(path: Path, qapp: object) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    assert 300 <= path.stat().st_size <= 3500
    root = ElementTree.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 96 96"
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert not tags & {"text", "tspan", "title", "desc", "image", "script", "foreignObject"}

    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(48, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 48, 48))
    painter.end()
    pixels = [image.pixelColor(x, y) for x in range(48) for y in range(48)]
    # drawn on its own light tile, so it reads on the normal and the high-contrast theme
    assert sum(pixel.alpha() == 255 for pixel in pixels) >= 0.9 * len(pixels)
    assert max(pixel.lightness() for pixel in pixels) == 255
    assert min(pixel.lightness() for pixel in pixels if pixel.alpha() == 255) < 60


# -- API ---------------------------------------------------------------------------------------


def test_text_and_guide_api(library: GuideLibrary) -> None:
    text = Text("Xin chào", "Hello")
    assert text.get() == "Xin chào" and text.get("en") == "Hello" and text.get("en_GB") == "Hello"
    assert text.get("fr") == "Xin chào"
    guide = library.get("vssid")
    assert guide is not None
    assert isinstance(guide[0], GuideStep) and guide[0] is guide.steps[0]
    assert guide[-1] is guide.steps[-1] and list(guide) == list(guide.steps)
    assert guide.step("first_login").tip is not None
    assert guide.index_of("install") == 0
    with pytest.raises(KeyError):
        guide.step("nope")
    assert library.get("nope") is None and "nope" not in library and 42 not in library
    assert len(library) == len(default_catalogue().services)


def test_error_message_names_the_shipped_file_and_line() -> None:
    error = GuideError(GUIDES / "vssid.toml", 14, "missing_key_step", key="text_en", step=3)
    assert str(error) == 'guides/vssid.toml, dòng 14: thiếu trường "text_en" trong bước 3'
    assert error.exit_code == 2 and error.path == GUIDES / "vssid.toml" and error.line == 14
    assert error.detail.endswith('missing field "text_en" in step 3')
    assert error.location == f"{GUIDES / 'vssid.toml'}:14"


# -- errors with file and line -----------------------------------------------------------------

TEMPLATE = """\
schema = 1
service = "vssid"
title_vi = "Ứng dụng VssID"
title_en = "The VssID app"
summary_vi = "{{You}} đăng nhập được VssID của {{you}}."
summary_en = "You can log in to VssID."
needs_vi = ["Thẻ căn cước"]
needs_en = ["The ID card"]
checked = "2026-11"
sources = ["Bảo hiểm xã hội Việt Nam"]
{steps}"""

STEP = """
[[steps]]
id = "step_{n}"
title_vi = "Bước thứ {n}"
title_en = "Step number {n}"
text_vi = "Làm việc thứ {n} trên điện thoại."
text_en = "Do thing {n} on the phone."
image = "pic.svg"
tip_vi = "Mẹo số {n}."
tip_en = "Tip number {n}."
"""


def _text(steps: int = 3) -> str:
    return TEMPLATE.format(steps="".join(STEP.format(n=n) for n in range(1, steps + 1)))


def _write(directory: Path, text: str | bytes, name: str = "vssid.toml") -> Path:
    (directory / "images").mkdir(parents=True, exist_ok=True)
    (directory / "images" / "pic.svg").write_text(SVG, encoding="utf-8")
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _line(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def _replace_in_step(text: str, step: int, old: str, new: str) -> str:
    parts = text.split("[[steps]]")
    assert old in parts[step]
    parts[step] = parts[step].replace(old, new, 1)
    return "[[steps]]".join(parts)


def _expect(path: Path, kind: str, line: int | None) -> GuideError:
    """The file has a problem ``kind`` at ``line``; loading it raises its first problem."""
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert raised.value.path == path
    problems = [p for p in check_guides(path.parent) if p.path == path]
    assert raised.value.line == min(p.line or 0 for p in problems)
    matching = [p for p in problems if (p.kind, p.line) == (kind, line)]
    assert matching, [str(p) for p in problems]
    error = matching[0]
    assert str(error).startswith(f"{path}, dòng {line}: " if line else f"{path}: ")
    return error


def test_a_valid_minimal_guide_loads(tmp_path: Path) -> None:
    guide = load_guide(_write(tmp_path, _text()))
    assert (
        len(guide) == 3
        and guide[1].id == "step_2"
        and guide[1].tip == Text("Mẹo số 2.", "Tip number 2.")
    )
    assert guide.needs == (Text("Thẻ căn cước", "The ID card"),)
    assert guide[0].image == tmp_path / "images" / "pic.svg"


def test_missing_step_field_names_the_step_header(tmp_path: Path) -> None:
    text = _replace_in_step(_text(), 3, 'text_en = "Do thing 3 on the phone."\n', "")
    error = _expect(_write(tmp_path, text), "missing_key_step", _line(text, "[[steps]]", 3))
    assert error.problem == 'thiếu trường "text_en" trong bước 3'


def test_syntax_error_has_the_tomllib_line(tmp_path: Path) -> None:
    text = _text().replace('title_en = "The VssID app"', 'title_en = "The VssID app')
    error = _expect(_write(tmp_path, text), "syntax", _line(text, "title_en"))
    assert "cú pháp TOML" in error.problem


def test_syntax_error_at_end_of_document(tmp_path: Path) -> None:
    text = _text() + "tip_en = "
    _expect(_write(tmp_path, text), "syntax", len(text.splitlines()))


def test_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    raw = _text().encode("utf-8").replace(b"Step number 2", b"Step \xff number 2")
    _expect(_write(tmp_path, raw), "encoding", _line(_text(), "Step number 2"))


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert len(load_guide(_write(tmp_path, b"\xef\xbb\xbf" + _text().encode()))) == 3


@pytest.mark.parametrize(
    ("old", "new", "kind", "needle"),
    [
        ('summary_en = "You can log in to VssID."\n', "", "missing_key", None),
        ("schema = 1\n", 'schema = 1\nauthor = "Lan"\n', "unknown_key", "author"),
        ("schema = 1\n", "schema = 2\n", "schema", "schema"),
        ("schema = 1\n", 'schema = "1"\n', "wrong_type", "schema"),
        ('service = "vssid"', 'service = "vssid_app"', "unknown_service", "service"),
        ('needs_vi = ["Thẻ căn cước"]', 'needs_vi = "Thẻ căn cước"', "wrong_type", "needs_vi"),
        (
            'needs_en = ["The ID card"]',
            'needs_en = ["The ID card", "A phone"]',
            "needs_length",
            "needs_en",
        ),
        ('needs_vi = ["Thẻ căn cước"]', 'needs_vi = ["  "]', "item_empty", "needs_vi"),
        ('checked = "2026-11"', 'checked = "11/2026"', "checked_format", "checked"),
        ('checked = "2026-11"', "checked = 2026-11-01", "wrong_type", "checked"),
        ('sources = ["Bảo hiểm xã hội Việt Nam"]', "sources = []", "empty", "sources"),
        ('title_vi = "Ứng dụng VssID"', 'title_vi = ""', "empty", "title_vi"),
        ('title_en = "The VssID app"', f'title_en = "{"x" * 81}"', "too_long", "title_en"),
        (
            'tip_en = "Tip number 3."\n',
            'tip_en = "Tip number 3."\n[meta]\nowner = 1\n',
            "unknown_key",
            "[meta]",
        ),
    ],
)
def test_top_level_problems_name_their_line(
    tmp_path: Path, old: str, new: str, kind: str, needle: str | None
) -> None:
    text = _text()
    assert old in text
    text = text.replace(old, new, 1)
    _expect(_write(tmp_path, text), kind, _line(text, needle) if needle else 1)


def test_text_not_in_nfc_names_its_line(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "{You} đăng nhập được VssID của {you}.")
    text = _text().replace("{You} đăng nhập được VssID của {you}.", decomposed)
    error = _expect(_write(tmp_path, text), "not_nfc", _line(text, "summary_vi"))
    assert "NFC" in error.problem


@pytest.mark.parametrize(
    ("step", "old", "new", "kind", "needle"),
    [
        (2, 'title_vi = "Bước thứ 2"', 'titel_vi = "Bước thứ 2"', "unknown_key_step", "titel_vi"),
        (2, 'image = "pic.svg"', 'image = "missing.svg"', "missing_image", "missing.svg"),
        (2, 'image = "pic.svg"', 'image = "../pic.svg"', "bad_image_name", "../pic.svg"),
        (2, 'image = "pic.svg"', "image = 5", "wrong_type_step", "image = 5"),
        (3, 'id = "step_3"', 'id = "step_1"', "duplicate_step_id", 'id = "step_1"'),
        (1, 'id = "step_1"', 'id = "Bước-1"', "bad_step_id", "Bước-1"),
        (
            2,
            'text_vi = "Làm việc thứ 2 trên điện thoại."',
            'text_vi = " "',
            "empty_step",
            'text_vi = " "',
        ),
        (
            3,
            'text_en = "Do thing 3 on the phone."',
            f'text_en = "{"a " * 151}"',
            "too_long_step",
            "a a a",
        ),
        (2, 'tip_en = "Tip number 2."\n', "", "missing_key_step", "Mẹo số 2."),
        (
            2,
            'text_vi = "Làm việc thứ 2 trên điện thoại."',
            'text_vi = "' + unicodedata.normalize("NFD", "Làm việc thứ 2") + '"',
            "not_nfc_step",
            "text_vi",
        ),
    ],
)
def test_step_problems_name_their_line(
    tmp_path: Path, step: int, old: str, new: str, kind: str, needle: str
) -> None:
    text = _replace_in_step(_text(), step, old, new)
    occurrence = 2 if kind == "duplicate_step_id" else (step if needle == "text_vi" else 1)
    error = _expect(_write(tmp_path, text), kind, _line(text, needle, occurrence))
    assert f"bước {step}" in error.problem


def _step_text(step: int, new: str) -> str:
    return _replace_in_step(
        _text(), step, f'text_vi = "Làm việc thứ {step} trên điện thoại."', f'text_vi = "{new}"'
    )


def test_a_step_text_about_nguoi_dan_is_reported(tmp_path: Path) -> None:
    text = _step_text(2, "Người dân tự nhập mã OTP.")
    error = _expect(_write(tmp_path, text), "third_person_step", _line(text, "Người dân tự"))
    assert error.problem == (
        'trường "text_vi" trong bước 2 nói về "Người dân" ở ngôi thứ ba: người dân đọc chữ này'
        " trên màn hình, hãy nói với họ bằng {you}, {You} hoặc câu không cần chủ ngữ"
    )
    assert error.detail.endswith(
        'field "text_vi" in step 2 speaks of "Người dân" in the third person: the citizen reads'
        " it on the screen, address them with {you}, {You} or a sentence without a subject"
    )
    assert load_guide(_write(tmp_path, _step_text(2, "{You} tự nhập mã OTP."))).steps[1].text.vi


def test_a_token_in_a_tip_is_reported(tmp_path: Path) -> None:
    text = _replace_in_step(_text(), 3, 'tip_vi = "Mẹo số 3."', 'tip_vi = "Hỏi {you} trước."')
    error = _expect(_write(tmp_path, text), "misplaced_token_step", _line(text, "Hỏi {you}"))
    assert error.problem == (
        'trường "tip_vi" trong bước 3 không được có "{you}": chỉ chữ tiếng Việt người dân đọc'
        " (tiêu đề, tóm tắt, cần chuẩn bị, nội dung bước) mới có chữ xưng hô"
    )


def test_an_unknown_token_is_reported(tmp_path: Path) -> None:
    text = _step_text(1, "{ban} tự nhập mã OTP.")
    error = _expect(_write(tmp_path, text), "unknown_token_step", _line(text, "{ban}"))
    assert error.problem == (
        'trường "text_vi" trong bước 1 có "{ban}": chỉ được dùng {you}, {You} để xưng hô'
    )


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ('summary_vi = "{You}', 'summary_vi = "{YOU}', "unknown_token"),
        ('summary_vi = "{You}', 'summary_vi = "{ You}', "unknown_token"),
        ('title_vi = "Ứng dụng VssID"', 'title_vi = "Ứng dụng VssID {"', "unknown_token"),
        ('title_vi = "Ứng dụng VssID"', 'title_vi = "VssID của người dân"', "third_person"),
        ('title_en = "The VssID app"', 'title_en = "{You} and the VssID app"', "misplaced_token"),
        ('needs_vi = ["Thẻ căn cước"]', 'needs_vi = ["Thẻ của người dân"]', "item_third_person"),
        ('needs_en = ["The ID card"]', 'needs_en = ["{you}r ID card"]', "item_misplaced_token"),
        ('sources = ["Bảo hiểm', 'sources = ["{You}: Bảo hiểm', "item_misplaced_token"),
        ('sources = ["Bảo hiểm', 'sources = ["{ban} Bảo hiểm', "item_unknown_token"),
    ],
)
def test_wording_problems_of_the_guide_name_their_line(
    tmp_path: Path, old: str, new: str, kind: str
) -> None:
    text = _text()
    assert old in text
    text = text.replace(old, new, 1)
    _expect(_write(tmp_path, text), kind, _line(text, new))


def test_the_length_limit_counts_a_token_as_the_longest_form(tmp_path: Path) -> None:
    fits = "{You} " + "a" * (LIMITS["text"] - len(NEUTRAL.word) - 1)
    assert load_guide(_write(tmp_path, _step_text(2, fits)))[1].text.vi == fits
    text = _step_text(2, fits + "a")
    error = _expect(_write(tmp_path, text), "too_long_step", _line(text, fits))
    assert f"dài {LIMITS['text'] + 1} ký tự, tối đa {LIMITS['text']}" in error.problem


def test_too_many_steps_points_at_the_first_extra_step(tmp_path: Path) -> None:
    text = _text(steps=MAX_STEPS + 1)
    error = _expect(
        _write(tmp_path, text), "too_many_steps", _line(text, "[[steps]]", MAX_STEPS + 1)
    )
    assert error.problem == f"hướng dẫn có {MAX_STEPS + 1} bước, tối đa {MAX_STEPS} bước"


def test_too_few_steps(tmp_path: Path) -> None:
    text = _text(steps=MIN_STEPS - 1)
    _expect(_write(tmp_path, text), "too_few_steps", _line(text, "[[steps]]", MIN_STEPS - 1))


def test_steps_of_the_wrong_type(tmp_path: Path) -> None:
    text = TEMPLATE.format(steps='steps = "install, register"\n')
    _expect(_write(tmp_path, text), "wrong_type", _line(text, "steps ="))


def test_file_name_must_match_the_service(tmp_path: Path) -> None:
    text = _text()
    _expect(_write(tmp_path, text, name="vssid-cu.toml"), "file_name", _line(text, "service"))


def test_multiline_strings_do_not_confuse_line_numbers(tmp_path: Path) -> None:
    text = _replace_in_step(_text(), 2, 'image = "pic.svg"', 'image = "none.svg"')
    fake_header = 'text_vi = """Dòng một\n[[steps]]\nimage = "giả.svg"\n"""'
    text = _replace_in_step(text, 1, 'text_vi = "Làm việc thứ 1 trên điện thoại."', fake_header)
    # The header inside the string is no step: step 2's image is on its own line.
    expected = text.splitlines().index('image = "none.svg"') + 1
    _expect(_write(tmp_path, text), "missing_image", expected)


def test_broken_svg_names_the_image_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, _text())
    svg = tmp_path / "images" / "pic.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">\n<rect>\n</svg>\n')
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert (raised.value.kind, raised.value.path, raised.value.line) == ("bad_svg", svg, 3)
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg">\n</svg>\n')
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert (raised.value.kind, raised.value.line) == ("not_svg", 1)


def test_check_collects_every_problem_of_every_file(tmp_path: Path) -> None:
    broken = _replace_in_step(_text(), 1, 'title_en = "Step number 1"\n', "")
    broken = _replace_in_step(broken, 3, 'image = "pic.svg"', 'image = "nope.svg"')
    broken = broken.replace('checked = "2026-11"', 'checked = "soon"')
    _write(tmp_path, broken)
    other = _text().replace('service = "vssid"', 'service = "other"').replace("schema = 1", "")
    _write(tmp_path, other, name="other.toml")
    (tmp_path / "README.txt").write_text("not a guide")

    problems = check_guides(tmp_path)
    found = [(p.path.name, p.kind, p.line) for p in problems]
    vssid = tmp_path / "vssid.toml"
    assert ("vssid.toml", "checked_format", _line(broken, "checked")) in found
    assert ("vssid.toml", "missing_key_step", _line(broken, "[[steps]]", 1)) in found
    assert ("vssid.toml", "missing_image", _line(broken, "nope.svg")) in found
    assert ("other.toml", "missing_key", 1) in found
    missing = {p.path.name for p in problems if p.kind == "missing_guide"}
    codes = {service.code for service in default_catalogue().services}
    assert missing == {f"{code}.toml" for code in codes - {"vssid", "other"}}
    assert all(p.line is None for p in problems if p.kind == "missing_guide")
    assert vssid.is_file() and len(found) == 4 + len(missing)

    with pytest.raises(GuideError) as raised:  # loading stops at the first problem
        load_guides(tmp_path)
    assert raised.value.path.name == "other.toml"


def test_missing_directory(tmp_path: Path) -> None:
    [problem] = check_guides(tmp_path / "nowhere")
    assert problem.kind == "missing_directory" and problem.line is None
    with pytest.raises(GuideError):
        load_guides(tmp_path / "nowhere")


def test_a_library_may_lack_guides(tmp_path: Path) -> None:
    _write(tmp_path, _text())
    library = load_guides(tmp_path)
    assert library.codes == ("vssid",) and library.get("other") is None
    assert library.directory == tmp_path


# -- CLI ---------------------------------------------------------------------------------------


def test_cli_guides_check_passes_on_the_shipped_guides(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guides", "check"]) == 0
    count = len(default_catalogue().services)
    assert capsys.readouterr().out.strip() == f"{count} hướng dẫn hợp lệ"


def test_cli_guides_check_lists_problems_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _replace_in_step(_text(), 2, 'image = "pic.svg"', 'image = "nope.svg"')
    path = _write(tmp_path, text)
    assert main(["guides", "check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    line = _line(text, "nope.svg")
    assert f'{path}:{line}: không có tệp ảnh "images/nope.svg" dùng ở bước 2' in lines
    assert (
        f"{tmp_path / 'other.toml'}: " + 'dịch vụ "other" trong danh mục chưa có hướng dẫn' in lines
    )
    count = len(default_catalogue().services)  # the picture, and every other service's guide
    assert len(lines) == count and f"{count} lỗi" in err and "Traceback" not in err


def test_cli_guides_check_counts_a_valid_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for service in default_catalogue().services:
        text = _text().replace('service = "vssid"', f'service = "{service.code}"')
        _write(tmp_path, text, name=f"{service.code}.toml")
    assert main(["guides", "check", str(tmp_path)]) == 0
    count = len(default_catalogue().services)
    assert capsys.readouterr().out.strip() == f"{count} hướng dẫn hợp lệ"


def test_the_example_in_the_format_doc_is_a_valid_guide(tmp_path: Path) -> None:
    """docs/GUIDES.md's complete example loads, speaks to the citizen and fills in."""
    doc = (Path(__file__).parents[1] / "docs" / "GUIDES.md").read_text(encoding="utf-8")
    example = doc.split("## A complete example", 1)[1].split("```toml\n", 1)[1].split("```")[0]
    path = _write(tmp_path, example)
    for image in {"phone-install.svg", "password-lock.svg", "check-success.svg"}:
        (tmp_path / "images" / image).write_bytes((IMAGES / image).read_bytes())
    guide = load_guide(path)
    assert FormOfAddress("ông").fill(guide.summary.vi).startswith("Ông đăng nhập được VssID")

"""The guide player: one step at a time, big text, a picture, progress, and help buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QProgressBar,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.guides import Guide, GuideLibrary
from kiosk.services.guides.age import checked_label
from kiosk.services.guides.marks import checked_for
from kiosk.ui.screens.base import Screen, button, label, panel
from kiosk.ui.screens.guide_mark_page import GuideMarkPage
from kiosk.ui.widgets.choice_button import ChoiceButton
from kiosk.ui.widgets.reflow import ACROSS, Reflow
from kiosk.ui.widgets.svg_view import SvgView


class GuideScreen(Screen):
    """Plays one guide; step 0 is "what to bring", steps 1..n are the guide's steps.

    Helper tips stay hidden until a helper taps "Gợi ý cho tình nguyện viên" or the citizen
    reports being stuck, and hide again on the next step. The helper's area also says when
    the guide was last checked and offers "Bước này đã cũ": a note page whose note
    :attr:`outdated` carries to whoever records it (:meth:`mark_saved`, :meth:`mark_refused`).
    A tip whose step names another guide (``see_also``) has a button that plays that guide;
    its end, or "Quay lại" from its first page, comes back to the step it was opened from.
    """

    personal = False
    stuck = Signal(str, str, int)  # service code, step id, step number (1-based): once a step
    help_called = Signal()  # every press of "Tôi gặp khó": call the volunteer (again)
    finished = Signal(str)  # service code
    left = Signal()  # back past the first page
    outdated = Signal(str, str, int, str, str)  # service, step id, step number, note, checked

    def __init__(self, language: str = "vi") -> None:
        super().__init__()
        self._language = language
        self._guide: Guide | None = None
        self._guides: GuideLibrary | None = None
        self._trail: list[tuple[Guide, int]] = []  # the guides a "see also" was opened from
        self.position = 0
        self._stuck_steps: set[tuple[str, int]] = set()
        self.guide_title = label("heading")
        self.guide_title.setObjectName("guide_title")
        self.progress_text = label("body", wrap=False)
        self.progress_text.setObjectName("guide_progress")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(16)
        self.picture = SvgView()
        self.picture.setMinimumSize(240, 240)
        self.step_title = label("title")
        self.step_title.setObjectName("step_title")
        self.step_text = label("body")
        self.step_text.setObjectName("step_text")
        self.step_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.notice = label("notice")
        self.notice.setObjectName("stuck_notice")
        self.notice.hide()
        self.tip_frame, tip_layout = panel()
        self.tip_caption = label("muted")
        self.tip_text = label("body")
        self.tip_text.setObjectName("helper_tip")
        self.checked_line = label("muted")
        self.checked_line.setObjectName("guide_checked")
        self.outdated_button = button(name="guide_outdated")
        self.outdated_button.clicked.connect(self._open_mark)
        checked_row = QHBoxLayout()  # first, so that a long tip does not push it out of view
        checked_row.setSpacing(14)
        checked_row.addWidget(self.checked_line, 1)
        checked_row.addWidget(self.outdated_button)
        tip_layout.addWidget(self.tip_caption)
        tip_layout.addLayout(checked_row)
        tip_layout.addWidget(self.tip_text)
        self.see_also_button = ChoiceButton(checkable=False)  # a long title wraps
        self.see_also_button.setObjectName("guide_see_also")
        self.see_also_button.clicked.connect(self.open_see_also)
        tip_layout.addWidget(self.see_also_button)
        self.tip_frame.hide()
        self.mark_page = GuideMarkPage()
        self.mark_page.sent.connect(self._send_mark)
        self.mark_page.cancelled.connect(self._close_mark)
        self.back = button(name="guide_back")
        self.stuck_button = button("danger", name="guide_stuck")
        self.tip_button = button(name="guide_tip")
        self.next = button("primary", name="guide_next")
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)
        self.stuck_button.clicked.connect(self._report_stuck)
        self.tip_button.clicked.connect(self._toggle_tip)
        self._build_layout()
        self.retranslate()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.guide_title, 1)
        header.addWidget(self.progress_text)
        text = QVBoxLayout()
        text.setSpacing(14)
        text.addWidget(self.step_title)
        text.addWidget(self.step_text, 1)
        text.addWidget(self.notice)
        text.addWidget(self.tip_frame)
        body = QBoxLayout(ACROSS)
        body.setSpacing(32)
        body.addWidget(self.picture, 2)
        body.addLayout(text, 3)
        # four buttons in a row; on a narrow screen two rows of two, "Tiếp tục" still last
        helper_side, moving_on = QHBoxLayout(), QHBoxLayout()
        for row in (helper_side, moving_on):
            row.setSpacing(14)
        helper_side.addWidget(self.back, 1)
        helper_side.addWidget(self.tip_button, 1)
        moving_on.addWidget(self.stuck_button, 1)
        moving_on.addWidget(self.next, 1)
        actions = QBoxLayout(ACROSS)
        actions.setSpacing(14)
        actions.addLayout(helper_side, 4)
        actions.addLayout(moving_on, 6)
        # the picture above the text on a portrait kiosk, not beside it with half the screen
        # empty below; the buttons in two rows when one is too narrow
        self._reflow = (Reflow(self, body, down_when_portrait=True), Reflow(self, actions))
        self.player = QWidget()
        layout = QVBoxLayout(self.player)
        layout.setContentsMargins(40, 16, 40, 20)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.progress)
        layout.addLayout(body, 1)
        layout.addLayout(actions)
        self.pages = QStackedLayout(self)  # the step, or the helper's "out of date" note
        self.pages.addWidget(self.player)
        self.pages.addWidget(self.mark_page)

    # -- state -------------------------------------------------------------------------------

    def play(self, guide: Guide) -> None:
        """Start ``guide`` at its "what to bring" page."""
        self._guide = guide
        self._trail = []
        self._stuck_steps = set()
        self.show_position(0)

    def use_guides(self, guides: GuideLibrary) -> None:
        """The guides a step's ``see_also`` may open."""
        self._guides = guides

    @property
    def see_also(self) -> Guide | None:
        """The guide the step shown points to, if there is one to open."""
        guide, position = self._guide, self.position
        if guide is None or self._guides is None or position == 0:
            return None
        code = guide.steps[position - 1].see_also
        return self._guides.get(code) if code else None

    @property
    def opened_from(self) -> Guide | None:
        """The guide whose "see also" opened the one shown (``None``: the visit's own)."""
        return self._trail[-1][0] if self._trail else None

    def open_see_also(self) -> None:
        """Play the guide the step shown points to; its end comes back here."""
        linked = self.see_also
        if linked is None or self._guide is None:
            return
        self._trail.append((self._guide, self.position))
        self._guide = linked
        self.show_position(0)

    def _come_back(self) -> None:
        self._guide, position = self._trail.pop()
        self.show_position(position)

    @property
    def guide(self) -> Guide | None:
        """The guide being played."""
        return self._guide

    def set_language(self, language: str) -> None:
        """Show the guide's text in ``language`` (guide text is data, not Qt strings)."""
        self._language = language
        self.retranslate()

    def show_position(self, position: int) -> None:
        """Show page ``position`` (0: what to bring; 1..n: steps)."""
        self.position = position
        self.pages.setCurrentWidget(self.player)
        self.notice.hide()
        self.tip_frame.hide()
        self.retranslate()
        self.content_changed.emit()

    def go_next(self) -> None:
        """The next step, or the end of the guide."""
        if self._guide is None:
            return
        if self.position >= len(self._guide.steps):
            if self._trail:
                self._come_back()
            else:
                self.finished.emit(self._guide.service_code)
        else:
            self.show_position(self.position + 1)

    def go_back(self) -> None:
        """The previous step, or leave the guide from its first page."""
        if self.position == 0 and self._trail:
            self._come_back()
        elif self.position == 0:
            self.left.emit()
        else:
            self.show_position(self.position - 1)

    def _report_stuck(self) -> None:
        if self._guide is None or self.position == 0:
            return
        step = self._guide.steps[self.position - 1]
        where = (self._guide.service_code, self.position)
        if where not in self._stuck_steps:  # one record per step and visit
            self._stuck_steps.add(where)
            self.stuck.emit(self._guide.service_code, step.id, self.position)
        self.help_called.emit()
        self.notice.setText(
            self.addressed(
                self.tr(
                    "Đã báo tình nguyện viên. {You} chờ một chút, sẽ có người giúp {you} bước này."
                )
            )
        )
        self.notice.show()
        self.tip_frame.setVisible(self.tip_text.text() != "")

    def _toggle_tip(self) -> None:
        self.tip_frame.setVisible(not self.tip_frame.isVisible() and self.position > 0)

    def _open_mark(self) -> None:
        """The helper's note that the step shown is out of date."""
        if self._guide is None or self.position == 0:
            return
        where = f"{self.guide_title.text()} · {self.progress_text.text()}: {self.step_title.text()}"
        self.mark_page.ask(where)
        self.pages.setCurrentWidget(self.mark_page)
        self.content_changed.emit()

    def _send_mark(self, note: str) -> None:
        if self._guide is None or self.position == 0:
            return
        step = self._guide.steps[self.position - 1]
        checked = checked_for(self._guide, step)  # the step's own date, else the guide's
        self.outdated.emit(self._guide.service_code, step.id, self.position, note, checked)

    def _close_mark(self) -> None:
        self.pages.setCurrentWidget(self.player)
        self.content_changed.emit()

    def mark_saved(self) -> None:
        """The note was recorded: back to the step, saying so."""
        self._close_mark()
        self.notice.setText(self.tr("Đã ghi nhận: người biên soạn hướng dẫn sẽ xem lại bước này."))
        self.notice.show()

    def mark_refused(self, message: str) -> None:
        """The note was not recorded: the note page says why."""
        self.mark_page.refused(message)

    def clear(self) -> None:
        self._guide = None
        self._trail = []
        self.position = 0
        self.pages.setCurrentWidget(self.player)
        self.mark_page.ask("")
        self.notice.hide()
        self.tip_frame.hide()

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.back.setText(self.tr("Quay lại"))
        self.tip_button.setText(self.tr("Gợi ý cho tình nguyện viên"))
        self.stuck_button.setText(self.tr("Tôi gặp khó ở bước này"))
        self.tip_caption.setText(self.tr("Gợi ý cho tình nguyện viên (người dân không cần đọc)"))
        self.outdated_button.setText(self.tr("Bước này đã cũ"))
        guide = self._guide
        if guide is None:
            return
        language = self._language
        total = len(guide.steps)
        you = self.addressed  # the guide's texts for the citizen speak to them; tips do not
        self.guide_title.setText(you(guide.title.get(language)))
        self.checked_line.setText(self._checked_text(guide))
        self.progress.setRange(0, total)
        self.progress.setValue(self.position)
        if self.position == 0:
            self.progress_text.setText(self.tr("Chuẩn bị"))
            self.step_title.setText(self.tr("Cần chuẩn bị"))
            needs = "\n".join(f"• {you(need.get(language))}" for need in guide.needs)
            self.step_text.setText(f"{you(guide.summary.get(language))}\n\n{needs}")
            self.picture.load(guide.steps[0].image if guide.steps else None)
            self.tip_text.setText("")
            self.see_also_button.hide()
            self.stuck_button.setEnabled(False)
            self.tip_button.setEnabled(False)
            self.next.setText(self.tr("Bắt đầu"))
            return
        step = guide.steps[self.position - 1]
        self.progress_text.setText(self.tr("Bước {n}/{total}").format(n=self.position, total=total))
        self.step_title.setText(you(step.title.get(language)))
        self.step_text.setText(you(step.text.get(language)))
        self.picture.load(step.image)
        self.tip_text.setText(step.tip.get(language) if step.tip else "")
        self.tip_text.setVisible(step.tip is not None)
        linked = self.see_also
        self.see_also_button.setVisible(linked is not None)
        if linked is not None:
            title = you(linked.title.get(language))
            self.see_also_button.setText(self.tr("Mở hướng dẫn: {title}").format(title=title))
        self.stuck_button.setEnabled(True)
        self.tip_button.setEnabled(True)  # the check's date and "Bước này đã cũ" at least
        if self.position < total:
            self.next.setText(self.tr("Tiếp theo"))
        elif self._trail:
            self.next.setText(self.tr("Về hướng dẫn trước"))
        else:
            self.next.setText(self.tr("Xong"))

    def _checked_text(self, guide: Guide) -> str:
        """When the guide was last checked and, for a step changed since, that step's own date
        and source (the guide's age stays its own ``checked``)."""
        month = checked_label(guide.checked)
        step = guide.steps[self.position - 1] if 0 < self.position <= len(guide.steps) else None
        if step is None or step.checked is None:
            return self.tr("Kiểm tra lần cuối {month}").format(month=month)
        return self.tr("Kiểm tra lần cuối {month} · bước này: {step_month} ({source})").format(
            month=month, step_month=checked_label(step.checked), source=step.source or ""
        )

    def speech_text(self) -> str:
        return f"{self.progress_text.text()}. {self.step_title.text()}. {self.step_text.text()}"

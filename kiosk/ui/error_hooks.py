"""Errors reach people: uncaught exceptions and Qt's own warnings, wherever they happen.

:class:`ErrorHooks` installs ``sys.excepthook`` (PySide calls it for an exception that
escapes a slot, on whichever thread the slot ran), ``threading.excepthook`` (a Python thread
that dies of an exception) and a Qt message handler. An uncaught exception is logged with
its traceback and :attr:`ErrorHooks.unexpected` carries an
:class:`~kiosk.ui.background.UnexpectedError` (the translated generic message) to the GUI
thread, where the shell shows it in the banner; the kiosk keeps running. Qt's warnings go to
the log (and on to the handler that was there before, so test runs still see them).

:meth:`ErrorHooks.uninstall` puts back what was there before (the window's shutdown calls
it), so one window's hooks never outlive it — in tests, too.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QObject, QtMsgType, Signal, qInstallMessageHandler

from kiosk.ui.background import UNEXPECTED, UnexpectedError

log = logging.getLogger(__name__)
qt_log = logging.getLogger("kiosk.qt")

QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]
ThreadHook = Callable[[threading.ExceptHookArgs], Any]
QtHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]


class ErrorHooks(QObject):
    """Logs every uncaught exception with its traceback and reports it for the banner."""

    unexpected = Signal(object)  # UnexpectedError; queued to the GUI thread from elsewhere

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_hooks")
        self._installed = False
        self._previous_sys: ExceptHook | None = None
        self._previous_thread: ThreadHook | None = None
        self._previous_qt: QtHandler | None = None

    @property
    def installed(self) -> bool:
        """Whether the hooks are in place."""
        return self._installed

    def install(self) -> None:
        """Put the three hooks in place (remembering what was there)."""
        if self._installed:
            return
        self._previous_sys = sys.excepthook
        self._previous_thread = threading.excepthook
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook
        self._previous_qt = qInstallMessageHandler(self._qt_message)
        self._installed = True

    def uninstall(self) -> None:
        """Put back what :meth:`install` found, where nobody replaced our hooks since."""
        if not self._installed:
            return
        self._installed = False
        if sys.excepthook == self._sys_hook:
            sys.excepthook = self._previous_sys or sys.__excepthook__
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread or threading.__excepthook__
        current = qInstallMessageHandler(self._previous_qt)
        if current is not None and current != self._qt_message:
            qInstallMessageHandler(current)  # somebody installed theirs after us: keep it
        self._previous_sys = self._previous_thread = self._previous_qt = None

    # -- the hooks, on any thread ------------------------------------------------------------

    def _sys_hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: not a bug
            (self._previous_sys or sys.__excepthook__)(exc_type, exc, tb)
            return
        where = threading.current_thread().name
        log.error("uncaught exception (thread %s)", where, exc_info=(exc_type, exc, tb))
        self._report(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # what threading's own hook ignores too
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error(
            "uncaught exception in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
        )
        self._report(args.exc_value)

    def _qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(QT_LEVELS.get(mode, logging.WARNING), "Qt: %s%s", message, where)
        previous = self._previous_qt
        if previous is not None:
            previous(mode, context, message)

    def _report(self, exc: BaseException | None) -> None:
        detail = f"{type(exc).__name__}: {exc}" if exc is not None else "unknown"
        try:
            self.unexpected.emit(UnexpectedError(UNEXPECTED, detail=detail))
        except RuntimeError:  # the window is already gone (interpreter shutting down)
            log.warning("uncaught exception after the window closed: %s", detail)

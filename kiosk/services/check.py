"""One line of ``kiosk doctor``: what was checked, the verdict, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """The verdict on one dependency of the kiosk, ready to print on one line."""

    name: str
    ok: bool
    message: str
    fix: str = ""
    required: bool = True

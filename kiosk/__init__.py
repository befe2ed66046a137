"""Quầy Số: the support-counter kiosk of a Vietnamese one-stop-shop service centre."""

__version__ = "0.1.0"

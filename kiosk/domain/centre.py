"""The centre and counter a document names: a value the settings give."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CentreInfo:
    """The centre and counter printed at the top of every receipt."""

    name: str
    address: str = ""
    counter_code: str = ""
    counter_name: str = ""

    @property
    def counter_line(self) -> str:
        """``Quầy hỗ trợ số (Q01)``, or whichever part is configured."""
        if self.counter_name and self.counter_code:
            return f"{self.counter_name} ({self.counter_code})"
        return self.counter_name or (f"Quầy {self.counter_code}" if self.counter_code else "")

"""Accept a scanned payload only after reading the same value several times in a row.

A moving card can yield a partial or misread frame; two identical reads in a row make a
wrong accept practically impossible. The same card held in front of the camera is
accepted once, not thirty times a second.
"""

from __future__ import annotations


class Consensus:
    """Feed every frame's payload (``None`` when nothing was read); get it back once agreed."""

    def __init__(self, required: int = 2) -> None:
        if required < 1:
            raise ValueError("required must be at least 1")
        self._required = required
        self._candidate: bytes | None = None
        self._count = 0
        self._accepted: bytes | None = None

    def offer(self, payload: bytes | None) -> bytes | None:
        """Return ``payload`` the moment it has been read ``required`` times in a row."""
        if payload is None:
            return None  # a frame without a code neither confirms nor breaks the streak
        if payload != self._candidate:
            self._candidate, self._count = payload, 0
        self._count += 1
        if self._count >= self._required and payload != self._accepted:
            self._accepted = payload
            return payload
        return None

    def reset(self) -> None:
        """Forget everything, e.g. when a new citizen steps up."""
        self._candidate, self._count, self._accepted = None, 0, None

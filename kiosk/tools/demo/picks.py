"""Weighted draws from one seeded random stream."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Pick(Generic[T]):
    """Weighted draws, the cumulative weights worked out once (``random.choices`` redoes them)."""

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        pairs = list(pairs)
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def __len__(self) -> int:
        return len(self.items)

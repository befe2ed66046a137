"""The QR cascade: the cheapest read first, then bounded retries on fixed-up images.

Order and content were chosen by measurement on the synthetic corpus (bench/qr/RESULTS.md):
zxing-cpp on the frame as it is reads most codes in 1–2 ms; the retries that then pay off
are, in order, the code-like regions upscaled and sharpened (the small codes), the same
regions sharpened harder (the blurred ones) and the whole frame sharpened. Thorough reads
(files) add thresholded regions, the whole frame upscaled and the fallback decoders.
Contrast equalisation (CLAHE) and mirroring were measured and left out: CLAHE read nothing
more, and every decoder reads mirrored codes by itself. The deadline is checked before each
decoder call; the first call always runs.

The first step that reads anything wins, and within a step the decoders are asked in trust
order (zxing-cpp first), so two decoders are never compared: each one's Reed–Solomon check
already refuses damaged symbols, and in the bench no decoder returned a wrong payload.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Literal

import numpy as np

from .images import to_gray
from .qr_decoders import SCANNER_UNAVAILABLE, GrayImage, QrDecoder, ScannerUnavailableError
from .qr_regions import (
    Region,
    adaptive_threshold,
    crop,
    find_code_regions,
    sharpen,
    upscale,
)

REGION_TARGET_PX = 300  # a region is upscaled until its longer side is about this
MAX_REGION_FACTOR = 4.0


class Effort(StrEnum):
    """How hard to try: camera frames must keep the preview fluid, files may take longer."""

    FAST = "fast"
    THOROUGH = "thorough"


DEADLINE_MS = {Effort.FAST: 25.0, Effort.THOROUGH: 2000.0}
REGION_LIMIT = {Effort.FAST: 2, Effort.THOROUGH: 4}


@dataclass(frozen=True)
class QrRead:
    """What one frame gave: the payloads (empty if none), who read them, at which step."""

    payloads: tuple[bytes, ...]
    decoder: str = ""
    step: str = ""
    elapsed_ms: float = 0.0
    attempts: int = 0
    timed_out: bool = False

    @property
    def found(self) -> bool:
        """Whether any QR code was read."""
        return bool(self.payloads)


class Frame:
    """A greyscale frame and what the steps derive from it, computed once, on demand."""

    def __init__(self, gray: GrayImage, region_limit: int) -> None:
        self.gray = gray
        self.region_limit = region_limit

    @cached_property
    def regions(self) -> list[Region]:
        """Code-like regions, most likely first."""
        return find_code_regions(self.gray, self.region_limit)

    def upscaled_regions(self) -> Iterator[tuple[GrayImage, float]]:
        """Each region cropped and upscaled towards :data:`REGION_TARGET_PX`, with the factor."""
        for region in self.regions:
            factor = min(MAX_REGION_FACTOR, max(1.0, REGION_TARGET_PX / region.side))
            yield upscale(crop(self.gray, region), factor), factor


Producer = Callable[[Frame], Iterable[GrayImage]]


@dataclass(frozen=True)
class Step:
    """One retry: the images to try, and whether the primary or the fallback decoders read."""

    name: str
    images: Producer
    decoders: Literal["primary", "fallbacks"] = "primary"


def _as_is(frame: Frame) -> Iterator[GrayImage]:
    yield frame.gray


def _regions(frame: Frame) -> Iterator[GrayImage]:
    for image, factor in frame.upscaled_regions():
        yield sharpen(image, max(factor * 0.5, 1.0), 1.0)


def _regions_deblurred(frame: Frame) -> Iterator[GrayImage]:
    for image, factor in frame.upscaled_regions():
        yield sharpen(image, max(factor, 1.0), 1.5)


def _regions_thresholded(frame: Frame) -> Iterator[GrayImage]:
    for image, _ in frame.upscaled_regions():
        yield adaptive_threshold(image)


def _sharpened(frame: Frame) -> Iterator[GrayImage]:
    yield sharpen(frame.gray, 2.0, 1.5)


def _upscaled(frame: Frame) -> Iterator[GrayImage]:
    yield sharpen(upscale(frame.gray, 2.0, lanczos=False), 1.0, 1.0)


def _as_is_and_regions(frame: Frame) -> Iterator[GrayImage]:
    yield frame.gray
    yield from _regions(frame)


PLAIN = Step("plain", _as_is)
REGIONS = Step("regions", _regions)
REGIONS_DEBLURRED = Step("regions-deblurred", _regions_deblurred)
SHARPENED = Step("sharpened", _sharpened)
REGIONS_THRESHOLDED = Step("regions-thresholded", _regions_thresholded)
UPSCALED = Step("upscaled-2x", _upscaled)
FALLBACK_DECODERS = Step("fallback-decoders", _as_is_and_regions, "fallbacks")

FAST_STEPS = (PLAIN, REGIONS, REGIONS_DEBLURRED, SHARPENED)
THOROUGH_STEPS = (
    *FAST_STEPS,
    REGIONS_THRESHOLDED,
    UPSCALED,
    FALLBACK_DECODERS,
)
STEPS: dict[Effort, tuple[Step, ...]] = {Effort.FAST: FAST_STEPS, Effort.THOROUGH: THOROUGH_STEPS}


class QrCascade:
    """Reads QR codes with ``decoders`` (trust order: the first is the primary).

    Keeps no state between reads, but OpenCV's detector (if given) is not re-entrant: use
    one cascade per worker thread.
    """

    def __init__(
        self,
        decoders: Sequence[QrDecoder],
        *,
        steps: dict[Effort, tuple[Step, ...]] | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        if not decoders:
            raise ScannerUnavailableError(SCANNER_UNAVAILABLE, detail="no QR decoder loaded")
        self.decoders = tuple(decoders)
        self.steps = steps or STEPS
        self._clock = clock

    def read(
        self,
        image: np.ndarray,
        *,
        effort: Effort = Effort.FAST,
        deadline_ms: float | None = None,
    ) -> QrRead:
        """Read ``image`` (greyscale or BGR); stop at the first payload or the deadline."""
        start = self._clock()
        budget = DEADLINE_MS[effort] if deadline_ms is None else deadline_ms
        frame = Frame(to_gray(image), REGION_LIMIT[effort])
        attempts = 0

        def elapsed() -> float:
            return (self._clock() - start) * 1000.0

        for step in self.steps[effort]:
            decoders = self.decoders[:1] if step.decoders == "primary" else self.decoders[1:]
            if not decoders:
                continue
            for candidate in step.images(frame):
                for decoder in decoders:
                    if attempts and elapsed() > budget:
                        return QrRead((), elapsed_ms=elapsed(), attempts=attempts, timed_out=True)
                    attempts += 1
                    payloads = decoder.decode(candidate)
                    if payloads:
                        return QrRead(tuple(payloads), decoder.name, step.name, elapsed(), attempts)
        return QrRead((), elapsed_ms=elapsed(), attempts=attempts)

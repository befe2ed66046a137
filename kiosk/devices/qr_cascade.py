"""The QR cascade: the cheapest read first, then bounded retries on fixed-up images.

Order and content were chosen by measurement on the synthetic corpus (bench/qr/RESULTS.md):
zxing-cpp on the frame as it is reads most codes in 1–2 ms; the retries that then pay off
are, in order, the code-like regions upscaled and sharpened (the small codes), the same
regions sharpened harder (the blurred ones) and the whole frame sharpened. Thorough reads
(files) add thresholded regions, the whole frame upscaled and the fallback decoders.
Contrast equalisation (CLAHE) and mirroring were measured and left out: CLAHE read nothing
more, and every decoder reads mirrored codes by itself.

Files (issue 16) also look for regions harder (the frame halved, a stricter density, windows
cut from long patches) and deconvolve each region with a few guessed blurs (defocus, shake,
a disc; :mod:`.qr_deblur`), which reads codes blurred by half a module and more. Fast mode
has a wall-clock deadline, checked before each decoder call (the first call always runs),
to keep the camera preview fluid. Thorough mode has none, so what a file reads does not
depend on how busy the machine is: its work is bounded by the fixed list of steps, a fixed
number of regions and :data:`ATTEMPT_LIMIT` decoder calls.

The first step that reads anything wins, and within a step the decoders are asked in trust
order (zxing-cpp first), so two decoders are never compared: each one's Reed–Solomon check
already refuses damaged symbols. Over the three corpora (1,556 frames) one wrong payload
came back: a phantom 21-module symbol in JPEG blocks that zxing-cpp read as "76" at the
first step; the identity parser refuses it. So a caller may pass ``accept``, a predicate on
a payload (the scanning service: "a valid ID card"): a read none of whose payloads it
accepts does not end the search, and is what comes back only if no later step reads one it
accepts. The cascade itself knows nothing of what a payload means.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import Literal

import numpy as np

from .images import to_gray
from .qr_deblur import TYPICAL_MODULES, Blur, Deconvolver
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


DEADLINE_MS: dict[Effort, float | None] = {Effort.FAST: 25.0, Effort.THOROUGH: None}
REGION_LIMIT = {Effort.FAST: 2, Effort.THOROUGH: 8}
DECONVOLVED_REGIONS = (
    4  # the most code-like regions deconvolved: 8 read 1 more in 71, at 2x the time
)
ATTEMPT_LIMIT = 400  # decoder calls: a bound on work, the same on a quiet or a busy machine
# Guessed blurs, in modules of the module size a region suggests (its box side / 56: a code
# is 41–61 modules and its patch a little wider, blur spreads it). A heavy blur is undone
# only by a guess within about 0.1 module, with little damping (found on the dev corpus).
DEFOCUS = tuple(
    Blur("gauss", s, d)
    for s, d in (
        (0.5, 2e-3),
        (0.65, 1e-3),
        (0.4, 3e-3),
        (0.8, 5e-4),
        (0.58, 1e-3),
        (0.72, 7e-4),
        (0.9, 3e-4),
        (0.33, 3e-3),
        (1.0, 3e-4),
    )
)
SHAKE = tuple(Blur("line", length) for length in (1.8, 1.3, 2.4, 3.0, 1.0))
DISC = (Blur("disc", 0.8), Blur("disc", 1.0, 4e-3), Blur("disc", 0.6), Blur("disc", 1.2, 2e-3))


@dataclass(frozen=True)
class QrRead:
    """What one frame gave: the payloads (empty if none), who read them, at which step."""

    payloads: tuple[bytes, ...]
    decoder: str = ""
    step: str = ""
    elapsed_ms: float = 0.0
    attempts: int = 0
    timed_out: bool = False  # the budget (deadline or attempt limit) ran out first

    @property
    def found(self) -> bool:
        """Whether any QR code was read."""
        return bool(self.payloads)


class Frame:
    """A greyscale frame and what the steps derive from it, computed once, on demand."""

    def __init__(self, gray: GrayImage, region_limit: int, *, thorough: bool = False) -> None:
        self.gray = gray
        self.region_limit = region_limit
        self.thorough = thorough

    @cached_property
    def regions(self) -> list[Region]:
        """Code-like regions, most likely first."""
        return find_code_regions(self.gray, self.region_limit, thorough=self.thorough)

    @cached_property
    def deconvolvers(self) -> list[tuple[Deconvolver, float]]:
        """Each upscaled region's spectrum, with the module size (pixels) it suggests."""
        return [
            (Deconvolver(image), max(1.0, region.side * factor / TYPICAL_MODULES))
            for region, (image, factor) in zip(
                self.regions[:DECONVOLVED_REGIONS], self.upscaled_regions(), strict=False
            )
        ]

    def upscaled_regions(self) -> Iterator[tuple[GrayImage, float]]:
        """Each region cropped and upscaled towards :data:`REGION_TARGET_PX`, with the factor."""
        for region in self.regions:
            factor = min(MAX_REGION_FACTOR, max(1.0, REGION_TARGET_PX / region.side))
            yield upscale(crop(self.gray, region), factor), factor


Producer = Callable[[Frame], Iterable[GrayImage]]
Accept = Callable[[bytes], bool]  # whether a payload is what the caller looks for


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


def _deconvolved(blurs: tuple[Blur, ...]) -> Producer:
    def images(frame: Frame) -> Iterator[GrayImage]:
        for deconvolver, module_px in frame.deconvolvers:
            for blur in blurs:
                yield deconvolver.undo(blur, module_px)

    return images


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
REGIONS_DEFOCUSED = Step("regions-undo-defocus", _deconvolved(DEFOCUS))
REGIONS_SHAKEN = Step("regions-undo-shake", _deconvolved(SHAKE))
REGIONS_DISC = Step("regions-undo-disc", _deconvolved(DISC))

FAST_STEPS = (PLAIN, REGIONS, REGIONS_DEBLURRED, SHARPENED)
THOROUGH_STEPS = (
    *FAST_STEPS,
    REGIONS_THRESHOLDED,
    REGIONS_DEFOCUSED,
    REGIONS_SHAKEN,
    REGIONS_DISC,
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
        accept: Accept | None = None,
    ) -> QrRead:
        """Read ``image`` (greyscale or BGR); stop at the first payload or when the budget ends.

        The first payload, or with ``accept`` the first read with a payload it accepts.

        The budget is :data:`ATTEMPT_LIMIT` decoder calls and, in fast mode (or when
        ``deadline_ms`` is given), a wall-clock deadline; thorough mode has no deadline of
        its own, so a file reads the same on a busy machine. A read ``accept`` refuses
        does not end the search; failing an accepted one, the first read (if any) comes back,
        with the attempts and time of the whole search.
        """
        start = self._clock()
        budget = DEADLINE_MS[effort] if deadline_ms is None else deadline_ms
        thorough = effort is Effort.THOROUGH
        frame = Frame(to_gray(image), REGION_LIMIT[effort], thorough=thorough)
        attempts = 0
        refused = QrRead(())  # the first read that ``accept`` turned down, if any

        def elapsed() -> float:
            return (self._clock() - start) * 1000.0

        for step in self.steps[effort]:
            decoders = self.decoders[:1] if step.decoders == "primary" else self.decoders[1:]
            if not decoders:
                continue
            for candidate in step.images(frame):
                for decoder in decoders:
                    late = budget is not None and attempts and elapsed() > budget
                    if late or attempts >= ATTEMPT_LIMIT:
                        return replace(
                            refused, elapsed_ms=elapsed(), attempts=attempts, timed_out=True
                        )
                    attempts += 1
                    payloads = decoder.decode(candidate)
                    if not payloads:
                        continue
                    if accept is None or any(accept(payload) for payload in payloads):
                        return QrRead(tuple(payloads), decoder.name, step.name, elapsed(), attempts)
                    if not refused.found:
                        refused = QrRead(tuple(payloads), decoder.name, step.name)
        return replace(refused, elapsed_ms=elapsed(), attempts=attempts)
